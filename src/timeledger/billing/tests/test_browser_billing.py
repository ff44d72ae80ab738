"""End to end in headless Debian Chromium: run billing, open the draft, remove an entry, see the
totals change. Screenshots go to test-output/."""

import datetime as dt

import pytest

from timeledger.billing.tests.helpers import approved
from timeledger.invoicing.models import Invoice
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    finance = f.member(org, "accountant", email="fin@example.com")
    dev = f.member(org, "member", email="dev@example.com")
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    project = f.project(org, client, code="WEB", name="Web shop")
    phase = f.phase(project, "Discovery and architecture review")
    task = f.task(project, "Workshops", phase=phase)
    first = approved(dev, project, day=dt.date(2026, 3, 2), hours="8.00", rate="150.00", t=task)
    approved(dev, project, day=dt.date(2026, 3, 3), hours="4.00", rate="150.00", t=task)
    return finance, first


def test_run_billing_open_draft_remove_entry_totals_change(
    live_server, browser, setup, test_output
):
    finance, first = setup
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "fin@example.com")

    page.goto(f"{live_server.url}/billing/")
    page.fill("input[name=until]", "2026-03-31")
    page.click("#run-billing-button")
    page.wait_for_selector("#drafts a")
    page.click("#drafts a")
    page.wait_for_selector("#net-total")
    assert "Discovery and architecture review — 12.00 h × 150.00 = 1,800.00" in page.inner_text(
        "#lines"
    )
    before = page.inner_text("#net-total")
    page.screenshot(path=str(test_output / "billing-draft-before.png"), full_page=True)

    page.click("#lines details summary")
    page.click(f"li[data-entry='{first.pk}'] button.remove-entry")
    page.wait_for_function(
        "before => document.querySelector('#net-total').innerText !== before", arg=before
    )
    after = page.inner_text("#net-total")
    assert "1,800.00" in before and "600.00" in after
    assert "4.00 h × 150.00 = 600.00" in page.inner_text("#lines")
    page.screenshot(path=str(test_output / "billing-draft-after-remove.png"), full_page=True)

    first.refresh_from_db()
    assert (first.invoice_line_id, first.status) == (None, EntryStatus.APPROVED)
    assert (
        Invoice.objects.get().net_total == TimeEntry.objects.get(status=EntryStatus.INVOICED).amount
    )

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(f"{live_server.url}/billing/drafts/{Invoice.objects.get().pk}/")
    phone.screenshot(path=str(test_output / "billing-draft-phone.png"), full_page=True)
