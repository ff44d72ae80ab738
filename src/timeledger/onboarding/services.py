"""Sign-up: a new organisation with its owner, set up so that its first invoice issues.

Used by the sign-up page, the first-run page and ``timeledger init``. The organisation gets the
VAT preset of its country (``invoicing.vat_presets``) in the same transaction, so a default tax
category exists before anyone bills.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member, Organisation, User
from timeledger.accounts.roles import Role
from timeledger.core.audit import record, snapshot
from timeledger.core.countries import COUNTRY_NAMES
from timeledger.core.money import MINOR_UNITS
from timeledger.core.timeutil import TIMEZONE_CHOICES
from timeledger.invoicing import vat_presets

_ZONES = {name for name, _ in TIMEZONE_CHOICES}


@dataclass(frozen=True)
class SignUp:
    """What a new organisation's owner types on the sign-up page (or passes to ``init``)."""

    organisation: str
    name: str
    email: str
    password: str
    country: str
    currency: str = ""
    time_zone: str = ""
    charges_vat: bool = True


def is_first_run() -> bool:
    """No organisation yet: the login page gives way to the first-run page."""
    return not Organisation.objects.exists()


def sign_up_open() -> bool:
    """Public sign-up is on (``TIMELEDGER_PUBLIC_SIGNUP``), or nobody could ever sign in."""
    return bool(getattr(settings, "PUBLIC_SIGNUP", True)) or is_first_run()


def unique_slug(name: str) -> str:
    base = slugify(name)[:40].strip("-") or "org"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = " ".join(name.split()).partition(" ")
    return first[:150], last[:150]


def _errors(data: SignUp) -> tuple[dict[str, list[str]], str, str]:
    errors: dict[str, list[str]] = {}
    if not data.organisation.strip():
        errors["organisation"] = [_("Name your organisation.")]
    elif len(data.organisation.strip()) > 200:
        errors["organisation"] = [_("At most 200 characters.")]
    if not data.name.strip():
        errors["name"] = [_("Give your name.")]
    email = User.objects.normalize_email(data.email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Give a valid e-mail address.")]
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = [_("An account with this e-mail exists already; sign in instead.")]
    country = (data.country or "").upper()
    if country not in COUNTRY_NAMES:
        errors["country"] = [_("Choose your organisation's country.")]
    preset = vat_presets.PRESETS[vat_presets.preset_key(country, charges_vat=data.charges_vat)]
    currency = (data.currency or preset.currency).upper()
    if currency not in MINOR_UNITS:
        errors["currency"] = [_("Unknown currency %(currency)s.") % {"currency": currency}]
    zone = data.time_zone or preset.time_zone
    if zone not in _ZONES:
        errors["time_zone"] = [_("Unknown time zone %(zone)s.") % {"zone": zone}]
    first, last = _split_name(data.name)
    try:
        password_validation.validate_password(
            data.password or "", User(email=email, first_name=first, last_name=last)
        )
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    return errors, currency, zone


def sign_up(data: SignUp) -> Member:
    """Create the organisation, its owner (who can sign in at once) and its VAT categories."""
    errors, currency, zone = _errors(data)
    if errors:
        raise ValidationError(errors)
    country = data.country.upper()
    first, last = _split_name(data.name)
    email = User.objects.normalize_email(data.email).strip().lower()
    with transaction.atomic():
        org = Organisation(
            name=data.organisation.strip(),
            slug=unique_slug(data.organisation),
            legal_name=data.organisation.strip(),
            country=country,
            currency=currency,
            time_zone=zone,
            email=email,
        )
        org.full_clean()
        org.save()
        user = User(email=email, first_name=first, last_name=last, timezone=zone)
        user.set_password(data.password)
        user.full_clean(exclude=["password"])
        user.save()
        owner = Member.objects.create(organisation=org, user=user, role=Role.OWNER)
        record(organisation=org, actor=user, action="sign_up", obj=org, after=snapshot(org))
        vat_presets.seed_preset(
            org, vat_presets.preset_key(country, charges_vat=data.charges_vat), actor=user
        )
    return owner
