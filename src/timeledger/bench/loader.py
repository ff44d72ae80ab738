"""Load a shared workload (``shared/workloads/make_workload.py``) into one organisation, in bulk.

Mapping (see the workloads README): each client a client; each employee a user + member with a
member-level billing rate (effective 2025-01-01); each project an hourly project grouped by member
(a ``BillingSchedule`` with trigger ``manual`` and grouping ``member``); each entry a duration entry
of that member on that project and date, billable as given, status ``draft``.

Entries go in with PostgreSQL ``COPY`` (psycopg 3) or, on SQLite, ``executemany`` of one INSERT,
in batches, with a progress bar. Columns are taken from the model so fields added later get their
defaults. Loading twice into the same organisation is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from timeledger.accounts.models import Member, Organisation, User
from timeledger.accounts.roles import Role
from timeledger.billing.models import BillingSchedule
from timeledger.clients.models import Client
from timeledger.invoicing.models import LineGrouping
from timeledger.projects.models import Project
from timeledger.rates.models import Rate
from timeledger.timesheets.models import TimeEntry

RATE_FROM = dt.date(2025, 1, 1)
BATCH = 50_000
ANALYZED_ENTRY_COLUMNS = (
    "organisation_id",
    "member_id",
    "client_id",
    "project_id",
    "task_id",
    "date",
    "status",
    "is_billable",
    "invoice_line_id",
    "rate_locked_at",
)


class AlreadyLoaded(Exception):
    pass


@dataclass
class LoadResult:
    organisation: Organisation
    clients: int
    members: int
    projects: int
    entries: int
    seconds: float
    entry_seconds: float = 0.0
    reference_rows: int = 0
    copy_seconds: float = 0.0  # the COPY (or INSERT) of the entries alone

    @property
    def rows_per_second(self) -> float:
        """Every row written (entries and the clients, users, members, rates, projects,
        schedules they need) over the whole load."""
        return (self.entries + self.reference_rows) / self.seconds if self.seconds else 0.0

    @property
    def entries_per_second(self) -> float:
        """Entries over the entry phase (COPY, index rebuild, reference checks, commit)."""
        return self.entries / self.entry_seconds if self.entry_seconds else 0.0


def read(path: str) -> dict:
    with open(path) as fh:
        return json.load(fh, parse_float=Decimal)


def _hours_to_seconds(value) -> int:
    """Hours with two decimals are whole seconds (0.01 h = 36 s); anything else via Decimal."""
    if (
        isinstance(value, str)
        and len(value) >= 4
        and value[-3] == "."
        and value.replace(".", "", 1).isdigit()
    ):
        return int(value.replace(".", "", 1)) * 36
    seconds = Decimal(str(value)) * 3600
    if seconds != seconds.to_integral_value():
        raise ValueError(f"hours {value} are not a whole number of seconds")
    return int(seconds)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def _sqlite_value(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, (dt.date, Decimal, str)):
        return str(value)  # plain str: TextChoices members are str subclasses
    return value


def _skip_fk_triggers(cursor) -> bool:
    """PostgreSQL checks each entry's six foreign keys with a trigger call per row at commit;
    for a bulk load we skip those (superuser only: ``session_replication_role``) and check every
    reference with one anti-join per key instead (``_check_references``)."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
        return True
    except Exception:
        return False


def _drop_secondary_indexes(cursor, table: str) -> list[str]:
    """Drop the table's indexes other than its primary key; returns their definitions.

    Building an index once over sorted data is far cheaper than maintaining eleven of them row by
    row during a bulk load. Done only when the load more than doubles the table, inside the load's
    transaction (DDL is transactional on PostgreSQL and SQLite): a failed load restores them.
    """
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
            " AND sql IS NOT NULL",
            [table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
        return [definition for _name, definition in found]
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s"
        " AND i.indexname NOT IN (SELECT conname FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'x'))",
        [table, table],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _check_references(cursor, org_id: int) -> None:
    """Every entry of the load points at rows that exist: one scan of the entries for the
    distinct combinations of keys, then one anti-join per foreign key on those few rows."""
    table = TimeEntry._meta.db_table
    fks = [f for f in TimeEntry._meta.concrete_fields if f.is_relation]
    cols = ", ".join(f.column for f in fks)
    joins = " ".join(
        f"LEFT JOIN {f.related_model._meta.db_table} t{i} ON t{i}.id = d.{f.column}"
        for i, f in enumerate(fks)
    )
    missing = " OR ".join(
        f"(d.{f.column} IS NOT NULL AND t{i}.id IS NULL)" for i, f in enumerate(fks)
    )
    cursor.execute(
        f"SELECT COUNT(*) FROM (SELECT DISTINCT {cols} FROM {table}"
        f" WHERE organisation_id = %s) d {joins} WHERE {missing}",
        [org_id],
    )
    bad = cursor.fetchone()[0]
    if bad:
        raise ValueError(f"{bad} combinations of keys point at missing rows; load refused")


def _entry_columns(now):
    """(column names, builder) for raw inserts: explicit values, model defaults for the rest."""
    explicit = [
        "organisation_id",
        "member_id",
        "client_id",
        "project_id",
        "date",
        "seconds",
        "billable_seconds",
        "is_billable",
        "description",
    ]
    defaults = {}
    for field in TimeEntry._meta.concrete_fields:
        if field.primary_key or field.attname in explicit:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        defaults[field.column] = field.get_db_prep_save(value, connection)
    return explicit + list(defaults), list(defaults.values())


def load(path_or_data, *, slug: str, name: str | None = None, progress=None) -> LoadResult:
    """Load the workload into a new organisation ``slug`` (refused when it already holds one)."""
    data = read(path_or_data) if isinstance(path_or_data, str) else path_or_data
    org = Organisation.objects.filter(slug=slug).first()
    if org is not None and (
        Client.objects.filter(organisation=org).exists()
        or TimeEntry.objects.filter(organisation=org).exists()
    ):
        raise AlreadyLoaded(f"organisation {slug!r} already holds data; refusing to load twice")
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        if org is None:
            org = Organisation.objects.create(name=name or slug, slug=slug, currency="USD")
        clients = Client.objects.bulk_create(
            [
                Client(organisation=org, code=c["code"], name=c["name"], currency=c["currency"])
                for c in data["clients"]
            ]
        )
        client_ids = {c.code: c.pk for c in clients}
        currency = {c["code"]: c["currency"] for c in data["clients"]}
        users = []
        for e in data["employees"]:
            first, _, last = e["name"].partition(" ")
            u = User(
                email=f"{e['code'].lower()}@{slug}.bench.invalid", first_name=first, last_name=last
            )
            u.set_unusable_password()
            users.append(u)
        users = User.objects.bulk_create(users, batch_size=2000)
        members = Member.objects.bulk_create(
            [
                Member(organisation=org, user=u, role=Role.MEMBER, code=e["code"])
                for u, e in zip(users, data["employees"], strict=True)
            ],
            batch_size=2000,
        )
        member_ids = {m.code: m.pk for m in members}
        # Member-level rates in each currency the clients use (the workload's is USD).
        Rate.objects.bulk_create(
            [
                Rate(
                    organisation=org,
                    kind="billing",
                    level="member",
                    member_id=member_ids[e["code"]],
                    amount=Decimal(str(e["hourly_rate"])),
                    currency=cur,
                    effective_from=RATE_FROM,
                    source=f"member rate {e['name']} {Decimal(str(e['hourly_rate']))} {cur}, "
                    f"effective {RATE_FROM}",
                )
                for e in data["employees"]
                for cur in sorted(set(currency.values()))
            ],
            batch_size=2000,
        )
        projects = Project.objects.bulk_create(
            [
                Project(
                    organisation=org,
                    client_id=client_ids[p["client"]],
                    code=p["code"],
                    name=p["name"],
                    billing_model=p.get("billing", "hourly"),
                )
                for p in data["projects"]
            ],
            batch_size=2000,
        )
        project_ids = {p.code: p.pk for p in projects}
        project_client = {
            p.code: client_ids[p_data["client"]]
            for p, p_data in zip(projects, data["projects"], strict=True)
        }
        BillingSchedule.objects.bulk_create(
            [
                BillingSchedule(
                    organisation=org, project=p, trigger="manual", grouping=LineGrouping.MEMBER
                )
                for p in projects
            ],
            batch_size=2000,
        )
        columns, tail = _entry_columns(now)
        entries = data["entries"]
        org_id = org.pk

        def rows(chunk):
            for e in chunk:
                seconds = _hours_to_seconds(e["hours"])
                yield (
                    org_id,
                    member_ids[e["employee"]],
                    project_client[e["project"]],
                    project_ids[e["project"]],
                    e["date"],
                    seconds,
                    seconds,
                    bool(e["billable"]),
                    e.get("description", ""),
                    *tail,
                )

        tail_text = "\t".join(_copy_text(v) for v in tail)

        seconds_of: dict = {}  # a workload has a few hundred distinct durations

        def copy_lines(part) -> str:
            out = []
            append = out.append
            for e in part:
                hours = e["hours"]
                seconds = seconds_of.get(hours)
                if seconds is None:
                    seconds = seconds_of[hours] = _hours_to_seconds(hours)
                d = e.get("description", "")
                if "\\" in d or "\t" in d or "\n" in d or "\r" in d:
                    d = d.translate(_ESCAPES)
                p = e["project"]
                append(
                    f"{org_id}\t{member_ids[e['employee']]}\t{project_client[p]}\t"
                    f"{project_ids[p]}\t{e['date']}\t{seconds}\t{seconds}\t"
                    f"{'t' if e['billable'] else 'f'}\t{d}\t{tail_text}\n"
                )
            return "".join(out)

        table = connection.ops.quote_name(TimeEntry._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            fast = connection.vendor == "postgresql" and _skip_fk_triggers(cursor)
            rebuild = (
                _drop_secondary_indexes(cursor, TimeEntry._meta.db_table)
                if (fast or connection.vendor == "sqlite")
                and len(entries) > TimeEntry.objects.count()
                else []
            )
            t_copy = time.perf_counter()
            for start in range(0, len(entries), BATCH):
                chunk = entries[start : start + BATCH]
                if connection.vendor == "postgresql":
                    # COPY in text format, written as one buffer per batch: psycopg's per-row
                    # adaptation was the bottleneck (8k rows/s), plain string joins are not.
                    # Written in slices so PostgreSQL ingests one while Python formats the next.
                    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for i in range(0, len(chunk), 5000):
                            copy.write(copy_lines(chunk[i : i + 5000]))
                else:
                    # The raw sqlite3 cursor: Django's wrapper rewrites every parameter set.
                    marks = ", ".join(["?"] * len(columns))
                    cursor.cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        [tuple(_sqlite_value(v) for v in row) for row in rows(chunk)],
                    )
                if progress:
                    progress(len(chunk))
            copy_seconds = time.perf_counter() - t_copy
            if rebuild and connection.vendor == "postgresql":
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in rebuild:
                cursor.execute(definition)
            if fast:
                cursor.execute("SET LOCAL session_replication_role = origin")
                _check_references(cursor, org_id)
            if connection.vendor == "postgresql":
                # Fresh statistics: the first queries over a bulk-loaded table otherwise plan
                # for an empty one (rate lookups by seq scan, nested loops).
                # The entries: only the columns queries filter, join or group on — sampling the
                # free-text description was a quarter of the load's time on medium.
                cursor.execute(f"ANALYZE {table} ({', '.join(ANALYZED_ENTRY_COLUMNS)})")
                for model in (Member, Rate, Project, Client, BillingSchedule):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    entry_seconds = time.perf_counter() - t_copy  # COPY, index rebuild, checks and commit
    return LoadResult(
        organisation=org,
        clients=len(clients),
        members=len(members),
        projects=len(projects),
        entries=len(entries),
        seconds=time.perf_counter() - started,
        entry_seconds=entry_seconds,
        copy_seconds=copy_seconds,
        reference_rows=len(clients) + 2 * len(members) + len(projects) * 2 + len(data["employees"]),
    )
