"""Writes on rates and on per-entry overrides.

Every function takes the acting member keyword-only, validates everything first (field-level
``ValidationError``), writes in one transaction with its audit row. Locked entries are never
touched: a rate change only re-prices unlocked work (see ``rates.preview``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from timeledger.accounts.models import JobRole, Member
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import timeutil
from timeledger.core.audit import delete_audited, record, snapshot
from timeledger.core.money import (
    MINOR_UNITS,
    UnknownCurrency,
    decimals_error,
    minor_unit,
    parse_decimal,
)
from timeledger.projects.models import Project, Task
from timeledger.rates import rules
from timeledger.rates.locking import refresh_valid_until
from timeledger.rates.models import Rate, RateKind, RateLevel
from timeledger.rates.resolution import candidate
from timeledger.timesheets.models import TimeEntry

MAX_RATE = Decimal("9999999999.99")
SCOPE_MODELS = {
    "job_role": JobRole,
    "member": Member,
    "client": Client,
    "project": Project,
    "task": Task,
}
FIELDS = ("kind", "level", "amount", "currency", "effective_from", "label", *SCOPE_MODELS)


def _require(by: Member) -> None:
    if not by.can(Cap.MANAGE_RATES):
        raise PermissionDenied(_("Your role cannot manage rates."))


def _bill_currency(level: str, scope: dict):
    """The currency a billing rate at this scope must be in (the client's), or None if free."""
    if level == RateLevel.TASK and scope.get("task") is not None:
        return scope["task"].project.client.currency
    if level in (RateLevel.PROJECT, RateLevel.PROJECT_MEMBER) and scope.get("project") is not None:
        return scope["project"].client.currency
    if level == RateLevel.CLIENT and scope.get("client") is not None:
        return scope["client"].currency
    return None


def clean_rate(data: dict, *, organisation, instance: Rate | None = None) -> dict:
    """Validate rate input against the rules; returns the cleaned values or raises field errors.

    Shared by ``save_rate`` and the change preview, so both refuse the same input.
    """
    values = {f: getattr(instance, f) for f in FIELDS} if instance else {}
    values.update({k: v for k, v in data.items() if k in FIELDS})
    values.setdefault("kind", RateKind.BILLING)
    values.setdefault("label", "")
    errors: dict[str, str] = {}

    if values.get("kind") not in RateKind.values:
        errors["kind"] = _("Kind must be one of: %(choices)s.") % {
            "choices": ", ".join(RateKind.values)
        }
    level = values.get("level")
    if level not in RateLevel.values:
        errors["level"] = _("Level must be one of: %(choices)s.") % {
            "choices": ", ".join(RateLevel.values)
        }

    amount = values.get("amount")
    try:
        amount = None if amount in (None, "") else parse_decimal(amount)
    except (TypeError, ValueError):
        errors["amount"] = _("Enter the hourly amount as a number, e.g. 150.00.")
        amount = None
    if amount is None and "amount" not in errors:
        errors["amount"] = _("Enter the hourly amount.")
    elif amount is not None:
        if amount < 0:
            errors["amount"] = _("A rate cannot be negative.")
        elif amount > MAX_RATE:
            errors["amount"] = _("That rate is too large.")
    values["amount"] = amount

    currency = (values.get("currency") or "").upper()
    try:
        minor_unit(currency)
    except UnknownCurrency:
        errors["currency"] = (
            _("Unknown currency %(currency)s; use an ISO code such as %(codes)s…")
            % {"currency": repr(currency), "codes": ", ".join(sorted(MINOR_UNITS)[:5])}
            if currency
            else "Choose a currency."
        )
    values["currency"] = currency
    if amount is not None and "amount" not in errors and "currency" not in errors:
        # A rate is priced in the currency's minor unit (3 decimals for KWD, none for JPY).
        message = decimals_error(amount, currency)
        if message:
            errors["amount"] = message

    effective = values.get("effective_from")
    if isinstance(effective, str):
        try:
            effective = dt.date.fromisoformat(effective)
        except ValueError:
            errors["effective_from"] = _("Enter a date as YYYY-MM-DD.")
            effective = None
    if effective is not None and not timeutil.in_date_range(effective):
        errors["effective_from"] = timeutil.DATE_RANGE_MESSAGE
        effective = None
    if effective is None and "effective_from" not in errors:
        errors["effective_from"] = _("Enter the date from which the rate applies.")
    values["effective_from"] = effective

    for name, model in SCOPE_MODELS.items():
        obj = values.get(name)
        if obj is not None and not isinstance(obj, model):
            obj = model.objects.filter(pk=obj).first() if str(obj).isdigit() else None
            if obj is None:
                errors[name] = _("Not found.")
        if obj is not None:
            org_id = obj.organisation_id
            if org_id != organisation.id:
                errors[name] = _("Not found.")
                obj = None
        values[name] = obj

    if level in RateLevel.values:
        scope_ids = {f"{n}_id": (values[n].pk if values[n] else None) for n in SCOPE_MODELS}
        for field, message in rules.scope_errors(level, scope_ids).items():
            errors.setdefault(field, message)
        if (
            level == RateLevel.PROJECT_MEMBER
            and values["member"] is not None
            and values["member"].role == "client_viewer"
        ):
            errors.setdefault("member", "Client viewers do not log time.")

    if not errors and values["kind"] == RateKind.BILLING:
        needed = _bill_currency(level, values)
        if needed and needed != currency:
            errors["currency"] = _(
                "This work is billed in %(currency)s (the client's currency); the rate must be too."
            ) % {"currency": needed}
    if not errors and values["kind"] == RateKind.COST and currency != organisation.currency:
        errors["currency"] = _(
            "Internal cost rates are in the organisation's currency (%(currency)s)."
        ) % {"currency": organisation.currency}

    if not errors:
        new = rules.Candidate(
            level=level,
            amount=amount,
            currency=currency,
            effective_from=effective,
            kind=values["kind"],
            rate_id=instance.pk if instance else None,
            **{f"{n}_id": (values[n].pk if values[n] else None) for n in SCOPE_MODELS},
        )
        same_scope = Rate.objects.filter(
            organisation=organisation,
            kind=new.kind,
            level=level,
            currency=currency,
            effective_from=effective,
        )
        clash = rules.overlapping([candidate(r) for r in same_scope], new)
        if clash is not None:
            existing = Rate.objects.get(pk=clash.rate_id)
            errors["effective_from"] = _(
                "%(rate)s already starts on this date at the same level; change that version"
                " or pick another date."
            ) % {"rate": existing.source or str(existing)}
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
    return values


def save_rate(rate: Rate | None, data: dict, *, by: Member) -> Rate:
    """Create a rate version or change one (unlocked entries follow; locked ones never do)."""
    _require(by)
    if rate is not None and rate.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    values = clean_rate(data, organisation=by.organisation, instance=rate)
    creating = rate is None
    with transaction.atomic():
        if creating:
            rate = Rate(organisation=by.organisation)
            before = None
        else:
            rate = Rate.objects.select_for_update().get(pk=rate.pk)
            before = snapshot(rate)
        for field in FIELDS:
            setattr(rate, field, values[field])
        if "label" in data or creating:
            rate.label = (values.get("label") or "").strip()
        try:
            with transaction.atomic():
                rate.save()
        except IntegrityError:
            # Two saves raced past the overlap check: the unique index kept only one.
            raise ValidationError(
                {
                    "effective_from": [
                        _("Another version already starts on this date at this level.")
                    ]
                }
            ) from None
        _refresh_intervals()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create" if creating else "update",
            obj=rate,
            before=before,
            after=snapshot(rate),
        )
    return rate


def _refresh_intervals() -> None:
    """Keep every version's ``valid_until`` right for the rate card (the lock refreshes it too)."""
    with connection.cursor() as cursor:
        refresh_valid_until(cursor)


def delete_rate(rate: Rate, *, by: Member) -> None:
    """Remove a rate version; entries already locked keep the amount it gave them."""
    _require(by)
    if rate.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    with transaction.atomic():
        delete_audited(rate, organisation=by.organisation, actor=by.user)
        _refresh_intervals()


def set_entry_override(entry, amount, *, by: Member, reason: str = ""):
    """Set (or clear, with ``None``) an entry's own billing rate. Managers only; unlocked only."""

    if not by.can(Cap.MANAGE_RATES):
        raise PermissionDenied(_("Only managers may override an entry's rate."))
    if entry.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    if amount not in (None, ""):
        try:
            amount = parse_decimal(amount)
        except (TypeError, ValueError):
            raise ValidationError({"rate_override": [_("Enter a number, e.g. 150.00.")]}) from None
        if amount < 0:
            raise ValidationError({"rate_override": [_("A rate cannot be negative.")]})
        if amount > MAX_RATE:
            raise ValidationError({"rate_override": [_("A rate is below 10 billion.")]})
        message = decimals_error(amount, entry.client.currency)
        if message:
            raise ValidationError({"rate_override": [message]})
    else:
        amount = None
    with transaction.atomic():
        entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.rate_locked_at is not None or entry.invoice_line_id is not None:
            raise ValidationError(
                {"rate_override": [_("This entry's rate is locked (approved or invoiced).")]}
            )
        before = snapshot(entry, ["rate_override"])
        entry.rate_override = amount
        entry.save(update_fields=["rate_override", "updated_at"])
        record(
            organisation=by.organisation,
            actor=by.user,
            action="rate_override",
            obj=entry,
            before=before,
            after=snapshot(entry, ["rate_override"]),
            reason=reason,
        )
    return entry
