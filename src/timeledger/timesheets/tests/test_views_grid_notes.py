"""The weekly grid's note per cell: a pop-over per cell with time, saved through the services."""

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

HX = {"HTTP_HX_REQUEST": "true"}


def note(web, project, day, text, task=None, **extra):
    return web.post(
        "/grid/note/",
        {"project": project.pk, "task": task.pk if task else 0, "date": day, "note": text},
        **extra,
    )


def test_cell_with_time_has_a_note_button_and_pop_over(web, alice, project, day):
    f.entry(alice, project, day=day, hours="1.00", description="Kick-off")
    body = web.get(f"/grid/?week={day.isoformat()}").content.decode()
    pid = f"note-{project.pk}-0-{day.isoformat()}"
    assert f'popovertarget="{pid}"' in body
    assert f'<div popover id="{pid}"' in body
    assert ">Kick-off</textarea>" in body
    # one note button per cell with time, none in empty cells
    assert body.count('class="note-button') == 1


def test_saving_a_note_answers_the_row_with_it(web, alice, project, day):
    task = f.task(project, "Design")
    entry = f.entry(alice, project, day=day, hours="1.00", t=task)
    response = note(web, project, day, "Workshop", task=task, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith(f'<tr id="row-{project.pk}-{task.pk}"')
    assert ">Workshop</textarea>" in body and "has-note" in body
    assert "entries-changed" in response["HX-Trigger"]
    entry.refresh_from_db()
    assert entry.description == "Workshop"


def test_refused_note_shows_the_reason_in_the_cell(web, alice, project, day):
    f.entry(alice, project, day=day, hours="1.00", status=EntryStatus.SUBMITTED)
    body = note(web, project, day, "Late", **HX).content.decode()
    assert 'role="alert">This day&#x27;s time is timed or already submitted' in body
    assert TimeEntry.objects.get().description == ""


def test_without_htmx_a_note_redirects_to_the_week(web, alice, project, day):
    f.entry(alice, project, day=day, hours="1.00")
    response = note(web, project, day, "Plain form")
    monday = timeutil.week_start(day)
    assert response.status_code == 302
    assert response["Location"] == f"/grid/?week={monday.isoformat()}"
    assert TimeEntry.objects.get().description == "Plain form"


def test_outsider_project_note_is_404(web, outsider_org, day):
    theirs = f.project(outsider_org, code="THEIRS")
    assert note(web, theirs, day, "x", **HX).status_code == 404
