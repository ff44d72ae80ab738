"""Budget and billing-terms commands.

``timeledger budget CODE [--check]`` · ``timeledger terms CODE [--cap-amount X] [--cap-hours H]
[--alerts 80,100]`` · ``timeledger cap accept CODE ENTRY_ID…`` · ``timeledger milestone progress
ID PERCENT`` · ``timeledger change-order list|request|approve|reject``
"""

from __future__ import annotations

from django.db.models import Sum

from timeledger.accounts.roles import Cap
from timeledger.cli import CliError
from timeledger.contracts import budgets
from timeledger.contracts import rules as contract_rules
from timeledger.contracts import selectors as contract_selectors
from timeledger.contracts import services as contracts
from timeledger.contracts.models import ChangeOrder
from timeledger.core.money import format_money
from timeledger.projects.models import Milestone, Project


def _project(member, code):

    project = (
        Project.objects.select_related("client", "lead__user", "organisation")
        .filter(organisation=member.organisation, code__iexact=code)
        .first()
    )
    if project is None:
        raise CliError(f"no project with code {code}")
    return project


def _view(member) -> None:

    if not member.can(Cap.VIEW_PROJECTS):
        raise CliError("your role cannot see projects")


def cmd_budget(args, ctx) -> int:

    member = ctx.member
    _view(member)
    project = _project(member, args.code)
    if args.check:
        if not member.can(Cap.MANAGE_PROJECTS):
            raise CliError("your role cannot raise budget alerts")
        for a in budgets.check_budget_alerts(project):
            print(f"new alert: {a.threshold}% of the {a.get_metric_display().lower()} budget")
    s = budgets.budget_status(project)
    for label, b, unit in (("hours", s.hours, "h"), ("money", s.amount, s.currency)):
        budget = "no budget" if b.budget is None else f"{b.budget:.2f} {unit}"
        pct = "" if b.percent is None else f" ({b.percent}%)"
        print(f"{label}: {b.used:.2f} {unit} of {budget}{pct}")
    print(
        f"alerts at {', '.join(map(str, s.thresholds))}%: "
        + (", ".join(f"{a.metric} {a.threshold}%" for a in s.alerts) or "none raised")
    )
    return 0


def cmd_terms(args, ctx) -> int:

    member = ctx.member
    project = _project(member, args.code)
    data = {}
    if args.cap_amount is not None:
        data["cap_amount"] = args.cap_amount
    if args.cap_hours is not None:
        data["cap_hours"] = args.cap_hours
    if args.alerts is not None:
        data["alert_thresholds"] = args.alerts
    t = (
        contracts.save_terms(project, data, by=member)
        if data
        else contract_selectors.terms_for(project)
    )
    flagged = project.entries.filter(needs_acceptance=True).count()
    cap_amount = "—" if t.cap_amount is None else format_money(t.cap_amount, project.currency)
    cap_hours = "—" if t.cap_hours is None else f"{t.cap_hours:.2f}"
    print(
        f"{project.code}: cap {cap_amount} {project.currency} / {cap_hours} h; "
        f"alerts at {t.alert_thresholds}%; {flagged} entries await acceptance"
    )
    return 0


def cmd_cap_accept(args, ctx) -> int:

    member = ctx.member
    project = _project(member, args.code)
    ids = set(project.entries.filter(pk__in=args.entry_ids).values_list("pk", flat=True))
    missing = sorted(set(args.entry_ids) - ids)
    if missing:
        raise CliError(f"entry #{missing[0]} is not an entry of {project.code}")
    n = contracts.accept_overruns(ids, by=member, note=args.note)
    print(f"accepted {n} entries")
    return 0


def cmd_milestone(args, ctx) -> int:
    member = ctx.member
    m = (
        Milestone.objects.select_related("project__client")
        .filter(organisation=member.organisation, pk=args.milestone_id)
        .first()
    )
    if m is None:
        raise CliError(f"no milestone #{args.milestone_id}")
    m = contracts.set_milestone_progress(m, args.percent, by=member)
    billed = m.releases.aggregate(s=Sum("amount"))["s"] or 0
    now = contract_rules.milestone_releasable(
        m.value, m.percent_complete, billed, m.project.currency
    )
    print(
        f"{m.name}: {m.percent_complete:.0f}% complete; releasable now {now:.2f} {m.project.currency}"
    )
    return 0


def cmd_co_list(args, ctx) -> int:

    member = ctx.member
    _view(member)
    orders = ChangeOrder.objects.filter(organisation=member.organisation).select_related("project")
    if args.code:
        orders = orders.filter(project=_project(member, args.code))
    for co in orders.order_by("-created_at"):
        print(
            f"{co.pk}\t{co.project.code}\t{co.status}\t{co.hours:.2f} h\t{co.amount:.2f}\t"
            f"{co.description[:60]}"
        )
    return 0


def cmd_co_request(args, ctx) -> int:

    member = ctx.member
    co = contracts.request_change_order(
        _project(member, args.code),
        {"description": args.description, "hours": args.hours, "amount": args.amount},
        by=member,
    )
    print(f"requested change order #{co.pk}")
    return 0


def cmd_co_decide(args, ctx) -> int:

    member = ctx.member
    co = ChangeOrder.objects.filter(organisation=member.organisation, pk=args.co_id).first()
    if co is None:
        raise CliError(f"no change order #{args.co_id}")
    co = contracts.decide_change_order(co, approve=args.approve, by=member, note=args.note)
    print(f"change order #{co.pk} {co.status}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("budget", help="a project's budget burn and alerts")
    p.add_argument("code")
    p.add_argument("--check", action="store_true", help="raise (and mail) alerts newly crossed")
    p.set_defaults(handler=cmd_budget)

    p = subparsers.add_parser("terms", help="show or set a project's cap and alert thresholds")
    p.add_argument("code")
    p.add_argument("--cap-amount", help="not-to-exceed amount ('' clears)")
    p.add_argument("--cap-hours", help="not-to-exceed hours ('' clears)")
    p.add_argument("--alerts", help="budget alert thresholds, e.g. 80,100")
    p.set_defaults(handler=cmd_terms)

    p = subparsers.add_parser("cap", help="entries above a not-to-exceed cap")
    sub = p.add_subparsers(dest="cap_command", metavar="ACTION", required=True)
    a = sub.add_parser("accept", help="accept entries above the cap for billing")
    a.add_argument("code")
    a.add_argument("entry_ids", type=int, nargs="+")
    a.add_argument("--note", default="")
    a.set_defaults(handler=cmd_cap_accept)

    p = subparsers.add_parser("milestone", help="milestone progress")
    sub = p.add_subparsers(dest="milestone_command", metavar="ACTION", required=True)
    a = sub.add_parser("progress", help="set %% complete (0–100)")  # argparse %-formats help
    a.add_argument("milestone_id", type=int)
    a.add_argument("percent")
    a.set_defaults(handler=cmd_milestone)

    p = subparsers.add_parser("change-order", help="change orders")
    sub = p.add_subparsers(dest="co_command", metavar="ACTION", required=True)
    a = sub.add_parser("list")
    a.add_argument("--project", dest="code")
    a.set_defaults(handler=cmd_co_list)
    a = sub.add_parser("request")
    a.add_argument("code")
    a.add_argument("--description", required=True)
    a.add_argument("--hours", default="0")
    a.add_argument("--amount", default="0")
    a.set_defaults(handler=cmd_co_request)
    for name, approve in (("approve", True), ("reject", False)):
        a = sub.add_parser(name)
        a.add_argument("co_id", type=int)
        a.add_argument("--note", default="")
        a.set_defaults(handler=cmd_co_decide, approve=approve)
