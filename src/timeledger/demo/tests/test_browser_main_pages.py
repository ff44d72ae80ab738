"""Every main page, as an owner of a small organisation with time, a draft, an issued invoice and
a week to approve: it fits a 390 px phone (nothing wider than the screen), axe-core finds no
serious or critical accessibility violation, and no script error. Screenshots at 1280 and 390 px
land in var/screenshots/."""

import datetime as dt

import pytest

from timeledger.billing.tests.helpers import approved
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, axe_violations, sign_in
from timeledger.timesheets.models import EntryStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def org_pages(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="owner@example.com")
    dev = f.member(org, "member", email="dev@example.com")
    tax = inv.taxes(org)
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    project = f.project(org, client, code="WEB", name="Web shop", lead=owner)
    task = f.task(project, "Checkout design", phase=f.phase(project, "Discovery"))
    for i in range(3):
        approved(
            dev, project, day=MONDAY + dt.timedelta(days=i), hours="2.50", rate="120.00", t=task
        )
    f.entry(
        dev,
        project,
        day=MONDAY + dt.timedelta(days=7),
        hours="1.00",
        t=task,
        status=EntryStatus.SUBMITTED,
        description="Review",
    )
    today = dt.date.today()
    f.entry(owner, project, day=today, hours="1.50", t=task, description="Planning")
    # The grid's last column holds time too, whatever today is: its cell controls (the note
    # button's screen-reader text) must scroll with the table, not widen the page.
    sunday = today + dt.timedelta(days=6 - today.weekday())
    if sunday != today:
        f.entry(owner, project, day=sunday, hours="0.50", t=task, description="Wrap-up")
    draft = inv.draft(owner, client, [("Workshop", "3", "150", tax["S"])], project=project)
    issued = inv.issued(owner, client, [("Design", "12.5", "150", tax["S"])])
    return {
        "today": "/today/",
        "week": "/week/",
        "grid": "/grid/",
        "clients": "/clients/",
        "projects": "/projects/",
        "project": f"/projects/{project.pk}/",
        "rates": "/rates/",
        "billing": "/billing/",
        "invoice-from-time": "/billing/new/?until=2026-03-31",
        "draft": f"/billing/drafts/{draft.pk}/",
        "invoices": "/invoices/",
        "invoice": f"/invoices/{issued.pk}/",
        "payments": "/invoices/payments/",
        "aging": "/invoices/aging/",
        "approvals": "/approvals/",
        "approval-week": f"/approvals/{dev.pk}/{MONDAY + dt.timedelta(days=7):%Y-%m-%d}/",
        "audit": "/reports/audit/",
        "audit-log": "/audit-log/",
        "members": "/members/",
        "settings": "/settings/",
        "imports": "/imports/",
    }


def test_every_main_page_fits_a_phone_and_passes_axe(live_server, browser, org_pages):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "owner@example.com")
    flow = Flow(page, "main")
    too_wide, violations = {}, {}
    for name, path in org_pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (name, response.status)
        width = flow.shot(name)
        if width > 390:
            too_wide[name] = width
        found = axe_violations(page)
        if found:
            violations[name] = found
    assert too_wide == {}
    assert violations == {}
    assert errors == []
