"""Expenses in the time and profitability reports: cost (net of reclaimable VAT) and revenue
(billable, with mark-up), worked out by hand over ``fixtures.World``:

- alice on WEB, 3 Nov: 121.00 with 21.00 VAT, mark-up 10 %, billable, approved, unbilled
  → cost 100.00, billable 110.00 (WIP);
- alice on WEB, 4 Nov: 50.00, billable, approved, billed (on a draft) → cost 50.00, billable
  50.00, no longer WIP;
- bob on OPS, 3 Nov: 30.00, not billable, approved → cost 30.00;
- alice on WEB, 5 Nov: 999.00, a draft → not counted.
"""

import datetime as dt
from decimal import Decimal as D

import pytest

from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import category, log
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.projects.models import Assignment
from timeledger.reports.filters import Filters
from timeledger.reports.registry import run
from timeledger.reports.tests.fixtures import NOV_1, NOV_30, World

OCT_1 = dt.date(2026, 10, 1)


@pytest.fixture
def world(org, owner, manager, alice, accountant, client_):
    w = World(org, owner, manager, alice, accountant, client_)
    travel = category(org, "Travel")
    Assignment.objects.create(organisation=org, project=w.ops, member=w.bob)
    wip = log(
        w.alice, w.web, travel, amount="121.00", vat="21.00", markup="10", day=NOV_1.replace(day=3)
    )
    billed = log(w.alice, w.web, travel, amount="50.00", day=NOV_1.replace(day=4))
    spent = log(w.bob, w.ops, travel, amount="30.00", is_billable=False, day=NOV_1.replace(day=3))
    log(w.alice, w.web, travel, amount="999.00", day=NOV_1.replace(day=5))
    Expense.objects.filter(pk__in=[wip.pk, billed.pk, spent.pk]).update(
        status=ExpenseStatus.APPROVED
    )
    # billed on a draft without dates (so outside the range: only its claim matters here)
    draft = Invoice.objects.create(organisation=org, client=client_, project=w.web, currency="EUR")
    line = InvoiceLine.objects.create(
        organisation=org, invoice=draft, kind=LineKind.EXPENSE, description="Travel"
    )
    Expense.objects.filter(pk=billed.pk).update(invoice_line=line)
    return w


def _rows(report) -> dict:
    return {r["group"].split(" ")[0]: r for r in report.rows}


def test_time_report_shows_expense_cost_and_billable_value(world):
    f = Filters(date_from=NOV_1, date_to=NOV_30, group="project")
    rows = _rows(run("time", world.owner, f, today=NOV_30))
    assert (rows["WEB"]["expense_cost"], rows["WEB"]["expense_revenue"]) == (
        D("150.00"),
        D("160.00"),
    )
    assert (rows["OPS"]["expense_cost"], rows["OPS"]["expense_revenue"]) == (D("30.00"), D("0.00"))
    assert rows["WEB"]["hours"] == D("10.00")  # the time figures as before
    by_member = run(
        "time", world.owner, Filters(date_from=NOV_1, date_to=NOV_30, group="member"), today=NOV_30
    )
    assert sum(r["expense_cost"] for r in by_member.rows) == D("180.00")


def test_member_sees_no_expense_money(world):
    r = run("time", world.alice, Filters(date_from=NOV_1, date_to=NOV_30), today=NOV_30)
    assert all("expense_cost" not in row for row in r.rows)


def test_profitability_counts_expense_cost_and_unbilled_revenue(world):
    f = Filters(date_from=OCT_1, date_to=NOV_30, group="project")
    rows = _rows(run("profitability", world.owner, f, today=NOV_30))
    web = rows["WEB"]
    # WIP 950.00 of time + 110.00 unbilled expenses; the billed 50.00 is no longer WIP
    assert (web["invoiced"], web["wip"], web["revenue"]) == (
        D("300.00"),
        D("1060.00"),
        D("1360.00"),
    )
    assert (web["time_cost"], web["expense_cost"], web["cost"]) == (
        D("460.00"),
        D("150.00"),
        D("610.00"),
    )
    assert (web["margin"], web["margin_pct"]) == (D("750.00"), D("55.1"))
    assert (rows["OPS"]["cost"], rows["OPS"]["margin"]) == (D("150.00"), D("210.00"))


def test_profitability_per_member_adds_their_billable_expenses(world):
    f = Filters(date_from=OCT_1, date_to=NOV_30, group="member")
    rows = run("profitability", world.owner, f, today=NOV_30).rows
    alice = next(x for x in rows if x["hours"] == D("11.50"))
    assert (alice["revenue"], alice["cost"]) == (D("1110.00"), D("610.00"))


def test_filters_narrow_the_expenses_too(world):
    f = Filters(date_from=OCT_1, date_to=NOV_30, group="project", project_id=world.ops.pk)
    rows = _rows(run("profitability", world.owner, f, today=NOV_30))
    assert set(rows) == {"OPS"} and rows["OPS"]["expense_cost"] == D("30.00")
