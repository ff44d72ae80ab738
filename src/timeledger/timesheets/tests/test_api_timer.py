"""The timer over the REST API: start, status, switch, stop; one running per member."""

import pytest

from timeledger.projects.models import ProjectStatus
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import TimeEntry


@pytest.fixture
def c(api, alice):
    return api(alice)


def test_status_when_nothing_runs(c):
    assert c.get("/api/timer/").json() == {"running": False, "elapsed_seconds": None, "entry": None}


def test_start_status_stop(c, alice, project):
    task = f.task(project, "Support", billable=False)
    r = c.post(
        "/api/timer/start/",
        {"project": project.pk, "task": task.pk, "description": "ticket 42"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["running"] is True
    assert body["entry"]["is_running"] is True
    assert (body["entry"]["project"], body["entry"]["is_billable"]) == (project.pk, False)
    assert c.get("/api/timer/").json()["entry"]["id"] == body["entry"]["id"]

    r = c.post("/api/timer/stop/")
    assert r.status_code == 200, r.json()
    stopped = r.json()
    assert stopped["running"] is False
    assert stopped["entry"]["id"] == body["entry"]["id"]
    assert stopped["entry"]["end"] is not None
    entry = TimeEntry.objects.get()
    assert entry.end is not None and entry.seconds >= 1


def test_second_start_is_a_400_and_switch_moves_on(c, alice, project, org):
    other = f.project(org, project.client, code="OPS")
    assert c.post("/api/timer/start/", {"project": project.pk}, format="json").status_code == 201
    body = assert_error(
        c.post("/api/timer/start/", {"project": other.pk}, format="json"), 400, "non_field_errors"
    )
    assert body["message"] == "A timer is already running; stop it or switch."
    r = c.post("/api/timer/switch/", {"project": other.pk}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["entry"]["project"] == other.pk
    assert TimeEntry.objects.filter(end__isnull=True).get().project_id == other.pk
    assert TimeEntry.objects.count() == 2


def test_stop_with_nothing_running_is_a_400(c):
    body = assert_error(c.post("/api/timer/stop/"), 400, "non_field_errors")
    assert body["message"] == "No timer is running."


def test_start_needs_a_project_of_this_organisation(c, outsider_org, project):
    assert_error(c.post("/api/timer/start/", {}, format="json"), 400, "project")
    foreign = f.project(outsider_org)
    assert_error(
        c.post("/api/timer/start/", {"project": foreign.pk}, format="json"), 400, "project"
    )
    project.status = ProjectStatus.CLOSED
    project.save()
    assert_error(
        c.post("/api/timer/start/", {"project": project.pk}, format="json"), 400, "project"
    )
    assert TimeEntry.objects.count() == 0


def test_accountant_cannot_start_a_timer(api, accountant, project):
    r = api(accountant).post("/api/timer/start/", {"project": project.pk}, format="json")
    assert_error(r, 403, error="permission_denied")


def test_running_timer_can_be_edited_over_patch_and_keeps_running(c, project):
    start = c.post("/api/timer/start/", {"project": project.pk}, format="json").json()
    r = c.patch(f"/api/entries/{start['entry']['id']}/", {"description": "retro"}, format="json")
    assert r.status_code == 200, r.json()
    assert (r.json()["description"], r.json()["is_running"]) == ("retro", True)


def test_timers_are_per_member(api, alice, manager, project):
    assert api(alice).post("/api/timer/start/", {"project": project.pk}).status_code == 201
    assert api(manager).post("/api/timer/start/", {"project": project.pk}).status_code == 201
    assert api(manager).get("/api/timer/").json()["entry"]["member"] == manager.pk


def test_restart_an_entry(c, alice, manager, project):
    task = f.task(project, "Support", billable=False)
    mine = f.entry(
        alice, project, day=project.created_at.date(), t=task, billable=False, description="on call"
    )
    r = c.post(f"/api/entries/{mine.pk}/restart/")
    assert r.status_code == 201, r.json()
    entry = r.json()["entry"]
    assert (entry["task"], entry["is_billable"], entry["description"], entry["is_running"]) == (
        task.pk,
        False,
        "on call",
        True,
    )
    theirs = f.entry(manager, project, day=project.created_at.date())
    assert_error(c.post(f"/api/entries/{theirs.pk}/restart/"), 404)


def test_manager_cannot_restart_a_members_entry(api, alice, manager, project):
    mine = f.entry(alice, project, day=project.created_at.date())
    assert_error(api(manager).post(f"/api/entries/{mine.pk}/restart/"), 403)
