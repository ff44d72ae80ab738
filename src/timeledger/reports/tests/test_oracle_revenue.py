"""On the shared workload, report figures equal the independent oracle
(``shared/workloads/oracle.py``): WIP before billing is the entries' amounts rounded one by one
(``entry_half_up``), and profitability's revenue per project after the billing run is the billed
total (``group_half_up``)."""

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from timeledger.bench.loader import load
from timeledger.bench.reports import revenue_per_project
from timeledger.billing.engine import run_billing
from timeledger.rates.locking import lock_entries
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.wip import wip
from timeledger.timesheets.models import EntryStatus, TimeEntry

WORKLOADS = Path(__file__).resolve().parents[5] / "shared" / "workloads"


def _oracle(path: Path, rule: str) -> dict[str, Decimal]:
    out = subprocess.run(
        [sys.executable, str(WORKLOADS / "oracle.py"), str(path), "--totals", rule],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {k: Decimal(v) for k, v in json.loads(out).items()}


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    if not (WORKLOADS / "make_workload.py").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{WORKLOADS} is missing")
        pytest.skip("shared/workloads not present")
    path = tmp_path_factory.mktemp("wl") / "custom.json"
    subprocess.run(
        [
            sys.executable,
            str(WORKLOADS / "make_workload.py"),
            "custom",
            "--clients",
            "2",
            "--employees",
            "4",
            "--projects",
            "6",
            "--entries",
            "300",
            "--seed",
            "11",
            "-o",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


def test_wip_and_revenue_per_project_equal_the_oracle(db, workload):
    org = load(str(workload), slug="wl").organisation
    TimeEntry.objects.filter(organisation=org).update(
        status=EntryStatus.APPROVED, updated_at=timezone.now()
    )
    lock_entries(TimeEntry.objects.filter(organisation=org))
    year = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))

    per_entry = _oracle(workload, "entry_half_up")
    unbilled = {r["project"].split(" — ")[0]: r["total"] for r in wip(Scope(org), year).rows}
    assert {c: unbilled.get(c, Decimal("0.00")) for c in per_entry} == per_entry

    run_billing(org, up_to=dt.date(2025, 12, 31))
    billed = _oracle(workload, "group_half_up")
    revenue = revenue_per_project(org)
    assert {c: revenue.get(c, Decimal("0.00")) for c in billed} == billed
