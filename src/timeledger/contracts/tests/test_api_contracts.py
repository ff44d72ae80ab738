"""Billing terms API: codes, field errors, tenancy."""

import datetime as dt
from decimal import Decimal

from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date


def test_terms_and_cap_acceptance(api, manager, alice, org, project):
    f.rate(org, "100.00")
    a = f.entry(alice, project, day=D(2026, 3, 2), hours="2")
    b = f.entry(alice, project, day=D(2026, 3, 3), hours="2")
    c = api(manager)
    r = c.put(f"/api/projects/{project.pk}/terms/", {"cap_amount": "300"}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["needs_acceptance"] == 1
    assert TimeEntry.objects.get(pk=b.pk).needs_acceptance
    assert (
        api(alice)
        .post(f"/api/projects/{project.pk}/cap/accept/", {"entries": [b.pk]}, format="json")
        .status_code
        == 403
    )
    r = c.post(f"/api/projects/{project.pk}/cap/accept/", {"entries": [a.pk]}, format="json")
    assert r.status_code == 400  # a is not flagged
    r = c.post(f"/api/projects/{project.pk}/cap/accept/", {"entries": [b.pk]}, format="json")
    assert r.status_code == 200 and r.json()["accepted"] == 1


def test_terms_field_errors(api, manager, project):
    r = api(manager).put(f"/api/projects/{project.pk}/terms/", {"cap_amount": "-1"}, format="json")
    assert r.status_code == 400 and r.json()["fields"] == {"cap_amount": ["Cannot be negative."]}
    r = api(manager).put(
        f"/api/projects/{project.pk}/terms/", {"alert_thresholds": "x"}, format="json"
    )
    assert r.status_code == 400 and "alert_thresholds" in r.json()["fields"]


def test_budget_endpoint(api, manager, alice, org, project):
    f.rate(org, "100.00")
    project.budget_hours = Decimal("4")
    project.budget_amount = Decimal("1000")
    project.lead = manager
    project.save()
    f.entry(alice, project, day=D(2026, 3, 2), hours="3.5")
    body = api(manager).get(f"/api/projects/{project.pk}/budget/").json()
    assert body["hours"] == {
        "used": "3.50",
        "budget": "4.00",
        "base_budget": "4.00",
        "change_orders": "0.00",
        "percent": "87.5",
        "crossed": [80],
    }
    assert body["amount"]["used"] == "350.00" and body["amount"]["crossed"] == []
    r = api(manager).post(f"/api/projects/{project.pk}/budget/check/")
    assert r.json()["new_alerts"] == [{"metric": "hours", "threshold": 80}]
    assert api(manager).post(f"/api/projects/{project.pk}/budget/check/").json()["new_alerts"] == []


def test_instalments_endpoint(api, manager, org, client_):
    p = f.project(org, client_, billing_model="fixed_fee", fixed_fee=Decimal("999.99"))
    rows = [
        {"label": "Start", "due_date": "2026-01-01", "percent": "50"},
        {"label": "End", "due_date": "2026-06-01", "percent": "50"},
    ]
    r = api(manager).put(f"/api/projects/{p.pk}/instalments/", {"instalments": rows}, format="json")
    assert r.status_code == 200, r.json()
    assert [x["amount"] for x in r.json()["instalments"]] == ["500.00", "499.99"]
    rows[1]["percent"] = "40"
    r = api(manager).put(f"/api/projects/{p.pk}/instalments/", {"instalments": rows}, format="json")
    assert r.status_code == 400
    assert r.json()["fields"]["instalments"] == ["The instalments add up to 90.00 %, not 100 %."]


def test_milestone_progress_endpoint(api, manager, project):
    m = Milestone.objects.create(
        organisation=project.organisation, project=project, name="Beta", value=Decimal("8000")
    )
    r = api(manager).post(
        f"/api/milestones/{m.pk}/progress/", {"percent_complete": "25"}, format="json"
    )
    assert r.status_code == 200
    assert (r.json()["releasable"], r.json()["status"]) == ("2000.00", "in_progress")
    r = api(manager).post(
        f"/api/milestones/{m.pk}/progress/", {"percent_complete": "101"}, format="json"
    )
    assert r.status_code == 400
    assert r.json()["fields"] == {"percent_complete": ["% complete must be between 0 and 100."]}


def test_retainer_endpoint(api, manager, org, client_):
    p = f.project(org, client_, billing_model="retainer")
    body = {"fee": "1500", "included_hours": "10", "overage_rate": "140", "starts_on": "2026-01-01"}
    r = api(manager).put(f"/api/projects/{p.pk}/retainer/", body, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["retainer"]["fee"] == "1500.00"
    r = api(manager).put(f"/api/projects/{p.pk}/retainer/", {**body, "fee": "-5"}, format="json")
    assert r.status_code == 400 and r.json()["fields"] == {"fee": ["Cannot be negative."]}


def test_change_orders_endpoint(api, manager, alice, project):
    r = api(alice).post(
        "/api/change-orders/",
        {"project": project.pk, "description": "More pages", "hours": "5"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    co = r.json()["id"]
    assert api(alice).post(f"/api/change-orders/{co}/approve/").status_code == 403
    r = api(manager).post(f"/api/change-orders/{co}/approve/")
    assert r.status_code == 200 and r.json()["status"] == "approved"
    r = api(manager).post(f"/api/change-orders/{co}/reject/")
    assert r.status_code == 400 and "already approved" in r.json()["fields"]["status"][0]


def test_outsider_sees_nothing(api, outsider, project):
    c = api(outsider)
    for url in ("terms", "budget", "instalments", "retainer"):
        assert c.get(f"/api/projects/{project.pk}/{url}/").status_code == 404
    r = c.post(
        "/api/change-orders/",
        {"project": project.pk, "description": "x", "hours": "1"},
        format="json",
    )
    assert r.status_code == 400 and "project" in r.json()["fields"]
    assert c.get("/api/change-orders/").json()["results"] == []
