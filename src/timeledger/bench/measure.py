"""The measured phases of a benchmark (``bench.phases`` runs one per process, after Django is set
up): load a workload; approve, bill, run the reports and verify against the oracle."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
from decimal import Decimal

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from tqdm import tqdm

from timeledger.accounts.models import Organisation
from timeledger.bench.loader import load, read
from timeledger.bench.reports import revenue_per_project, time_pipeline, time_reports
from timeledger.billing.engine import run_billing
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.rates.locking import lock_entries
from timeledger.timesheets.models import EntryStatus, TimeEntry

SLUG = "bench"
UP_TO = dt.date(2025, 12, 31)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_load(workload: str) -> dict:

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    data = read(workload)
    read_s = time.perf_counter() - t0

    with tqdm(total=len(data["entries"]), unit="entry", desc="loading", file=sys.stderr) as bar:
        result = load(data, slug=SLUG, progress=bar.update)
    return {
        "migrate_s": round(migrate_s, 2),
        "read_json_s": round(read_s, 2),
        "entries": result.entries,
        "load_s": round(result.seconds, 3),
        "rows_per_s": round(result.rows_per_second),
        "entries_per_s": round(result.entries_per_second),
        "entry_load_s": round(result.entry_seconds, 3),
        "copy_s": round(result.copy_seconds, 3),
        "load_rss_mb": round(_rss_mb(), 1),
    }


def _vacuum_entries() -> None:
    """``VACUUM ANALYZE`` the entries on PostgreSQL, as its autovacuum would after a bulk write
    (dead row versions gone, statistics fresh) before the next figure reads the table."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE timesheets_timeentry")


def phase_pipeline(approve: bool, repeat: int = 2) -> dict:
    """The pipeline report on a loaded workload (``--approve``: approve everything first, as
    ``phase_bill`` does). Writes nothing else: the report's dry run rolls back."""
    org = Organisation.objects.get(slug=SLUG)
    out: dict = {"backend": connection.vendor, "load_average_start": os.getloadavg()[0]}
    if approve:
        t0 = time.perf_counter()
        with transaction.atomic():
            now = timezone.now()
            lock_entries(
                TimeEntry.objects.filter(organisation=org, status=EntryStatus.DRAFT),
                at=now,
                also_set={"status": EntryStatus.APPROVED, "updated_at": now},
            )
        _vacuum_entries()
        out["approve_s"] = round(time.perf_counter() - t0, 2)
    out["pipeline"] = time_pipeline(org, repeat=repeat)
    out["load_average_end"] = os.getloadavg()[0]
    return out


def _floor(org_id: int) -> tuple[float, dict]:
    """The bare GROUP BY over the same rows: the least any billing can cost."""

    with connection.cursor() as cursor:
        t0 = time.perf_counter()
        cursor.execute(
            "SELECT project_id, SUM(amount) FROM timesheets_timeentry"
            " WHERE organisation_id = %s AND is_billable = %s GROUP BY project_id",
            [org_id, True],
        )
        rows = cursor.fetchall()
        return time.perf_counter() - t0, {p: s for p, s in rows}


def phase_bill(expected_path: str, batch_size: int) -> dict:

    with open(expected_path) as fh:
        expected = {k: Decimal(v) for k, v in json.load(fh).items()}
    org = Organisation.objects.get(slug=SLUG)
    out: dict = {"backend": connection.vendor}

    # Approve everything, set-based, in one pass: the UPDATE that freezes the rates writes the
    # status too (``lock_entries(also_set=…)``, as ``timesheets.approval.approve`` does).
    t0 = time.perf_counter()
    with transaction.atomic():
        now = timezone.now()
        locked = lock_entries(
            TimeEntry.objects.filter(organisation=org, status=EntryStatus.DRAFT),
            at=now,
            also_set={"status": EntryStatus.APPROVED, "updated_at": now},
        )
    out["approve_s"] = round(time.perf_counter() - t0, 3)
    out["rates_locked"] = int(locked)
    out["approved"] = locked.moved
    # The approval UPDATE left a dead version of every row; a real system's autovacuum would
    # clean it up, so do it now, before either the floor or the billing run reads the table.
    _vacuum_entries()

    floors = [_floor(org.pk) for _ in range(3)]
    out["floor_s"] = round(min(f[0] for f in floors), 4)
    # The write floor: a bare UPDATE of the same rows (rolled back). Billing must write every
    # billed row once, so this — not the read-only GROUP BY — is what bounds it from below.
    with transaction.atomic():
        with connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute(
                "UPDATE timesheets_timeentry SET status = %s"
                " WHERE organisation_id = %s AND is_billable = %s",
                [EntryStatus.INVOICED, org.pk, True],
            )
            out["write_floor_s"] = round(time.perf_counter() - t0, 3)
        transaction.set_rollback(True)
    _vacuum_entries()
    # The claim floor: the same UPDATE writing ``invoice_line_id`` too, as billing must. With no
    # index on ``status`` the bare UPDATE above can be HOT (no index entries) once VACUUM has
    # freed room in the pages; a claim changes an indexed column, so it never is. The id written
    # is the entry's own (any non-null value does); rolled back before the deferred FK check.
    with transaction.atomic():
        with connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute(
                "UPDATE timesheets_timeentry SET status = %s, invoice_line_id = id"
                " WHERE organisation_id = %s AND is_billable = %s",
                [EntryStatus.INVOICED, org.pk, True],
            )
            out["claim_floor_s"] = round(time.perf_counter() - t0, 3)
        transaction.set_rollback(True)
    _vacuum_entries()

    # The reports phase: every report on a one-month and a one-year range, on the approved,
    # unbilled data (WIP full; the pipeline's dry run bills everything and rolls back).
    out["reports"] = time_reports(org)
    out["reports_s"] = round(sum(r["month_s"] + r["year_s"] for r in out["reports"].values()), 3)
    _vacuum_entries()  # the dry run's rolled-back writes

    if connection.vendor == "postgresql":
        # The server's buffer cache beside what billing rewrites: on large it decides the figure.
        with connection.cursor() as cursor:
            cursor.execute("SHOW shared_buffers")
            out["shared_buffers"] = cursor.fetchone()[0]
            cursor.execute("SELECT pg_total_relation_size('timesheets_timeentry')")
            out["entry_table_mb"] = round(cursor.fetchone()[0] / 2**20)
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    result = run_billing(org, up_to=UP_TO, batch_size=batch_size)
    out["billing_s"] = round(time.perf_counter() - t0, 3)
    out["billing_rss_mb"] = round(_rss_mb(), 1)
    out["rss_before_billing_mb"] = round(rss_before, 1)
    out["invoices"] = len(result.billed)
    out["entries_billed"] = result.entries
    out["billing_errors"] = [f"{p.code}: {p.error}" for p in result.errors][:5]
    out["ratio"] = round(out["billing_s"] / out["floor_s"], 2) if out["floor_s"] else None
    out["write_ratio"] = (
        round(out["billing_s"] / out["write_floor_s"], 2) if out["write_floor_s"] else None
    )
    out["claim_ratio"] = (
        round(out["billing_s"] / out["claim_floor_s"], 2) if out["claim_floor_s"] else None
    )
    # The floor again, after billing, on the same rows (cache state comparable to billing's).
    out["floor_after_s"] = round(min(_floor(org.pk)[0] for _ in range(3)), 4)

    revenue = revenue_per_project(org)
    out["report_revenue_mismatches"] = sum(
        1 for code, total in expected.items() if revenue.get(code, Decimal("0.00")) != total
    )

    # --- correctness: oracle totals to the cent, every billable entry billed exactly once ---
    actual = dict(
        Invoice.objects.filter(organisation=org)
        .values_list("project__code")
        .annotate(s=Sum("net_total"))
        .order_by()
    )
    mismatches = {
        code: (str(total), str(actual.get(code, Decimal("0.00"))))
        for code, total in expected.items()
        if actual.get(code, Decimal("0.00")) != total
    }
    extra = sorted(set(actual) - set(expected))
    counts = TimeEntry.objects.filter(organisation=org).aggregate(
        billable=Count("id", filter=Q(is_billable=True)),
        unbilled=Count("id", filter=Q(is_billable=True, invoice_line__isnull=True)),
        wrongly_billed=Count("id", filter=Q(is_billable=False, invoice_line__isnull=False)),
        not_invoiced_status=Count(
            "id", filter=Q(is_billable=True) & ~Q(status=EntryStatus.INVOICED)
        ),
    )
    line_entries = (
        InvoiceLine.objects.filter(organisation=org, kind=LineKind.TIME).aggregate(
            n=Sum("entry_count")
        )["n"]
        or 0
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE billing_invoiceline")
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT l.id, l.entry_count, COUNT(e.id) AS c"
            " FROM billing_invoiceline l LEFT JOIN timesheets_timeentry e"
            " ON e.invoice_line_id = l.id WHERE l.organisation_id = %s AND l.kind = %s"
            " GROUP BY l.id, l.entry_count) x WHERE x.c <> x.entry_count",
            [org.pk, LineKind.TIME],
        )
        bad_lines = cursor.fetchone()[0]
    out["verify"] = {
        "projects_checked": len(expected),
        "projects_differing": len(mismatches),
        "sample_diffs": dict(sorted(mismatches.items())[:5]),
        "unexpected_invoices": extra[:5],
        "billable_entries": counts["billable"],
        "unbilled_billable": counts["unbilled"],
        "non_billable_billed": counts["wrongly_billed"],
        "billable_not_invoiced_status": counts["not_invoiced_status"],
        "line_entry_count_sum": line_entries,
        "lines_with_wrong_count": bad_lines,
        "grand_total": str(sum(actual.values(), Decimal("0.00"))),
        "grand_total_oracle": str(sum(expected.values(), Decimal("0.00"))),
    }
    # A second run right after: everything is billed, so it must bill nothing (exactly once), and
    # its time is what every later run pays for the history it need not touch — the hourly run
    # of an installation whose entries are nearly all billed.
    _vacuum_entries()
    t0 = time.perf_counter()
    rerun = run_billing(org, up_to=UP_TO, batch_size=batch_size)
    out["rerun_s"] = round(time.perf_counter() - t0, 3)
    out["rerun_entries"] = rerun.entries
    v = out["verify"]
    out["ok"] = (
        rerun.entries == 0
        and not rerun.errors
        and not mismatches
        and not extra
        and not out["billing_errors"]
        and v["unbilled_billable"] == 0
        and v["non_billable_billed"] == 0
        and v["billable_not_invoiced_status"] == 0
        and v["line_entry_count_sum"] == v["billable_entries"]
        and bad_lines == 0
        and out["report_revenue_mismatches"] == 0
    )
    out["bill_rss_mb"] = round(_rss_mb(), 1)
    return out
