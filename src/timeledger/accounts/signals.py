"""Receivers: sign-in lockouts (django-axes) are written to the audit log."""

from __future__ import annotations

import datetime as dt

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.dispatch import receiver
from django.utils import timezone

from timeledger.accounts.models import Member, User
from timeledger.core import audit
from timeledger.core.models import AuditLog


@receiver(user_locked_out, dispatch_uid="timeledger.accounts.lockout_audit")
def audit_lockout(sender, request, username, ip_address, **kwargs):
    """One audit row per organisation of the locked-out account (none for unknown addresses:
    axes' own access log keeps those)."""
    user = User.objects.filter(email__iexact=username or "").first()
    if user is None:
        return
    # Axes signals again for every attempt refused while locked: record the lockout once.
    since = timezone.now() - (get_cool_off(request) or dt.timedelta(hours=1))
    already = AuditLog.objects.filter(
        action="login.locked_out",
        object_type=user._meta.label_lower,
        object_id=str(user.pk),
        after__ip_address=ip_address,
        at__gte=since,
    )
    if already.exists():
        return
    for member in Member.objects.filter(user=user).select_related("organisation"):
        audit.record(
            organisation=member.organisation,
            actor=None,
            action="login.locked_out",
            obj=user,
            after={"ip_address": ip_address, "username": username},
            reason="too many failed sign-ins",
        )
