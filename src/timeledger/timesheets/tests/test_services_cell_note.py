"""A weekly-grid cell's note: the description of the cell's oldest editable duration entry."""

import pytest
from django.core.exceptions import ValidationError

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.timesheets import selectors, services
from timeledger.timesheets.models import EntryStatus, TimeEntry


def test_note_goes_on_the_cells_oldest_editable_entry(alice, project, day):
    # given a cell of two duration entries (the grid lowers a cell from its newest one)
    older = f.entry(alice, project, day=day, hours="1.00", description="Kick-off")
    newer = f.entry(alice, project, day=day, hours="0.50")
    # when its note is set
    entry = services.set_cell_note(project, None, day, "  Workshop with the client ", by=alice)
    # then the oldest entry holds it, trimmed, and nothing else changed
    older.refresh_from_db()
    newer.refresh_from_db()
    assert entry.pk == older.pk
    assert (older.description, older.seconds) == ("Workshop with the client", 3600)
    assert newer.description == ""
    assert selectors.cell_notes(alice, timeutil.week_start(day))[(project.pk, 0, day)] == (
        "Workshop with the client"
    )


def test_note_survives_lowering_the_cell(alice, project, day):
    f.entry(alice, project, day=day, hours="1.00")
    f.entry(alice, project, day=day, hours="1.00")
    services.set_cell_note(project, None, day, "Sprint review", by=alice)
    services.set_cell_seconds(project, None, day, 1800, by=alice)
    assert list(TimeEntry.objects.filter(member=alice).values_list("seconds", "description")) == [
        (1800, "Sprint review")
    ]


def test_empty_cell_refuses_a_note(alice, project, day):
    with pytest.raises(ValidationError) as exc:
        services.set_cell_note(project, None, day, "Nothing logged", by=alice)
    assert exc.value.message_dict == {
        "description": ["Type this day's hours first: the note is kept on its entry."]
    }
    assert not TimeEntry.objects.exists()


def test_submitted_cell_refuses_a_note_and_shows_its_descriptions(alice, project, day):
    f.entry(alice, project, day=day, hours="1.00", description="Done", status=EntryStatus.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        services.set_cell_note(project, None, day, "Changed", by=alice)
    assert "change its note in the week view" in exc.value.messages[0]
    assert selectors.cell_notes(alice, timeutil.week_start(day)) == {(project.pk, 0, day): "Done"}


def test_locked_day_refuses_a_note(alice, project, day):
    entry = f.entry(alice, project, day=day, hours="1.00", description="Before")
    alice.organisation.lock_date = day
    alice.organisation.save()
    with pytest.raises(ValidationError):
        services.set_cell_note(project, None, day, "After", by=alice)
    entry.refresh_from_db()
    assert entry.description == "Before"


def test_overlong_note_is_refused(alice, project, day):
    f.entry(alice, project, day=day, hours="1.00")
    with pytest.raises(ValidationError) as exc:
        services.set_cell_note(project, None, day, "x" * 2001, by=alice)
    assert exc.value.message_dict == {"description": ["A note has at most 2000 characters."]}
