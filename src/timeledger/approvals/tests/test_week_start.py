"""Weeks start on the organisation's ``week_start`` everywhere: week view, grid API, submission,
approval scopes, the approval list and reminders (issue 11)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.accounts.roles import Role
from timeledger.approvals import services as approval
from timeledger.approvals.services import Scope
from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.timesheets import reminders
from timeledger.timesheets.models import EntryStatus, TimeEntry

SUNDAY = dt.date(2026, 11, 8)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.integers(1, 7))
def test_week_start_is_the_latest_first_day_on_or_before(day, first):
    start = timeutil.week_start(day, first)
    assert start.isoweekday() == first
    assert 0 <= (day - start).days < 7


@pytest.fixture
def sunday_org(org):
    org.week_start = 7
    org.save(update_fields=["week_start"])
    return org


def test_submitting_a_sunday_week_takes_sunday_to_saturday(sunday_org, alice, project):
    inside = [f.entry(alice, project, day=SUNDAY + dt.timedelta(days=i)) for i in (0, 6)]
    before = f.entry(alice, project, day=SUNDAY - dt.timedelta(days=1))  # Saturday: last week
    alice.refresh_from_db()

    outcome = approval.submit_week(alice, SUNDAY + dt.timedelta(days=3), by=alice)

    assert outcome.count == 2
    statuses = dict(TimeEntry.objects.values_list("pk", "status"))
    assert [statuses[e.pk] for e in inside] == [EntryStatus.SUBMITTED] * 2
    assert statuses[before.pk] == EntryStatus.DRAFT


def test_pending_weeks_fold_days_into_the_organisations_weeks(sunday_org, alice, project):
    for day in (SUNDAY, SUNDAY + dt.timedelta(days=1), SUNDAY + dt.timedelta(days=7)):
        f.entry(alice, project, day=day, hours="2.00", status=EntryStatus.SUBMITTED)
    admin = f.member(sunday_org, Role.ADMIN)

    weeks = approval.pending_weeks(admin)

    assert [(w["week"], w["entries"], w["seconds"]) for w in weeks] == [
        (SUNDAY, 2, 4 * 3600),
        (SUNDAY + dt.timedelta(days=7), 1, 2 * 3600),
    ]
    approval.approve(Scope(member=alice, week=SUNDAY + dt.timedelta(days=6)), by=admin)
    assert TimeEntry.objects.filter(status=EntryStatus.APPROVED).count() == 2


def test_week_view_and_grid_api_start_on_sunday(sunday_org, alice, project, client, api):
    client.force_login(alice.user)
    page = client.get("/week/?week=2026-11-11").content.decode()
    assert "?week=2026-11-01" in page and "?week=2026-11-15" in page  # prev/next: Sundays
    body = api(alice).get("/api/week/", {"week": "2026-11-11"}).json()
    assert body["week_start"] == "2026-11-08" and body["days"][-1] == "2026-11-14"


def test_weekly_reminder_covers_the_last_sunday_week():
    monday_morning = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)
    period = reminders.due_period(monday_morning, "weekly", {1, 2, 3, 4, 5}, first_day=7)
    assert (period.first, period.last) == (SUNDAY, dt.date(2026, 11, 14))
