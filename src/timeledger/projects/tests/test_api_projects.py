"""Projects, phases, tasks and milestones over the REST API."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.projects.models import Milestone, Project, Task
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error


@pytest.fixture
def c(api, manager):
    return api(manager)


def test_create_a_project_with_budget_and_lead(c, client_, manager):
    r = c.post(
        "/api/projects/",
        {
            "code": "SHOP-2",
            "name": "Shop relaunch",
            "client": client_.pk,
            "billing_model": "fixed_fee",
            "fixed_fee": "12000.00",
            "budget_hours": "80.5",
            "budget_amount": "12000",
            "estimate_hours": "75",
            "lead": manager.pk,
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["budget_hours"], body["fixed_fee"], body["currency"]) == (
        "80.50",
        "12000.00",
        "EUR",
    )
    p = Project.objects.get(pk=body["id"])
    assert (p.budget_amount, p.lead_id, p.status) == (Decimal("12000.00"), manager.pk, "active")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"code": "WEB"}, "code"),
        ({"billing_model": "barter"}, "billing_model"),
        ({"budget_hours": "-1"}, "budget_hours"),
        ({"budget_amount": "abc"}, "budget_amount"),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date"),
        ({"status": "gone"}, "status"),
        ({"rounding_increment": 7}, "rounding_increment"),
        ({"client": None}, "client"),
    ],
)
def test_invalid_project_is_a_field_error(c, client_, project, payload, field):
    base = {"code": "NEW", "name": "New", "client": client_.pk}
    assert_error(c.post("/api/projects/", {**base, **payload}, format="json"), 400, field)
    assert Project.objects.count() == 1


def test_no_project_for_an_archived_client(c, org):
    old = f.client(org, code="OLD", is_archived=True)
    r = c.post("/api/projects/", {"code": "N", "name": "N", "client": old.pk}, format="json")
    assert assert_error(r, 400, "client")["fields"]["client"] == ["This client is archived."]


def test_archive_and_close(c, project):
    assert c.delete(f"/api/projects/{project.pk}/").status_code == 204
    project.refresh_from_db()
    assert project.is_archived is True
    r = c.patch(f"/api/projects/{project.pk}/", {"status": "closed"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "closed"


def test_client_of_a_project_with_time_cannot_change(c, org, alice, project):
    f.entry(alice, project, day=dt.date(2026, 3, 2))
    other = f.client(org, code="BETA")
    r = c.patch(f"/api/projects/{project.pk}/", {"client": other.pk}, format="json")
    assert_error(r, 400, "client")
    project.refresh_from_db()
    assert project.client.code == "ACME"


def test_phase_task_milestone(c, project):
    phase = c.post("/api/phases/", {"project": project.pk, "name": "Discovery"}, format="json")
    assert phase.status_code == 201, phase.json()
    task = c.post(
        "/api/tasks/",
        {
            "project": project.pk,
            "phase": phase.json()["id"],
            "name": "Workshops",
            "is_billable": False,
            "estimate_hours": "12",
        },
        format="json",
    )
    assert task.status_code == 201, task.json()
    assert Task.objects.get(pk=task.json()["id"]).is_billable is False
    r = c.patch(f"/api/tasks/{task.json()['id']}/", {"percent_complete": "40"}, format="json")
    assert r.json()["percent_complete"] == "40.00"
    ms = c.post(
        "/api/milestones/",
        {
            "project": project.pk,
            "name": "Design signed off",
            "value": "5000.00",
            "due_date": "2026-04-30",
        },
        format="json",
    )
    assert ms.status_code == 201, ms.json()
    assert Milestone.objects.get().value == Decimal("5000.00")
    assert c.delete(f"/api/tasks/{task.json()['id']}/").status_code == 204
    assert Task.objects.get().is_archived is True


@pytest.mark.parametrize(
    ("url", "payload", "field"),
    [
        ("/api/tasks/", {"name": "T", "percent_complete": "101"}, "percent_complete"),
        ("/api/tasks/", {"name": ""}, "name"),
        ("/api/tasks/", {"name": "T", "status": "someday"}, "status"),
        ("/api/milestones/", {"name": "M", "value": "-5"}, "value"),
        ("/api/milestones/", {"name": "M"}, "value"),
        ("/api/phases/", {"name": "P", "estimate_hours": "-2"}, "estimate_hours"),
    ],
)
def test_invalid_children_are_field_errors(c, project, url, payload, field):
    assert_error(c.post(url, {"project": project.pk, **payload}, format="json"), 400, field)


def test_task_phase_must_belong_to_the_project(c, org, project):
    other = f.project(org, project.client, code="OPS")
    their_phase = f.phase(other, "Other phase")
    r = c.post(
        "/api/tasks/", {"project": project.pk, "phase": their_phase.pk, "name": "T"}, format="json"
    )
    assert assert_error(r, 400, "phase")["fields"]["phase"] == [
        "This phase does not belong to project WEB."
    ]


def test_task_cannot_move_to_another_project(c, org, project):
    task = f.task(project, "Build")
    other = f.project(org, project.client, code="OPS")
    r = c.patch(f"/api/tasks/{task.pk}/", {"project": other.pk}, format="json")
    assert_error(r, 400, "project")


def test_no_new_tasks_on_an_archived_project(c, project):
    project.is_archived = True
    project.save()
    r = c.post("/api/tasks/", {"project": project.pk, "name": "Late"}, format="json")
    assert assert_error(r, 400, "project")["fields"]["project"] == ["Project WEB is archived."]


def test_filters(c, org, client_, project):
    beta = f.client(org, code="BETA")
    f.project(org, beta, code="B1", status="closed")
    ids = {p["code"] for p in c.get("/api/projects/", {"client": beta.pk}).json()["results"]}
    assert ids == {"B1"}
    ids = {p["code"] for p in c.get("/api/projects/", {"status": "active"}).json()["results"]}
    assert ids == {"WEB"}
    f.task(project, "A", billable=False)
    f.task(project, "B")
    r = c.get("/api/tasks/", {"project": project.pk, "is_billable": "false"})
    assert [t["name"] for t in r.json()["results"]] == ["A"]
