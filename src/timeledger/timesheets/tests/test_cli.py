"""The ``timeledger`` time commands: exit codes, one-line errors, and what lands in the database."""

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeledger.cli import main
from timeledger.core import timeutil
from timeledger.projects.models import ProjectStatus
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import TimeEntry

ALICE = ["--user", "alice@example.com"]


@pytest.fixture
def today(alice):
    return timeutil.local_date(timeutil.now(), alice.timezone)


@pytest.fixture
def run(capsys, alice, project):
    """``run(*args)`` → (exit code, stdout, stderr) of ``timeledger --user alice… args``."""

    def call(*args, user=ALICE):
        code = main([*user, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("timeledger: error: "), err
    return lines[0].removeprefix("timeledger: error: ")


# --- timer ---------------------------------------------------------------------------------------


def test_start_status_stop(run, alice, project):
    f.task(project, "Support", billable=False)
    code, out, err = run("start", "web", "--task", "support", "-m", "ticket 7")
    assert (code, err) == (0, "")
    assert out.startswith("Started WEB / Support (non-billable) — ticket 7 at ")
    timer = services.running_timer(alice)
    assert (timer.project_id, timer.task.name, timer.is_billable, timer.description) == (
        project.pk,
        "Support",
        False,
        "ticket 7",
    )
    code, out, _ = run("status")
    assert code == 0 and out.startswith("Running WEB / Support (non-billable) — ticket 7 since ")
    code, out, _ = run("stop")
    assert code == 0 and out.startswith("Stopped WEB / Support (non-billable) — ticket 7: 0:00")
    assert services.running_timer(alice) is None
    assert TimeEntry.objects.get().end is not None
    assert run("status")[1] == "No timer running.\n"


def test_second_start_fails_and_switch_moves_on(run, alice, org, project):
    f.project(org, project.client, code="OPS")
    assert run("start", "WEB")[0] == 0
    code, out, err = run("start", "OPS")
    assert (code, out) == (1, "")
    assert one_error_line(err) == "A timer is already running; stop it or switch."
    assert run("switch", "OPS")[0] == 0
    assert services.running_timer(alice).project.code == "OPS"
    assert TimeEntry.objects.count() == 2


def test_stop_with_nothing_running(run):
    code, _, err = run("stop")
    assert code == 1 and one_error_line(err) == "No timer is running."


def test_unknown_project_and_task(run):
    code, _, err = run("start", "NOPE")
    assert code == 1 and one_error_line(err) == "no project with code 'NOPE'"
    code, _, err = run("start", "WEB", "--task", "Ghost")
    assert code == 1 and one_error_line(err) == "no task 'Ghost' in project WEB"


def test_closed_project(run, project):
    project.status = ProjectStatus.CLOSED
    project.save()
    code, _, err = run("start", "WEB")
    assert code == 1
    assert one_error_line(err) == "project: Project WEB is closed; it takes no new time."


# --- log -----------------------------------------------------------------------------------------


def test_log_a_duration(run, alice, today):
    code, out, err = run("log", "WEB", "1:30", "-m", "code review")
    assert (code, err) == (0, "")
    entry = TimeEntry.objects.get()
    assert out == f"Logged 1:30 on {today}: WEB (billable) — code review [#{entry.pk}]\n"
    assert (entry.seconds, entry.date, entry.is_billable, entry.member_id) == (
        5400,
        today,
        True,
        alice.pk,
    )


def test_log_on_a_date_with_task_and_flag(run, project, today):
    f.task(project, "Build", billable=True)
    code, _, _ = run(
        "log", "WEB", "90m", "--date", "yesterday", "--task", "Build", "--non-billable"
    )
    assert code == 0
    entry = TimeEntry.objects.get()
    assert (entry.date, entry.seconds, entry.task.name, entry.is_billable) == (
        today - dt.timedelta(days=1),
        5400,
        "Build",
        False,
    )


def test_log_start_and_end_in_the_members_time_zone(run, alice):
    code, out, err = run("log", "WEB", "--date", "2026-03-10", "--start", "09:00", "--end", "12:15")
    assert (code, err) == (0, ""), err
    entry = TimeEntry.objects.get()
    # Alice works in Europe/Amsterdam (UTC+1 in March).
    assert entry.start == dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
    assert entry.end == dt.datetime(2026, 3, 10, 11, 15, tzinfo=dt.UTC)
    assert entry.seconds == 3 * 3600 + 15 * 60


def test_log_across_the_spring_dst_change(run):
    code, _, err = run("log", "WEB", "--date", "2026-03-29", "--start", "01:00", "--end", "04:00")
    assert code == 0, err
    assert TimeEntry.objects.get().seconds == 2 * 3600  # 02:00–03:00 never happened


def test_log_refuses_a_time_that_does_not_exist(run):
    code, _, err = run("log", "WEB", "--date", "2026-03-29", "--start", "02:30", "--end", "04:00")
    assert code == 1
    assert one_error_line(err) == (
        "--start: 2026-03-29 02:30 does not exist in Europe/Amsterdam (clocks move forward)"
    )
    assert TimeEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["WEB", "ninety"], "'ninety' is not a duration (use 1:30, 1.5 or 90m)"),
        (["WEB"], "give a DURATION (1:30, 1.5, 90m) or --start HH:MM --end HH:MM"),
        (
            ["WEB", "1", "--start", "09:00", "--end", "10:00"],
            "give a DURATION or --start/--end, not both",
        ),
        (["WEB", "--start", "09:00"], "give both --start and --end"),
        (
            ["WEB", "--start", "9h", "--end", "10:00"],
            "--start '9h' is not a time (HH:MM, or HH:MM+02:00)",
        ),
        (
            ["WEB", "1", "--date", "31/12/2026"],
            "--date '31/12/2026' is not a date (YYYY-MM-DD, today, yesterday)",
        ),
        (["WEB", "25:00"], "duration: An entry cannot be longer than 24 hours; split it."),
        (["WEB", "0:00"], "duration: Duration must be more than zero."),
        (
            ["WEB", "--date", "2026-03-10", "--start", "12:00", "--end", "12:00"],
            "end: End must be after start.",
        ),
    ],
)
def test_log_bad_input_is_one_line_and_exit_1(run, args, message):
    code, out, err = run("log", *args)
    assert (code, out) == (1, "")
    assert one_error_line(err) == message
    assert TimeEntry.objects.count() == 0


def test_log_in_the_far_future_is_refused(run, today):
    code, _, err = run("log", "WEB", "1", "--date", str(today + dt.timedelta(days=3)))
    assert code == 1
    assert one_error_line(err) == "date: An entry cannot be more than a day in the future."


def test_log_overlap_is_refused(run):
    assert run("log", "WEB", "--date", "2026-03-10", "--start", "09:00", "--end", "11:00")[0] == 0
    code, _, err = run("log", "WEB", "--date", "2026-03-10", "--start", "10:00", "--end", "10:30")
    assert code == 1
    assert one_error_line(err) == "start: Overlaps your entry on WEB 10 Mar 09:00–11:00."


# --- identity and roles --------------------------------------------------------------------------


def test_unknown_user_and_missing_user(run, monkeypatch):
    code, _, err = run("status", user=["--user", "nobody@example.com"])
    assert code == 1 and one_error_line(err) == "no active membership for nobody@example.com"
    monkeypatch.delenv("TIMELEDGER_USER", raising=False)
    code, _, err = run("status", user=[])
    assert code == 1 and "pass --user EMAIL or set TIMELEDGER_USER" in one_error_line(err)


def test_user_from_the_environment(capsys, monkeypatch, alice, project):
    monkeypatch.setenv("TIMELEDGER_USER", "alice@example.com")
    assert main(["log", "WEB", "15m"]) == 0
    assert TimeEntry.objects.get().member_id == alice.pk


def test_user_in_two_organisations_needs_org(run, alice, outsider_org):
    from timeledger.accounts.models import Member

    Member.objects.create(organisation=outsider_org, user=alice.user)
    f.project(outsider_org, code="THEIRS")
    code, _, err = run("status")
    assert code == 1 and one_error_line(err).endswith(
        "belongs to several organisations; pass --org SLUG"
    )
    assert run("status", user=[*ALICE, "--org", "acme"])[0] == 0
    # In organisation "acme" the other organisation's project does not exist.
    code, _, err = run("log", "THEIRS", "1", user=[*ALICE, "--org", "acme"])
    assert code == 1 and one_error_line(err) == "no project with code 'THEIRS'"


def test_accountant_cannot_log(run, accountant):
    code, _, err = run("log", "WEB", "1", user=["--user", accountant.user.email])
    assert code == 1 and one_error_line(err) == "not allowed: Your role cannot log time."


# --- list and export -----------------------------------------------------------------------------


@pytest.fixture
def week(alice, manager, org, project):
    other = f.project(org, f.client(org, code="BETA"), code="APP")
    build = f.task(project, "Build")
    return [
        f.entry(alice, project, day=dt.date(2026, 3, 2), hours="1.50", t=build, description="a, b"),
        f.entry(alice, other, day=dt.date(2026, 3, 3), hours="0.25", billable=False),
        f.entry(manager, project, day=dt.date(2026, 3, 4), hours="2.00", status="approved"),
    ]


def test_list_own_entries_with_a_total(run, week):
    code, out, _ = run("list", "--from", "2026-03-01", "--to", "2026-03-31")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"#{week[0].pk}") and "WEB" in lines[0] and "1:30" in lines[0]
    assert lines[-1] == "2 entries, 1:45 (1:30 billable)"


def test_list_filters(run, week, manager):
    out = run("list", "--all", "--project", "APP")[1]
    assert out.strip().splitlines()[-1] == "1 entries, 0:15 (0:00 billable)"
    assert run("list", "--all", "--billable")[1].strip().splitlines()[-1].startswith("1 entries")
    assert run("list", "--from", "2026-04-01")[1] == "No entries.\n"
    code, _, err = run("list", "--all", "--member", manager.user.email)
    assert code == 1 and one_error_line(err) == "you can only see your own time"
    code, _, err = run("list", "--from", "2026-03-10", "--to", "2026-03-01")
    assert code == 1 and one_error_line(err) == "--to is before --from"


def test_manager_lists_everyone(run, week, manager):
    out = run("list", "--all", user=["--user", manager.user.email])[1]
    assert out.strip().splitlines()[-1] == "3 entries, 3:45 (3:30 billable)"
    out = run(
        "list", "--all", "--member", "alice@example.com", user=["--user", manager.user.email]
    )[1]
    assert out.strip().splitlines()[-1] == "2 entries, 1:45 (1:30 billable)"


def test_export_csv_to_stdout(run, week, manager):
    code, out, _ = run(
        "export",
        "--csv",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        user=["--user", manager.user.email],
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["hours"] for r in rows] == ["1.50", "0.25", "2.00"]
    first = rows[0]
    assert {
        k: first[k]
        for k in (
            "date",
            "member",
            "client",
            "project",
            "task",
            "billable",
            "description",
            "status",
        )
    } == {
        "date": "2026-03-02",
        "member": "alice@example.com",
        "client": "ACME",
        "project": "WEB",
        "task": "Build",
        "billable": "yes",
        "description": "a, b",
        "status": "draft",
    }
    assert rows[1]["billable"] == "no" and rows[2]["status"] == "approved"


def test_export_to_a_file_leaves_out_the_running_timer(run, week, alice, project, tmp_path):
    services.start_timer(project, by=alice)
    target = tmp_path / "time.csv"
    code, out, err = run("export", "--csv", "--all", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote 2 entries to {target}\n"
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [str(week[0].pk), str(week[1].pk)]
    assert list(rows[0])[:9] == [
        "date",
        "member",
        "client",
        "project",
        "task",
        "hours",
        "billable",
        "description",
        "status",
    ]


def test_export_needs_a_format(run):
    code, _, err = run("export")
    assert code == 1 and one_error_line(err) == "choose a format: --csv"


# --- the installed console script ----------------------------------------------------------------

SCRIPT = Path(sys.executable).with_name("timeledger")


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed")
def test_console_script_help_and_usage_error():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "timeledger.settings_test"}
    done = subprocess.run(
        [str(SCRIPT), "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0
    for command in ("start", "stop", "status", "log", "list", "export"):
        assert command in done.stdout
    done = subprocess.run(
        [str(SCRIPT), "log"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 1
    assert done.stderr == (
        "timeledger: error: the following arguments are required: PROJECT_CODE "
        "(see timeledger log --help)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log"], "the following arguments are required: PROJECT_CODE (see timeledger log --help)"),
        (
            ["start", "WEB", "--billable", "--non-billable"],
            "argument --non-billable: not allowed with argument --billable (see timeledger start --help)",
        ),
        (["frobnicate"], "argument COMMAND: invalid choice"),
    ],
)
def test_usage_errors_are_one_line_and_exit_1(capsys, db, args, message):
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert message in one_error_line(err)


def test_help_exits_0(capsys, db):
    assert main(["log", "--help"]) == 0
    assert "--start HH:MM" in capsys.readouterr().out


def test_restart_the_last_entry_or_a_given_one(run, alice, project, org):
    task = f.task(project, "Support", billable=False)
    first = f.entry(
        alice, project, day=dt.date(2026, 3, 2), t=task, billable=False, description="x"
    )
    f.entry(alice, f.project(org, project.client, code="OPS"), day=dt.date(2026, 3, 3))
    code, out, _ = run("restart")
    assert code == 0 and out.startswith("Started OPS (billable) at ")
    code, out, _ = run("restart", str(first.pk))
    assert code == 0 and out.startswith("Started WEB / Support (non-billable) — x at ")
    timer = services.running_timer(alice)
    assert (timer.task_id, timer.is_billable, timer.description) == (task.pk, False, "x")
    assert TimeEntry.objects.filter(project__code="OPS", end__isnull=False).count() == 1


def test_restart_someone_elses_entry_is_refused(run, manager, project):
    theirs = f.entry(manager, project, day=dt.date(2026, 3, 2))
    code, _, err = run("restart", str(theirs.pk))
    assert code == 1 and one_error_line(err) == f"you have no entry #{theirs.pk}"


def test_export_neutralises_formula_descriptions(run, week, alice, manager):
    TimeEntry.objects.filter(member=alice).update(description="=cmd|' /C calc'!A0")
    code, out, _ = run(
        "export",
        "--csv",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        user=["--user", manager.user.email],
    )
    assert code == 0
    descriptions = {r["description"] for r in csv.DictReader(io.StringIO(out))}
    assert descriptions - {""} == {"'=cmd|' /C calc'!A0"}
