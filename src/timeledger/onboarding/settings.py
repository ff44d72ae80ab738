"""The organisation's settings page and ``/api/organisation/``: one form over the services that own
each part (details and working week: accounts; rounding: timesheets; lock date and reminders:
approvals; invoice numbers and VAT presets: invoicing).

``save_settings`` applies what changed in one transaction and collects every part's field errors
before giving up, so a form with three mistakes shows three messages, and nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from timeledger.accounts import services as accounts
from timeledger.accounts.models import Member, Organisation
from timeledger.accounts.roles import Cap
from timeledger.approvals import services as approvals
from timeledger.invoicing import numbering, vat_presets
from timeledger.rates.models import Rate, RateKind
from timeledger.timesheets import rounding_services

ROUNDING_FIELDS = ("rounding_increment", "rounding_mode")
LOCK_FIELDS = ("lock_date", "lock_reason")
APPROVAL_FIELDS = ("reminder_frequency", "approved_unbilled_days")
FIELDS = (
    *accounts.ORGANISATION_FIELDS,
    *ROUNDING_FIELDS,
    *LOCK_FIELDS,
    *APPROVAL_FIELDS,
    "invoice_number_pattern",
    "vat_preset",
)

# A part's own name for a field, and the settings form's.
ERROR_ALIASES = {"reason": "lock_reason"}


def settings_of(org: Organisation) -> dict:
    """Every setting's current value, as the form and the API show it."""
    values = {name: getattr(org, name) for name in accounts.ORGANISATION_FIELDS}
    values.update({name: getattr(org, name) for name in (*ROUNDING_FIELDS, *APPROVAL_FIELDS)})
    values["lock_date"] = org.lock_date
    values["lock_reason"] = ""
    values["invoice_number_pattern"] = numbering.current_pattern(org)
    values["vat_preset"] = vat_presets.current_key(org) or ""
    return values


def _currency_error(org: Organisation, currency: str) -> str | None:
    if currency == org.currency:
        return None
    if Rate.objects.filter(organisation=org, kind=RateKind.COST, currency=org.currency).exists():
        return _(
            "Cost rates are kept in %(currency)s; the organisation's currency cannot change while"
            " they exist."
        ) % {"currency": org.currency}
    return None


def save_settings(data: dict, *, by: Member) -> Organisation:
    """Apply the settings in ``data`` that differ from the current ones."""
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(_("Only an owner or admin can change the organisation's settings."))
    org = Organisation.objects.get(pk=by.organisation_id)
    current = settings_of(org)
    errors: dict[str, list[str]] = {
        name: [_("This field cannot be changed here.")] for name in set(data) - set(FIELDS)
    }
    changed = {
        name: value
        for name, value in data.items()
        if name in FIELDS and (name == "logo" or current.get(name) != value)
    }

    def attempt(step: Callable[[], object]) -> None:
        try:
            step()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(ERROR_ALIASES.get(name, name), []).extend(messages)

    try:
        with transaction.atomic():
            if "currency" in changed and (error := _currency_error(org, changed["currency"])):
                errors["currency"] = [error]
            details = {k: v for k, v in changed.items() if k in accounts.ORGANISATION_FIELDS}
            if details:
                attempt(lambda: accounts.update_organisation(details, by=by))
            if any(name in changed for name in ROUNDING_FIELDS):
                rounding = {name: data.get(name, current[name]) for name in ROUNDING_FIELDS}
                attempt(
                    lambda: rounding_services.set_organisation_rounding(
                        rounding["rounding_increment"], rounding["rounding_mode"], by=by
                    )
                )
            if "lock_date" in changed:
                attempt(
                    lambda: approvals.set_lock_date(
                        changed["lock_date"], by=by, reason=data.get("lock_reason", "")
                    )
                )
            approval = {k: changed[k] for k in APPROVAL_FIELDS if k in changed}
            if approval:
                attempt(lambda: approvals.set_approval_settings(by=by, **approval))
            if "invoice_number_pattern" in changed:
                attempt(
                    lambda: numbering.set_pattern(org, changed["invoice_number_pattern"], by=by)
                )
            _apply_vat_preset(org, changed, current, errors, by=by)
            if errors:
                raise ValidationError(errors)
    except ValidationError:
        by.organisation.refresh_from_db()
        raise
    org.refresh_from_db()
    by.organisation = org
    return org


def _apply_vat_preset(org, changed: dict, current: dict, errors: dict, *, by: Member) -> None:
    """An explicit choice of VAT rates wins; otherwise a new country brings its own rates (an
    organisation that charges no VAT keeps charging none)."""
    key = changed.get("vat_preset") or None
    if key is not None and key not in vat_presets.PRESETS:
        errors["vat_preset"] = [_("Choose VAT rates from the list.")]
        return
    if key is None and "country" in changed and current["vat_preset"] != vat_presets.NO_VAT:
        key = vat_presets.preset_key(changed["country"])
    if key and key != current["vat_preset"] and "country" not in errors:
        vat_presets.seed_preset(org, key, actor=by.user)
