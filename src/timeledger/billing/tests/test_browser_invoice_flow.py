"""Invoice from time in at most 4 screens, walked in headless Debian Chromium: pick what is ready
to bill → the one draft page (lines, their entries, estimate, VAT, notes) → issue and send. Page
loads and clicks are counted; screenshots at 1280 and 390 px land in var/screenshots/."""

import datetime as dt

import pytest
from django.core import mail

from timeledger.billing.tests.helpers import approved
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, sign_in
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    inv.taxes(org)
    f.member(org, "accountant", email="fin@example.com")
    dev = f.member(org, "member", email="dev@example.com")
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    client.invoice_email = "ap@acme.example"
    client.save()
    other = f.client(org, code="GLOBEX", name="Globex", currency="EUR")
    project = f.project(org, client, code="WEB", name="Web shop")
    phase = f.phase(project, "Discovery and architecture review")
    task = f.task(project, "Workshops", phase=phase)
    for day, hours in [(2, "8.00"), (3, "4.00")]:
        approved(dev, project, day=dt.date(2026, 3, day), hours=hours, rate="150.00", t=task)
    approved(dev, f.project(org, other, code="ERP"), day=dt.date(2026, 3, 4), hours="2.00")
    return client


def test_invoice_from_time_in_three_screens_and_three_clicks(live_server, browser, setup):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "fin@example.com")
    flow = Flow(page, "invoice-from-time")

    # screen 1: what is ready to bill, narrowed to the client without a page load
    flow.goto(f"{live_server.url}/billing/new/?until=2026-03-31")
    assert "ERP" in page.inner_text("#ready")
    flow.select("#pick-client", str(setup.pk))
    page.wait_for_function("!document.querySelector('#ready').innerText.includes('ERP')")
    assert "1,800.00" in page.inner_text("#ready tr[data-project=WEB]")
    assert flow.shot("1-ready") <= 390

    # screen 2: the draft page, with the entries behind the line, the estimate check and VAT
    flow.click("#ready tr[data-project=WEB] button.make-draft")
    page.wait_for_selector("#issue-button")
    lines = page.inner_text("#lines")
    assert "Discovery and architecture review — 12.00 h × 150.00 = 1,800.00" in lines
    assert "2 entries" in lines and "VAT S 21 % on 1,800.00" in lines
    assert "2,178.00" in page.inner_text("#gross-total")
    assert page.inner_text("#review h2") == "Against the estimate"
    assert page.input_value("#issue-to") == "ap@acme.example"
    assert flow.shot("2-draft") <= 390

    # screen 3: issued and sent
    flow.click("#issue-send-button")
    page.wait_for_selector("text=Invoice sent.")
    assert "INV-" in page.inner_text("h1")
    assert flow.shot("3-sent") <= 390

    assert flow.loads <= 4 and flow.clicks <= 3, (flow.loads, flow.clicks)
    assert (flow.loads, flow.clicks) == (3, 3)
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.SENT and invoice.gross_total == 2178
    assert [m.to for m in mail.outbox] == [["ap@acme.example"]]
    assert TimeEntry.objects.filter(status=EntryStatus.INVOICED).count() == 2
    assert errors == []


def test_delete_draft_says_what_it_will_do_and_dismissing_keeps_it(live_server, browser, setup):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "fin@example.com")
    page.goto(f"{live_server.url}/billing/new/?until=2026-03-31&client={setup.pk}")
    page.click("#ready tr[data-project=WEB] button.make-draft")
    page.wait_for_selector("#delete-draft")
    said = []

    def dismiss(dialog):
        said.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("#delete-draft button")
    assert said == ["Delete draft: 1 line, 2 entries return to unbilled."]
    assert Invoice.objects.count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#delete-draft button")
    assert "Draft deleted; 2 entries are unbilled again." in page.inner_text("main")
    assert Invoice.objects.count() == 0
    assert TimeEntry.objects.filter(status=EntryStatus.APPROVED, invoice_line=None).count() == 3
