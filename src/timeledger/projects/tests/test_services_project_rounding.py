import datetime as dt

from timeledger.projects import services
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry


def test_changing_a_projects_rounding_rerounds_its_unlocked_entries(manager, alice, project):
    entry = f.entry(alice, project, day=dt.date(2026, 2, 2), hours="0.10")  # 6 min
    locked = f.entry(
        alice,
        project,
        day=dt.date(2026, 2, 3),
        hours="0.10",
        rate_locked_at=dt.datetime(2026, 2, 4, tzinfo=dt.UTC),
    )
    services.save_project(project, {"rounding_increment": 15, "rounding_mode": "up"}, by=manager)
    assert TimeEntry.objects.get(pk=entry.pk).billable_seconds == 15 * 60
    assert TimeEntry.objects.get(pk=locked.pk).billable_seconds == 6 * 60


def test_other_edits_leave_billable_time_alone(manager, alice, project):
    entry = f.entry(alice, project, day=dt.date(2026, 2, 2), hours="0.10", billable_seconds=1)
    services.save_project(project, {"name": "Renamed"}, by=manager)
    assert TimeEntry.objects.get(pk=entry.pk).billable_seconds == 1
