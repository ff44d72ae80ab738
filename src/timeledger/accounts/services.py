"""Writes on memberships and API tokens.

Rules: only members with ``manage_members`` add or change members; only an owner grants or takes
away the owner role; an organisation always keeps at least one active owner. Tokens belong to one
member and are revoked, never deleted (the audit log keeps who used what).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from timeledger.accounts.models import ApiToken, Member, User
from timeledger.accounts.roles import Cap, Role
from timeledger.core.audit import record, snapshot

MEMBER_FIELDS = ("role", "is_active", "weekly_capacity_hours", "working_days", "code", "client")


def _require_manage_members(by: Member) -> None:
    if not by.can(Cap.MANAGE_MEMBERS):
        raise PermissionDenied("Your role cannot manage members.")


def _check_owner_change(member: Member | None, data: dict, *, by: Member) -> None:
    """Owners are made and unmade by owners, and the last active owner stays."""
    new_role = data.get("role", member.role if member else Role.MEMBER)
    touches_owner = new_role == Role.OWNER or (member is not None and member.role == Role.OWNER)
    if touches_owner and by.role != Role.OWNER:
        raise PermissionDenied("Only an owner can grant or change the owner role.")
    if member is None or member.role != Role.OWNER:
        return
    stays_owner = new_role == Role.OWNER and data.get("is_active", member.is_active)
    if not stays_owner:
        others = Member.objects.filter(
            organisation=member.organisation, role=Role.OWNER, is_active=True
        ).exclude(pk=member.pk)
        if not others.exists():
            raise ValidationError(
                {
                    "role": [
                        "An organisation needs at least one active owner; appoint another first."
                    ]
                }
            )


def _check_fields(organisation, data: dict, member: Member | None = None) -> None:
    days = data.get("working_days")
    if days is not None and (
        not days or any(c not in "1234567" for c in days) or len(set(days)) != len(days)
    ):
        raise ValidationError(
            {"working_days": ["Use ISO weekday digits without repeats, e.g. 12345 (1 = Monday)."]}
        )
    client = data.get("client")
    if client is not None and client.organisation_id != organisation.id:
        raise ValidationError({"client": ["Not found."]})
    role = data.get("role", member.role if member else Role.MEMBER)
    linked = client if "client" in data else (member.client if member else None)
    if role == Role.CLIENT_VIEWER and linked is None:
        raise ValidationError({"client": ["A client viewer must be linked to a client."]})


def add_member(
    email: str,
    *,
    by: Member,
    role: str = Role.MEMBER,
    first_name: str = "",
    last_name: str = "",
    tz: str | None = None,
    **fields,
) -> Member:
    """Add a person to ``by``'s organisation; creates their user (no password yet) if new."""
    _require_manage_members(by)
    organisation = by.organisation
    data = {"role": role, **fields}
    _check_owner_change(None, data, by=by)
    _check_fields(organisation, data)
    email = User.objects.normalize_email(email or "").strip().lower()
    if not email:
        raise ValidationError({"email": ["Give an e-mail address."]})
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, first_name=first_name, last_name=last_name)
            if tz:
                user.timezone = tz
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
        elif Member.objects.filter(organisation=organisation, user=user).exists():
            raise ValidationError({"email": [f"{email} is already a member."]})
        member = Member(organisation=organisation, user=user, **data)
        member.full_clean(exclude=["organisation", "user"])
        member.save()
        record(
            organisation=organisation,
            actor=by.user,
            action="member_add",
            obj=member,
            after=snapshot(member),
        )
    return member


def update_member(member: Member, data: dict, *, by: Member) -> Member:
    """Change a member's role, activity, capacity, working days, code or linked client."""
    _require_manage_members(by)
    if member.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": ["Not found."]})
    unknown = set(data) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationError({name: ["This field cannot be changed here."] for name in unknown})
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        # Lock the organisation's owners so two demotions cannot both pass the last-owner check.
        list(
            Member.objects.select_for_update().filter(
                organisation=member.organisation, role=Role.OWNER
            )
        )
        _check_owner_change(member, data, by=by)
        _check_fields(member.organisation, data, member)
        before = snapshot(member)
        for name, value in data.items():
            setattr(member, name, value)
        member.full_clean(exclude=["organisation", "user"])
        member.save()
        record(
            organisation=member.organisation,
            actor=by.user,
            action="member_update",
            obj=member,
            before=before,
            after=snapshot(member),
        )
    return member


def issue_token(name: str, *, by: Member) -> tuple[ApiToken, str]:
    """A new personal API token of ``by``; the clear key is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ["Name the token (e.g. the machine or script using it)."]})
    if len(name) > 100:
        raise ValidationError({"name": ["At most 100 characters."]})
    with transaction.atomic():
        token, key = ApiToken.issue(by, name)
        record(
            organisation=by.organisation,
            actor=by.user,
            action="token_issue",
            obj=token,
            after={"name": token.name, "prefix": token.prefix, "member_id": by.pk},
        )
    return token, key


def revoke_token(token: ApiToken, *, by: Member) -> ApiToken:
    """Revoke one of ``by``'s own tokens (it stops working at once)."""
    if token.member_id != by.pk:
        raise PermissionDenied("You can only revoke your own tokens.")
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if updated:
            token.refresh_from_db()
            record(
                organisation=by.organisation,
                actor=by.user,
                action="token_revoke",
                obj=token,
                before={"name": token.name, "prefix": token.prefix},
            )
    return token


PROFILE_FIELDS = ("first_name", "last_name", "timezone")


def update_profile(user: User, data: dict, *, by: Member) -> User:
    """A person changes their own name or time zone (new entries use the new zone; stored
    instants never move)."""
    if user.pk != by.user_id:
        raise PermissionDenied("You can only change your own profile.")
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: ["This field cannot be changed here."] for name in unknown})
    with transaction.atomic():
        before = snapshot(user, PROFILE_FIELDS)
        for name, value in data.items():
            setattr(user, name, value)
        user.full_clean(exclude=["password", "email"])
        user.save(update_fields=list(data) or None)
        record(
            organisation=by.organisation,
            actor=by.user,
            action="profile_update",
            obj=user,
            before=before,
            after=snapshot(user, PROFILE_FIELDS),
        )
    return user
