"""The Budget & billing terms page: burn shown, inline errors, actions through services."""

import datetime as dt
from decimal import Decimal

from django.test import Client as WebClient

from timeledger.contracts.models import ChangeOrder, PaymentInstalment
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date


def web(member):
    c = WebClient()
    c.force_login(member.user)
    return c


def test_page_shows_burn_and_is_linked_from_project(manager, alice, org, project):
    f.rate(org, "100.00")
    project.budget_hours = Decimal("10")
    project.save()
    f.entry(alice, project, day=D(2026, 3, 2), hours="8")
    page = web(manager).get(f"/projects/{project.pk}/terms/").content.decode()
    assert "8.00 h" in page and "10.00 h" in page and "80.0%" in page
    assert (
        f'href="/projects/{project.pk}/terms/"'
        in web(manager).get(f"/projects/{project.pk}/").content.decode()
    )


def test_terms_error_inline_and_cap_flow(manager, alice, org, project):
    f.rate(org, "100.00")
    f.entry(alice, project, day=D(2026, 3, 2), hours="2")
    late = f.entry(alice, project, day=D(2026, 3, 3), hours="2")
    c = web(manager)
    r = c.post(
        f"/projects/{project.pk}/terms/save/", {"cap_amount": "-3", "alert_thresholds": "80,100"}
    )
    assert r.status_code == 400 and "Cannot be negative." in r.content.decode()
    c.post(
        f"/projects/{project.pk}/terms/save/", {"cap_amount": "250", "alert_thresholds": "80,100"}
    )
    assert TimeEntry.objects.get(pk=late.pk).needs_acceptance
    c.post(f"/projects/{project.pk}/terms/accept/", {"entries": [late.pk]})
    assert not TimeEntry.objects.get(pk=late.pk).needs_acceptance


def test_schedule_and_milestone_and_change_orders(manager, alice, org, client_):
    p = f.project(org, client_, billing_model="fixed_fee", fixed_fee=Decimal("900"))
    c = web(manager)
    bad = c.post(
        f"/projects/{p.pk}/terms/schedule/",
        {"label_0": "All", "due_0": "2026-01-01", "percent_0": "90"},
    )
    assert bad.status_code == 400 and "not 100 %" in bad.content.decode()
    c.post(
        f"/projects/{p.pk}/terms/schedule/",
        {
            "label_0": "Start",
            "due_0": "2026-01-01",
            "percent_0": "30",
            "label_1": "End",
            "due_1": "2026-02-01",
            "percent_1": "70",
        },
    )
    assert [i.amount for i in PaymentInstalment.objects.filter(project=p)] == [
        Decimal("270.00"),
        Decimal("630.00"),
    ]

    ms = f.project(org, client_, billing_model="milestone")
    m = Milestone.objects.create(organisation=org, project=ms, name="Design", value=Decimal("1000"))
    r = c.post(f"/projects/{ms.pk}/terms/milestones/{m.pk}/", {"percent_complete": "150"})
    assert r.status_code == 400 and "between 0 and 100" in r.content.decode()
    c.post(f"/projects/{ms.pk}/terms/milestones/{m.pk}/", {"percent_complete": "30"})
    assert "300.00" in c.get(f"/projects/{ms.pk}/terms/").content.decode()

    web(alice).post(
        f"/projects/{ms.pk}/terms/change-orders/", {"description": "Logo", "amount": "200"}
    )
    co = ChangeOrder.objects.get()
    web(alice).post(f"/projects/{ms.pk}/terms/change-orders/{co.pk}/approve/")
    assert ChangeOrder.objects.get().status == "requested"  # members cannot decide
    c.post(f"/projects/{ms.pk}/terms/change-orders/{co.pk}/approve/")
    assert ChangeOrder.objects.get().status == "approved"


def test_outsider_gets_404(outsider, project):
    assert web(outsider).get(f"/projects/{project.pk}/terms/").status_code == 404
