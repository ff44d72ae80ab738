import datetime as dt

import pytest

from timeledger.accounts.roles import Role
from timeledger.cli import main
from timeledger.core.models import AuditLog
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

MONDAY = dt.date(2026, 11, 9)


@pytest.fixture
def run(capsys):
    def invoke(member, *args):
        code = main(["--user", member.user.email, *args])
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()

    return invoke


@pytest.fixture
def week(alice, project):
    return [f.entry(alice, project, day=MONDAY + dt.timedelta(days=i), hours="1") for i in range(3)]


def statuses(entries):
    return {TimeEntry.objects.get(pk=e.pk).status for e in entries}


def test_submit_approve_reopen_round_trip(run, alice, manager, week):
    code, out, _ = run(alice, "submit", "--week", "2026-11-12")
    assert (code, out[:21]) == (0, "submitted 3 entries (")
    code, out, _ = run(manager, "pending")
    assert "2026-11-09" in out and "alice@example.com" in out and "3 entries" in out

    code, out, _ = run(manager, "approve", "--member", "alice@example.com", "--week", "2026-11-09")
    assert code == 0 and out.startswith("approved 3 entries")
    assert "3 billable without a billing rate" in out
    assert statuses(week) == {EntryStatus.APPROVED}

    code, out, _ = run(manager, "reopen", "--entries", str(week[0].pk), "--reason", "typo")
    assert code == 0 and out.startswith("reopened 1 entry")
    assert AuditLog.objects.get(action="reopen").reason == "typo"


def test_errors_are_one_line_and_exit_1(run, alice, org, week):
    bob = f.member(org, Role.MEMBER)
    code, _, err = run(alice, "submit", "--week", "2026-11-23")
    assert code == 1
    assert err == (
        "timeledger: error: Nothing to submit: no draft or rejected entries in this week."
    )
    run(alice, "submit", "--week", "2026-11-09")
    code, _, err = run(bob, "approve", "--member", "alice@example.com", "--week", "2026-11-09")
    assert code == 1 and err.startswith("timeledger: error: not allowed:")
    code, _, err = run(bob, "approve")
    assert (code, err) == (
        1,
        "timeledger: error: say what to act on: --member and --week, --project, or --entries",
    )
    code, _, err = run(bob, "approve", "--project", "NOPE")
    assert (code, err) == (1, "timeledger: error: no project with code 'NOPE'")
    code, _, err = run(bob, "approve", "--member", "alice@example.com", "--week", "soon")
    assert code == 1 and "is not a date" in err


def test_lock_date_commands(run, owner, manager, alice, week):
    assert run(alice, "lock-date")[1] == "no lock date"
    code, _, err = run(manager, "lock-date", "2026-11-10")
    assert code == 1 and "not allowed" in err
    code, out, err = run(owner, "lock-date", "2026-11-10")
    assert (code, out) == (0, "locked up to 2026-11-10")
    assert err == "warning: 2 unapproved entries are now locked"
    code, _, err = run(owner, "lock-date", "--clear")
    assert code == 1 and "reason" in err
    assert run(owner, "lock-date", "--clear", "--reason", "audit fix")[1] == "lock date cleared"


def test_audit_report_csv(run, manager, alice, project, week):
    code, out, err = run(manager, "audit-report", "--week", "2026-11-09")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "check,member,date,client,project,entry,hours,finding,fix"
    assert sum(1 for line in lines if line.startswith("No billing rate")) == 3
    assert err.endswith("findings in week 2026-W46")
