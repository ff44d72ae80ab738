"""API throttles: per token/user, per anonymous IP, and failed token look-ups per IP.

DRF authenticates before it throttles, so a request with a wrong token never reached a throttle
and tokens could be guessed at full speed. ``BadTokenThrottle`` is checked by the token
authentication itself: an address over its rate of failed look-ups gets 429 with ``Retry-After``
before the token is even looked up; each failed look-up counts. Rates are read when a request is
throttled (not when the module is imported) so settings overrides take effect.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings


class _Rates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class UserThrottle(_Rates, throttling.UserRateThrottle):
    """Per signed-in user (token or session)."""


class AnonThrottle(_Rates, throttling.AnonRateThrottle):
    """Per IP address for requests without credentials."""


class BadTokenThrottle(_Rates, throttling.SimpleRateThrottle):
    """Failed token look-ups per IP address."""

    scope = "bad_token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def check(self, request) -> None:
        """Raise 429 when this address already failed too often (counts nothing)."""
        if self.rate is None:
            return
        self.key = self.get_cache_key(request, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            raise exceptions.Throttled(self.wait(), detail=_("Too many invalid tokens from here."))

    def failed(self, request) -> None:
        """Count one failed look-up."""
        if self.rate is None:
            return
        self.check(request)
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
