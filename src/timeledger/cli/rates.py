"""Rate commands: ``timeledger rates list|set|delete|preview|explain ENTRY_ID|override|lock``."""

from __future__ import annotations

import datetime as dt

from timeledger.accounts.models import JobRole, Member
from timeledger.accounts.roles import Cap
from timeledger.cli import CliError
from timeledger.clients.models import Client
from timeledger.projects.models import Project, Task
from timeledger.rates import preview, services
from timeledger.rates.api import run_preview
from timeledger.rates.models import Rate
from timeledger.rates.resolution import explain_entry
from timeledger.timesheets.models import TimeEntry

SCOPES = ("role", "member", "client", "project", "task")


def _scope_lookup(args, member) -> dict:
    """Resolve --role NAME, --member EMAIL, --client CODE, --project CODE, --task 'PROJECT:Name'."""

    org = member.organisation
    out: dict = {}
    if args.role:
        out["job_role"] = JobRole.objects.filter(organisation=org, name__iexact=args.role).first()
        if out["job_role"] is None:
            raise CliError(f"no job role named {args.role!r}")
    if args.member:
        out["member"] = Member.objects.filter(
            organisation=org, user__email__iexact=args.member
        ).first()
        if out["member"] is None:
            raise CliError(f"no member with e-mail {args.member}")
    if args.client:
        out["client"] = Client.objects.filter(organisation=org, code__iexact=args.client).first()
        if out["client"] is None:
            raise CliError(f"no client with code {args.client}")
    if args.project:
        out["project"] = Project.objects.filter(organisation=org, code__iexact=args.project).first()
        if out["project"] is None:
            raise CliError(f"no project with code {args.project}")
    if args.task:
        code, sep, name = args.task.partition(":")
        if not sep:
            raise CliError("give the task as PROJECT:Task name")
        out["task"] = Task.objects.filter(
            organisation=org, project__code__iexact=code, name__iexact=name
        ).first()
        if out["task"] is None:
            raise CliError(f"no task {name!r} in project {code}")
    return out


def _add_scope_args(p) -> None:
    p.add_argument(
        "--level",
        required=True,
        help="organisation, role, member, client, project, project_member, task",
    )
    p.add_argument("--kind", default="billing", choices=["billing", "cost"])
    p.add_argument("--role", help="job role name")
    p.add_argument("--member", help="member e-mail")
    p.add_argument("--client", help="client code")
    p.add_argument("--project", help="project code")
    p.add_argument("--task", help="PROJECT:Task name")
    p.add_argument("--amount", required=True, help="hourly amount, e.g. 150.00")
    p.add_argument("--currency", help="ISO code (default: the organisation's)")
    p.add_argument("--from", dest="effective_from", default=None, help="YYYY-MM-DD (default today)")
    p.add_argument("--label", default="")


def _data(args, member) -> dict:
    return {
        "kind": args.kind,
        "level": args.level,
        "amount": args.amount,
        "currency": args.currency or member.organisation.currency,
        "effective_from": args.effective_from or dt.date.today().isoformat(),
        "label": args.label,
        **_scope_lookup(args, member),
    }


def cmd_list(args, ctx) -> int:

    member = ctx.member
    if not member.can(Cap.VIEW_RATES):
        raise CliError("your role cannot view rates")
    rates = Rate.objects.filter(organisation=member.organisation).order_by(
        "kind", "level", "label", "-effective_from"
    )
    if args.kind:
        rates = rates.filter(kind=args.kind)
    if args.level:
        rates = rates.filter(level=args.level)
    for r in rates:
        print(f"{r.pk}\t{r.kind}\t{r.source}")
    return 0


def cmd_set(args, ctx) -> int:

    member = ctx.member
    data = _data(args, member)
    if args.dry_run:
        result = run_preview(member.organisation, data).as_dict()
        print(_preview_line(result))
        return 0
    rate = services.save_rate(None, data, by=member)
    print(f"saved #{rate.pk}: {rate.source}")
    return 0


def _preview_line(result: dict) -> str:
    money = ", ".join(
        f"{t['before']} → {t['after']} {t['currency']} ({t['change']})" for t in result["totals"]
    )
    return f"would re-price {result['entries']} unlocked entries ({result['hours']} h)" + (
        f": {money}" if money else ""
    )


def cmd_delete(args, ctx) -> int:

    member = ctx.member
    rate = Rate.objects.filter(organisation=member.organisation, pk=args.rate_id).first()
    if rate is None:
        raise CliError(f"no rate #{args.rate_id}")
    if args.dry_run:
        print(
            _preview_line(
                preview.preview_change(member.organisation, proposal=None, replacing=rate).as_dict()
            )
        )
        return 0
    services.delete_rate(rate, by=member)
    print(f"deleted #{args.rate_id}")
    return 0


def _entry(member, entry_id):

    entry = (
        TimeEntry.objects.select_related("member", "client", "project__client", "organisation")
        .filter(organisation=member.organisation, pk=entry_id)
        .first()
    )
    if entry is None:
        raise CliError(f"no entry #{entry_id}")
    return entry


def cmd_explain(args, ctx) -> int:

    member = ctx.member
    if not member.can(Cap.VIEW_RATES):
        raise CliError("your role cannot view rates")
    info = explain_entry(_entry(member, args.entry_id))
    if info["locked"]:
        lk = info["locked"]
        print(f"locked: {lk['rate']} {lk['currency']} → {lk['amount']} ({lk['rate_source']})")
    print(f"billing: {info['billing'].explanation}")
    for step in info["billing_steps"]:
        print(f"  {'*' if step.wins else ' '} {step.text}")
    print(f"cost: {info['cost'].explanation}")
    return 0


def cmd_override(args, ctx) -> int:

    member = ctx.member
    amount = None if args.amount.lower() in ("none", "clear", "") else args.amount
    entry = services.set_entry_override(_entry(member, args.entry_id), amount, by=member)
    shown = "cleared" if entry.rate_override is None else f"{entry.rate_override:.2f}"
    print(f"entry #{entry.pk}: override {shown}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("rates", help="billing and cost rates")
    sub = p.add_subparsers(dest="rates_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", help="list rate versions")
    ls.add_argument("--kind", choices=["billing", "cost"])
    ls.add_argument("--level")
    ls.set_defaults(handler=cmd_list)

    st = sub.add_parser("set", help="add a rate version (use --dry-run to preview its effect)")
    _add_scope_args(st)
    st.add_argument("--dry-run", action="store_true", help="only show what it would re-price")
    st.set_defaults(handler=cmd_set)

    de = sub.add_parser("delete", help="delete a rate version")
    de.add_argument("rate_id", type=int)
    de.add_argument("--dry-run", action="store_true")
    de.set_defaults(handler=cmd_delete)

    ex = sub.add_parser("explain", help="why an entry has its rate")
    ex.add_argument("entry_id", type=int)
    ex.set_defaults(handler=cmd_explain)

    ov = sub.add_parser("override", help="set an entry's own rate (managers); 'clear' removes it")
    ov.add_argument("entry_id", type=int)
    ov.add_argument("amount")
    ov.set_defaults(handler=cmd_override)
