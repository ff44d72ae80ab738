import datetime as dt
import email
import socket
from decimal import Decimal
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Role
from timeledger.cli import main as cli_main
from timeledger.testing import factories as f
from timeledger.timesheets import reminders
from timeledger.timesheets.models import EntryStatus, ReminderLog

AMS = dt.timezone(dt.timedelta(hours=1))  # Europe/Amsterdam in November
FRIDAY = dt.date(2026, 11, 13)
MONDAY_0930 = dt.datetime(2026, 11, 16, 9, 30, tzinfo=AMS)


# --- rules ------------------------------------------------------------------------------------


def test_daily_reminder_on_monday_is_about_friday():
    period = reminders.due_period(MONDAY_0930, "daily", {1, 2, 3, 4, 5})
    assert period == reminders.Period("2026-11-13", FRIDAY, FRIDAY)


def test_daily_reminder_respects_working_days_and_hour():
    assert reminders.due_period(MONDAY_0930, "daily", {1, 2, 3, 4}).key == "2026-11-12"
    assert reminders.due_period(MONDAY_0930.replace(hour=8), "daily", {1, 2, 3, 4, 5}) is None
    assert reminders.due_period(MONDAY_0930, "off", {1, 2, 3, 4, 5}) is None
    assert reminders.due_period(MONDAY_0930, "daily", set()) is None


def test_weekly_reminder_is_about_last_iso_week_from_first_working_day():
    period = reminders.due_period(MONDAY_0930, "weekly", {1, 2, 3, 4, 5})
    assert period == reminders.Period("2026-W46", dt.date(2026, 11, 9), FRIDAY + dt.timedelta(2))
    # a Tuesday-to-Saturday worker hears on Tuesday, not Monday
    assert reminders.due_period(MONDAY_0930, "weekly", {2, 3, 4, 5, 6}) is None
    tuesday = MONDAY_0930 + dt.timedelta(days=1)
    assert reminders.due_period(tuesday, "weekly", {2, 3, 4, 5, 6}).key == "2026-W46"


def test_expected_seconds_spreads_capacity_over_working_days():
    week = (dt.date(2026, 11, 9), dt.date(2026, 11, 15))
    assert reminders.expected_seconds(Decimal("40"), {1, 2, 3, 4, 5}, *week) == 40 * 3600
    assert reminders.expected_seconds(Decimal("24"), {1, 3, 5}, FRIDAY, FRIDAY) == 8 * 3600
    assert reminders.expected_seconds(Decimal("30"), {1, 2, 3, 4}, *week) == 30 * 3600
    # days up to the lock date no longer count
    locked = reminders.expected_seconds(
        Decimal("40"), {1, 2, 3, 4, 5}, *week, skip_up_to=dt.date(2026, 11, 11)
    )
    assert locked == 16 * 3600


# --- delivery through a real SMTP server on loopback -------------------------------------------


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        msg = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, msg))
        return "250 OK"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()


@pytest.fixture
def team(org, project):
    org.reminder_frequency = "daily"
    org.save()
    alice = f.member(org, Role.MEMBER, email="alice@example.com")
    lead = f.member(org, Role.MEMBER, email="lead@example.com", working_days="12345")
    nyc = f.member(org, Role.MEMBER, email="nyc@example.com", tz="America/New_York")
    f.member(org, Role.ACCOUNTANT, email="acc@example.com")  # logs no time: never reminded
    Member.objects.filter(organisation=org).update(created_at=dt.datetime(2026, 1, 1, tzinfo=AMS))
    project.lead = lead
    project.save()
    f.entry(alice, project, day=FRIDAY, hours="2.00", status=EntryStatus.SUBMITTED)
    f.entry(lead, project, day=FRIDAY, hours="8.00")
    return alice, lead, nyc


def tick(now):
    assert cli_main(["tick", "--now", now.isoformat()]) == 0


def test_tick_twice_sends_each_reminder_once_over_smtp(smtp, team, capsys):
    alice, lead, nyc = team

    tick(MONDAY_0930)
    tick(MONDAY_0930 + dt.timedelta(minutes=15))

    missing = smtp.to("alice@example.com")
    assert len(missing) == 1
    assert missing[0]["Subject"] == "Timeledger: time missing for Friday 13 November 2026"
    assert "you have logged 2:00 of 8:00 hours" in missing[0].get_content()
    assert "/week/?week=2026-11-13" in missing[0].get_content()
    pending = smtp.to("lead@example.com")
    assert len(pending) == 1
    assert pending[0]["Subject"] == "Timeledger: 1 time entry waiting for approval"
    assert "2:00 h" in pending[0].get_content()
    # the lead logged a full Friday; the accountant logs no time; New York is still asleep
    assert smtp.to("acc@example.com") == []
    assert smtp.to("nyc@example.com") == []
    assert ReminderLog.objects.count() == 2
    assert "reminders: missing_time=1, pending_approval=1" in capsys.readouterr().out


def test_member_is_reminded_in_their_own_time_zone(smtp, team):
    tick(MONDAY_0930 + dt.timedelta(hours=6))  # 09:30 in New York

    assert len(smtp.to("nyc@example.com")) == 1
    assert len(smtp.to("alice@example.com")) == 1


def test_owner_hears_about_entries_of_projects_without_lead(smtp, team, org, owner, client_):
    alice, _, _ = team
    orphan = f.project(org, client_, code="ORPHAN")
    f.entry(alice, orphan, day=FRIDAY, hours="3.00", status=EntryStatus.SUBMITTED)
    f.entry(owner, orphan, day=FRIDAY, hours="8.00")
    Member.objects.filter(pk=owner.pk).update(created_at=dt.datetime(2026, 1, 1, tzinfo=AMS))

    tick(MONDAY_0930)

    to_owner = smtp.to(owner.user.email)
    assert [m["Subject"] for m in to_owner] == ["Timeledger: 1 time entry waiting for approval"]
    assert "3:00 h" in to_owner[0].get_content()


def test_smtp_failure_leaves_no_log_row_and_next_tick_retries(settings, team):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2

    assert reminders.run_due(MONDAY_0930) == {"missing_time": 0, "pending_approval": 0}
    assert ReminderLog.objects.count() == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.run_due(MONDAY_0930) == {"missing_time": 1, "pending_approval": 1}


def test_no_reminders_when_organisation_turned_them_off(team, org, mailoutbox):
    org.reminder_frequency = "off"
    org.save()
    assert reminders.run_due(MONDAY_0930) == {"missing_time": 0, "pending_approval": 0}
    assert mailoutbox == []


def test_weekly_reminder_counts_the_whole_week(team, org, mailoutbox):
    org.reminder_frequency = "weekly"
    org.save()

    reminders.run_due(MONDAY_0930)
    reminders.run_due(MONDAY_0930 + dt.timedelta(days=1))

    subjects = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert ("alice@example.com", "Timeledger: time missing for the week of 09 November 2026") in (
        subjects
    )
    # the lead logged 8 of 40 hours in week 46: reminded too, once
    assert [s for to, s in subjects if to == "lead@example.com"] == [
        "Timeledger: 1 time entry waiting for approval",
        "Timeledger: time missing for the week of 09 November 2026",
    ]
    # missing time is about last week; pending approvals are reminded once in the current week
    assert ReminderLog.objects.filter(period="2026-W46").count() == 2
    assert ReminderLog.objects.filter(period="2026-W47", kind="pending_approval").count() == 1


def test_days_in_locked_period_are_not_reminded(team, org, mailoutbox):
    org.lock_date = FRIDAY
    org.save()
    assert reminders.run_due(MONDAY_0930)["missing_time"] == 0


def test_celery_task_is_registered_and_scheduled(settings, team):
    from timeledger.celery import app
    from timeledger.timesheets.tasks import send_reminders

    assert "timesheets.send_reminders" in app.tasks
    schedule = settings.CELERY_BEAT_SCHEDULE["reminders"]
    assert schedule["task"] == send_reminders.name
    assert isinstance(send_reminders.delay().get(), dict)  # eager in tests: runs in-process
