"""On the shared workload, report figures equal the independent oracle
(``shared/workloads/oracle.py``): WIP before billing is the entries' amounts rounded one by one
(``entry_half_up``), and profitability's revenue per project after the billing run is the billed
total (``group_half_up``)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from timeledger.bench.loader import load
from timeledger.bench.reports import revenue_per_project
from timeledger.billing.engine import run_billing
from timeledger.rates.locking import lock_entries
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.wip import wip
from timeledger.testing.workloads import oracle_totals, small_workload
from timeledger.timesheets.models import EntryStatus, TimeEntry


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    return small_workload(tmp_path_factory.mktemp("wl"), projects=6, seed=11)


def test_wip_and_revenue_per_project_equal_the_oracle(db, workload):
    org = load(str(workload), slug="wl").organisation
    TimeEntry.objects.filter(organisation=org).update(
        status=EntryStatus.APPROVED, updated_at=timezone.now()
    )
    lock_entries(TimeEntry.objects.filter(organisation=org))
    year = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))

    per_entry = oracle_totals(workload, "entry_half_up")
    unbilled = {r["project"].split(" — ")[0]: r["total"] for r in wip(Scope(org), year).rows}
    assert {c: unbilled.get(c, Decimal("0.00")) for c in per_entry} == per_entry

    run_billing(org, up_to=dt.date(2025, 12, 31))
    billed = oracle_totals(workload, "group_half_up")
    revenue = revenue_per_project(org)
    assert {c: revenue.get(c, Decimal("0.00")) for c in billed} == billed
