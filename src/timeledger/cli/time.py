"""Time commands: ``start``, ``switch``, ``restart``, ``stop``, ``status``, ``log``, ``list``,
``export``.

Thin shells over ``timesheets.services`` and ``timesheets.selectors``: they resolve codes and names
to rows of the acting member's organisation, call one service, and print one line (or a table).
Dates are ``today``, ``yesterday`` or ``YYYY-MM-DD``; times ``HH:MM`` in the member's time zone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.cli import CliError, add_output_option
from timeledger.clients.models import Client
from timeledger.core import spreadsheet, timeutil
from timeledger.projects.models import Project, Task
from timeledger.timesheets import selectors, services
from timeledger.timesheets.models import TimeEntry

# --- resolving what people type ------------------------------------------------------------------


def _project(member, code: str):

    project = Project.objects.filter(organisation=member.organisation, code__iexact=code).first()
    if project is None:
        raise CliError(f"no project with code {code!r}")
    return project


def _task(project, name: str | None):
    if not name:
        return None

    task = Task.objects.filter(project=project, name__iexact=name).first()
    if task is None:
        names = ", ".join(project.tasks.filter(is_archived=False).values_list("name", flat=True))
        raise CliError(
            f"no task {name!r} in project {project.code}" + (f" (tasks: {names})" if names else "")
        )
    return task


def _client(member, code: str | None):
    if not code:
        return None

    client = Client.objects.filter(organisation=member.organisation, code__iexact=code).first()
    if client is None:
        raise CliError(f"no client with code {code!r}")
    return client


def _member(viewer, email: str | None):
    if not email:
        return None

    found = Member.objects.filter(
        organisation=viewer.organisation, user__email__iexact=email
    ).first()
    if found is None:
        raise CliError(f"no member with e-mail {email}")
    if found.pk != viewer.pk and not viewer.can(Cap.VIEW_ALL_TIME):
        raise CliError("you can only see your own time")
    return found


def _date(text: str | None, member, *, name: str = "--date") -> dt.date | None:
    if text is None:
        return None

    today = timeutil.local_date(timeutil.now(), member.timezone)
    lowered = text.strip().lower()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(lowered)
    except ValueError:
        raise CliError(f"{name} {text!r} is not a date (YYYY-MM-DD, today, yesterday)") from None


def _clock(text: str, name: str) -> tuple[dt.time, dt.timedelta | None]:
    """``HH:MM``, or ``HH:MM+02:00`` with the UTC offset that says which occurrence of a time in
    the repeated hour of autumn is meant."""
    raw = text.strip()
    offset = None
    try:
        if len(raw) > 5 and raw[-6] in "+-":
            raw, sign, off = raw[:-6], raw[-6], raw[-5:]
            oh, om = off.split(":")
            offset = dt.timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == "-" else 1)
        hours, minutes = raw.split(":")
        return dt.time(int(hours), int(minutes)), offset
    except ValueError:
        raise CliError(f"{name} {text!r} is not a time (HH:MM, or HH:MM+02:00)") from None


def _interval(day: dt.date, start: str, end: str, member) -> tuple[dt.datetime, dt.datetime]:
    """``--start``/``--end`` on ``day`` as instants (``timeutil.local_interval``: an end before the
    start is the next day; a time that happens twice needs its offset)."""
    tz = member.timezone
    clocks = {"--start": _clock(start, "--start"), "--end": _clock(end, "--end")}
    folds = {}
    for name, (clock, offset) in clocks.items():
        folds[name] = None
        if offset is None:
            continue
        # The offset picks the occurrence (an overnight end may lie on the next day).
        days = (day,) if name == "--start" else (day, day + dt.timedelta(days=1))
        for d in days:
            try:
                folds[name] = timeutil.fold_for_offset(dt.datetime.combine(d, clock), tz, offset)
                break
            except ValueError as exc:
                problem = exc
        else:
            raise CliError(f"{name}: {problem}")
    try:
        return timeutil.local_interval(
            day,
            clocks["--start"][0],
            clocks["--end"][0],
            tz,
            start_fold=folds["--start"],
            end_fold=folds["--end"],
        )
    except timeutil.IntervalTimeError as exc:
        raise CliError(f"--{exc.field}: {exc}") from None


def _describe(entry) -> tuple[str, str]:

    what = entry.project.code + (f" / {entry.task.name}" if entry.task_id else "")
    billable = "billable" if entry.is_billable else "non-billable"
    text = f" — {entry.description}" if entry.description else ""
    return f"{what} ({billable}){text}", timeutil.format_hours(entry.seconds)


# --- handlers ------------------------------------------------------------------------------------


def start(args, ctx) -> int:

    member = ctx.member
    project = _project(member, args.project)
    action = services.switch_timer if args.command == "switch" else services.start_timer
    entry = action(
        project,
        by=member,
        task=_task(project, args.task),
        description=args.message or "",
        is_billable=args.billable,
    )
    what, _ = _describe(entry)
    print(f"Started {what} at {_local(entry.start, member):%H:%M} [#{entry.pk}]")
    return 0


def restart(args, ctx) -> int:

    member = ctx.member
    own = TimeEntry.objects.filter(member=member).select_related("project", "task")
    if args.entry is not None:
        entry = own.filter(pk=args.entry).first()
        if entry is None:
            raise CliError(f"you have no entry #{args.entry}")
    else:
        entry = own.order_by("-date", "-start", "-id").first()
        if entry is None:
            raise CliError("you have no entries to restart")
    timer = services.restart_timer(entry, by=member)
    what, _ = _describe(timer)
    print(f"Started {what} at {_local(timer.start, member):%H:%M} [#{timer.pk}]")
    return 0


def stop(args, ctx) -> int:

    entry = services.stop_timer(by=ctx.member)
    what, hours = _describe(entry)
    print(f"Stopped {what}: {hours} [#{entry.pk}]")
    return 0


def status(args, ctx) -> int:

    member = ctx.member
    entry = services.running_timer(member)
    if entry is None:
        print("No timer running.")
        return 0
    what, _ = _describe(entry)
    elapsed = timeutil.format_hours(timeutil.duration_seconds(entry.start, timeutil.now()))
    print(f"Running {what} since {_local(entry.start, member):%H:%M}: {elapsed} [#{entry.pk}]")
    return 0


def log(args, ctx) -> int:

    member = ctx.member
    project = _project(member, args.project)
    task = _task(project, args.task)
    if (args.start is None) != (args.end is None):
        raise CliError("give both --start and --end")
    timed = args.start is not None
    if timed and args.duration:
        raise CliError("give a DURATION or --start/--end, not both")
    if not timed and not args.duration:
        raise CliError("give a DURATION (1:30, 1.5, 90m) or --start HH:MM --end HH:MM")
    day = _date(args.date, member) or timeutil.local_date(timeutil.now(), member.timezone)
    common = {
        "project": project,
        "task": task,
        "description": args.message or "",
        "is_billable": args.billable,
    }
    if timed:
        start_at, end_at = _interval(day, args.start, args.end, member)
        data = services.EntryInput(
            start=start_at,
            end=end_at,
            **common,
        )
    else:
        try:
            seconds = timeutil.parse_duration(args.duration)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        data = services.EntryInput(date=day, seconds=seconds, **common)
    entry = services.create_entry(data, by=member)
    what, hours = _describe(entry)
    print(f"Logged {hours} on {entry.date:%Y-%m-%d}: {what} [#{entry.pk}]")
    return 0


def _filtered(args, ctx, *, include_running: bool):

    member = ctx.member
    date_from = _date(args.date_from, member, name="--from")
    date_to = _date(args.date_to, member, name="--to")
    if date_from is None and date_to is None and not args.all:
        date_from = timeutil.week_start(
            timeutil.local_date(timeutil.now(), member.timezone), member.organisation.week_start
        )
    if date_from and date_to and date_to < date_from:
        raise CliError("--to is before --from")
    project = _project(member, args.project) if args.project else None
    return selectors.filtered_entries(
        member,
        date_from=date_from,
        date_to=date_to,
        project=project,
        client=_client(member, args.client),
        member=_member(member, args.member),
        is_billable=args.billable,
        include_running=include_running,
    )


def list_entries(args, ctx) -> int:

    entries = list(_filtered(args, ctx, include_running=True))
    if not entries:
        print("No entries.")
        return 0
    rows = [
        (
            f"#{e.pk}",
            e.date.isoformat(),
            e.member.user.email,
            e.project.code,
            e.task.name if e.task_id else "",
            "running" if e.is_running else timeutil.format_hours(e.seconds),
            "B" if e.is_billable else "-",
            e.status,
            e.description,
        )
        for e in entries
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(8)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:8], widths, strict=True)) + "  " + r[8])
    total = sum(e.seconds for e in entries)
    billable = sum(e.seconds for e in entries if e.is_billable)
    print(
        f"{len(entries)} entries, {timeutil.format_hours(total)} "
        f"({timeutil.format_hours(billable)} billable)"
    )
    return 0


def export(args, ctx) -> int:

    if not args.csv:
        raise CliError("choose a format: --csv")
    entries = _filtered(args, ctx, include_running=False).select_related(
        "member__user", "client", "project", "task"
    )
    rows = selectors.export_rows(entries, ctx.member.timezone)
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        writer = spreadsheet.csv_dict_writer(out, selectors.EXPORT_COLUMNS)
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
    finally:
        if args.output:
            out.close()
    if args.output:
        print(f"Wrote {count} entries to {args.output}", file=sys.stderr)
    return 0


def _local(instant: dt.datetime, member) -> dt.datetime:

    return instant.astimezone(timeutil.zone(member.timezone))


# --- parsers -------------------------------------------------------------------------------------


def _billable_flags(p) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--billable", dest="billable", action="store_const", const=True, default=None
    )
    group.add_argument("--non-billable", dest="billable", action="store_const", const=False)


def _filter_flags(p) -> None:
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (default: Monday)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day")
    p.add_argument("--all", action="store_true", help="no default date range")
    p.add_argument("--project", metavar="CODE")
    p.add_argument("--client", metavar="CODE")
    p.add_argument("--member", metavar="EMAIL", help="someone else's time (managers)")
    _billable_flags(p)


def register(subparsers) -> None:
    for name, help_text in (
        ("start", "start a timer"),
        ("switch", "stop the running timer and start another"),
    ):
        p = subparsers.add_parser(name, help=help_text)
        p.add_argument("project", metavar="PROJECT_CODE")
        p.add_argument("--task", metavar="NAME")
        p.add_argument("-m", "--message", metavar="DESCRIPTION")
        _billable_flags(p)
        p.set_defaults(handler=start)

    p = subparsers.add_parser("restart", help="start a timer on what an entry was (default: last)")
    p.add_argument("entry", nargs="?", type=int, metavar="ENTRY_ID")
    p.set_defaults(handler=restart)

    subparsers.add_parser("stop", help="stop the running timer").set_defaults(handler=stop)
    subparsers.add_parser("status", help="show the running timer").set_defaults(handler=status)

    p = subparsers.add_parser(
        "log",
        help="log finished time",
        description="Log a duration on a date, or a start and end time.",
        epilog="examples: timeledger log WEB 1:30 -m 'review'   "
        "timeledger log WEB --date yesterday --start 09:00 --end 12:15",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("project", metavar="PROJECT_CODE")
    p.add_argument("duration", nargs="?", metavar="DURATION", help="1:30, 1.5, 90m or 2h")
    p.add_argument("--date", metavar="DATE", help="today (default), yesterday or YYYY-MM-DD")
    p.add_argument("--start", metavar="HH:MM", help="HH:MM, or HH:MM+02:00 in the repeated hour")
    p.add_argument("--end", metavar="HH:MM", help="HH:MM (before --start: the next day)")
    p.add_argument("--task", metavar="NAME")
    p.add_argument("-m", "--message", metavar="DESCRIPTION")
    _billable_flags(p)
    p.set_defaults(handler=log)

    p = subparsers.add_parser("list", help="list entries (this week by default)")
    _filter_flags(p)
    p.set_defaults(handler=list_entries)

    p = subparsers.add_parser("export", help="export finished entries")
    p.add_argument("--csv", action="store_true", help="CSV (the only format so far)")
    add_output_option(p, "write here instead of stdout", dest="output")
    _filter_flags(p)
    p.set_defaults(handler=export)
