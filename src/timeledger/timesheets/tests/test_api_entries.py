"""Time entries over the REST API: status codes, field errors, filters, pagination, tenancy."""

import datetime as dt

import pytest

from timeledger.core.models import AuditLog
from timeledger.projects.models import ProjectStatus
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import TimeEntry

URL = "/api/entries/"
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def detail(pk):
    return f"{URL}{pk}/"


@pytest.fixture
def as_alice(api, alice):
    return api(alice)


def test_logs_a_duration_entry(as_alice, alice, project):
    task = f.task(project, "Build", billable=False)
    r = as_alice.post(
        URL,
        {
            "project": project.pk,
            "task": task.pk,
            "date": str(YESTERDAY),
            "duration": "1:30",
            "description": "  checkout flow ",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["seconds"], body["hours"], body["is_billable"]) == (5400, "1:30", False)
    assert (body["member"], body["client"], body["description"]) == (
        alice.pk,
        project.client_id,
        "checkout flow",
    )
    entry = TimeEntry.objects.get(pk=body["id"])
    assert (entry.seconds, entry.is_billable, entry.status) == (5400, False, "draft")


def test_logs_a_start_end_entry_given_with_offsets(as_alice, project):
    r = as_alice.post(
        URL,
        {
            "project": project.pk,
            "start": "2026-03-29T00:00:00+01:00",
            "end": "2026-03-29T04:00:00+02:00",
        },
        format="json",
    )
    # Europe/Amsterdam springs forward that night: 3 hours really passed.
    assert r.status_code == 201, r.json()
    assert (r.json()["seconds"], r.json()["date"]) == (10800, "2026-03-29")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"project": None, "date": str(YESTERDAY), "duration": "1"}, "project"),
        ({"project": 999999, "date": str(YESTERDAY), "duration": "1"}, "project"),
        ({"project": "x", "date": str(YESTERDAY), "duration": "1"}, "project"),
        ({"date": "2026-13-01", "duration": "1"}, "date"),
        ({"date": str(YESTERDAY), "duration": "ninety"}, "duration"),
        ({"date": str(YESTERDAY), "duration": "25:00"}, "duration"),
        ({"date": str(YESTERDAY), "seconds": 0}, "seconds"),
        ({"date": str(YESTERDAY), "seconds": 86401}, "duration"),
        ({"date": str(YESTERDAY)}, "duration"),
        ({"duration": "1"}, "date"),
        ({"date": str(dt.date.today() + dt.timedelta(days=3)), "duration": "1"}, "date"),
        ({"start": "2026-03-10T10:00:00Z"}, "end"),
        ({"start": "2026-03-10T10:00:00Z", "end": "2026-03-10T09:00:00Z"}, "end"),
        ({"start": "2026-03-10T10:00:00Z", "end": "2026-03-11T10:00:01Z"}, "end"),
        ({"start": "yesterday", "end": "2026-03-10T09:00:00Z"}, "start"),
        ({"date": str(YESTERDAY), "duration": "1", "is_billable": "maybe"}, "is_billable"),
    ],
)
def test_bad_input_is_a_400_with_a_field_message(as_alice, project, payload, field):
    payload = {"project": project.pk, **payload} if "project" not in payload else payload
    r = as_alice.post(URL, payload, format="json")
    assert_error(r, 400, field, error="invalid")
    assert TimeEntry.objects.count() == 0


def test_missing_project_is_required(as_alice):
    r = as_alice.post(URL, {"date": str(YESTERDAY), "duration": "1"}, format="json")
    assert assert_error(r, 400, "project")["fields"]["project"] == ["This field is required."]


def test_project_of_another_organisation_reads_as_does_not_exist(as_alice, outsider_org):
    foreign = f.project(outsider_org)
    r = as_alice.post(
        URL, {"project": foreign.pk, "date": str(YESTERDAY), "duration": "1"}, format="json"
    )
    body = assert_error(r, 400, "project")
    assert "does not exist" in body["fields"]["project"][0]


def test_task_of_another_project_is_a_field_error(as_alice, project, org):
    other_task = f.task(f.project(org, project.client, code="OPS"), "Deploy")
    r = as_alice.post(
        URL,
        {"project": project.pk, "task": other_task.pk, "date": str(YESTERDAY), "duration": "1"},
        format="json",
    )
    body = assert_error(r, 400, "task")
    assert body["message"] == "task: Task 'Deploy' does not belong to project WEB."


def test_closed_project_is_a_field_error(as_alice, project):
    project.status = ProjectStatus.CLOSED
    project.save()
    r = as_alice.post(
        URL, {"project": project.pk, "date": str(YESTERDAY), "duration": "1"}, format="json"
    )
    assert assert_error(r, 400, "project")["fields"]["project"] == [
        "Project WEB is closed; it takes no new time."
    ]


def test_overlap_is_a_field_error_and_nothing_is_saved(as_alice, project):
    first = {"project": project.pk, "start": "2026-03-10T09:00:00Z", "end": "2026-03-10T11:00:00Z"}
    assert as_alice.post(URL, first, format="json").status_code == 201
    clash = {**first, "start": "2026-03-10T10:00:00Z", "end": "2026-03-10T12:00:00Z"}
    body = assert_error(as_alice.post(URL, clash, format="json"), 400, "start")
    assert body["fields"]["start"] == ["Overlaps your entry on WEB 10 Mar 10:00–12:00."]
    assert TimeEntry.objects.count() == 1
    assert AuditLog.objects.filter(object_type="timesheets.timeentry").count() == 1


def test_patch_changes_the_duration_and_keeps_the_rest(as_alice, alice, project):
    entry = f.entry(alice, project, day=YESTERDAY, hours="1.00", description="a")
    r = as_alice.patch(detail(entry.pk), {"duration": "2h"}, format="json")
    assert r.status_code == 200, r.json()
    entry.refresh_from_db()
    assert (entry.seconds, entry.description, entry.date) == (7200, "a", YESTERDAY)


def test_patch_to_a_task_takes_its_billable_default(as_alice, alice, project):
    internal = f.task(project, "Internal", billable=False)
    entry = f.entry(alice, project, day=YESTERDAY, billable=True)
    r = as_alice.patch(detail(entry.pk), {"task": internal.pk}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["is_billable"] is False


def test_entry_cannot_move_to_another_member(as_alice, alice, manager, project):
    entry = f.entry(alice, project, day=YESTERDAY)
    r = as_alice.patch(detail(entry.pk), {"member": manager.pk}, format="json")
    assert_error(r, 400, "member")


def test_date_of_a_timed_entry_is_changed_through_its_start(as_alice, project):
    r = as_alice.post(
        URL,
        {"project": project.pk, "start": "2026-03-10T09:00:00Z", "end": "2026-03-10T10:00:00Z"},
        format="json",
    )
    r = as_alice.patch(detail(r.json()["id"]), {"date": "2026-03-09"}, format="json")
    assert_error(r, 400, "date")


def test_delete_removes_a_draft_but_not_a_submitted_entry(as_alice, alice, project):
    draft = f.entry(alice, project, day=YESTERDAY)
    submitted = f.entry(alice, project, day=YESTERDAY, status="submitted")
    assert as_alice.delete(detail(draft.pk)).status_code == 204
    assert_error(as_alice.delete(detail(submitted.pk)), 400, "non_field_errors")
    assert list(TimeEntry.objects.values_list("pk", flat=True)) == [submitted.pk]


def test_put_is_not_allowed(as_alice, alice, project):
    entry = f.entry(alice, project, day=YESTERDAY)
    assert_error(as_alice.put(detail(entry.pk), {}, format="json"), 405, error="method_not_allowed")


# --- reading: scope, filters, pagination ---------------------------------------------------------


def test_member_lists_only_own_entries(as_alice, alice, manager, project):
    mine = f.entry(alice, project, day=YESTERDAY)
    theirs = f.entry(manager, project, day=YESTERDAY)
    ids = [e["id"] for e in as_alice.get(URL).json()["results"]]
    assert ids == [mine.pk]
    assert_error(as_alice.get(detail(theirs.pk)), 404, error="not_found")
    assert_error(as_alice.patch(detail(theirs.pk), {"duration": "2"}, format="json"), 404)
    assert_error(as_alice.delete(detail(theirs.pk)), 404)


def test_filters(api, manager, alice, org, project):
    other = f.project(org, f.client(org, code="BETA"), code="APP")
    d1, d2, d3 = (dt.date(2026, 3, d) for d in (2, 3, 4))
    e1 = f.entry(alice, project, day=d1, billable=True)
    e2 = f.entry(alice, other, day=d2, billable=False)
    e3 = f.entry(manager, project, day=d3, billable=True, status="approved")
    c = api(manager)

    def ids(**params):
        r = c.get(URL, params)
        assert r.status_code == 200, r.json()
        return sorted(e["id"] for e in r.json()["results"])

    assert ids() == sorted([e1.pk, e2.pk, e3.pk])
    assert ids(date_from="2026-03-03") == sorted([e2.pk, e3.pk])
    assert ids(date_from="2026-03-02", date_to="2026-03-03") == sorted([e1.pk, e2.pk])
    assert ids(client=other.client_id) == [e2.pk]
    assert ids(client_code="beta") == [e2.pk]
    assert ids(project=project.pk) == sorted([e1.pk, e3.pk])
    assert ids(project_code="APP") == [e2.pk]
    assert ids(member=alice.pk) == sorted([e1.pk, e2.pk])
    assert ids(billable="false") == [e2.pk]
    assert ids(is_billable="true") == sorted([e1.pk, e3.pk])
    assert ids(status="approved") == [e3.pk]
    assert ids(member=alice.pk, billable="true", date_to="2026-03-02") == [e1.pk]


def test_bad_filter_values_are_400(api, manager, outsider_org):
    c = api(manager)
    assert_error(c.get(URL, {"date_from": "soon"}), 400, "date_from")
    assert_error(c.get(URL, {"status": "lost"}), 400, "status")
    # Another organisation's project is not a valid choice, not an empty result.
    assert_error(c.get(URL, {"project": f.project(outsider_org).pk}), 400, "project")


def test_pagination(api, alice, project):
    for i in range(5):
        f.entry(alice, project, day=dt.date(2026, 3, 1) + dt.timedelta(days=i))
    c = api(alice)
    page = c.get(URL, {"page_size": 2}).json()
    assert page["count"] == 5
    assert [e["date"] for e in page["results"]] == ["2026-03-05", "2026-03-04"]
    last = c.get(URL, {"page_size": 2, "page": 3}).json()
    assert [e["date"] for e in last["results"]] == ["2026-03-01"]
    assert last["next"] is None
    assert_error(c.get(URL, {"page": 9}), 404)


def test_running_filter(api, alice, project):
    from timeledger.timesheets import services

    done = f.entry(alice, project, day=YESTERDAY)
    timer = services.start_timer(project, by=alice)
    c = api(alice)
    assert [e["id"] for e in c.get(URL, {"running": "true"}).json()["results"]] == [timer.pk]
    assert [e["id"] for e in c.get(URL, {"running": "false"}).json()["results"]] == [done.pk]


def test_manager_logs_time_for_a_member(api, manager, alice, project):
    r = api(manager).post(
        URL,
        {"project": project.pk, "member": alice.pk, "date": str(YESTERDAY), "duration": "45m"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert TimeEntry.objects.get().member_id == alice.pk


def test_member_cannot_log_time_for_someone_else(as_alice, manager, project):
    r = as_alice.post(
        URL,
        {"project": project.pk, "member": manager.pk, "date": str(YESTERDAY), "duration": "1"},
        format="json",
    )
    assert_error(r, 403, error="permission_denied")
    assert TimeEntry.objects.count() == 0


@pytest.mark.parametrize(
    "value", ["0001-01-01", "0001-01-01T00:00:00", "9999-12-31T23:59:59-05:00"]
)
def test_date_times_at_the_edge_of_the_calendar_are_field_errors(as_alice, alice, project, value):
    entry = f.entry(alice, project, day=YESTERDAY)
    assert_error(as_alice.patch(detail(entry.pk), {"end": value}, format="json"), 400)
    r = as_alice.post(URL, {"project": project.pk, "start": value, "end": value}, format="json")
    assert_error(r, 400)
