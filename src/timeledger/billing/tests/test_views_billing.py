"""Billing screens: run button, drafts list, draft detail, htmx remove-entry, preview."""

import datetime as dt

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


def test_preview_page_writes_nothing(accountant, entries):
    page = login(accountant).get("/billing/preview/", {"until": "2026-03-31"}).content.decode()
    assert "525.00" in page and Invoice.objects.count() == 0


def test_member_gets_403_and_outsider_404(alice, outsider, accountant, entries):
    login(accountant).post("/billing/run/", {"until": "2026-03-31"})
    invoice = Invoice.objects.get()
    assert login(alice).get("/billing/").status_code == 403
    assert login(outsider).get(f"/billing/drafts/{invoice.pk}/").status_code == 404
