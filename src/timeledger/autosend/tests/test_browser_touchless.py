"""In headless Debian Chromium: the review queue names why a draft waits and links to the fix;
after the fix the next pass sends it (to a real SMTP server on loopback). The policy settings:
the kill switch and an override."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from timeledger.autosend.models import InvoicingPolicy, Mode
from timeledger.autosend.tests.helpers import billed_draft, buyer_with_history, setup_org
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in
from timeledger.testing.smtp import smtp_server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    finance = f.member(org, "accountant", email="fin@example.com")
    dev = f.member(org, "member", email="dev@example.com")
    tax = setup_org(org, finance, send_at=dt.time(0, 0))
    client = buyer_with_history(org, finance, tax)
    client.invoice_email = ""
    client.save(update_fields=["invoice_email"])
    draft = billed_draft(org, dev, client, code="WEB")
    Invoice.objects.filter(pk=draft.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    return org, client, draft


def test_review_queue_fix_link_and_next_pass_sends(
    live_server, browser, setup, settings, test_output
):
    org, client, draft = setup
    with smtp_server(settings) as inbox:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(page, live_server.url, "fin@example.com")
        page.goto(f"{live_server.url}/billing/")
        page.click("#touchless-link")
        page.wait_for_selector("#review-queue")
        assert "Nothing waits" in page.inner_text("#review-queue")

        page.click("#dry-run-button")
        page.wait_for_selector("#review-queue li[data-check=delivery_complete]")
        reason = page.inner_text("#review-queue li[data-check=delivery_complete]")
        assert f"Client {client.code} has no invoice e-mail." in reason
        assert page.inner_text("#fig-queue") == "1"
        page.screenshot(path=str(test_output / "touchless-review-queue.png"), full_page=True)

        page.click("#review-queue li[data-check=delivery_complete] a.fix-link")
        page.wait_for_selector("input[name=invoice_email]")
        page.fill("input[name=invoice_email]", "ap@buyer.example")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        client.refresh_from_db()
        assert client.invoice_email == "ap@buyer.example"

        page.goto(f"{live_server.url}/billing/review/")
        page.click("#run-policy-button")
        page.wait_for_selector("#queue-empty")
        assert "1 sent" in page.inner_text("body")
        invoice = Invoice.objects.get(pk=draft.pk)
        assert invoice.status == InvoiceStatus.SENT
        [message] = inbox.wait_for(1)
        assert invoice.number in message["Subject"]
        assert page.inner_text("#fig-touchless").startswith("100")
        page.screenshot(path=str(test_output / "touchless-after-fix.png"), full_page=True)


def test_policy_settings_kill_switch_and_override(live_server, browser, setup):
    org, client, draft = setup
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, live_server.url, "fin@example.com")
    page.goto(f"{live_server.url}/billing/review/")
    page.click("#policy-link")
    page.wait_for_selector("#policy-form")
    page.check("input[name=is_paused]")
    page.fill("input[name=band_percent]", "35")
    page.click("#save-policy")
    page.wait_for_selector("#paused-banner")
    policy = InvoicingPolicy.objects.get(organisation=org, client=None, project=None)
    assert policy.is_paused and str(policy.band_percent) == "35.00"

    # Past the browser's own check (min=0), the server's answer shows inline.
    page.eval_on_selector("input[name=band_percent]", "e => e.removeAttribute('min')")
    page.fill("input[name=band_percent]", "-1")
    page.click("#save-policy")
    page.wait_for_selector("#policy-form .error")  # inline, not a 500
    assert InvoicingPolicy.objects.get(pk=policy.pk).band_percent == policy.band_percent

    page.select_option("#override-form select[name=target]", f"client:{client.pk}")
    page.select_option("#override-form select[name=mode]", Mode.REVIEW)
    page.click("#save-override")
    page.wait_for_selector("#overrides td:has-text('Client')")
    assert f"Client {client.code}" in page.inner_text("#overrides")
    assert InvoicingPolicy.objects.get(organisation=org, client=client).mode == Mode.REVIEW
