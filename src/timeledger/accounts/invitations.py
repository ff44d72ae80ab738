"""Invitations: owners and admins invite by e-mail with a role; the invitee sets a name and a
password from the link and lands on Today.

Rules: only ``manage_members`` invites, resends or revokes; only an owner invites an owner; a
client viewer is invited for one client. The link works once and for seven days after it was last
sent (resending makes a new link and the old one stops working). Accepting claims the invitation
with a conditional UPDATE, so two clicks racing on one link make one membership.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from timeledger.accounts.models import (
    INVITATION_DAYS,
    Invitation,
    InvitationStatus,
    Member,
    User,
)
from timeledger.accounts.roles import ROLE_IN_SENTENCE, Cap, Role
from timeledger.accounts.services import _check_fields, _check_owner_change, site_url
from timeledger.core.audit import record
from timeledger.core.errors import fail_fields


def _require(by: Member) -> None:
    if not by.can(Cap.MANAGE_MEMBERS):
        raise PermissionDenied(_("Your role cannot invite or manage members."))


def _own(invitation: Invitation, by: Member) -> None:
    if invitation.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})


def _invited_already(email: str) -> str:
    return _("%(email)s is invited already; resend the invitation instead.") % {"email": email}


def _expiry_day(invitation: Invitation) -> str:
    return formats.date_format(
        invitation.expires_at, pgettext("e-mail: a date (Django date format)", "d M Y")
    )


def _status_word(status: str) -> str:
    """An invitation's status inside a sentence, in the page's language."""
    return {
        InvitationStatus.PENDING: pgettext("invitation", "pending"),
        InvitationStatus.EXPIRED: pgettext("invitation", "expired"),
        InvitationStatus.ACCEPTED: pgettext("invitation", "accepted"),
        InvitationStatus.REVOKED: pgettext("invitation", "revoked"),
    }.get(status, status)


def invitation_url(token: str, base_url: str = "") -> str:
    return site_url(reverse("invitation_accept", args=[token]), base_url)


def _send(invitation: Invitation, token: str, base_url: str) -> None:
    """Mail the link once the transaction that made it commits (a rollback sends nothing)."""
    org = invitation.organisation
    inviter = invitation.invited_by.user if invitation.invited_by else None
    who = (inviter.get_full_name() or inviter.email) if inviter else org.name
    url = invitation_url(token, base_url)
    expires = timezone.localtime(invitation.expires_at, timezone=dt.UTC)
    # In the organisation's language: the invitee has no account (nor language) yet.
    with translation.override(org.mail_language):
        facts = {
            "who": who,
            "organisation": org.name,
            "role": ROLE_IN_SENTENCE[invitation.role],
            "link": url,
            "expires": formats.date_format(
                expires, pgettext("e-mail: a date and time (Django date format)", "d M Y H:i")
            ),
        }
        subject = _("%(who)s invites you to %(organisation)s on Timeledger") % facts
        lines = [
            _("Hello,"),
            "",
            _("%(who)s invites you to join %(organisation)s on Timeledger as %(role)s."),
            "",
            _("Accept the invitation, choose your name and a password here:"),
            "",
            "%(link)s",
            "",
            _("The link works once, until %(expires)s UTC."),
        ]
        body = "\n".join(lines) % facts + "\n"
    recipient = invitation.email

    def send() -> None:
        send_mail(subject, body, None, [recipient], fail_silently=False)

    transaction.on_commit(send)


def _expire_old(organisation, email: str, now: dt.datetime) -> None:
    """An open invitation past its date stops blocking a new one: it is revoked."""
    Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__lte=now,
    ).update(revoked_at=now)


def invite(
    email: str,
    *,
    by: Member,
    role: str = Role.MEMBER,
    client=None,
    base_url: str = "",
    now: dt.datetime | None = None,
) -> Invitation:
    """Invite ``email`` into ``by``'s organisation with ``role``; mails the link."""
    _require(by)
    now = now or timezone.now()
    organisation = by.organisation
    email = User.objects.normalize_email(email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        fail_fields(email=_("Give a valid e-mail address."))
    if role not in Role.values:
        fail_fields(role=_("Choose a role."))
    data = {"role": role, "client": client}
    _check_owner_change(None, data, by=by)
    _check_fields(organisation, data)
    if Member.objects.filter(
        organisation=organisation, user__email__iexact=email, is_active=True
    ).exists():
        fail_fields(email=_("%(email)s is already a member.") % {"email": email})
    token = Invitation.new_token()
    with transaction.atomic():
        _expire_old(organisation, email, now)
        if Invitation.objects.filter(
            organisation=organisation,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).exists():
            fail_fields(email=_invited_already(email))
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    organisation=organisation,
                    email=email,
                    role=role,
                    client=client if role == Role.CLIENT_VIEWER else None,
                    invited_by=by,
                    token_hash=Invitation.hash(token),
                    sent_at=now,
                    expires_at=now + dt.timedelta(days=INVITATION_DAYS),
                )
        except IntegrityError:  # a concurrent invite of the same address won
            fail_fields(email=_invited_already(email))
        record(
            organisation=organisation,
            actor=by.user,
            action="invite",
            obj=invitation,
            after={"email": email, "role": role, "client_id": getattr(client, "pk", None)},
        )
        _send(invitation, token, base_url)
    return invitation


def resend(
    invitation: Invitation, *, by: Member, base_url: str = "", now: dt.datetime | None = None
) -> Invitation:
    """A new link, valid for another seven days; the previous link stops working."""
    _require(by)
    _own(invitation, by)
    now = now or timezone.now()
    token = Invitation.new_token()
    with transaction.atomic():
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(
            token_hash=Invitation.hash(token),
            sent_at=now,
            expires_at=now + dt.timedelta(days=INVITATION_DAYS),
        )
        invitation.refresh_from_db()
        if not updated:
            fail_fields(
                non_field_errors=_(
                    "This invitation is %(status)s; it cannot be sent again. Invite the address"
                    " anew."
                )
                % {"status": _status_word(invitation.status_at(now))}
            )
        record(
            organisation=invitation.organisation,
            actor=by.user,
            action="invite_resend",
            obj=invitation,
            after={"email": invitation.email, "expires_at": invitation.expires_at.isoformat()},
        )
        _send(invitation, token, base_url)
    return invitation


def revoke(invitation: Invitation, *, by: Member, now: dt.datetime | None = None) -> Invitation:
    """Withdraw an open invitation: its link stops working at once."""
    _require(by)
    _own(invitation, by)
    now = now or timezone.now()
    with transaction.atomic():
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation.refresh_from_db()
        if not updated:
            fail_fields(
                non_field_errors=_("This invitation is %(status)s already.")
                % {"status": _status_word(invitation.status_at(now))}
            )
        record(
            organisation=invitation.organisation,
            actor=by.user,
            action="invite_revoke",
            obj=invitation,
            before={"email": invitation.email, "role": invitation.role},
        )
    return invitation


def find(token: str) -> Invitation | None:
    if not token:
        return None
    return (
        Invitation.objects.select_related("organisation", "invited_by__user")
        .filter(token_hash=Invitation.hash(token))
        .first()
    )


def refusal(invitation: Invitation | None, now: dt.datetime) -> str | None:
    """Why this link cannot be used (``None``: it can)."""
    if invitation is None:
        return _("This invitation link is not valid. Ask for a new invitation.")
    status = invitation.status_at(now)
    if status == InvitationStatus.ACCEPTED:
        return _("This invitation link was used already; sign in instead.")
    if status == InvitationStatus.REVOKED:
        return _("This invitation was withdrawn. Ask for a new one if you still need access.")
    if status == InvitationStatus.EXPIRED:
        inviter = invitation.invited_by.user if invitation.invited_by else None
        if inviter is None:
            return _("This invitation expired on %(day)s; ask an admin to send a new one.") % {
                "day": _expiry_day(invitation)
            }
        return _("This invitation expired on %(day)s; ask %(who)s to send a new one.") % {
            "day": _expiry_day(invitation),
            "who": inviter.get_full_name() or inviter.email,
        }
    return None


def existing_user(invitation: Invitation) -> User | None:
    """The invitee's account when they have one with a password (they sign in with it)."""
    user = User.objects.filter(email__iexact=invitation.email).first()
    return user if user is not None and user.has_usable_password() else None


def accept(
    token: str,
    *,
    password: str,
    first_name: str = "",
    last_name: str = "",
    now: dt.datetime | None = None,
) -> Member:
    """Use the link: a new person sets name and password; someone with an account gives its
    password. Returns the (new or reactivated) membership."""
    now = now or timezone.now()
    invitation = find(token)
    reason = refusal(invitation, now)
    if reason:
        fail_fields(non_field_errors=reason)
    org = invitation.organisation
    user = existing_user(invitation)
    if user is not None:
        if not user.check_password(password or ""):
            fail_fields(password=_("This e-mail has an account already: give its password."))
    else:
        first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
        errors = {}
        if not first_name:
            errors["first_name"] = [_("Give your first name.")]
        candidate = User.objects.filter(email__iexact=invitation.email).first() or User(
            email=invitation.email
        )
        candidate.first_name, candidate.last_name = first_name[:150], last_name[:150]
        try:
            password_validation.validate_password(password or "", candidate)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
        ).update(accepted_at=now)
        if claimed != 1:  # a second click (or a revoke) got there first
            invitation.refresh_from_db()
            fail_fields(
                non_field_errors=refusal(invitation, now) or _("This invitation cannot be used.")
            )
        if user is None:
            user = candidate
            if user.pk is None:
                user.timezone = org.time_zone
            user.set_password(password)
            user.save()
        member = Member.objects.filter(organisation=org, user=user).first()
        if member is None:
            days = org.working_days
            member = Member.objects.create(
                organisation=org,
                user=user,
                role=invitation.role,
                client=invitation.client,
                working_days=days,
                weekly_capacity_hours=(org.working_hours_per_day * len(days)).quantize(
                    Decimal("0.01")
                ),
            )
        else:  # a deactivated member comes back with the invited role; history stays theirs
            member.role, member.client, member.is_active = invitation.role, invitation.client, True
            member.save(update_fields=["role", "client", "is_active"])
        Invitation.objects.filter(pk=invitation.pk).update(member=member)
        record(
            organisation=org,
            actor=user,
            action="invite_accept",
            obj=invitation,
            after={"member_id": member.pk, "role": member.role},
        )
    return member
