"""Freezing rates on entries, set-based: one UPDATE statement whatever the number of entries.

``lock_entries(queryset)`` writes ``rate``, ``cost_rate``, ``currency``, ``amount``,
``rate_source`` and ``rate_locked_at`` on every entry of ``queryset`` that is not locked yet.
Approval calls it; billing calls it for anything still unlocked. Locked entries never change
again: later rate edits only affect unlocked work.

The rule is ``rates.rules.resolve`` written in SQL. The lock (``_freeze_rates``) is one
``UPDATE … FROM`` in which each level is a LEFT JOIN of the rate table on scope, currency and the
version's interval ``[effective_from, valid_until)`` — at most one version matches — and
``COALESCE`` takes the most specific level that has one (override first). ``valid_until`` is
refreshed set-based just before (``refresh_valid_until``). The ORM expressions below
(``rate_expression``: a correlated subquery per level picking the newest version with
``effective_from <= entry.date``) state the same rule for reads and previews. Levels for which no
rate row exists at all are left out (most organisations use three or four of the seven).
Measured on this 2-core machine under load: 200,000 entries lock in about the time of a bare
``UPDATE … SET rate_locked_at = now()`` over the same rows (the row writes dominate).

Amount = billable hours × rate, half-up to the currency's minor unit — ``core.money.amount_for``.
In SQL it is computed in integers so SQLite (whose ROUND works on binary floats) and PostgreSQL
agree with Python to the cent::

    rate_milli   = ROUND(rate * 1000)                       -- rate has <= 3 decimals: exact
    amount_minor = (2 * seconds * rate_milli + D) / (2 * D)  -- integer division = floor
    with D = 3600 * 1000 / 10^minor_unit                  -- half-up for non-negative values

(rates and amounts have 3 decimals, the largest ISO 4217 minor unit we accept: KWD, BHD…)

Billable entries with no billing rate in force are *not* locked (a rate added later still
prices them) and are counted in the result's ``missing_rate``; audits list them. Non-billable
entries lock with amount 0.00. A missing cost rate leaves ``cost_rate`` empty. The cost rate is
in the organisation's currency; ``currency`` is the billing currency (the client's).

Concurrency: the UPDATE's own WHERE (on the target row, not only in the FROM subquery) requires
``rate_locked_at IS NULL``; on PostgreSQL a concurrent locker waits on the row lock and then
re-checks that condition against the committed row, so an entry is locked once, by whoever comes
first.
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
    Func,
    OuterRef,
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
from timeledger.timesheets.models import TimeEntry

# The columns' types (``TimeEntry.rate`` / ``.amount``): 3 decimals, the largest minor unit.
RATE_FIELD = DecimalField(max_digits=13, decimal_places=3)
MONEY_FIELD = DecimalField(max_digits=15, decimal_places=3)

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
    moved: int  # entries that received ``lock_entries(also_set=…)`` (0 without it)

    def __new__(cls, locked: int, missing_rate: int = 0, moved: int = 0):
        obj = super().__new__(cls, locked)
        obj.missing_rate = missing_rate
        obj.moved = moved
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
    field = RATE_FIELD if column == "amount" else CharField()
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
    rate_milli = Cast(Func(rate * 1000, function="ROUND"), BigIntegerField())
    doubled = Cast(seconds, BigIntegerField()) * Value(2) * rate_milli

    def for_minor(minor: int):
        d = 3600 * 1000 // 10**minor
        amount_minor = Cast(
            (doubled + Value(d)) / Value(2 * d), BigIntegerField()
        )  # both sides integers: integer division, i.e. floor for non-negative values
        if vendor == "sqlite":
            # SQLite has no decimal type: the integer count of minor units becomes its exact
            # decimal literal (``core.money.units_text``); no float arithmetic on the way.
            value = Func(amount_minor, Value(minor), function="tl_units", output_field=CharField())
        else:
            value = Cast(amount_minor, DecimalField(max_digits=20, decimal_places=0)) / Value(
                10**minor
            )
        return Cast(value, MONEY_FIELD)

    whens = []
    for minor in sorted({m for m in MINOR_UNITS.values() if m != 2}):
        codes = sorted(c for c, m in MINOR_UNITS.items() if m == minor)
        whens.append(When(**{f"{currency_field}__in": codes}, then=for_minor(minor)))
    return Case(*whens, default=for_minor(2), output_field=MONEY_FIELD)


def _plain(queryset):
    """``queryset`` in a shape UPDATE accepts (no slicing, no DISTINCT, no ordering)."""

    if queryset.query.is_sliced or queryset.query.distinct:
        queryset = TimeEntry.objects.filter(pk__in=Subquery(queryset.values("pk")))
    return queryset.order_by()


def _targets(queryset):
    return _plain(queryset).filter(rate_locked_at__isnull=True)


def lock_entries(
    queryset, *, at: dt.datetime | None = None, also_set: dict | None = None
) -> LockResult:
    """Freeze rate, cost rate, currency, amount and source on the unlocked entries of ``queryset``.

    Returns how many were locked (an int) with ``.missing_rate``: billable entries left unlocked
    because no billing rate is in force for them.

    ``also_set`` (bulk approval): plain column values — e.g. ``{"status": "approved",
    "status_note": "", "updated_at": at}`` — written on *every* entry of ``queryset``, in the same
    UPDATE that freezes the rates, so each row is written once instead of twice; entries of
    ``queryset`` that were already locked get them with a plain UPDATE. ``.moved`` is how many
    entries received them. The caller scopes ``queryset`` (e.g. to the rows it has locked).
    """
    at = at or timezone.now()
    used = levels_in_use()
    with transaction.atomic(using=queryset.db):
        written, missing, overridden = _freeze_rates(queryset, used, at, also_set=also_set)
        moved = 0
        if also_set:
            # Locked before this call (this call's locks carry ``at``; its unpriced rows stay
            # unlocked): they still need the values.
            moved = written + (
                _plain(queryset)
                .filter(rate_locked_at__isnull=False)
                .exclude(rate_locked_at=at)
                .update(**also_set)
            )
        _describe_overrides(queryset.db, overridden)
    return LockResult(written - missing, missing, moved)


def amount_sql(vendor: str, rate: str, seconds: str, currency: str) -> str:
    """Raw-SQL twin of ``amount_expression`` (same integer arithmetic, see the module doc)."""

    def for_minor(minor: int) -> str:
        d = 3600 * 1000 // 10**minor
        minor_units = (
            f"((2 * CAST({seconds} AS BIGINT) * CAST(ROUND({rate} * 1000) AS BIGINT) + {d})"
            f" / {2 * d})"
        )
        if vendor == "sqlite":
            return f"tl_units({minor_units}, {minor})"
        return f"(CAST({minor_units} AS NUMERIC) / {10**minor})"

    whens = []
    for minor in sorted({m for m in MINOR_UNITS.values() if m != 2}):
        codes = ", ".join(f"'{c}'" for c in sorted(c for c, m in MINOR_UNITS.items() if m == minor))
        whens.append(f"WHEN {currency} IN ({codes}) THEN {for_minor(minor)}")
    return f"CASE {' '.join(whens)} ELSE {for_minor(2)} END"


def _freeze_rates(
    queryset, used: set[tuple[str, str]], at, also_set: dict | None = None
) -> tuple[int, int, list[int]]:
    """Write currency, rates, source, amount and the lock time on the unlocked entries: one UPDATE.

    Returns the number of rows written (locked ones plus billable ones left without a rate), how
    many of those were left without a rate, and the ids of the locked ones that carry an
    override — all read from the UPDATE's own RETURNING (no second scan of the entries).

    Each rate version knows its validity interval [effective_from, valid_until) (refreshed just
    before); each level is then a LEFT JOIN on scope, currency and interval, which matches at
    most one version. PostgreSQL hash-joins this over a million rows in seconds where
    per-row correlated subqueries take minutes; SQLite (3.33+: UPDATE ... FROM) runs it too.
    """

    vendor = connections[queryset.db].vendor
    entry_t = TimeEntry._meta.db_table
    client_t = Client._meta.db_table
    member_t = Member._meta.db_table
    org_t = Organisation._meta.db_table
    rate_t = Rate._meta.db_table
    entry_col = {
        "task_id": "e2.task_id",
        "project_id": "e2.project_id",
        "member_id": "e2.member_id",
        "client_id": "e2.client_id",
        "job_role_id": "m.job_role_id",
    }
    joins, params = [], []
    picked: dict[str, list[str]] = {rules.BILLING: [], rules.COST: []}
    sources: list[str] = []
    for kind in (rules.BILLING, rules.COST):
        currency = "c.currency" if kind == rules.BILLING else "o.currency"
        for level in rules.PRECEDENCE[1:]:
            if (kind, level) not in used:
                continue
            alias = f"{kind[0]}_{level}"
            on = [f"{alias}.{f} = {entry_col[f]}" for f in rules.SCOPE_FIELDS[level]]
            on += [
                f"{alias}.organisation_id = e2.organisation_id",
                f"{alias}.kind = %s",
                f"{alias}.level = %s",
                f"{alias}.currency = {currency}",
                f"{alias}.effective_from <= e2.date",
                f"({alias}.valid_until IS NULL OR e2.date < {alias}.valid_until)",
            ]
            params += [kind, level]
            joins.append(f"LEFT JOIN {rate_t} AS {alias} ON " + " AND ".join(on))
            picked[kind].append(f"{alias}.amount")
            if kind == rules.BILLING:
                sources.append(f"{alias}.source")

    def coalesce(items: list[str], fallback: str = "CAST(NULL AS NUMERIC)") -> str:
        return f"COALESCE({', '.join([*items, fallback])})" if items else fallback

    qs_sql, qs_params = _plain(queryset).values("pk").query.sql_with_params()
    extra_cols, extra = [], []
    for name, value in (also_set or {}).items():
        field = TimeEntry._meta.get_field(name)
        extra_cols.append(f", {connections[queryset.db].ops.quote_name(field.column)} = %s")
        extra.append(field.get_db_prep_save(value, connections[queryset.db]))
    extra_set = "".join(extra_cols)
    sql = f"""
        UPDATE {entry_t} SET
            currency = x.cur, rate = x.rate, cost_rate = x.cost, rate_source = x.src,
            amount = CASE WHEN NOT x.billable THEN 0
                          WHEN x.rate IS NULL THEN NULL
                          ELSE {amount_sql(vendor, "x.rate", "x.secs", "x.cur")} END,
            rate_locked_at = CASE WHEN x.rate IS NOT NULL OR NOT x.billable THEN %s END
            {extra_set}
        FROM (
            SELECT e2.id AS id, c.currency AS cur, e2.is_billable AS billable,
                   e2.billable_seconds AS secs,
                   {coalesce(["e2.rate_override", *picked[rules.BILLING]])} AS rate,
                   {coalesce(picked[rules.COST])} AS cost,
                   CASE WHEN e2.rate_override IS NOT NULL THEN %s
                        ELSE {coalesce(sources, "%s")} END AS src
            FROM {entry_t} AS e2
            JOIN {client_t} AS c ON c.id = e2.client_id
            JOIN {member_t} AS m ON m.id = e2.member_id
            JOIN {org_t} AS o ON o.id = e2.organisation_id
            {" ".join(joins)}
            WHERE e2.rate_locked_at IS NULL AND e2.id IN ({qs_sql})
        ) AS x
        WHERE {entry_t}.id = x.id AND {entry_t}.rate_locked_at IS NULL
        RETURNING {entry_t}.id, {entry_t}.rate_locked_at IS NULL, {entry_t}.rate_override
    """
    connection = connections[queryset.db]
    at_param = connection.ops.adapt_datetimefield_value(at)  # as the ORM would store it
    with connection.cursor() as cursor:
        refresh_valid_until(cursor)
        # Parameters in textual order: lock time, also_set, the CASE texts, the joins, the queryset.
        args = [at_param, *extra, "entry override", "no billing rate in force", *params, *qs_params]
        if vendor == "postgresql":
            # Count in the server: a million RETURNING rows need not travel to Python.
            cursor.execute(
                f"WITH u(id, missing, override) AS ({sql})"
                " SELECT COUNT(*), COUNT(*) FILTER (WHERE missing), COALESCE(array_agg(id)"
                " FILTER (WHERE override IS NOT NULL AND NOT missing), '{}') FROM u",
                args,
            )
            written, missing, overridden = cursor.fetchone()
            return written, missing, list(overridden)
        # SQLite: its RETURNING gives wrong values for expressions over this UPDATE … FROM's
        # columns (3.40: ``rate_locked_at IS NULL`` read 0 on a row it had just left NULL), so
        # only the ids are taken from it and the rest re-read by id, in chunks under the
        # bound-variable limit.
        cursor.execute(
            sql.replace(
                f"RETURNING {entry_t}.id, {entry_t}.rate_locked_at IS NULL, {entry_t}.rate_override",
                f"RETURNING {entry_t}.id",
            ),
            args,
        )
        ids = [row[0] for row in cursor]
    missing, overridden = 0, []
    for i in range(0, len(ids), 10_000):
        rows = TimeEntry.objects.using(queryset.db).filter(pk__in=ids[i : i + 10_000])
        missing += rows.filter(rate_locked_at__isnull=True).count()
        overridden += rows.filter(rate_locked_at=at, rate_override__isnull=False).values_list(
            "pk", flat=True
        )
    return len(ids), missing, overridden


def refresh_valid_until(cursor) -> None:
    """Set each version's ``valid_until`` to the next version's date (same partition), set-based.

    Cheap (the rate table is small) and run before every lock, so rows written by any path —
    services, admin, bulk loaders — are always interval-correct. Same-date duplicates cannot exist
    (unique index), so "the next version" is simply the smallest later date.
    """
    t = Rate._meta.db_table
    same = " AND ".join(
        [f"n.{c} = {t}.{c}" for c in ("organisation_id", "kind", "level", "currency")]
        + [f"COALESCE(n.{c}, 0) = COALESCE({t}.{c}, 0)" for c in rules.ALL_SCOPE_FIELDS]
    )
    nxt = f"""(SELECT MIN(n.effective_from) FROM {t} AS n
                WHERE {same} AND n.effective_from > {t}.effective_from)"""
    # Only rows that are out of date are written: concurrent locks do not queue on rate rows.
    cursor.execute(f"UPDATE {t} SET valid_until = {nxt} WHERE valid_until IS DISTINCT FROM {nxt}")


def _describe_overrides(using: str, ids: list[int]) -> None:
    """Overrides are rare; their explanation quotes the amount, so it is written from Python."""

    if not ids:
        return
    rows = list(
        TimeEntry.objects.using(using)
        .filter(pk__in=ids)
        .values_list("pk", "rate_override", "currency")
    )
    for pk, override, currency in rows:
        text = rules.describe(rules.OVERRIDE, "", override, currency, None)
        TimeEntry.objects.using(using).filter(pk=pk).update(rate_source=text)
