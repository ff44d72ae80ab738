"""Two-factor sign-in: TOTP (an authenticator app) with single-use recovery codes, on django-otp.

A person who set up an authenticator is asked for a code after their password, on every sign-in
(``TwoFactorMiddleware`` sends a signed-in but unverified session to the code page). An
organisation may require it (``Organisation.require_two_factor``) for owners, admins and
accountants: they are sent to the set-up page until they have it. API tokens are not affected —
a token is a second secret of its own — but creating one asks for the password again.

Recovery codes are django-otp static tokens: verifying one deletes it, so each works once.
"""

from __future__ import annotations

import base64
import io

import segno
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from timeledger.accounts.roles import Role
from timeledger.core.audit import record

RECOVERY_CODES = 10
REQUIRED_ROLES = (Role.OWNER, Role.ADMIN, Role.ACCOUNTANT)
DEVICE_NAME = "Authenticator app"


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required(member) -> bool:
    """The organisation's policy: owners, admins and accountants need a second factor."""
    return bool(
        member is not None
        and member.organisation.require_two_factor
        and member.role in REQUIRED_ROLES
    )


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (made on first visit of the set-up page)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` URI as an inline SVG QR code for the authenticator app to scan."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=4, xmldecl=False)
    return out.getvalue().decode()


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, for typing into an app that cannot scan."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _new_codes(user) -> list[str]:
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def confirm(request, device: TOTPDevice, code: str, *, member=None) -> list[str]:
    """Turn the pending authenticator on with a first code from it; returns the recovery codes
    (shown once). The session counts as verified from here on."""
    code = (code or "").replace(" ", "")
    if device.confirmed or device.user_id != request.user.pk:
        raise ValidationError({"code": [_("Start the set-up again.")]})
    if not code.isdigit() or not device.verify_token(code):
        raise ValidationError(
            {"code": [_("That code is not right; check the app's clock and try again.")]}
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_codes(request.user)
        if member is not None:
            record(
                organisation=member.organisation,
                actor=request.user,
                action="two_factor_on",
                obj=request.user,
            )
    otp_login(request, device)
    return codes


def regenerate_codes(user, *, password: str) -> list[str]:
    if not user.check_password(password or ""):
        raise ValidationError({"password": [_("That is not your password.")]})
    if not has_two_factor(user):
        raise ValidationError({"non_field_errors": [_("Set up two-factor sign-in first.")]})
    with transaction.atomic():
        return _new_codes(user)


def disable(user, *, password: str, member=None) -> None:
    """Turn two-factor sign-in off (password needed; refused where the organisation requires it)."""
    if not user.check_password(password or ""):
        raise ValidationError({"password": [_("That is not your password.")]})
    required = [
        m.organisation.name for m in user.memberships.filter(is_active=True) if is_required(m)
    ]
    if required:
        raise ValidationError(
            {
                "non_field_errors": [
                    _("%(organisations)s requires two-factor sign-in for your role.")
                    % {"organisations": ", ".join(required)}
                ]
            }
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        if member is not None:
            record(
                organisation=member.organisation,
                actor=user,
                action="two_factor_off",
                obj=user,
            )


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, code: str) -> bool:
    """Check a code from the app or a recovery code; on success the session is verified."""
    code = (code or "").strip().replace(" ", "").lower()
    if not code:
        return False
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if code.isdigit() and device.verify_token(code):
            otp_login(request, device)
            return True
    for device in StaticDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(code):  # deletes the token: a recovery code works once
            otp_login(request, device)
            return True
    return False


# Paths a signed-in but not yet verified session may still open.
# /jsi18n/: the sign-in and second-factor pages run app.js in their language too (no data in it).
OPEN_PATHS = (
    "/login/",
    "/logout/",
    "/static/",
    "/jsi18n/",
    "/password/reset/",
    "/invite/",
    "/welcome/",
)


class TwoFactorMiddleware:
    """After ``OTPMiddleware`` and the organisation middleware: a session whose user has an
    authenticator must give a code first; one whose organisation requires a second factor must
    set one up first. Token-authenticated API requests pass (the token is their second factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return self.get_response(request)
        if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("token "):
            return self.get_response(request)
        if user.is_verified():
            return self.get_response(request)
        verify_url = reverse("two_factor_verify")
        setup_url = reverse("two_factor_setup")
        if has_two_factor(user):
            if request.path == verify_url:
                return self.get_response(request)
            return self._refuse(
                request, verify_url, _("Give the code from your authenticator app.")
            )
        if is_required(getattr(request, "member", None)):
            if request.path == setup_url:
                return self.get_response(request)
            return self._refuse(
                request, setup_url, _("Your organisation requires two-factor sign-in; set it up.")
            )
        return self.get_response(request)

    @staticmethod
    def _refuse(request, url: str, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": "two_factor_required", "message": message, "fields": {}}, status=403
            )
        target = request.get_full_path()
        query = ""
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            query = "?" + urlencode({REDIRECT_FIELD_NAME: target})
        return redirect(url + query)
