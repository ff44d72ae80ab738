"""The weekly grid over the API: read a week, set a cell."""

import datetime as dt

import pytest

from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import TimeEntry

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def c(api, alice):
    return api(alice)


def test_reads_the_week_of_any_day(c, alice, manager, project):
    build = f.task(project, "Build")
    f.entry(alice, project, day=MONDAY, hours="1.50", t=build)
    f.entry(alice, project, day=MONDAY + dt.timedelta(days=2), hours="2.00", t=build)
    f.entry(alice, project, day=MONDAY + dt.timedelta(days=7), hours="9.00")  # next week
    f.entry(manager, project, day=MONDAY, hours="3.00", t=build)  # someone else
    r = c.get("/api/week/", {"week": "2026-03-05"})
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["week_start"] == "2026-03-02"
    assert body["days"][0] == "2026-03-02" and len(body["days"]) == 7
    assert [(row["project_code"], row["task_name"], row["total"]) for row in body["rows"]] == [
        ("WEB", "Build", 12600)
    ]
    assert body["rows"][0]["cells"]["2026-03-04"] == 7200
    assert (body["day_totals"]["2026-03-02"], body["total"]) == (5400, 12600)


def test_setting_a_cell_logs_and_corrects_time(c, alice, project):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    r = c.post(
        "/api/week/cells/",
        {"project": project.pk, "date": str(yesterday), "duration": "2:30"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["total"] == 9000
    r = c.post(
        "/api/week/cells/",
        {"project": project.pk, "date": str(yesterday), "duration": "1"},
        format="json",
    )
    assert r.json()["total"] == 3600
    assert list(TimeEntry.objects.values_list("seconds", flat=True)) == [3600]


def test_bad_cells_are_field_errors(c, project, outsider_org):
    yesterday = str(dt.date.today() - dt.timedelta(days=1))
    cell = "/api/week/cells/"
    assert_error(
        c.post(cell, {"project": project.pk, "date": yesterday, "duration": "x"}), 400, "duration"
    )
    assert_error(
        c.post(cell, {"project": project.pk, "date": "soon", "duration": "1"}), 400, "date"
    )
    foreign = f.project(outsider_org)
    assert_error(
        c.post(cell, {"project": foreign.pk, "date": yesterday, "duration": "1"}), 400, "project"
    )
    assert_error(c.get("/api/week/", {"week": "someday"}), 400, "week")
    assert_error(c.get("/api/week/", {"week": "9999-12-31"}), 400, "week")
    assert_error(c.get("/api/week/", {"week": "0001-01-01"}), 400, "week")
    assert_error(
        c.post(cell, {"project": project.pk, "date": "0026-03-02", "duration": "1"}), 400, "date"
    )
    assert TimeEntry.objects.count() == 0


def test_accountant_cannot_set_cells(api, accountant, project):
    r = api(accountant).post(
        "/api/week/cells/", {"project": project.pk, "date": "2026-03-02", "duration": "1"}
    )
    assert_error(r, 403)


def test_a_cell_takes_a_note_with_its_hours_and_the_week_shows_it(c, alice, project):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    cell = "/api/week/cells/"
    r = c.post(
        cell,
        {"project": project.pk, "date": str(yesterday), "duration": "2", "note": "Design review"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    row = r.json()["rows"][0]
    assert row["notes"] == {str(yesterday): "Design review"}
    r = c.post(cell, {"project": project.pk, "date": str(yesterday), "note": "Review"})
    assert r.status_code == 200, r.json()
    assert TimeEntry.objects.get().description == "Review"
    week = c.get("/api/week/", {"week": str(yesterday)}).json()
    assert week["rows"][0]["notes"] == {str(yesterday): "Review"}
    assert week["rows"][0]["cells"][str(yesterday)] == 7200


def test_a_note_without_hours_or_an_empty_cell_is_refused_and_nothing_changes(c, project):
    yesterday = str(dt.date.today() - dt.timedelta(days=1))
    cell = "/api/week/cells/"
    assert_error(c.post(cell, {"project": project.pk, "date": yesterday}), 400, "duration")
    assert_error(
        c.post(cell, {"project": project.pk, "date": yesterday, "note": "Nothing yet"}),
        400,
        "description",
    )
    assert_error(
        c.post(
            cell,
            {"project": project.pk, "date": yesterday, "duration": "1", "note": "x" * 2001},
            format="json",
        ),
        400,
        "note",
    )
    assert TimeEntry.objects.count() == 0
    # Hours and note are one change: clearing the cell leaves no entry for the note, so the
    # note is refused and the hours stay as they were.
    c.post(cell, {"project": project.pk, "date": yesterday, "duration": "1"})
    assert_error(
        c.post(cell, {"project": project.pk, "date": yesterday, "duration": "0", "note": "Gone"}),
        400,
        "description",
    )
    assert list(TimeEntry.objects.values_list("seconds", flat=True)) == [3600]
