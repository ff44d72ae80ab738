"""End to end in headless Debian Chromium: a member logs an expense with a receipt on a phone,
the lead approves the week, the run bills the expense with the week's time on one invoice; an
estimate is sent, accepted on the client link, and the project appears with its budget."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from timeledger.approvals import services as approvals
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import PNG, category
from timeledger.invoicing.models import Invoice, LineKind
from timeledger.invoicing.tests import factories as inv
from timeledger.projects.models import Project
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in
from timeledger.timesheets.models import EntryStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    inv.taxes(org)
    owner = f.member(org, "owner", email="owner@example.com")
    lead = f.member(org, "manager", email="lead@example.com")
    dev = f.member(org, "member", email="dev@example.com")
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    client.invoice_email = "buyer@acme.example"
    client.save()
    project = f.project(org, client, code="WEB", name="Web shop", lead=lead)
    f.rate(org, "100.00")
    category(org, "Travel")
    today = timezone.localdate()
    f.entry(dev, project, day=today, hours="2.00")
    approvals.submit_week(dev, today, by=dev)
    return owner, project, today


def test_expense_with_receipt_approved_and_billed_with_the_time(
    live_server, browser, setup, test_output, tmp_path
):
    owner, project, today = setup
    receipt = tmp_path / "IMG_2041.png"
    receipt.write_bytes(PNG)

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(phone, live_server.url, "dev@example.com")
    phone.goto(f"{live_server.url}/expenses/")
    assert phone.get_attribute("#id_receipt", "accept") == "image/*,application/pdf"
    phone.select_option("#id_project", str(project.pk))
    phone.select_option("#id_category", label="Travel")
    phone.fill("#id_amount", "121.00")
    phone.fill("#id_vat_amount", "21.00")
    phone.fill("#id_markup_percent", "15")
    phone.fill("#id_supplier", "NS")
    phone.set_input_files("#id_receipt", str(receipt))
    phone.click("#expense-form button[type=submit]")
    phone.wait_for_selector("#expenses tr[data-expense]")
    assert "115.00 EUR" in phone.inner_text("#expenses")
    phone.click("text=Submit this week's expenses")
    phone.wait_for_selector("text=submitted for approval")
    phone.screenshot(path=str(test_output / "expenses-phone.png"), full_page=True)
    expense = Expense.objects.get()
    assert expense.status == ExpenseStatus.SUBMITTED and expense.receipt_type == "image/png"

    lead = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(lead, live_server.url, "lead@example.com")
    monday = today - dt.timedelta(days=today.weekday())
    lead.goto(f"{live_server.url}/approvals/{expense.member_id}/{monday:%Y-%m-%d}/")
    lead.on("dialog", lambda dialog: dialog.accept())  # "Approve all N submitted entries of …?"
    lead.click("button[name=approve_project]")
    lead.wait_for_selector(".tag-approved")
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.APPROVED  # moved with the week's time
    assert project.entries.get().status == EntryStatus.APPROVED

    fin = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(fin, live_server.url, "owner@example.com")
    fin.goto(f"{live_server.url}/billing/")
    fin.fill("input[name=until]", today.isoformat())
    fin.click("#run-billing-button")
    fin.wait_for_selector("#drafts a")
    fin.click("#drafts a")
    fin.wait_for_selector("#lines")
    lines = fin.inner_text("#lines")
    assert "2.00 h × 100.00 = 200.00" in lines and "Expenses: Travel (1 item)" in lines
    fin.screenshot(path=str(test_output / "expenses-on-draft.png"), full_page=True)
    invoice = Invoice.objects.get()
    assert sorted(invoice.lines.values_list("kind", "net_amount")) == [
        (LineKind.EXPENSE, Decimal("115.000")),
        (LineKind.TIME, Decimal("200.000")),
    ]
    # Net 315.00, VAT 21 % = 66.15, gross 381.15.
    assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
        Decimal("315.000"),
        Decimal("66.150"),
        Decimal("381.150"),
    )


def test_estimate_sent_accepted_on_the_link_project_appears(
    live_server, browser, setup, test_output
):
    owner, project, today = setup
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "owner@example.com")
    page.goto(f"{live_server.url}/estimates/new/")
    page.select_option("#id_client", str(project.client_id))
    page.fill("#id_project_code", "SHOP")
    page.fill("#id_title", "New web shop")
    page.fill("#id_valid_until", (today + dt.timedelta(days=30)).isoformat())
    page.select_option("#id_billing_terms", "hourly")
    page.fill(
        "#id_lines",
        "Discovery | Workshops | 12 | 150.00\nBuild | Shop front | 40 | 120.00\n"
        "? Build | Reports | 8 | 120.00",
    )
    page.click("#estimate-form button[type=submit]")
    page.wait_for_selector("#estimate-status")
    page.click("text=Send estimate")
    page.wait_for_selector("#client-link")
    link = re.search(r"http://\S+/q/\S+/", mail.outbox[-1].body).group(0)
    assert link == page.inner_text("#client-link")

    buyer = browser.new_context().new_page()
    buyer.goto(link)
    buyer.click("button[value=accept]")  # no name typed: refused inline
    buyer.wait_for_selector("text=Type your name to accept.")
    buyer.fill("#id_name", "Jo Buyer")
    buyer.check("input[name=optional]")
    buyer.click("button[value=accept]")
    buyer.wait_for_selector("text=Accepted by Jo Buyer")
    buyer.screenshot(path=str(test_output / "estimate-accepted.png"), full_page=True)

    shop = Project.objects.get(code="SHOP")
    # 12 × 150 + 40 × 120 + the chosen 8 × 120 = 1,800 + 4,800 + 960 = 7,560.00 over 60 h.
    assert (shop.budget_hours, shop.budget_amount) == (Decimal("60.00"), Decimal("7560.000"))
    page.goto(f"{live_server.url}/projects/{shop.pk}/")
    assert "SHOP" in page.inner_text("body")
    page.screenshot(path=str(test_output / "estimate-project.png"), full_page=True)
