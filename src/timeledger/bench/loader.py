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
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from timeledger.accounts.models import Member, Organisation, User
from timeledger.accounts.roles import Role
from timeledger.billing.models import BillingSchedule, LineGrouping
from timeledger.clients.models import Client
from timeledger.projects.models import Project
from timeledger.rates.models import Rate
from timeledger.timesheets.models import TimeEntry

RATE_FROM = dt.date(2025, 1, 1)
BATCH = 50_000


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

    @property
    def rows_per_second(self) -> float:
        return self.entries / self.seconds if self.seconds else 0.0


def read(path: str) -> dict:
    with open(path) as fh:
        return json.load(fh, parse_float=Decimal)


def _hours_to_seconds(value) -> int:
    seconds = Decimal(str(value)) * 3600
    if seconds != seconds.to_integral_value():
        raise ValueError(f"hours {value} are not a whole number of seconds")
    return int(seconds)


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
    import time

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

        table = connection.ops.quote_name(TimeEntry._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            for start in range(0, len(entries), BATCH):
                chunk = entries[start : start + BATCH]
                if connection.vendor == "postgresql":
                    raw = cursor.cursor
                    with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in rows(chunk):
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        list(rows(chunk)),
                    )
                if progress:
                    progress(len(chunk))
    return LoadResult(
        organisation=org,
        clients=len(clients),
        members=len(members),
        projects=len(projects),
        entries=len(entries),
        seconds=time.perf_counter() - started,
    )
