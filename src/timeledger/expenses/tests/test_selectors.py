"""Cost and revenue of expenses per project, member and month (what reports read)."""

import datetime as dt
from decimal import Decimal

from timeledger.expenses import selectors
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import category, log

D = dt.date


def test_cost_and_revenue_per_project_member_and_month(org, alice, project):
    cat = category(org)
    log(alice, project, cat, amount="121.00", vat="21.00", markup="15")
    log(alice, project, cat, amount="50.00", is_billable=False, day=D(2026, 3, 20))
    log(alice, project, cat, amount="9.00")  # draft: not counted
    Expense.objects.exclude(amount=Decimal("9.00")).update(status=ExpenseStatus.APPROVED)
    period = {"date_from": D(2026, 3, 1), "date_to": D(2026, 3, 31)}
    by_project = selectors.cost_and_revenue(org, **period)
    row = by_project[(project.pk, None)]["EUR"]
    assert (row.cost, row.revenue, row.billed, row.count) == (
        Decimal("150.00"),
        Decimal("115.00"),
        Decimal("0"),
        2,
    )
    assert selectors.cost_and_revenue(org, by="member", **period)[(alice.pk, None)]["EUR"] == row
    assert (
        selectors.cost_and_revenue(org, by="month", **period)[(None, D(2026, 3, 1))]["EUR"] == row
    )
