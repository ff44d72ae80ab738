"""The weekly grid: a cell is the day's total for one project/task, saved through the services."""

import datetime as dt

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

HX = {"HTTP_HX_REQUEST": "true"}


def cell(web, project, day, value, task=None):
    return web.post(
        "/grid/cell/",
        {
            "project": project.pk,
            "task": task.pk if task else 0,
            "date": day.isoformat(),
            "value": value,
        },
        **HX,
    )


def cell_seconds(alice, project, day):
    return sorted(
        TimeEntry.objects.filter(member=alice, project=project, date=day).values_list(
            "seconds", flat=True
        )
    )


def test_grid_shows_rows_per_project_and_task_with_totals(web, alice, project, day):
    design = f.task(project, "Design")
    f.entry(alice, project, day=day, hours="1.5", t=design)
    f.entry(alice, project, day=day, hours="0.5")
    body = web.get(f"/grid/?week={day.isoformat()}").content.decode()
    assert f'id="row-{project.pk}-{design.pk}"' in body
    assert f'id="row-{project.pk}-0"' in body
    assert 'value="1:30"' in body and 'value="0:30"' in body
    assert "<strong>2:00</strong>" in body


def test_typing_a_cell_creates_a_duration_entry(web, alice, project, day):
    response = cell(web, project, day, "1:30")
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="row-{project.pk}-0">')
    assert 'hx-swap-oob="true"' in body
    assert "entries-changed" in response.headers["HX-Trigger"]
    assert cell_seconds(alice, project, day) == [5400]


def test_changing_a_cell_adjusts_and_zero_removes(web, alice, project, day):
    cell(web, project, day, "2")
    cell(web, project, day, "0.75")
    assert cell_seconds(alice, project, day) == [2700]
    cell(web, project, day, "")
    assert cell_seconds(alice, project, day) == []


def test_timed_entries_are_kept_and_the_rest_is_a_duration(web, alice, project, day):
    start = timeutil.make_aware(dt.datetime.combine(day, dt.time(9)), alice.timezone)
    services.create_entry(
        services.EntryInput(project=project, start=start, end=start + dt.timedelta(hours=1)),
        by=alice,
    )
    cell(web, project, day, "1:30")
    assert cell_seconds(alice, project, day) == [1800, 3600]


def test_below_timed_or_submitted_time_is_refused_in_the_cell(web, alice, project, day):
    f.entry(alice, project, day=day, hours="2", status=EntryStatus.SUBMITTED)
    body = cell(web, project, day, "1").content.decode()
    assert 'class="cell has-error is-frozen"' in body  # shown read-only, and refused anyway
    assert "2:00 of this day is timed or already submitted" in body
    assert 'value="1"' in body  # what was typed stays in the cell
    assert cell_seconds(alice, project, day) == [7200]


def test_unreadable_value_is_refused_in_the_cell(web, alice, project, day):
    body = cell(web, project, day, "lots").content.decode()
    assert "is not a duration" in body
    assert cell_seconds(alice, project, day) == []


def test_more_than_a_day_is_refused(web, alice, project, day):
    body = cell(web, project, day, "25").content.decode()
    assert "A day has at most 24:00." in body
    assert cell_seconds(alice, project, day) == []


def test_add_row_returns_a_blank_row(web, project, day):
    task = f.task(project, "QA")
    response = web.get(
        "/grid/row/", {"work": f"{project.pk}:{task.pk}", "week": day.isoformat()}, **HX
    )
    body = response.content.decode()
    assert f'id="row-{project.pk}-{task.pk}"' in body
    assert body.count('name="value"') == 7


def test_week_navigation_links(web, day):
    monday = timeutil.week_start(day)
    body = web.get(f"/grid/?week={monday.isoformat()}").content.decode()
    assert f"?week={(monday - dt.timedelta(days=7)).isoformat()}" in body
    assert f"?week={(monday + dt.timedelta(days=7)).isoformat()}" in body


def test_outsider_project_in_a_cell_is_404(web, outsider_org, day):
    theirs = f.project(outsider_org, code="THEIRS")
    assert cell(web, theirs, day, "1").status_code == 404
    assert web.get("/grid/row/", {"work": str(theirs.pk)}).status_code == 404
    assert not TimeEntry.objects.exists()


def test_copy_rows_from_last_week_brings_rows_without_hours(web, alice, project, day):
    task = f.task(project, "Design")
    f.entry(alice, project, day=day - dt.timedelta(days=7), hours="3", t=task)
    monday = timeutil.week_start(day)
    body = web.get(f"/grid/?week={monday.isoformat()}&copy=previous").content.decode()
    assert f'id="row-{project.pk}-{task.pk}"' in body
    assert 'value="3:00"' not in body
    assert TimeEntry.objects.filter(date__gte=monday).count() == 0
