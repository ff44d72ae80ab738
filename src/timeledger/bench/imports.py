"""``python -m timeledger.bench.imports [ROWS]``: how fast a Toggl Track export imports.

A benchmark, not a timed test. On a fresh PostgreSQL database (``BENCH_DB``, else ``BENCH_PG_DB``, default
``tl_bench_import``; ``BENCH_PG_ADMIN_URL`` for the server) it makes an organisation with 50
members, 10 clients and 80 of the file's 100 projects, writes a Toggl detailed CSV of ROWS rows
(default 100,000; one to four entries a working day per member, none overlapping, some across
the DST changes), then times, in one process:

- the preview (two streaming passes, every row checked, nothing written),
- the commit as ``timeledger import`` does it (the same two passes, then the writes: 20 new
  projects and their tasks through the services, the entries and their source keys by ``COPY``,
  one audit row),
- a second import of the same file (every row found by its source key: 0 created).

Prints rows/s for each and one JSON line, appended to ``var/bench/results.jsonl``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import django
import psycopg

from timeledger.integrations.imports.toggl import EXPORT_HEADER

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "var" / "bench"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = os.environ.get("BENCH_DB") or os.environ.get("BENCH_PG_DB") or "tl_bench_import"
MEMBERS, CLIENTS, PROJECTS, EXISTING_PROJECTS = 50, 10, 100, 80


def _fresh_database() -> str:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB


def write_toggl_csv(path: Path, rows: int) -> None:
    """Entries of ``MEMBERS`` people, each on their own working days from 2020-01-06 on: up to
    four a day at 08:00, 10:00, 13:00 and 15:30 (Europe/Berlin), 45 to 119 minutes long."""
    starts = [(8, 0), (10, 0), (13, 0), (15, 30)]
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(EXPORT_HEADER)
        per_member = -(-rows // MEMBERS)
        written = 0
        for m in range(MEMBERS):
            day, slot = dt.date(2020, 1, 6), 0
            for k in range(per_member):
                if written == rows:
                    return
                while day.weekday() >= 5:
                    day += dt.timedelta(days=1)
                hour, minute = starts[slot]
                minutes = 45 + (k * 37 + m * 11) % 75
                begin = dt.datetime.combine(day, dt.time(hour, minute))
                end = begin + dt.timedelta(minutes=minutes)
                p = (m * 7 + k) % PROJECTS
                billable = (k + m) % 5 != 0
                out.writerow(
                    [
                        f"Person {m}",
                        f"person{m}@bench.example",
                        f"Client {p % CLIENTS}",
                        f"Project {p}",
                        ("Build", "Review", "Meetings")[k % 3],
                        f"Work item {k} of person {m}" if k % 4 else "",
                        "Yes" if billable else "No",
                        begin.date().isoformat(),
                        begin.strftime("%H:%M:%S"),
                        end.date().isoformat(),
                        end.strftime("%H:%M:%S"),
                        f"{minutes // 60:02d}:{minutes % 60:02d}:00",
                        "bench",
                        f"{minutes * 2:.2f}" if billable else "0.00",
                    ]
                )
                written += 1
                slot += 1
                if slot == len(starts) or (k + m) % 3 == 0:
                    slot, day = 0, day + dt.timedelta(days=1)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    rows = int(args[0]) if args else 100_000
    os.environ["DATABASE_URL"] = _fresh_database()
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DJANGO_SETTINGS_MODULE"] = "timeledger.settings"
    django.setup()
    # Models import only after setup, and setup only after DATABASE_URL names the fresh
    # database: Django forces these imports into the function.
    from django.core.management import call_command
    from django.db import connection

    from timeledger.accounts.models import Member, Organisation, User
    from timeledger.accounts.roles import Role
    from timeledger.clients.models import Client
    from timeledger.integrations.imports import service
    from timeledger.projects.models import Project
    from timeledger.timesheets.models import TimeEntry

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench", slug="bench", time_zone="Europe/Berlin")
    owner_user = User.objects.create_user("owner@bench.example", "x", timezone="Europe/Berlin")
    owner = Member.objects.create(organisation=org, user=owner_user, role=Role.OWNER)
    for m in range(MEMBERS):
        u = User.objects.create_user(f"person{m}@bench.example", None, timezone="Europe/Berlin")
        Member.objects.create(organisation=org, user=u, role=Role.MEMBER)
    clients = [
        Client.objects.create(organisation=org, code=f"C{c}", name=f"Client {c}")
        for c in range(CLIENTS)
    ]
    for p in range(EXISTING_PROJECTS):
        Project.objects.create(
            organisation=org, client=clients[p % CLIENTS], code=f"P{p}", name=f"Project {p}"
        )
    owner = Member.objects.select_related("user", "organisation").get(pk=owner.pk)
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "toggl_bench.csv"
        t = time.perf_counter()
        write_toggl_csv(path, rows)
        generate_s = time.perf_counter() - t
        size_mb = path.stat().st_size / 1e6
        options = service.ImportOptions(tz="Europe/Berlin")

        def batch_of():
            with open(path, "rb") as fh:
                return service.create_batch(
                    fh, by=owner, options=options, filename=path.name, check=False
                )

        with open(path, "rb") as fh:
            t = time.perf_counter()
            summary = service.preview(fh, by=owner, options=options, now=now)
            preview_s = time.perf_counter() - t
        assert summary["rows"]["new"] == rows, summary["rows"]

        batch = batch_of()
        t = time.perf_counter()
        batch = service.commit(batch, by=owner, now=now)
        commit_s = time.perf_counter() - t
        assert batch.rows_created == rows, (batch.rows_created, batch.preview["errors"][:3])
        assert TimeEntry.objects.filter(organisation=org).count() == rows

        again = batch_of()
        t = time.perf_counter()
        again = service.commit(again, by=owner, now=now)
        reimport_s = time.perf_counter() - t
        assert (again.rows_created, again.rows_duplicate) == (0, rows)

    result = {
        "bench": "import",
        "format": "toggl",
        "database": connection.vendor,
        "rows": rows,
        "file_mb": round(size_mb, 1),
        "generate_s": round(generate_s, 2),
        "preview_s": round(preview_s, 2),
        "preview_rows_per_s": round(rows / preview_s),
        "commit_s": round(commit_s, 2),
        "commit_rows_per_s": round(rows / commit_s),
        "reimport_s": round(reimport_s, 2),
        "reimport_rows_per_s": round(rows / reimport_s),
        "load_average": os.getloadavg()[0],
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
    }
    table = io.StringIO()
    table.write(f"{'phase':<10} {'seconds':>8} {'rows/s':>9}\n")
    for phase in ("preview", "commit", "reimport"):
        table.write(f"{phase:<10} {result[phase + '_s']:>8} {result[phase + '_rows_per_s']:>9,}\n")
    print(f"{rows:,} Toggl rows ({size_mb:.1f} MB) on {connection.vendor}")
    print(table.getvalue(), end="")
    print(json.dumps(result))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "results.jsonl", "a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
