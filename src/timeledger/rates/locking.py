"""Freezing rates on entries, set-based: two UPDATE statements whatever the number of entries.

``lock_entries(queryset)`` writes ``rate``, ``cost_rate``, ``currency``, ``amount``,
``rate_source`` and ``rate_locked_at`` on every entry of ``queryset`` that is not locked yet.
Approval calls it; billing calls it for anything still unlocked. Locked entries never change
again: later rate edits only affect unlocked work.

The rule is ``rates.rules.resolve`` written in SQL: for each level (most specific first) a
correlated subquery picks the newest version with ``effective_from <= entry.date`` in the entry's
currency, and ``COALESCE`` takes the first level that has one. Levels for which no rate row exists
at all are left out of the statement (most organisations use three or four of the seven).

Amount = billable hours × rate, half-up to the currency's minor unit — ``core.money.amount_for``.
In SQL it is computed in integers so SQLite (whose ROUND works on binary floats) and PostgreSQL
agree with Python to the cent::

    rate_cents   = ROUND(rate * 100)                       -- rate has 2 decimals: exact
    amount_minor = (2 * seconds * rate_cents + D) / (2 * D)  -- integer division = floor
    with D = 3600 * 100 / 10^minor_unit                   -- half-up for non-negative values

Billable entries with no billing rate in force are *not* locked (a rate added later still
prices them) and are counted in the result's ``missing_rate``; audits list them. Non-billable
entries lock with amount 0.00. A missing cost rate leaves ``cost_rate`` empty. The cost rate is
in the organisation's currency; ``currency`` is the billing currency (the client's).

The queryset must not filter on the snapshot fields themselves (rate, amount, ...), since the
first UPDATE writes them before the second one locks.
"""

from __future__ import annotations

import datetime as dt

from django.db import connections, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    DecimalField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from timeledger.accounts.models import Member, Organisation
from timeledger.clients.models import Client
from timeledger.core.money import MINOR_UNITS
from timeledger.rates import rules
from timeledger.rates.models import Rate

# Where each scope id of a rate is found on a time entry.
_ENTRY_FIELD = {
    "task_id": "task_id",
    "project_id": "project_id",
    "member_id": "member_id",
    "client_id": "client_id",
}


class LockResult(int):
    """The number of entries locked (an ``int``), with what was left out and why."""

    missing_rate: int

    def __new__(cls, locked: int, missing_rate: int = 0):
        obj = super().__new__(cls, locked)
        obj.missing_rate = missing_rate
        return obj

    @property
    def locked(self) -> int:
        return int(self)

    def __repr__(self) -> str:
        return f"LockResult(locked={int(self)}, missing_rate={self.missing_rate})"


def _client_currency():
    return Subquery(
        Client.objects.filter(pk=OuterRef(OuterRef("client_id"))).values("currency")[:1]
    )


def _org_currency():
    return Subquery(
        Organisation.objects.filter(pk=OuterRef(OuterRef("organisation_id"))).values("currency")[:1]
    )


def _job_role():
    return Subquery(
        Member.objects.filter(pk=OuterRef(OuterRef("member_id"))).values("job_role_id")[:1]
    )


def _version(level: str, kind: str, column: str, exclude_id: int | None = None):
    """Correlated subquery: ``column`` of the version at ``level`` in force on the entry's date."""
    qs = Rate.objects.exclude(pk=exclude_id) if exclude_id else Rate.objects.all()
    qs = qs.filter(
        organisation_id=OuterRef("organisation_id"),
        kind=kind,
        level=level,
        effective_from__lte=OuterRef("date"),
        currency=_client_currency() if kind == rules.BILLING else _org_currency(),
    )
    for scope_field in rules.SCOPE_FIELDS[level]:
        if scope_field == "job_role_id":
            qs = qs.filter(job_role_id=_job_role())
        else:
            qs = qs.filter(**{scope_field: OuterRef(_ENTRY_FIELD[scope_field])})
    # Same tie-break as rules.version_in_force: newest date, then newest row.
    return Subquery(qs.order_by("-effective_from", "-id").values(column)[:1])


def levels_in_use() -> set[tuple[str, str]]:
    """(kind, level) pairs that have at least one rate row (a tiny table, read once)."""
    return set(Rate.objects.order_by().values_list("kind", "level").distinct())


def rate_expression(kind: str, used: set[tuple[str, str]] | None = None, column: str = "amount"):
    """SQL for the rate ``rules.resolve`` gives each entry (``column`` of the winning row)."""
    used = levels_in_use() if used is None else used
    parts = []
    if kind == rules.BILLING and column == "amount":
        parts.append(F("rate_override"))
    for level in rules.PRECEDENCE[1:]:
        if (kind, level) in used:
            parts.append(_version(level, kind, column))
    field = DecimalField(max_digits=12, decimal_places=2) if column == "amount" else CharField()
    if not parts:
        return Value(None, output_field=field)
    if len(parts) == 1:
        return parts[0]
    return Coalesce(*parts, output_field=field)


def amount_expression(vendor: str, rate=None, seconds=None, currency=None):
    """SQL for ``money.amount_for(seconds, rate, currency)``, exact on SQLite and PostgreSQL."""
    rate = F("rate") if rate is None else rate
    seconds = F("billable_seconds") if seconds is None else seconds
    currency_field = "currency" if currency is None else currency
    rate_cents = Cast(Func(rate * 100, function="ROUND"), BigIntegerField())
    doubled = Cast(seconds, BigIntegerField()) * Value(2) * rate_cents

    def for_minor(minor: int):
        d = 3600 * 100 // 10**minor
        amount_minor = Cast(
            (doubled + Value(d)) / Value(2 * d), BigIntegerField()
        )  # both sides integers: integer division, i.e. floor for non-negative values
        if vendor == "sqlite":
            # Divide as a float: the nearest double of an amount with <= 15 digits reads back
            # exactly through Django's 15-digit Decimal converter.
            value = Cast(amount_minor, FloatField()) / Value(float(10**minor))
        else:
            value = Cast(amount_minor, DecimalField(max_digits=20, decimal_places=0)) / Value(
                10**minor
            )
        return Cast(value, DecimalField(max_digits=14, decimal_places=2))

    whens = []
    for minor in sorted({m for m in MINOR_UNITS.values() if m != 2}):
        codes = sorted(c for c, m in MINOR_UNITS.items() if m == minor)
        whens.append(When(**{f"{currency_field}__in": codes}, then=for_minor(minor)))
    return Case(
        *whens, default=for_minor(2), output_field=DecimalField(max_digits=14, decimal_places=2)
    )


def _plain(queryset):
    """``queryset`` in a shape UPDATE accepts (no slicing, no DISTINCT, no ordering)."""
    from timeledger.timesheets.models import TimeEntry

    if queryset.query.is_sliced or queryset.query.distinct:
        queryset = TimeEntry.objects.filter(pk__in=Subquery(queryset.values("pk")))
    return queryset.order_by()


def _targets(queryset):
    return _plain(queryset).filter(rate_locked_at__isnull=True)


def lock_entries(queryset, *, at: dt.datetime | None = None) -> LockResult:
    """Freeze rate, cost rate, currency, amount and source on the unlocked entries of ``queryset``.

    Returns how many were locked (an int) with ``.missing_rate``: billable entries left unlocked
    because no billing rate is in force for them.
    """
    at = at or timezone.now()
    vendor = connections[queryset.db].vendor
    used = levels_in_use()
    with transaction.atomic(using=queryset.db):
        targets = _targets(queryset)
        source = rate_expression(rules.BILLING, used, column="source")
        targets.update(
            currency=Subquery(
                Client.objects.filter(pk=OuterRef("client_id")).values("currency")[:1]
            ),
            rate=rate_expression(rules.BILLING, used),
            cost_rate=rate_expression(rules.COST, used),
            rate_source=Case(
                When(rate_override__isnull=False, then=Value("entry override")),
                default=Coalesce(source, Value("no billing rate in force")),
                output_field=CharField(),
            ),
        )
        locked = (
            _targets(queryset)
            .filter(Q(rate__isnull=False) | Q(is_billable=False))
            .update(
                amount=Case(
                    When(is_billable=False, then=Value(0)),
                    default=amount_expression(vendor),
                    output_field=DecimalField(max_digits=14, decimal_places=2),
                ),
                rate_locked_at=at,
            )
        )
        _describe_overrides(queryset, at)
        missing = _targets(queryset).filter(is_billable=True, rate__isnull=True).count()
    return LockResult(locked, missing)


def _describe_overrides(queryset, at) -> None:
    """Overrides are rare; their explanation quotes the amount, so it is written from Python."""
    from timeledger.timesheets.models import TimeEntry

    rows = list(
        _plain(queryset)
        .filter(rate_locked_at=at, rate_override__isnull=False)
        .values_list("pk", "rate_override", "currency")
    )
    for pk, override, currency in rows:
        text = rules.describe(rules.OVERRIDE, "", override, currency, None)
        TimeEntry.objects.filter(pk=pk).update(rate_source=text)
