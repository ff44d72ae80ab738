"""The rules of time entries (issue 2, item 4), through the services every interface uses."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.core.models import AuditLog
from timeledger.projects.models import BillingModel, ProjectStatus
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
H = dt.timedelta(hours=1)


def timed(project, start, end, **kw):
    return services.EntryInput(project=project, start=start, end=end, **kw)


def on_day(project, day, seconds, **kw):
    return services.EntryInput(project=project, date=day, seconds=seconds, **kw)


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


# --- required fields -----------------------------------------------------------------------------


def test_project_is_required(alice):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(None, NOW.date(), 600), by=alice, now=NOW)
    assert errors_of(exc) == {"project": ["Choose a project."]}


def test_project_of_another_organisation_is_refused(alice, outsider_org):
    foreign = f.project(outsider_org)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(foreign, NOW.date(), 600), by=alice, now=NOW)
    assert errors_of(exc) == {"project": ["Choose a project."]}
    assert TimeEntry.objects.count() == 0


def test_client_comes_from_the_project(alice, project):
    entry = services.create_entry(on_day(project, NOW.date(), 600), by=alice, now=NOW)
    assert entry.client_id == project.client_id


def test_duration_entry_needs_date_and_duration(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(services.EntryInput(project=project, seconds=600), by=alice, now=NOW)
    assert "date" in errors_of(exc)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            services.EntryInput(project=project, date=NOW.date()), by=alice, now=NOW
        )
    assert "duration" in errors_of(exc)


def test_start_without_end_is_refused(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            services.EntryInput(project=project, start=NOW - H), by=alice, now=NOW
        )
    assert errors_of(exc) == {"end": ["Give both start and end."]}


# --- length and the future -----------------------------------------------------------------------


def test_entry_of_exactly_24_hours_is_accepted(alice, project):
    entry = services.create_entry(timed(project, NOW - 24 * H, NOW), by=alice, now=NOW)
    assert entry.seconds == 86400


def test_entry_over_24_hours_is_refused(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            timed(project, NOW - 24 * H - dt.timedelta(seconds=1), NOW), by=alice, now=NOW
        )
    assert errors_of(exc) == {"end": ["An entry cannot be longer than 24 hours; split it."]}


def test_duration_over_24_hours_is_refused(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(project, NOW.date(), 86401), by=alice, now=NOW)
    assert errors_of(exc) == {"duration": ["An entry cannot be longer than 24 hours; split it."]}


def test_zero_duration_is_refused(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(project, NOW.date(), 0), by=alice, now=NOW)
    assert errors_of(exc) == {"duration": ["Duration must be more than zero."]}


def test_end_before_start_is_refused(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(timed(project, NOW - H, NOW - 2 * H), by=alice, now=NOW)
    assert errors_of(exc) == {"end": ["End must be after start."]}


def test_entry_ending_within_a_day_in_the_future_is_accepted(alice, project):
    entry = services.create_entry(timed(project, NOW + 20 * H, NOW + 24 * H), by=alice, now=NOW)
    assert entry.seconds == 4 * 3600


def test_entry_more_than_a_day_in_the_future_is_refused(alice, project):
    start = NOW + 24 * H + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(timed(project, start, start + H), by=alice, now=NOW)
    assert errors_of(exc) == {
        "end": ["An entry cannot end more than a day in the future."],
        "start": ["An entry cannot start more than a day in the future."],
    }


def test_duration_dated_two_days_ahead_is_refused_tomorrow_is_not(alice, project):
    today = NOW.date()
    services.create_entry(on_day(project, today + dt.timedelta(days=1), 600), by=alice, now=NOW)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(project, today + dt.timedelta(days=2), 600), by=alice, now=NOW)
    assert errors_of(exc) == {"date": ["An entry cannot be more than a day in the future."]}


# --- overlap -------------------------------------------------------------------------------------


def test_touching_entries_do_not_overlap(alice, project):
    services.create_entry(timed(project, NOW - 2 * H, NOW - H), by=alice, now=NOW)
    services.create_entry(timed(project, NOW - H, NOW), by=alice, now=NOW)
    assert TimeEntry.objects.filter(member=alice).count() == 2


def test_entry_inside_another_is_refused_with_a_message(alice, project):
    services.create_entry(timed(project, NOW - 3 * H, NOW), by=alice, now=NOW)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(timed(project, NOW - 2 * H, NOW - H), by=alice, now=NOW)
    # 09:00 UTC is 10:00 in Amsterdam: messages speak the member's time zone.
    assert errors_of(exc) == {"start": ["Overlaps your entry on WEB 10 Mar 10:00–13:00."]}


def test_other_members_entries_never_clash(alice, manager, project):
    services.create_entry(timed(project, NOW - 2 * H, NOW), by=alice, now=NOW)
    services.create_entry(timed(project, NOW - 2 * H, NOW), by=manager, now=NOW)
    assert TimeEntry.objects.count() == 2


def test_entry_overlapping_the_running_timer_is_refused(alice, project):
    services.start_timer(project, by=alice, now=NOW - 2 * H)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(timed(project, NOW - H, NOW - H / 2), by=alice, now=NOW)
    assert "now (running)" in errors_of(exc)["start"][0]


def test_moving_an_entry_onto_another_is_refused_but_editing_in_place_is_fine(alice, project):
    first = services.create_entry(timed(project, NOW - 4 * H, NOW - 3 * H), by=alice, now=NOW)
    second = services.create_entry(timed(project, NOW - 2 * H, NOW - H), by=alice, now=NOW)
    services.update_entry(
        second, timed(project, NOW - 2 * H, NOW - H / 2, description="longer"), by=alice, now=NOW
    )
    with pytest.raises(ValidationError):
        services.update_entry(second, timed(project, NOW - 3.5 * H, NOW - H), by=alice, now=NOW)
    second.refresh_from_db()
    assert second.seconds == 5400
    assert first.pk != second.pk


def test_duration_entries_never_overlap(alice, project):
    services.create_entry(on_day(project, NOW.date(), 8 * 3600), by=alice, now=NOW)
    services.create_entry(on_day(project, NOW.date(), 8 * 3600), by=alice, now=NOW)
    assert TimeEntry.objects.filter(member=alice).count() == 2


# --- closed, archived, foreign targets -----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": ProjectStatus.CLOSED}, "Project WEB is closed; it takes no new time."),
        ({"status": ProjectStatus.ON_HOLD}, "Project WEB is on hold; it takes no new time."),
        ({"is_archived": True}, "Project WEB is active and archived; it takes no new time."),
    ],
)
def test_closed_or_archived_project_takes_no_time(alice, project, changes, message):
    for name, value in changes.items():
        setattr(project, name, value)
    project.save()
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(project, NOW.date(), 600), by=alice, now=NOW)
    assert errors_of(exc) == {"project": [message]}
    with pytest.raises(ValidationError) as exc:
        services.start_timer(project, by=alice, now=NOW)
    assert errors_of(exc) == {"project": [message]}
    assert TimeEntry.objects.count() == 0


def test_task_of_another_project_is_refused(alice, project, org):
    other = f.project(org, project.client, code="OPS")
    foreign_task = f.task(other, "Deploy")
    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            on_day(project, NOW.date(), 600, task=foreign_task), by=alice, now=NOW
        )
    assert errors_of(exc) == {"task": ["Task 'Deploy' does not belong to project WEB."]}


def test_archived_task_is_refused(alice, project):
    old = f.task(project, "Legacy", is_archived=True)
    with pytest.raises(ValidationError) as exc:
        services.start_timer(project, task=old, by=alice, now=NOW)
    assert errors_of(exc) == {"task": ["Task 'Legacy' is archived."]}


# --- billable flag -------------------------------------------------------------------------------


def test_billable_flag_follows_the_task_and_is_stored(alice, project):
    billable = f.task(project, "Build", billable=True)
    internal = f.task(project, "Internal", billable=False)
    a = services.create_entry(on_day(project, NOW.date(), 600, task=billable), by=alice, now=NOW)
    b = services.create_entry(on_day(project, NOW.date(), 600, task=internal), by=alice, now=NOW)
    c = services.create_entry(on_day(project, NOW.date(), 600), by=alice, now=NOW)
    stored = dict(TimeEntry.objects.values_list("pk", "is_billable"))
    assert stored == {a.pk: True, b.pk: False, c.pk: True}


def test_explicit_flag_wins_over_the_task(alice, project):
    billable = f.task(project, "Build", billable=True)
    entry = services.create_entry(
        on_day(project, NOW.date(), 600, task=billable, is_billable=False), by=alice, now=NOW
    )
    entry.refresh_from_db()
    assert entry.is_billable is False


def test_time_on_a_non_billable_project_is_never_billable(alice, org, client_):
    internal = f.project(org, client_, code="INT", billing_model=BillingModel.NON_BILLABLE)
    task = f.task(internal, "Training", billable=True)
    entry = services.create_entry(on_day(internal, NOW.date(), 600, task=task), by=alice, now=NOW)
    assert entry.is_billable is False
    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            on_day(internal, NOW.date(), 600, is_billable=True), by=alice, now=NOW
        )
    assert errors_of(exc) == {
        "is_billable": ["Project INT is non-billable; its time cannot be billable."]
    }


# --- time zones and DST --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("Europe/Amsterdam", dt.date(2026, 3, 11)),  # 00:30 on the 11th
        ("America/Los_Angeles", dt.date(2026, 3, 10)),  # 16:30 on the 10th
        ("Asia/Tokyo", dt.date(2026, 3, 11)),  # 08:30 on the 11th
        ("UTC", dt.date(2026, 3, 10)),
    ],
)
def test_entry_date_is_the_members_local_date(org, project, tz, expected):
    m = f.member(org, tz=tz)
    start = dt.datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    entry = services.create_entry(timed(project, start, start + H), by=m, now=start + 2 * H)
    assert entry.date == expected
    assert entry.start == start  # stored in UTC, unchanged


def test_night_across_autumn_dst_change_counts_25_hours_of_wall_clock_as_real_time(org, project):
    # Europe/Amsterdam falls back at 03:00 CEST on 2026-10-25: 00:00–06:00 local lasts 7 hours.
    m = f.member(org, tz="Europe/Amsterdam")
    start = dt.datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # 00:00 CEST
    end = dt.datetime(2026, 10, 25, 5, 0, tzinfo=UTC)  # 06:00 CET
    entry = services.create_entry(timed(project, start, end), by=m, now=end)
    assert entry.seconds == 7 * 3600
    assert entry.date == dt.date(2026, 10, 25)


def test_timer_across_spring_dst_change_counts_real_time(org, project):
    m = f.member(org, tz="America/New_York")
    start = dt.datetime(2026, 3, 8, 6, 30, tzinfo=UTC)  # 01:30 EST
    services.start_timer(project, by=m, now=start)
    entry = services.stop_timer(by=m, now=dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC))  # 03:30 EDT
    assert entry.seconds == 3600
    assert entry.date == dt.date(2026, 3, 8)


# --- timers --------------------------------------------------------------------------------------


def test_stop_without_a_running_timer_is_refused(alice):
    with pytest.raises(ValidationError) as exc:
        services.stop_timer(by=alice, now=NOW)
    assert errors_of(exc) == {"non_field_errors": ["No timer is running."]}


def test_timer_running_over_24_hours_cannot_just_stop_but_can_be_given_an_end(alice, project):
    timer = services.start_timer(project, by=alice, now=NOW - 30 * H)
    with pytest.raises(ValidationError, match="more than 24 hours"):
        services.stop_timer(by=alice, now=NOW)
    assert services.running_timer(alice).pk == timer.pk
    fixed = services.update_entry(
        timer, timed(project, NOW - 30 * H, NOW - 22 * H), by=alice, now=NOW
    )
    assert fixed.is_running is False
    assert fixed.seconds == 8 * 3600
    assert services.running_timer(alice) is None


def test_editing_a_running_timer_keeps_it_running(alice, project, org):
    other = f.project(org, project.client, code="OPS")
    timer = services.start_timer(project, by=alice, description="x", now=NOW - H)
    edited = services.update_entry(
        timer,
        services.EntryInput(project=other, description="  triage  ", start=NOW - 2 * H),
        by=alice,
        now=NOW,
    )
    assert edited.is_running
    assert (edited.project_id, edited.description, edited.start) == (
        other.pk,
        "triage",
        NOW - 2 * H,
    )
    assert edited.client_id == other.client_id


def test_running_timer_cannot_be_moved_into_the_future(alice, project):
    timer = services.start_timer(project, by=alice, now=NOW - H)
    with pytest.raises(ValidationError) as exc:
        services.update_entry(
            timer, services.EntryInput(project=project, start=NOW + H), by=alice, now=NOW
        )
    assert errors_of(exc) == {"start": ["A running timer cannot start in the future."]}


def test_stopping_over_an_entry_logged_ahead_is_refused(alice, project):
    services.create_entry(timed(project, NOW + H, NOW + 2 * H), by=alice, now=NOW)
    services.start_timer(project, by=alice, now=NOW)
    with pytest.raises(ValidationError) as exc:
        services.stop_timer(by=alice, now=NOW + 3 * H)
    assert errors_of(exc)["non_field_errors"][0].startswith("Stopping now would overlap")
    assert services.running_timer(alice) is not None


def test_failed_switch_leaves_the_running_timer_untouched(alice, project, org):
    closed = f.project(org, project.client, code="OLD", status=ProjectStatus.CLOSED)
    services.start_timer(project, by=alice, now=NOW - H)
    with pytest.raises(ValidationError):
        services.switch_timer(closed, by=alice, now=NOW)
    running = services.running_timer(alice)
    assert running.project_id == project.pk
    assert running.end is None


def test_timer_date_is_local_to_the_member(org, project):
    m = f.member(org, tz="Pacific/Auckland")
    entry = services.start_timer(project, by=m, now=dt.datetime(2026, 3, 10, 20, 0, tzinfo=UTC))
    assert entry.date == dt.date(2026, 3, 11)


# --- who may log what ----------------------------------------------------------------------------


def test_accountant_cannot_log_time(accountant, project):
    with pytest.raises(PermissionDenied):
        services.create_entry(on_day(project, NOW.date(), 600), by=accountant, now=NOW)
    with pytest.raises(PermissionDenied):
        services.start_timer(project, by=accountant, now=NOW)


def test_member_cannot_log_or_edit_for_someone_else(alice, manager, project):
    with pytest.raises(PermissionDenied):
        services.create_entry(on_day(project, NOW.date(), 600), by=alice, member=manager, now=NOW)
    theirs = services.create_entry(on_day(project, NOW.date(), 600), by=manager, now=NOW)
    with pytest.raises(PermissionDenied):
        services.update_entry(theirs, on_day(project, NOW.date(), 900), by=alice, now=NOW)
    with pytest.raises(PermissionDenied):
        services.delete_entry(theirs, by=alice)


def test_manager_logs_for_a_member_and_the_audit_names_the_manager(alice, manager, project):
    entry = services.create_entry(
        on_day(project, NOW.date(), 600), by=manager, member=alice, now=NOW
    )
    assert entry.member_id == alice.pk
    row = AuditLog.objects.get(object_type="timesheets.timeentry", object_id=str(entry.pk))
    assert row.actor_id == manager.user_id
    assert row.action == "create"


def test_submitted_entry_cannot_be_edited(alice, project):
    entry = services.create_entry(on_day(project, NOW.date(), 600), by=alice, now=NOW)
    TimeEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="submitted and locked"):
        services.update_entry(entry, on_day(project, NOW.date(), 900), by=alice, now=NOW)


def test_editing_a_rejected_entry_returns_it_to_draft(alice, project):
    entry = services.create_entry(on_day(project, NOW.date(), 600), by=alice, now=NOW)
    TimeEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.REJECTED)
    entry = services.update_entry(entry, on_day(project, NOW.date(), 900), by=alice, now=NOW)
    assert (entry.status, entry.seconds) == (EntryStatus.DRAFT, 900)


# --- nothing half-saved --------------------------------------------------------------------------


def test_refused_entry_leaves_no_row_and_no_audit(alice, project):
    with pytest.raises(ValidationError):
        services.create_entry(on_day(project, NOW.date(), 90000), by=alice, now=NOW)
    assert TimeEntry.objects.count() == 0
    assert AuditLog.objects.filter(object_type="timesheets.timeentry").count() == 0


def test_refused_update_changes_nothing(alice, project):
    entry = services.create_entry(timed(project, NOW - 2 * H, NOW - H), by=alice, now=NOW)
    with pytest.raises(ValidationError):
        services.update_entry(
            entry, timed(project, NOW - 2 * H, NOW + 30 * H, description="x"), by=alice, now=NOW
        )
    entry.refresh_from_db()
    assert (entry.end, entry.description) == (NOW - H, "")
    assert AuditLog.objects.filter(action="update").count() == 0


def test_switch_within_the_first_second_does_not_overlap(alice, project, org):
    other = f.project(org, project.client, code="OPS")
    first = services.start_timer(project, by=alice, now=NOW)
    second = services.switch_timer(other, by=alice, now=NOW)
    first.refresh_from_db()
    assert first.end == second.start == NOW + dt.timedelta(seconds=1)


def test_a_typo_in_the_year_is_refused(alice, project):
    with pytest.raises(ValidationError) as exc:
        services.create_entry(on_day(project, dt.date(26, 3, 10), 600), by=alice, now=NOW)
    assert errors_of(exc) == {"date": ["Dates before 1 Jan 2000 are not accepted; check the year."]}
    start = dt.datetime(1999, 12, 31, 22, 0, tzinfo=UTC)
    with pytest.raises(ValidationError) as exc:
        services.create_entry(timed(project, start, start + H), by=alice, now=NOW)
    assert errors_of(exc) == {
        "start": ["Dates before 1 Jan 2000 are not accepted; check the year."]
    }
