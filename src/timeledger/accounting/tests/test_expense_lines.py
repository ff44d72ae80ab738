"""Expense lines in the accounting export: each to its expense category's revenue account (in
the journal, DATEV and Xero), a category without one by the mapping (kind ``expense`` › tax
category › default), a credit note's expense line back to the same account."""

import csv
import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest

from timeledger.accounting import services
from timeledger.billing.engine import run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import category, log
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, LineKind, TaxCategory

pytestmark = pytest.mark.django_db
D = Decimal
PERIOD = {"date_from": dt.date(2026, 4, 1), "date_to": dt.date(2026, 4, 30)}


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.INVOICE_PDF_ON_ISSUE = False


@pytest.fixture
def billed(org, owner, alice, project):
    org.country = "DE"
    org.save()
    std = TaxCategory.objects.create(
        organisation=org, name="19 %", code="S", rate=D("19"), is_default=True
    )
    travel = category(org, "Travel", revenue_account="8607", default_tax_category=std)
    licences = category(org, "Licences", default_tax_category=std)  # no account of its own
    approved(alice, project, day=dt.date(2026, 3, 3), hours="2.00", rate="100.00")
    log(alice, project, travel, amount="119.00", vat="19.00", markup="10")  # billed 110.00
    log(alice, project, licences, amount="40.00")  # billed 40.00
    Expense.objects.update(status=ExpenseStatus.APPROVED)
    run_billing(org, by=owner, up_to=dt.date(2026, 3, 31))
    draft = Invoice.objects.get(project=project)
    return issuing.issue_invoice(draft, by=owner, issue_date=dt.date(2026, 4, 2))


def _credits_by_account(content: bytes, kind: str) -> dict:
    out = defaultdict(D)
    for r in csv.DictReader(io.StringIO(content.decode())):
        if r["Type"] == kind:
            out[r["Account"]] += D(r["Credit"] or 0) - D(r["Debit"] or 0)
    return out


def test_expense_lines_go_to_their_categorys_account(owner, billed):
    e = services.export(by=owner, format="journal_csv", everything=True, **PERIOD)
    revenue = _credits_by_account(bytes(e.content), "invoice")
    assert revenue["8607"] == D("110.00")  # Travel's own account
    assert revenue["8400"] == D("200.00") + D("40.00")  # time and Licences: SKR03 19 %
    assert revenue["1776"] == billed.tax_total  # VAT as before
    xero = services.export(by=owner, format="xero", everything=True, **PERIOD)
    rows = list(csv.DictReader(io.StringIO(bytes(xero.content).decode())))
    assert {r["*Description"]: r["*AccountCode"] for r in rows} == {
        line.description: {"Expenses: Travel (1 item)": "8607"}.get(line.description, "8400")
        for line in billed.lines.all()
    }
    datev = services.export(by=owner, format="datev", everything=True, **PERIOD)
    bookings = [x.split(";") for x in bytes(datev.content).decode("cp1252").split("\r\n")[2:] if x]
    assert {b[7] for b in bookings} == {'"8607"', '"8400"'}  # Gegenkonto: the revenue accounts


def test_mapping_kind_applies_without_a_category_account(owner, billed):
    services.update_mapping({"revenue_by_model": {"expense": "8610"}}, by=owner)
    e = services.export(by=owner, format="journal_csv", everything=True, **PERIOD)
    revenue = _credits_by_account(bytes(e.content), "invoice")
    assert (revenue["8607"], revenue["8610"], revenue["8400"]) == (
        D("110.00"),
        D("40.00"),
        D("200.00"),
    )


def test_credit_note_takes_the_expense_line_back_from_the_same_account(owner, billed):
    note = issuing.create_credit_note(billed, by=owner, reason="wrong trip")
    issuing.issue_invoice(note, by=owner, issue_date=dt.date(2026, 4, 20))
    e = services.export(by=owner, format="journal_csv", everything=True, **PERIOD)
    back = _credits_by_account(bytes(e.content), "credit_note")
    assert back["8607"] == D("-110.00") and back["8400"] == D("-240.00")
    assert note.lines.filter(credited_line__kind=LineKind.EXPENSE).count() == 2
