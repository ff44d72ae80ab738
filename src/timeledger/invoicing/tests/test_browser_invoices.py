"""End to end in headless Debian Chromium: open a draft, change a line's VAT, issue it, record a
payment; the client opens the public link on a phone. Screenshots go to test-output/."""

from decimal import Decimal

import pytest

from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue_and_pay_in_the_browser(live_server, browser, test_output, settings):
    settings.INVOICE_PDF_ON_ISSUE = False
    org = f.organisation("Acme Consulting", slug="acme")
    finance = f.member(org, "accountant", email="fin@example.com")
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    tax = inv.taxes(org)
    draft = inv.draft(finance, client, [("Discovery workshop", "12", "150", tax["S"])])

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "fin@example.com")
    page.goto(f"{live_server.url}/invoices/{draft.pk}/")
    assert "2,178.00" in page.inner_text("#gross-total") or "2178.00" in page.inner_text(
        "#gross-total"
    )
    line = draft.lines.get()
    with page.expect_navigation():
        page.select_option(f"#tax-{line.pk}", str(tax["AA"].pk))
    assert "1,962.00" in page.inner_text("#gross-total")  # 1,800 + 9 %
    page.fill("#id_issue_date", "2026-03-02")
    with page.expect_navigation():
        page.click("#issue-button")
    assert "INV-2026-00001" in page.inner_text("h1")
    page.screenshot(path=str(test_output / "invoice-issued.png"), full_page=True)
    page.fill("#id_pay-amount", "962.00")
    page.fill("#id_pay-date", "2026-03-20")
    with page.expect_navigation():
        page.click("text=Record payment")
    assert "1,000.00 EUR" in page.inner_text("#balance-due")
    invoice = Invoice.objects.get()
    assert invoice.gross_total == Decimal("1962.00") and invoice.status == "partially_paid"

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{live_server.url}/i/{invoice.public_token}/")
    assert "INV-2026-00001" in phone.inner_text(".bar")
    phone.screenshot(path=str(test_output / "invoice-public-phone.png"), full_page=True)
