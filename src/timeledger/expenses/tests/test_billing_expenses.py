"""The billing engine's expense strategy: on the same draft as the time, exactly once, mark-up
and VAT as worked out by hand; a week's expenses move with its time through approval."""

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.approvals import services as approvals
from timeledger.billing.engine import run_billing
from timeledger.billing.engine.strategies.expenses import billed_amount
from timeledger.billing.tests.helpers import approved
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import category, log
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.invoicing.tests import factories as inv
from timeledger.invoicing.totals import invoice_totals
from timeledger.projects.models import BillingModel
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus

D = dt.date


def _approve(*expenses):
    Expense.objects.filter(pk__in=[e.pk for e in expenses]).update(status=ExpenseStatus.APPROVED)


def test_expenses_bill_on_the_time_draft_with_markup_and_vat_by_hand(org, owner, alice, project):
    taxes = inv.taxes(org)  # S 21 % is the default
    travel = category(org, "Travel")
    approved(alice, project, day=D(2026, 3, 3), hours="2.00", rate="100.00")
    a = log(alice, project, travel, amount="121.00", vat="21.00", markup="15")
    b = log(alice, project, travel, amount="59.99", vat="10.41", markup="15")
    _approve(a, b)

    result = run_billing(org, by=owner, up_to=D(2026, 3, 31))

    [invoice] = Invoice.objects.filter(project=project)
    lines = list(invoice.lines.order_by("position"))
    assert [line.kind for line in lines] == [LineKind.TIME, LineKind.EXPENSE]
    exp = lines[1]
    # 100.00 × 1.15 = 115.00; 49.58 × 1.15 = 57.017 → 57.02; line 172.02.
    assert (exp.quantity, exp.unit_price, exp.net_amount) == (
        Decimal("1.0000"),
        Decimal("172.0200"),
        Decimal("172.020"),
    )
    assert exp.description == "Expenses: Travel (2 items)"
    assert exp.tax_category == taxes["S"]
    # Net 200.00 + 172.02 = 372.02; VAT 21 % = 78.1242 → 78.12; gross 450.14.
    assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
        Decimal("372.020"),
        Decimal("78.120"),
        Decimal("450.140"),
    )
    t = invoice_totals(invoice)
    assert (t.net, t.tax, t.gross) == (Decimal("372.02"), Decimal("78.12"), Decimal("450.14"))
    assert set(Expense.objects.values_list("invoice_line_id", flat=True)) == {exp.pk}
    assert result.billed[0].net == Decimal("372.02")

    # Billed exactly once: the next run finds nothing, and a billed expense refuses edits.
    again = run_billing(org, by=owner, up_to=D(2026, 3, 31))
    assert again.billed == [] and InvoiceLine.objects.filter(kind=LineKind.EXPENSE).count() == 1


def test_category_tax_and_grouping_and_unbillable_left_out(org, owner, alice, project):
    taxes = inv.taxes(org)
    licences = category(org, "Licences", default_tax_category=taxes["AA"])
    travel = category(org, "Travel")
    e1 = log(alice, project, licences, amount="10.00")
    e2 = log(alice, project, travel, amount="20.00")
    e3 = log(alice, project, travel, amount="30.00", is_billable=False)
    e4 = log(alice, project, travel, amount="40.00", day=D(2026, 4, 2))  # after the cut-off
    _approve(e1, e2, e3, e4)
    run_billing(org, by=owner, up_to=D(2026, 3, 31))
    lines = {line.description: line for line in InvoiceLine.objects.filter(kind=LineKind.EXPENSE)}
    assert set(lines) == {"Expenses: Licences (1 item)", "Expenses: Travel (1 item)"}
    assert lines["Expenses: Licences (1 item)"].tax_rate == taxes["AA"].rate
    assert lines["Expenses: Travel (1 item)"].net_amount == Decimal("20.000")
    assert Expense.objects.filter(invoice_line__isnull=True).count() == 2


def test_removed_draft_line_releases_its_expenses(org, owner, alice, project):
    inv.taxes(org)
    e = log(alice, project, category(org), amount="10.00")
    _approve(e)
    run_billing(org, by=owner, up_to=D(2026, 3, 31))
    line = InvoiceLine.objects.get(kind=LineKind.EXPENSE)
    drafts.delete_line(line, by=owner)
    e.refresh_from_db()
    assert e.invoice_line_id is None and e.status == ExpenseStatus.APPROVED
    run_billing(org, by=owner, up_to=D(2026, 3, 31))
    e.refresh_from_db()
    assert e.invoice_line_id is not None


def test_week_of_time_carries_its_expenses_through_submit_and_approve(org, alice, manager):
    project = f.project(org, lead=manager)
    travel = category(org)
    f.entry(alice, project, day=D(2026, 3, 3))
    e = log(alice, project, travel)
    other_week = log(alice, project, travel, day=D(2026, 3, 10))
    approvals.submit_week(alice, D(2026, 3, 2), by=alice)
    e.refresh_from_db()
    other_week.refresh_from_db()
    assert e.status == ExpenseStatus.SUBMITTED and other_week.status == ExpenseStatus.DRAFT
    approvals.approve(approvals.Scope(member=alice, week=D(2026, 3, 2)), by=manager)
    e.refresh_from_db()
    assert e.status == ExpenseStatus.APPROVED


# --- exactly once, over sequences of logging, approving and billing with time -------------------

step = st.fixed_dictionaries(
    {
        "time": st.lists(
            st.tuples(st.integers(1, 28), st.sampled_from(["0.50", "1.25"])), max_size=2
        ),
        "expenses": st.lists(
            st.tuples(
                st.integers(1, 28),
                st.sampled_from(["9.99", "121.00", "0.05"]),
                st.sampled_from(["0", "12.5", "15"]),
                st.booleans(),  # billable
            ),
            max_size=3,
        ),
        "approve": st.booleans(),
        "up_to": st.sampled_from([D(2026, 3, 10), D(2026, 3, 20), D(2026, 3, 31)]),
    }
)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=4))
def test_every_billable_approved_expense_billed_exactly_once(org, owner, alice, steps):
    project = f.project(org, billing_model=BillingModel.HOURLY)
    cat = category(org, f"Cat {project.pk}")
    mine = []
    for s in steps:
        for day, hours in s["time"]:
            approved(alice, project, day=D(2026, 3, day), hours=hours)
        for day, amount, markup, billable in s["expenses"]:
            mine.append(
                log(
                    alice,
                    project,
                    cat,
                    amount=amount,
                    markup=markup,
                    is_billable=billable,
                    day=D(2026, 3, day),
                )
            )
        if s["approve"]:
            Expense.objects.filter(pk__in=[e.pk for e in mine], status=ExpenseStatus.DRAFT).update(
                status=ExpenseStatus.APPROVED
            )
        run_billing(org, by=owner, project_codes=[project.code], up_to=s["up_to"])
        # At most once, always on the invoice of the project's time when both were billed.
        for e in Expense.objects.filter(pk__in=[x.pk for x in mine], invoice_line__isnull=False):
            assert e.is_billable and e.status == ExpenseStatus.APPROVED and e.date <= s["up_to"]
        invoices = set(
            InvoiceLine.objects.filter(invoice__project=project).values_list("invoice", flat=True)
        )
        assert len(invoices) <= 1  # one open run draft per project: time and expenses together
    Expense.objects.filter(pk__in=[e.pk for e in mine]).update(status=ExpenseStatus.APPROVED)
    run_billing(org, by=owner, project_codes=[project.code], up_to=D(2026, 3, 31))
    billed = Expense.objects.filter(pk__in=[e.pk for e in mine], is_billable=True)
    assert all(e.invoice_line_id for e in billed)
    assert (
        not Expense.objects.filter(pk__in=[e.pk for e in mine], is_billable=False)
        .exclude(invoice_line=None)
        .exists()
    )
    # Each expense line bills exactly what its expenses add up to.
    for line in InvoiceLine.objects.filter(invoice__project=project, kind=LineKind.EXPENSE):
        assert line.net_amount == sum(
            (billed_amount(e, "EUR") for e in line.expenses.all()), Decimal(0)
        )
    assert not project.entries.filter(
        status=EntryStatus.APPROVED, is_billable=True, invoice_line__isnull=True
    ).exists()
