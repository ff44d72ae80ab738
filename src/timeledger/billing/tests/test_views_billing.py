"""Billing screens: run button, drafts list, draft detail, htmx remove-entry, preview."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from timeledger.billing.tests.helpers import approved
from timeledger.invoicing.models import Invoice
from timeledger.timesheets.models import TimeEntry

D = dt.date


def login(member) -> Client:
    c = Client()
    c.force_login(member.user)
    return c


@pytest.fixture
def entries(project, alice):
    return [
        approved(alice, project, day=D(2026, 3, 2), hours="2.00", rate="150.00"),
        approved(alice, project, day=D(2026, 3, 3), hours="1.50", rate="150.00"),
    ]


def test_run_button_makes_draft_and_htmx_remove_updates_totals(accountant, entries):
    c = login(accountant)
    assert "Run billing" in c.get("/billing/").content.decode()
    c.post("/billing/run/", {"until": "2026-03-31"})
    invoice = Invoice.objects.get()
    page = c.get(f"/billing/drafts/{invoice.pk}/").content.decode()
    assert "3.50 h × 150.00 = 525.00" in page
    fragment = c.post(
        f"/billing/drafts/{invoice.pk}/remove-entry/",
        {"entry": entries[0].pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert fragment.startswith('<div id="draft-body">') or 'id="draft-body"' in fragment
    assert "225.00" in fragment
    assert TimeEntry.objects.get(pk=entries[0].pk).invoice_line_id is None


def test_invalid_manual_line_shows_inline_error(accountant, entries):
    c = login(accountant)
    c.post("/billing/run/", {"until": "2026-03-31"})
    invoice = Invoice.objects.get()
    fragment = c.post(
        f"/billing/drafts/{invoice.pk}/add-line/",
        {"description": "Travel", "unit_price": "abc"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Enter a number." in fragment


def test_a_line_too_large_to_store_is_an_inline_error_on_the_draft_page(accountant, entries):
    c = login(accountant)
    c.post("/billing/run/", {"until": "2026-03-31"})
    invoice = Invoice.objects.get()
    fragment = c.post(
        f"/billing/drafts/{invoice.pk}/add-line/",
        {"description": "Huge", "quantity": "100000", "unit_price": "99999999"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "A line bills at most 1,000,000,000" in fragment
    assert invoice.lines.count() == 1  # nothing written


def test_a_hand_written_line_takes_its_own_discount_on_the_draft_page(accountant, entries):
    c = login(accountant)
    c.post("/billing/run/", {"until": "2026-03-31"})
    invoice = Invoice.objects.get()
    url = f"/billing/drafts/{invoice.pk}/add-line/"
    refused = c.post(
        url,
        {
            "description": "Workshop",
            "quantity": "3",
            "unit_price": "333.33",
            "discount_percent": "100",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "more than 0 and less than 100" in refused
    assert invoice.lines.count() == 1  # nothing written
    fragment = c.post(
        url,
        {
            "description": "Workshop",
            "quantity": "3",
            "unit_price": "333.33",
            "discount_percent": "12.5",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    line = invoice.lines.get(description="Workshop")
    # 999.99 less 12.5 % (124.99875 → 125.00)
    assert line.discount_percent == Decimal("12.5") and line.net_amount == Decimal("874.99")
    assert "− 12.50 %" in fragment or "− 12.5 %" in fragment
    invoice.refresh_from_db()
    assert invoice.net_total == Decimal("1399.99")  # 525.00 of time + 874.99


def test_preview_page_writes_nothing(accountant, entries):
    page = login(accountant).get("/billing/preview/", {"until": "2026-03-31"}).content.decode()
    assert "525.00" in page and Invoice.objects.count() == 0


def test_member_gets_403_and_outsider_404(alice, outsider, accountant, entries):
    login(accountant).post("/billing/run/", {"until": "2026-03-31"})
    invoice = Invoice.objects.get()
    assert login(alice).get("/billing/").status_code == 403
    assert login(outsider).get(f"/billing/drafts/{invoice.pk}/").status_code == 404
