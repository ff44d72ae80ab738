import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import TimeEntry

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_start_then_stop_makes_an_entry(alice, project):
    services.start_timer(project, by=alice, description="standup", now=NOW)
    entry = services.stop_timer(by=alice, now=NOW + dt.timedelta(minutes=25))
    assert entry.seconds == 25 * 60
    assert entry.end == NOW + dt.timedelta(minutes=25)
    assert entry.is_billable is True
    assert entry.client_id == project.client_id


def test_second_start_is_refused_with_a_message(alice, project):
    services.start_timer(project, by=alice, now=NOW)
    with pytest.raises(ValidationError, match="already running"):
        services.start_timer(project, by=alice, now=NOW + dt.timedelta(minutes=1))


def test_database_holds_one_running_timer_per_member(alice, project):
    services.start_timer(project, by=alice, now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntry.objects.create(
            organisation=alice.organisation,
            member=alice,
            project=project,
            client_id=project.client_id,
            date=NOW.date(),
            start=NOW + dt.timedelta(hours=2),
            is_billable=True,
        )


def test_switch_stops_the_running_timer_at_the_same_instant(alice, project, org):
    other = f.project(org, project.client, code="OPS")
    services.start_timer(project, by=alice, now=NOW)
    switched = services.switch_timer(other, by=alice, now=NOW + dt.timedelta(hours=1))
    first = TimeEntry.objects.get(project=project)
    assert first.end == switched.start
    assert first.seconds == 3600
    assert switched.is_running


def test_task_billable_flag_is_the_default(alice, project):
    internal = f.task(project, "Internal sync", billable=False)
    entry = services.create_entry(
        services.EntryInput(project=project, task=internal, date=NOW.date(), seconds=1800),
        by=alice,
        now=NOW,
    )
    assert entry.is_billable is False


def test_overlapping_entries_are_refused(alice, project):
    services.create_entry(
        services.EntryInput(project=project, start=NOW, end=NOW + dt.timedelta(hours=2)),
        by=alice,
        now=NOW + dt.timedelta(hours=3),
    )
    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            services.EntryInput(
                project=project, start=NOW + dt.timedelta(hours=1), end=NOW + dt.timedelta(hours=3)
            ),
            by=alice,
            now=NOW + dt.timedelta(hours=3),
        )
    assert "Overlaps" in exc.value.message_dict["start"][0]


def test_dst_day_duration_is_real_elapsed_time(project, org):
    # Europe/Amsterdam springs forward at 02:00 on 2026-03-29: 00:00–04:00 local is 3 hours.
    m = f.member(org, tz="Europe/Amsterdam")
    start = dt.datetime(2026, 3, 28, 23, 0, tzinfo=UTC)  # 00:00 local
    end = dt.datetime(2026, 3, 29, 2, 0, tzinfo=UTC)  # 04:00 local (CEST)
    entry = services.create_entry(
        services.EntryInput(project=project, start=start, end=end), by=m, now=end
    )
    assert entry.seconds == 3 * 3600
    assert entry.date == dt.date(2026, 3, 29)


def test_a_timer_started_in_the_second_a_short_one_stopped_begins_at_its_end(alice, project, org):
    other = f.project(org, project.client, code="OPS")
    services.start_timer(project, by=alice, now=NOW)
    short = services.stop_timer(by=alice, now=NOW + dt.timedelta(milliseconds=300))
    assert short.end == NOW + dt.timedelta(seconds=1)
    started = services.start_timer(other, by=alice, now=NOW + dt.timedelta(milliseconds=600))
    assert started.start == short.end
    assert services.stop_timer(by=alice, now=NOW + dt.timedelta(minutes=5)).seconds == 299


def test_a_timer_started_later_still_begins_now(alice, project):
    services.start_timer(project, by=alice, now=NOW)
    services.stop_timer(by=alice, now=NOW + dt.timedelta(minutes=2))
    later = NOW + dt.timedelta(minutes=2, milliseconds=400)
    assert services.start_timer(project, by=alice, now=later).start == later
