"""Writes on memberships and API tokens.

Rules: only members with ``manage_members`` add or change members; only an owner grants or takes
away the owner role; an organisation always keeps at least one active owner. Tokens belong to one
member and are revoked, never deleted (the audit log keeps who used what).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from timeledger.accounts import rules
from timeledger.accounts.models import ApiToken, Member, Organisation, User
from timeledger.accounts.roles import ROLE_IN_SENTENCE, Cap, Role
from timeledger.core.audit import record, snapshot
from timeledger.core.countries import COUNTRY_NAMES

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def site_url(path: str, base_url: str = "") -> str:
    """An absolute link for an e-mail: ``base_url`` (the request's), else the configured one."""
    base = (base_url or settings.TIMELEDGER_BASE_URL or DEFAULT_BASE_URL).rstrip("/")
    return base + path


MEMBER_FIELDS = ("role", "is_active", "weekly_capacity_hours", "working_days", "code", "client")


def _require_manage_members(by: Member) -> None:
    if not by.can(Cap.MANAGE_MEMBERS):
        raise PermissionDenied(_("Your role cannot manage members."))


def _check_owner_change(member: Member | None, data: dict, *, by: Member) -> None:
    """Owners are made and unmade by owners, and the last active owner stays."""
    new_role = data.get("role", member.role if member else Role.MEMBER)
    touches_owner = new_role == Role.OWNER or (member is not None and member.role == Role.OWNER)
    if touches_owner and by.role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can grant or change the owner role."))
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
                        _("An organisation needs at least one active owner; appoint another first.")
                    ]
                }
            )


def _check_fields(organisation, data: dict, member: Member | None = None) -> None:
    days = data.get("working_days")
    if days is not None and (error := rules.working_days_error(days)):
        raise ValidationError({"working_days": [error]})
    client = data.get("client")
    if client is not None and client.organisation_id != organisation.id:
        raise ValidationError({"client": [_("Not found.")]})
    role = data.get("role", member.role if member else Role.MEMBER)
    linked = client if "client" in data else (member.client if member else None)
    if role == Role.CLIENT_VIEWER and linked is None:
        raise ValidationError({"client": [_("A client viewer must be linked to a client.")]})


def add_member(
    email: str,
    *,
    by: Member,
    role: str = Role.MEMBER,
    first_name: str = "",
    last_name: str = "",
    tz: str | None = None,
    base_url: str = "",
    **fields,
) -> Member:
    """Add a person to ``by``'s organisation; creates their user (no password yet) if new.

    The person is told by e-mail once the transaction commits: a new user gets a link to choose
    their password (Django's password-reset token, valid ``PASSWORD_RESET_TIMEOUT``), an existing
    one a note that they can now switch to the organisation."""
    _require_manage_members(by)
    organisation = by.organisation
    data = {"role": role, **fields}
    _check_owner_change(None, data, by=by)
    _check_fields(organisation, data)
    email = User.objects.normalize_email(email or "").strip().lower()
    if not email:
        raise ValidationError({"email": [_("Give an e-mail address.")]})
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
        _tell_added(member, by=by, base_url=base_url)
    return member


def _tell_added(member: Member, *, by: Member, base_url: str) -> None:
    user, org = member.user, member.organisation
    who = by.user.get_full_name() or by.user.email
    if user.has_usable_password():
        link = site_url(reverse("login"), base_url)
    else:
        path = reverse(
            "password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
        link = site_url(path, base_url)
    # In the organisation's language (as the invitation e-mail).
    with translation.override(org.mail_language):
        facts = {
            "who": who,
            "organisation": org.name,
            "role": ROLE_IN_SENTENCE[member.role],
            "link": link,
        }
        subject = _("%(who)s added you to %(organisation)s on Timeledger") % facts
        if user.has_usable_password():
            step = _("Sign in as usual and switch to %(organisation)s:")
        else:
            step = _("Choose your password here (the link works once):")
        lines = [
            _("Hello,"),
            "",
            _("%(who)s added you to %(organisation)s on Timeledger as %(role)s."),
            "",
            step,
            "",
            "%(link)s",
        ]
        body = "\n".join(lines) % facts + "\n"
    recipient = user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))


def update_member(member: Member, data: dict, *, by: Member) -> Member:
    """Change a member's role, activity, capacity, working days, code or linked client."""
    _require_manage_members(by)
    if member.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    unknown = set(data) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in unknown})
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


def issue_token(name: str, *, by: Member, password: str) -> tuple[ApiToken, str]:
    """A new personal API token of ``by``; the clear key is returned once and never stored.

    Step-up: the password is asked again, so a session left open (or a token that leaked) cannot
    mint lasting credentials; the token itself then needs no second factor.
    """
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Name the token (e.g. the machine or script using it).")]
    elif len(name) > 100:
        errors["name"] = [_("At most 100 characters.")]
    if not by.user.check_password(password or ""):
        errors["password"] = [_("Give your password again to create a token.")]
    if errors:
        raise ValidationError(errors)
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
        raise PermissionDenied(_("You can only revoke your own tokens."))
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
        raise PermissionDenied(_("You can only change your own profile."))
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in unknown})
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


ORGANISATION_FIELDS = (
    "name",
    "legal_name",
    "address",
    "country",
    "vat_id",
    "registration_id",
    "email",
    "iban",
    "bic",
    "logo",
    "currency",
    "time_zone",
    "week_start",
    "working_days",
    "working_hours_per_day",
    "default_payment_terms_days",
    "language",
    "require_two_factor",
)
LOGO_MAX_BYTES = 1_000_000
LOGO_TYPES = (".png", ".jpg", ".jpeg")


def organisation_errors(org: Organisation, data: dict) -> dict[str, list[str]]:
    """Field-level messages for ``data`` applied to ``org`` (empty when all is well)."""
    errors: dict[str, list[str]] = {}
    unknown = set(data) - set(ORGANISATION_FIELDS)
    for name in unknown:
        errors[name] = [_("This field cannot be changed here.")]
    if "name" in data and not (data["name"] or "").strip():
        errors["name"] = [_("Name the organisation.")]
    country = (data.get("country", org.country) or "").upper()
    if "country" in data and country not in COUNTRY_NAMES:
        errors["country"] = [_("Choose a country from the list.")]
    checks = {
        "vat_id": lambda v: rules.vat_id_error(v, country),
        "iban": rules.iban_error,
        "bic": rules.bic_error,
        "working_days": rules.working_days_error,
    }
    for name, check in checks.items():
        if name in data and (error := check(data[name] or "")):
            errors[name] = [error]
    if "vat_id" not in data and "country" in data and org.vat_id:
        if error := rules.vat_id_error(org.vat_id, country):
            errors["vat_id"] = [error + " (the country changed)"]
    logo = data.get("logo")
    if logo and hasattr(logo, "size"):
        if not logo.name.lower().endswith(LOGO_TYPES):
            errors["logo"] = [_("Upload a PNG or JPEG image.")]
        elif logo.size > LOGO_MAX_BYTES:
            errors["logo"] = [_("The logo may be at most 1 MB.")]
    return errors


def update_organisation(data: dict, *, by: Member) -> Organisation:
    """Change the organisation's details, currency, time zone, working week or sign-in policy."""
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(_("Only an owner or admin can change the organisation's settings."))
    with transaction.atomic():
        org = Organisation.objects.select_for_update(no_key=True).get(pk=by.organisation_id)
        errors = organisation_errors(org, data)
        before = snapshot(org, ORGANISATION_FIELDS)
        for name, value in data.items():
            if name == "logo" and value is False:  # the form's "clear" box
                value = ""
            if name in ("vat_id", "iban", "bic", "country"):
                value = rules.compact(value)
            elif isinstance(value, str) and name != "address":
                value = value.strip()
            if name not in errors:
                setattr(org, name, value)
        try:
            org.full_clean(exclude=[name for name in errors if hasattr(org, name)])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, messages)
        if errors:
            raise ValidationError(errors)
        after = snapshot(org, ORGANISATION_FIELDS)
        if after != before:
            org.save()
            record(
                organisation=org,
                actor=by.user,
                action="settings",
                obj=org,
                before=before,
                after=after,
            )
    by.organisation = org
    return org
