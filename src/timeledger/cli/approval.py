"""Approval commands: ``submit``, ``approve``, ``reject``, ``reopen``, ``pending``, ``lock-date``
and ``audit-report``.

Thin shells over ``timesheets.approval`` and ``reports.audit``: they resolve e-mails and codes to
rows of the acting member's organisation, call one service and print one line (or a table/CSV).
A week is given by any day of it (``YYYY-MM-DD``, ``today``, ``yesterday``, ``last-week``).
"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.exceptions import PermissionDenied

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.approvals import services as approval
from timeledger.approvals.services import Scope
from timeledger.cli import CliError
from timeledger.core import spreadsheet, timeutil
from timeledger.projects.models import Project
from timeledger.reports import audit


def _day(text: str | None, member, name: str = "--week") -> dt.date | None:
    if text is None:
        return None

    today = timeutil.local_date(timeutil.now(), member.timezone)
    lowered = text.strip().lower()
    named = {
        "today": today,
        "yesterday": today - dt.timedelta(days=1),
        "last-week": today - dt.timedelta(days=7),
    }
    if lowered in named:
        return named[lowered]
    try:
        return dt.date.fromisoformat(lowered)
    except ValueError:
        raise CliError(f"{name} {text!r} is not a date (YYYY-MM-DD, today, last-week)") from None


def _member(viewer, email: str | None):
    if not email:
        return None

    found = (
        Member.objects.select_related("user")
        .filter(organisation=viewer.organisation, user__email__iexact=email)
        .first()
    )
    if found is None:
        raise CliError(f"no member with e-mail {email}")
    return found


def _project(viewer, code: str | None):
    if not code:
        return None

    found = Project.objects.filter(organisation=viewer.organisation, code__iexact=code).first()
    if found is None:
        raise CliError(f"no project with code {code!r}")
    return found


def _entries(text: str | None) -> tuple[int, ...] | None:
    if not text:
        return None
    try:
        ids = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise CliError(f"--entries {text!r} is not a comma-separated list of ids") from None
    if not ids or min(ids) < 1:
        raise CliError("--entries needs entry ids")
    return ids


def _scope(args, member):

    scope = Scope(
        member=_member(member, args.member),
        week=_day(args.week, member),
        project=_project(member, args.project),
        entry_ids=_entries(args.entries),
    )
    if scope.member is None and scope.project is None and scope.entry_ids is None:
        raise CliError("say what to act on: --member and --week, --project, or --entries")
    return scope


def _said(outcome, verb: str) -> str:
    n = outcome.count
    line = f"{verb} {n} entr{'y' if n == 1 else 'ies'} (audit batch {outcome.batch})"
    if outcome.missing_rate:
        line += f"; {outcome.missing_rate} billable without a billing rate"
    return line


def submit(args, ctx) -> int:

    me = ctx.member
    owner = _member(me, args.member) or me
    day = _day(args.week, me) or timeutil.local_date(timeutil.now(), me.timezone)
    outcome = approval.submit_week(
        owner,
        approval.week_of(day, me.organisation),
        by=me,
        override_reason=args.override_reason or "",
    )
    print(_said(outcome, "submitted"))
    return 0


def approve(args, ctx) -> int:

    outcome = approval.approve(
        _scope(args, ctx.member),
        by=ctx.member,
        comment=args.comment or "",
        include_drafts=args.include_drafts,
        override_reason=args.override_reason or "",
    )
    print(_said(outcome, "approved"))
    return 0


def reject(args, ctx) -> int:

    outcome = approval.reject(
        _scope(args, ctx.member),
        by=ctx.member,
        reason=args.reason,
        override_reason=args.override_reason or "",
    )
    print(_said(outcome, "rejected"))
    return 0


def reopen(args, ctx) -> int:

    outcome = approval.reopen(
        _scope(args, ctx.member),
        by=ctx.member,
        reason=args.reason,
        override_reason=args.override_reason or "",
    )
    print(_said(outcome, "reopened"))
    return 0


def pending(args, ctx) -> int:

    rows = approval.pending_weeks(ctx.member)
    if not rows:
        print("nothing waiting for approval")
        return 0
    for row in rows:
        print(
            f"{row['week']:%Y-%m-%d}  {row['member'].user.email:<32} "
            f"{row['entries']:>4} entries  {timeutil.format_hours(row['seconds'] or 0):>7}"
        )
    return 0


def lock_date(args, ctx) -> int:

    me = ctx.member
    if args.date is None and not args.clear:
        lock = me.organisation.lock_date
        print(f"locked up to {lock:%Y-%m-%d}" if lock else "no lock date")
        return 0
    if args.date is not None and args.clear:
        raise CliError("give a date or --clear, not both")
    day = None if args.clear else _day(args.date, me, "date")
    unapproved = approval.set_lock_date(day, by=me, reason=args.reason or "")
    print(f"locked up to {day:%Y-%m-%d}" if day else "lock date cleared")
    if unapproved:
        print(f"warning: {unapproved} unapproved entries are now locked", file=sys.stderr)
    return 0


def audit_report(args, ctx) -> int:
    me = ctx.member
    if not me.can(Cap.VIEW_REPORTS):
        raise PermissionDenied("Your role cannot see reports.")
    today = timeutil.local_date(timeutil.now(), me.timezone)
    day = _day(args.week, me) or today - dt.timedelta(days=7)
    project = _project(me, args.project)
    subject = _member(me, args.member)
    filters = audit.Filters(
        week=day,
        first_day=me.organisation.week_start,
        project_id=project.pk if project else None,
        member_id=subject.pk if subject else None,
    )
    items = audit.findings(me.organisation, filters)
    writer = spreadsheet.csv_writer(sys.stdout)
    writer.writerow(audit.COLUMNS)
    writer.writerows(audit.rows(items, lambda url: url))
    print(f"{len(items)} findings in week {filters.monday:%G-W%V}", file=sys.stderr)
    return 0


def _scope_args(parser) -> None:
    parser.add_argument("--member", metavar="EMAIL", help="whose week (with --week)")
    parser.add_argument("--week", metavar="DAY", help="any day of the week")
    parser.add_argument("--project", metavar="CODE", help="every entry of this project")
    parser.add_argument("--entries", metavar="ID,ID", help="these entries only")
    parser.add_argument("--override-reason", help="admins: act on a locked period, audited")


def register(subparsers) -> None:
    p = subparsers.add_parser("submit", help="submit a week of your time for approval")
    p.add_argument("--week", metavar="DAY", help="any day of the week (default: this week)")
    p.add_argument("--member", metavar="EMAIL", help="managers: someone else's week")
    p.add_argument("--override-reason", help="admins: submit in a locked period, audited")
    p.set_defaults(handler=submit)

    p = subparsers.add_parser("approve", help="approve submitted time")
    _scope_args(p)
    p.add_argument("--comment", default="")
    p.add_argument("--include-drafts", action="store_true", help="managers: approve drafts too")
    p.set_defaults(handler=approve)

    p = subparsers.add_parser("reject", help="send submitted time back with a reason")
    _scope_args(p)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=reject)

    p = subparsers.add_parser("reopen", help="managers: undo an approval (not once invoiced)")
    _scope_args(p)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=reopen)

    p = subparsers.add_parser("pending", help="member-weeks waiting for your approval")
    p.set_defaults(handler=pending)

    p = subparsers.add_parser("lock-date", help="show, set or clear the organisation's lock date")
    p.add_argument("date", nargs="?", help="lock everything on or before this day")
    p.add_argument("--clear", action="store_true", help="remove the lock date")
    p.add_argument("--reason", help="needed to move the date back or clear it")
    p.set_defaults(handler=lock_date)

    p = subparsers.add_parser("audit-report", help="weekly audit findings as CSV on stdout")
    p.add_argument("--week", metavar="DAY", help="any day of the week (default: last week)")
    p.add_argument("--project", metavar="CODE")
    p.add_argument("--member", metavar="EMAIL")
    p.set_defaults(handler=audit_report)
