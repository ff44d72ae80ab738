"""``release_entries`` on a credit note of part of an invoice: whole lines release their entries;
a line credited only in part refuses the option with a message naming the line."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.invoicing import issuing
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def billed(accountant, alice, client_, project):
    tax = inv.taxes(accountant.organisation)
    invoice = inv.draft(
        accountant,
        client_,
        [("Design", "2", "100", tax["S"]), ("Build", "3", "100", tax["S"])],
        project=project,
    )
    entries = {}
    for line in invoice.lines.all():
        entry = f.entry(
            alice,
            project,
            day=dt.date(2026, 2, 2),
            hours=str(line.quantity),
            status=EntryStatus.INVOICED,
            rate=Decimal("100"),
            amount=line.net_amount,
            currency="EUR",
        )
        TimeEntry.objects.filter(pk=entry.pk).update(invoice_line=line)
        entries[line.description] = entry
    invoice = issuing.issue_invoice(invoice, by=accountant, issue_date=dt.date(2026, 3, 2))
    lines = {line.description: line for line in invoice.lines.all()}
    return invoice, lines, entries


def test_a_partial_quantity_with_release_is_refused_naming_the_line(api, accountant, billed):
    invoice, lines, _ = billed
    r = api(accountant).post(
        f"/api/invoices/{invoice.pk}/credit/",
        {"lines": [{"line": lines["Build"].pk, "quantity": "1"}], "release_entries": True},
        format="json",
    )
    body = assert_error(r, 400, "release_entries")
    assert body["fields"]["release_entries"] == [
        "Releasing entries needs whole lines: 'Build' has 3 h left to credit and this credits 1. "
        "Credit the whole line, or do not release its entries."
    ]


def test_whole_lines_of_a_partial_credit_release_only_their_entries(accountant, billed):
    invoice, lines, entries = billed
    credit = issuing.create_credit_note(
        invoice, by=accountant, lines={lines["Build"].pk: Decimal("3")}, release_entries=True
    )
    issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 3, 3))
    build, design = (TimeEntry.objects.get(pk=entries[k].pk) for k in ("Build", "Design"))
    assert (build.invoice_line_id, build.status) == (None, EntryStatus.APPROVED)
    assert (design.invoice_line_id, design.status) == (lines["Design"].pk, EntryStatus.INVOICED)


def test_a_partial_quantity_without_release_is_still_allowed(accountant, billed):
    invoice, lines, _ = billed
    credit = issuing.create_credit_note(
        invoice, by=accountant, lines={lines["Build"].pk: Decimal("1")}
    )
    assert credit.gross_total == Decimal("-121.00")
