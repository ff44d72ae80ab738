"""The timesheet annex in the invoice PDF (``BillingSchedule.include_timesheet``), parsed back."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from timeledger.billing.engine import run_billing
from timeledger.billing.models import BillingSchedule
from timeledger.billing.tests.helpers import approved, named_member
from timeledger.invoicing import issuing
from timeledger.invoicing import pdf as documents
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv

D = dt.date
UNTIL = D(2026, 3, 31)


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "annex.pdf"
    path.write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _entry(member, project, seconds, day, description, rate="100.00"):
    return approved(
        member,
        project,
        day=day,
        hours=str(Decimal(seconds) / 3600),
        rate=rate,
        billable_seconds=seconds,
        description=description,
    )


@pytest.fixture
def billed(org, project, accountant):
    inv.taxes(org)
    alice = named_member(org, "Alice", "Able")
    bob = named_member(org, "Bob", "Baker")
    BillingSchedule.objects.create(
        organisation=org,
        project=project,
        trigger="manual",
        grouping="member",
        include_timesheet=True,
    )
    _entry(alice, project, 1200, D(2026, 3, 2), "Kick-off call")
    _entry(alice, project, 1200, D(2026, 3, 3), "Sprint planning")
    _entry(alice, project, 1200, D(2026, 3, 4), "Backlog grooming")
    _entry(bob, project, 5418, D(2026, 3, 5), "Checkout bug fix", rate="120.00")
    run_billing(org, up_to=UNTIL)
    return Invoice.objects.get(project=project)


def test_issued_pdf_carries_the_timesheet_annex_adding_up_to_each_line(
    billed, accountant, tmp_path, django_capture_on_commit_callbacks
):
    assert billed.include_timesheet, "copied from the schedule when the draft was made"
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issuing.issue_invoice(billed, by=accountant, issue_date=D(2026, 4, 1))
    invoice = Invoice.objects.get(pk=invoice.pk)

    text = _text(documents.ensure_pdf(invoice), tmp_path)

    assert "TIMESHEET" in text  # the heading is upper-cased by the stylesheet
    # Lines: decimal hours, labelled as such.
    assert "Alice Able — 1.00 h × 100.00 = 100.00" in text
    assert "Bob Baker — 1.51 h × 120.00 = 181.20" in text
    assert "hrs (decimal)" in text
    assert "Hours are decimal hours" in text
    # Annex rows: date, member, task, description, hours (each line's share, by date).
    for row in (
        "02 Mar 2026 Alice Able Kick-off call 0.34",
        "03 Mar 2026 Alice Able Sprint planning 0.33",
        "04 Mar 2026 Alice Able Backlog grooming 0.33",
        "05 Mar 2026 Bob Baker Checkout bug fix 1.51",
    ):
        assert row in " ".join(text.split()), row
    # Each line's annex total is its quantity; the totals match the stored invoice.
    lines = list(invoice.lines.order_by("position"))
    totals = dict(re.findall(r"Line (\d+) total\s+([\d.,]+)", text))
    assert {int(k): Decimal(v) for k, v in totals.items()} == {
        line.position: line.quantity for line in lines
    }
    assert (invoice.net_total, invoice.gross_total) == (Decimal("281.20"), Decimal("340.25"))
    assert "Net total 281.20 EUR" in text and "Total 340.25 EUR" in text


def test_no_annex_unless_the_schedule_asks_for_it(org, project, accountant, alice, tmp_path):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", description="Quiet work")
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get(project=project)
    assert not invoice.include_timesheet

    text = _text(documents.preview_pdf(invoice), tmp_path)

    assert "Quiet work" not in text
    assert "TIMESHEET" not in text
