"""The set-based heart of the billing engine: aggregate entries into groups, claim them for lines.

Two statements per (grouping, cut-off, currency) partition of a batch of projects, whatever the
number of entries:

1. ``aggregate``: ``SELECT project, group key, rate, SUM(billable seconds), COUNT(*) … GROUP BY``.
2. ``claim``: one ``UPDATE … FROM`` that points every still-unbilled entry of those groups at its
   line, matched on the line's ``group_key`` — the same text the aggregate returned, built by the
   same SQL expression, so it matches on either database whatever its number formatting.
   ``invoice_line_id IS NULL`` is re-checked by the UPDATE itself: on PostgreSQL a row claimed by a
   concurrent transaction is re-evaluated after that transaction commits and skipped, so the row
   count tells us whether we got every entry we counted.

Both statements are portable SQL (PostgreSQL ≥ 9.5 and SQLite ≥ 3.33 support ``UPDATE … FROM``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Q

from timeledger.core.lookups import any_of_sql
from timeledger.invoicing.models import InvoiceLine
from timeledger.projects.models import Task
from timeledger.timesheets.models import EntryStatus, TimeEntry

ENTRY = TimeEntry._meta.db_table
TASK = Task._meta.db_table
LINE = InvoiceLine._meta.db_table
RATE_PLACES = Decimal("0.001")

# The group key of an entry under each grouping, as text ('' for "none").
KEY_SQL = {
    "phase": "COALESCE(CAST(t.phase_id AS TEXT), '')",
    "task": "COALESCE(CAST(e.task_id AS TEXT), '')",
    "member": "CAST(e.member_id AS TEXT)",
    "date": "CAST(e.date AS TEXT)",
    "project": "''",
}
NEEDS_TASK_JOIN = {"phase"}
# The columns each key is made of: the aggregate groups by them, not by the text (hashing the
# integers is 10 % cheaper than casting every row's key to text first: 417–476 ms against
# 497–576 ms for the year of the large workload's aggregate).
KEY_COLUMNS = {
    "phase": "t.phase_id",
    "task": "e.task_id",
    "member": "e.member_id",
    "date": "e.date",
    "project": "",
}

# Which entries a run claims, written once: the statements below render these conditions as SQL,
# selectors (``engine.selection``, used by the weekly audit) as a ``Q``, so "what a run would
# bill" cannot mean two things. ``(column, value)``: equal, or ``IS NULL`` for ``None``.
# A time line (hourly, hybrid) takes approved, unbilled, billable entries the not-to-exceed cap
# does not hold back; ``Source.where`` adds a frozen rate, the cut-off and the currency.
TIME_CLAIMABLE = (
    ("status", EntryStatus.APPROVED),
    ("invoice_line_id", None),
    ("is_billable", True),
    ("needs_acceptance", False),
)
# A retainer period's closing line takes its approved, unbilled, billable entries (no cap, no
# rate: the usage is priced by the retainer), between the period's first and last day.
PERIOD_CLAIMABLE = (
    ("status", EntryStatus.APPROVED),
    ("invoice_line_id", None),
    ("is_billable", True),
)


def conditions_sql(conditions, alias: str) -> tuple[str, list]:
    parts, params = [], []
    for column, value in conditions:
        if value is None:
            parts.append(f"{alias}.{column} IS NULL")
        else:
            parts.append(f"{alias}.{column} = %s")
            params.append(value)
    return " AND ".join(parts), params


def conditions_q(conditions) -> Q:
    q = Q()
    for column, value in conditions:
        if value is None:
            q &= Q(**{f"{column}__isnull": True})
        else:
            q &= Q(**{column: value})
    return q


@dataclass(slots=True)
class Group:
    """One future invoice line: the entries of a project with the same group key and rate.
    ``rate`` (the column's 3 decimals) and ``group_key`` (with the rate as the database wrote
    it, as the claim's SQL matches it) are derived once, in ``of``: lines, their order and their
    net read them (a plain slotted class: the large workload's preview builds 24,923 of them)."""

    project_id: int
    key: str
    seconds: int
    count: int
    first_date: dt.date
    rate: Decimal
    group_key: str

    @classmethod
    def of(cls, project_id, key, rate_text, seconds, count, first_date) -> Group:
        return cls(
            project_id,
            key,
            seconds,
            count,
            first_date,
            Decimal(rate_text).quantize(RATE_PLACES),
            f"{project_id}|{key}|{rate_text}",
        )


@dataclass(frozen=True)
class Source:
    """Which entries a statement reads: approved unbilled ones up to a date, or one line's."""

    up_to: dt.date | None = None
    currency: str | None = None
    line_id: int | None = None

    def where(self, alias: str = "e") -> tuple[str, list]:
        if self.line_id is not None:
            return f"{alias}.invoice_line_id = %s", [self.line_id]
        claimable, params = conditions_sql(TIME_CLAIMABLE, alias)
        sql = (
            f"{claimable} AND {alias}.rate IS NOT NULL"
            f" AND {alias}.date <= %s AND {alias}.currency = %s"
        )
        return sql, [*params, self.up_to, self.currency]

    def still_claimable(self, table: str) -> tuple[str, list]:
        if self.line_id is not None:
            return f"{table}.invoice_line_id = %s", [self.line_id]
        return f"{table}.invoice_line_id IS NULL", []


def _in(column: str, ids) -> tuple[str, list]:
    """``column`` is one of ``ids``, written as the ``__any`` lookup writes it (``core.lookups``:
    one ``bigint[]`` parameter on PostgreSQL — 5,000 placeholders were seconds per large run, and
    a ``smallint[]`` misled the planner, BENCHMARKS.md "Pipeline")."""
    return any_of_sql(column, ids, connection.vendor)


def _parse_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def aggregate(organisation_id: int, project_ids, grouping: str, source: Source) -> list[Group]:
    key = KEY_SQL[grouping]
    columns = f"{KEY_COLUMNS[grouping]}, " if KEY_COLUMNS[grouping] else ""
    join = f"LEFT JOIN {TASK} t ON t.id = e.task_id" if grouping in NEEDS_TASK_JOIN else ""
    where, params = source.where()
    ids_sql, ids = _in("e.project_id", project_ids)
    sql = (
        f"SELECT e.project_id, {key} AS gkey, CAST(e.rate AS TEXT) AS rtext,"
        f" SUM(e.billable_seconds), COUNT(*), MIN(e.date)"
        f" FROM {ENTRY} e {join}"
        f" WHERE e.organisation_id = %s AND {ids_sql} AND {where}"
        f" GROUP BY e.project_id, {columns}e.rate"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisation_id, *ids, *params])
        rows = cursor.fetchall()
    return [
        Group.of(int(p), str(k), str(r), int(s or 0), int(c), _parse_date(d))
        for p, k, r, s, c, d in rows
    ]


def claim(
    organisation_id: int,
    project_ids,
    grouping: str,
    source: Source,
    invoice_ids,
    *,
    now: dt.datetime,
) -> int:
    """Point every entry of the groups at its line (matched on ``group_key``); returns the count.
    ``invoice_ids`` may include an open draft a run adds to: its line of the same group is matched
    like a new one, so the entries join the line already there."""
    key = KEY_SQL[grouping]
    where, params = source.where()
    ids_sql, ids = _in("e.project_id", project_ids)
    inv_sql, inv_ids = _in("l.invoice_id", invoice_ids)
    line_key = f"(CAST(e.project_id AS TEXT) || '|' || {key} || '|' || CAST(e.rate AS TEXT))"
    args = [EntryStatus.INVOICED, now, *inv_ids, organisation_id, *ids, *params]
    if grouping in NEEDS_TASK_JOIN:
        # The key needs the entry's task (LEFT JOIN), which the UPDATE's own row cannot take:
        # the entries are found in a subquery and updated by id.
        still, still_params = source.still_claimable(ENTRY)
        sql = (
            f"UPDATE {ENTRY} SET invoice_line_id = m.line_id, status = %s, updated_at = %s"
            f" FROM (SELECT e.id AS entry_id, l.id AS line_id FROM {ENTRY} e"
            f" LEFT JOIN {TASK} t ON t.id = e.task_id"
            f" JOIN {LINE} l ON {inv_sql} AND l.group_key = {line_key}"
            f" WHERE e.organisation_id = %s AND {ids_sql} AND {where}) AS m"
            f" WHERE {ENTRY}.id = m.entry_id AND {still}"
        )
        args += still_params
    else:
        # The entry row itself joined to its line: no second pass over the entries to find
        # the rows by id, and the claim conditions are on the row the UPDATE writes, so
        # PostgreSQL re-checks them on a row a concurrent run changed.
        sql = (
            f"UPDATE {ENTRY} AS e SET invoice_line_id = l.id, status = %s, updated_at = %s"
            f" FROM {LINE} l"
            f" WHERE {inv_sql} AND l.group_key = {line_key}"
            f" AND e.organisation_id = %s AND {ids_sql} AND {where}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.rowcount


def billed_by_line(line_ids) -> dict[int, tuple[int, int]]:
    """``{line_id: (seconds, entries)}`` of what the entries pointing at these lines add up to."""
    line_ids = list(line_ids)
    if not line_ids:
        return {}
    ids_sql, ids = _in("invoice_line_id", line_ids)
    sql = (
        f"SELECT invoice_line_id, SUM(billable_seconds), COUNT(*) FROM {ENTRY}"
        f" WHERE {ids_sql} GROUP BY invoice_line_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return {int(i): (int(s or 0), int(c)) for i, s, c in cursor.fetchall()}


def insert_rows(model, rows: list[dict], *, now: dt.datetime, chunk: int = 500) -> list[int]:
    """INSERT plain dicts (keyed by attname) into ``model``'s table; returns the new ids in order.

    The billing run writes thousands of invoices and lines; building model instances and running
    ``bulk_create``'s per-value preparation cost more than the SQL itself. Columns not given take
    the model default (prepared once; callables such as tokens per row); ``auto_now`` fields get
    ``now``. Values must be plain Python (int, str, Decimal, date, datetime, None).
    Saves are bypassed on purpose: these are new drafts, which the invoice guards allow anyway.
    """
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = set().union(*(r.keys() for r in rows))
    constant, per_row = {}, {}
    for f in fields:
        # Defaults for every column: rows of one batch may give different columns (a time
        # line gives task_id, a milestone line milestone_id).
        if f.attname in given and not f.has_default() and not f.null:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            constant[f.attname] = f.get_db_prep_save(now, connection)
        elif f.has_default() and callable(f.default) and f.default not in (dict, list):
            per_row[f.attname] = f
        else:
            constant[f.attname] = f.get_db_prep_save(f.get_default(), connection)
    json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    by_name = {f.attname: f for f in fields}
    columns = [f.attname for f in fields]
    quoted = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    ids: list[int] = []

    def values(r):
        for c in columns:
            if c in r:
                v = r[c]
                yield by_name[c].get_db_prep_save(v, connection) if c in json_fields else v
            elif c in per_row:
                yield per_row[c].get_db_prep_save(per_row[c].get_default(), connection)
            else:
                yield constant[c]

    if connection.vendor == "postgresql":
        # Ids from the table's sequence, rows through COPY: no SQL text to build or parse.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            with cursor.cursor.copy(f"COPY {table} (id, {quoted}) FROM STDIN") as copy:
                for pk, r in zip(ids, rows, strict=True):
                    copy.write_row((pk, *values(r)))
        return ids
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            params = []
            for r in part:
                for c in columns:
                    if c in r:
                        v = r[c]
                        if c in json_fields:
                            v = by_name[c].get_db_prep_save(v, connection)
                        params.append(v)
                    elif c in per_row:
                        params.append(
                            per_row[c].get_db_prep_save(per_row[c].get_default(), connection)
                        )
                    else:
                        params.append(constant[c])
            one = "(" + ", ".join(["%s"] * len(columns)) + ")"
            cursor.execute(
                f"INSERT INTO {table} ({quoted}) VALUES {', '.join([one] * len(part))} RETURNING id",
                params,
            )
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def held_back(organisation_id: int, project_ids, source: Source) -> dict[int, list[tuple]]:
    """``{project_id: [(entry_id, seconds), …]}`` in work order, of the approved unbilled entries
    that the not-to-exceed cap holds back (``needs_acceptance``, not yet accepted by a manager).
    Capped projects only have such entries; one statement, rows only for entries held back."""
    ids_sql, ids = _in("e.project_id", project_ids)
    sql = (
        f"SELECT e.project_id, e.id, e.billable_seconds FROM {ENTRY} e"
        f" WHERE e.organisation_id = %s AND {ids_sql} AND e.status = %s"
        f" AND e.invoice_line_id IS NULL AND e.is_billable = %s AND e.needs_acceptance = %s"
        f" AND e.date <= %s ORDER BY e.project_id, e.date, e.id"
    )
    out: dict[int, list[tuple]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisation_id, *ids, EntryStatus.APPROVED, True, True, source.up_to])
        for p, i, s in cursor.fetchall():
            out.setdefault(int(p), []).append((int(i), int(s or 0)))
    return out


def _period_where(alias: str = "e") -> str:
    return (
        f"{alias}.organisation_id = %s AND {alias}.project_id = %s AND {alias}.is_billable = %s"
        f" AND {alias}.date >= %s AND {alias}.date <= %s"
    )


def period_usage(organisation_id: int, project_id: int, start: dt.date, end: dt.date):
    """Of a retainer period's billable entries: ``(approved unbilled count, their seconds,
    entries still awaiting approval)``. One statement."""
    claimable, params = conditions_sql(PERIOD_CLAIMABLE, "e")  # what ``claim_period`` takes
    sql = (
        f"SELECT SUM(CASE WHEN {claimable} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {claimable} THEN e.billable_seconds ELSE 0 END),"
        f" SUM(CASE WHEN e.status IN (%s, %s) THEN 1 ELSE 0 END)"
        f" FROM {ENTRY} e WHERE {_period_where()}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                *params,
                *params,
                EntryStatus.DRAFT,
                EntryStatus.SUBMITTED,
                organisation_id,
                project_id,
                True,
                start,
                end,
            ],
        )
        count, seconds, pending = cursor.fetchone()
    return int(count or 0), int(seconds or 0), int(pending or 0)


def claim_period(
    organisation_id: int,
    project_id: int,
    start: dt.date,
    end: dt.date,
    line_id: int,
    *,
    now: dt.datetime,
) -> int:
    """Point a retainer period's approved unbilled billable entries at its closing line (one
    ``UPDATE``; ``invoice_line_id IS NULL`` re-checked by it). Returns the row count."""
    claimable, params = conditions_sql(PERIOD_CLAIMABLE, ENTRY)
    sql = (
        f"UPDATE {ENTRY} SET invoice_line_id = %s, status = %s, updated_at = %s"
        f" WHERE {ENTRY}.organisation_id = %s AND {ENTRY}.project_id = %s"
        f" AND {ENTRY}.date >= %s AND {ENTRY}.date <= %s AND {claimable}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [line_id, EntryStatus.INVOICED, now, organisation_id, project_id, start, end, *params],
        )
        return cursor.rowcount


def unbilled_entries(organisation_id: int, project_id: int, up_to: dt.date):
    """``[(date, entry_id, seconds)]`` of a project's approved unbilled billable entries up to a
    date (a retainer's stragglers: work before it started, or approved after its period was
    closed; the open periods' entries are after ``up_to``)."""
    sql = (
        f"SELECT e.date, e.id, e.billable_seconds FROM {ENTRY} e"
        f" WHERE e.organisation_id = %s AND e.project_id = %s AND e.is_billable = %s"
        f" AND e.status = %s AND e.invoice_line_id IS NULL AND e.date <= %s ORDER BY e.date, e.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisation_id, project_id, True, EntryStatus.APPROVED, up_to])
        return [(_parse_date(d), int(i), int(s or 0)) for d, i, s in cursor.fetchall()]


def pending_in_period(organisation_id: int, project_id: int, start: dt.date, end: dt.date):
    """Ids of a retainer period's billable entries still awaiting approval (draft, submitted)."""
    sql = (
        f"SELECT e.id FROM {ENTRY} e WHERE {_period_where()} AND e.status IN (%s, %s)"
        f" ORDER BY e.date, e.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                organisation_id,
                project_id,
                True,
                start,
                end,
                EntryStatus.DRAFT,
                EntryStatus.SUBMITTED,
            ],
        )
        return [int(i) for (i,) in cursor.fetchall()]
