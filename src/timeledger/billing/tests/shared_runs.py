"""Helpers for the tests of runs shared by workers: a small shared workload loaded (approved, rates
frozen) into as many organisations as needed, and what a run made of it, compared by content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from timeledger.bench.loader import load
from timeledger.invoicing.models import Invoice, InvoiceLine
from timeledger.rates.locking import lock_entries
from timeledger.timesheets.models import EntryStatus, TimeEntry

WORKLOADS = Path(__file__).resolve().parents[5] / "shared" / "workloads"
UP_TO = timezone.datetime(2025, 12, 31).date()


def make_workload(directory: Path, *, projects: int = 12, entries: int = 600) -> Path:
    if not (WORKLOADS / "make_workload.py").exists():
        pytest.skip("shared/workloads not present")
    path = directory / "shared-run.json"
    subprocess.run(
        [
            sys.executable, str(WORKLOADS / "make_workload.py"), "custom",
            "--clients", "3", "--employees", "5", "--projects", str(projects),
            "--entries", str(entries), "--seed", "11", "-o", str(path),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return path


def loaded(path: Path, slug: str):
    org = load(str(path), slug=slug).organisation
    TimeEntry.objects.filter(organisation=org).update(
        status=EntryStatus.APPROVED, updated_at=timezone.now()
    )
    lock_entries(TimeEntry.objects.filter(organisation=org))
    return org


def billed(org) -> dict:
    """Per project code: the run's invoices (kind, status, totals, period) and their lines, and
    the entries billed, counted by the lines and by the entries themselves."""
    out = {}
    for invoice in Invoice.objects.filter(organisation=org).select_related("project"):
        lines = [
            (line.kind, line.description, line.quantity, line.unit_price, line.net_amount,
             line.entry_count)
            for line in InvoiceLine.objects.filter(invoice=invoice).order_by("position")
        ]  # fmt: skip
        out.setdefault(invoice.project.code, []).append(
            (
                invoice.kind, invoice.status, invoice.currency, invoice.net_total,
                invoice.tax_total, invoice.gross_total, invoice.period_start, invoice.period_end,
                lines,
            )
        )  # fmt: skip
    entries = TimeEntry.objects.filter(organisation=org)
    return {
        "invoices": {code: sorted(rows) for code, rows in sorted(out.items())},
        "billed_entries": entries.filter(invoice_line__isnull=False).count(),
        "unbilled_billable": entries.filter(is_billable=True, invoice_line__isnull=True).count(),
        "line_entry_count": sum(
            InvoiceLine.objects.filter(organisation=org).values_list("entry_count", flat=True)
        ),
    }


def run_outcome(run) -> tuple:
    run.refresh_from_db()
    summary = [
        {k: v for k, v in p.items() if k != "invoice" and k != "adds_to"}
        for p in run.summary["projects"]
    ]
    return (
        run.status, run.projects_billed, run.invoices_created, run.entries_billed, run.totals,
        run.error, summary,
    )  # fmt: skip
