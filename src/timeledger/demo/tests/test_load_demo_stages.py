"""The demo shows every stage on first visit: VAT preset, teams, a cap and a retainer mid-period,
invoices in every state, and the pages of getting in."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.http import HttpRequest

from timeledger.accounts.models import Organisation
from timeledger.contracts.models import ProjectTerms, Retainer
from timeledger.estimates.models import Estimate
from timeledger.expenses.models import Expense
from timeledger.invoicing import taxes
from timeledger.invoicing.issuing import today_for
from timeledger.invoicing.models import Invoice, InvoiceLine
from timeledger.projects import teams
from timeledger.projects.models import Project
from timeledger.timesheets.models import TimeEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    return Organisation.objects.get(slug="northwind")


def test_the_demo_has_invoices_in_every_state(demo):
    invoices = Invoice.objects.filter(organisation=demo)
    statuses = set(invoices.values_list("status", flat=True))
    assert {"draft", "issued", "sent", "partially_paid", "paid"} <= statuses
    assert invoices.filter(kind="credit_note", status="paid").exists()  # a credited invoice
    today = today_for(demo)
    overdue = invoices.filter(status__in=["sent", "partially_paid"], due_date__lt=today)
    assert overdue.exists()
    assert invoices.filter(status="issued", due_date__gte=today).exists()


def test_the_demo_has_the_dutch_vat_preset_and_reverse_charge_for_the_german_client(demo):
    assert taxes.default_category(demo).name == "Standard rate (NL)"
    sup = Invoice.objects.filter(organisation=demo, client__code="GLOBEX").exclude(status="draft")
    assert sup.exists() and all(i.tax_total == 0 for i in sup)
    assert all("Article 196" in i.tax_note for i in sup if i.kind == "standard")


def test_the_demo_has_teams_a_cap_and_a_retainer(demo):
    web = Project.objects.get(organisation=demo, code="ACME-WEB")
    assert not web.is_open_to_all
    team_emails = {m.user.email for m in teams.team(web)}
    assert {"daan@northwind.example", "sanne@northwind.example"} <= team_emails
    for entry in TimeEntry.objects.filter(organisation=demo).select_related("member", "project"):
        assert teams.may_log_on(entry.member, entry.project)
    assert ProjectTerms.objects.get(project=web).cap_hours == 300
    assert Retainer.objects.filter(project__code="GLX-SUP").exists()


def test_the_owner_opens_the_getting_in_pages(client, demo):
    assert client.login(
        request=HttpRequest(), username="eva@northwind.example", password="northwind-demo-2026"
    )
    for url in ("/settings/", "/members/", "/invoices/", "/billing/", "/account/two-factor/"):
        assert client.get(url).status_code == 200, url


def test_the_demo_has_expenses_billed_with_time_and_a_sent_estimate(demo):
    billed = Expense.objects.filter(organisation=demo, invoice_line__isnull=False)
    assert billed.exists()
    line = InvoiceLine.objects.get(pk=billed.first().invoice_line_id)
    assert line.invoice.lines.filter(kind="time").exists()  # on the same draft as the time
    assert Expense.objects.filter(organisation=demo, status="draft").exists()
    assert Estimate.objects.filter(organisation=demo, status="sent").exists()
