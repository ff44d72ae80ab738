from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from timeledger.accounts.models import ApiToken
from timeledger.accounts.tenancy import bind
from timeledger.accounts.throttling import BadTokenThrottle


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>``; the token fixes the organisation of the request."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        guard = BadTokenThrottle()
        guard.check(request)
        if len(header) != 2:
            guard.failed(request)
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        token = ApiToken.find(header[1].decode(errors="replace"))
        if token is None or not token.member.is_active or not token.member.user.is_active:
            guard.failed(request)
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        bind(request._request, token.member)
        return token.member.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes ``ApiTokenAuthentication`` in the OpenAPI schema (``Authorization: Token …``)."""

    target_class = "timeledger.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal API token: `Token tl_…` (create one at /api/tokens/).",
        }
