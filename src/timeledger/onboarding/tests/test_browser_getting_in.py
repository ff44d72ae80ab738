"""End to end in headless Debian Chromium, from an empty installation to the first invoice:

sign up on the first-run page → settings (a new country brings its VAT preset) → client, projects,
rate → invite a member → the invitee accepts from the link in the e-mail (a loopback aiosmtpd
server) → joins a project team, logs time on it and cannot pick the other project → submits the
week → the owner approves, bills and issues the first invoice with no error.
Screenshots go to test-output/getting-in-*.png.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest

from timeledger.accounts.models import Member, Organisation
from timeledger.core import timeutil
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.projects.models import Project
from timeledger.testing.smtp import smtp_server
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWNER = "eva@northwind.example"
INVITEE = "sanne@northwind.example"
PASSWORD = "Correct-horse-42"


def _htmx_form_saved(page, pattern: str) -> None:
    """The forms of the app post with htmx and navigate on success (HX-Redirect)."""
    page.wait_for_url(re.compile(pattern))


def test_sign_up_invite_log_approve_bill_issue(
    live_server, browser, settings, test_output, transactional_db
):
    settings.INVOICE_PDF_ON_ISSUE = False  # the PDF is the invoicing tests' business
    base = live_server.url
    shot = lambda page, name: page.screenshot(  # noqa: E731
        path=str(test_output / f"getting-in-{name}.png"), full_page=True
    )
    with smtp_server(settings) as inbox:
        owner = browser.new_page(viewport={"width": 1280, "height": 900})

        # 1. An empty installation: the login page gives way to the first-run page.
        owner.goto(f"{base}/login/")
        owner.wait_for_url(f"{base}/welcome/")
        owner.fill("#id_organisation", "Northwind Digital")
        owner.fill("#id_name", "Eva Jansen")
        owner.fill("#id_email", OWNER)
        owner.fill("#id_password", PASSWORD)
        owner.select_option("#id_country", "DE")
        shot(owner, "01-first-run")
        owner.click("text=Create organisation")
        owner.wait_for_url(f"{base}/settings/")
        assert "VAT rates of Germany" in owner.inner_text("main")
        assert "Standard rate (DE)" in owner.inner_text("#vat-summary")

        # 2. Settings: the company is Dutch after all; the Dutch VAT preset comes with it.
        owner.select_option("#id_country", "NL")
        owner.fill("#id_vat_id", "NL859123456B01")
        owner.fill("#id_iban", "NL91 ABNA 0417 1643 00")
        owner.fill("#id_legal_name", "Northwind Digital B.V.")
        owner.click("#save-settings")
        owner.wait_for_selector("text=VAT rates of Netherlands set up")
        assert "Standard rate (NL)" in owner.inner_text("#vat-summary")
        assert "21.00 %" in owner.inner_text("#vat-summary")
        shot(owner, "02-settings-vat-preset")
        org = Organisation.objects.get()
        assert (org.country, org.iban) == ("NL", "NL91ABNA0417164300")

        # 3. A client, two projects (only their teams log time), an hourly rate.
        owner.goto(f"{base}/clients/new/")
        owner.fill("#id_code", "ACME")
        owner.fill("#id_name", "Acme Retail")
        owner.click("main button[type=submit]")
        _htmx_form_saved(owner, r"/clients/\d+/$")
        for code, name in (("WEB", "Web shop relaunch"), ("OPS", "Operations")):
            owner.goto(f"{base}/projects/new/")
            owner.fill("#id_code", code)
            owner.fill("#id_name", name)
            owner.select_option("#id_client", label="ACME — Acme Retail")
            owner.click("main button[type=submit]")
            owner.wait_for_selector("#team")
        owner.goto(f"{base}/rates/new/")
        owner.select_option("#id_level", "organisation")
        owner.fill("#id_amount", "120.00")
        owner.fill("#id_effective_from", "2026-01-01")
        owner.click("main button[type=submit]")
        _htmx_form_saved(owner, r"/rates/\?saved=\d+")

        # 4. Invite a member by e-mail.
        owner.goto(f"{base}/members/")
        owner.fill("#id_email", INVITEE)
        owner.select_option("#id_role", "member")
        owner.click("#send-invitation")
        owner.wait_for_selector(f"text=Invitation sent to {INVITEE}")
        shot(owner, "03-members-invited")
        (message,) = inbox.wait_for(1)
        assert message["To"] == INVITEE
        (link,) = inbox.links(message)
        assert link.startswith(f"{base}/invite/")

        # 5. The invitee follows the e-mailed link, sets name and password, lands on Today.
        invitee_context = browser.new_context(viewport={"width": 390, "height": 844})
        invitee = invitee_context.new_page()
        invitee.goto(link)
        invitee.fill("#id_first_name", "Sanne")
        invitee.fill("#id_last_name", "de Vries")
        invitee.fill("#id_password", PASSWORD)
        shot(invitee, "04-invitation-accept")
        invitee.click("#accept-invitation")
        invitee.wait_for_url(f"{base}/today/")
        sanne = Member.objects.get(user__email=INVITEE)
        web = Project.objects.get(code="WEB")
        ops = Project.objects.get(code="OPS")

        # 6. The owner puts her on the WEB team (not on OPS).
        owner.goto(f"{base}/projects/{web.pk}/")
        owner.select_option("#team-add-member", str(sanne.pk))
        owner.click("#team-add button[type=submit]")
        owner.wait_for_selector(f"#team li[data-member='{sanne.pk}']")

        # 7. She logs time on WEB; OPS is not offered.
        invitee.goto(f"{base}/today/")
        options = invitee.locator("#entry-form select[name=work] option")
        values = options.evaluate_all("els => els.map(e => e.value)")
        assert str(web.pk) in values and str(ops.pk) not in values
        today = timeutil.local_date(timeutil.now(), sanne.timezone)
        monday = timeutil.week_start(today) - dt.timedelta(days=7)
        invitee.select_option("#entry-form select[name=work]", str(web.pk))
        invitee.fill("#entry-form input[name=date]", monday.isoformat())
        invitee.fill("#entry-form input[name=duration]", "3:00")
        invitee.fill("#entry-form textarea[name=description]", "Checkout flow")
        invitee.click("#entry-form button[type=submit]")
        invitee.wait_for_selector("text=Saved 3:00 on WEB")
        shot(invitee, "05-invitee-logged-time")
        invitee.goto(f"{base}/week/?week={monday.isoformat()}")
        invitee.click("text=Submit week for approval")
        invitee.wait_for_function(
            "document.querySelector('#submit-week-result').innerText.trim().length > 0"
        )
        entry = TimeEntry.objects.get()
        assert (entry.member, entry.project, entry.status) == (sanne, web, EntryStatus.SUBMITTED)

        # 8. The owner approves, bills and issues the first invoice.
        owner.goto(f"{base}/approvals/")
        owner.click("text=Review")
        owner.once("dialog", lambda dialog: dialog.accept())  # "Approve all 1 submitted entry…?"
        owner.click("button[name=action][value=approve_week]")
        owner.wait_for_function(
            "() => !document.querySelector('button[name=action][value=approve]')"
            " || document.body.innerText.includes('pproved')"
        )
        entry.refresh_from_db()
        assert entry.status == EntryStatus.APPROVED and entry.rate == Decimal("120.00")
        shot(owner, "06-approved")

        owner.goto(f"{base}/billing/")
        owner.fill("input[name=until]", today.isoformat())
        owner.click("#run-billing-button")
        owner.wait_for_selector("#drafts a")
        draft = Invoice.objects.get()
        owner.goto(f"{base}/invoices/{draft.pk}/")
        owner.fill("#id_issue_date", today.isoformat())
        with owner.expect_navigation():
            owner.click("#issue-button")
        heading = owner.inner_text("h1")
        shot(owner, "07-first-invoice-issued")
        assert "INV-" in heading, owner.inner_text("main")[:2000]
        invoice = Invoice.objects.get()
        assert invoice.status == InvoiceStatus.ISSUED
        assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
            Decimal("360.00"),
            Decimal("75.60"),
            Decimal("435.60"),
        )
        invitee_context.close()
