"""Expense commands.

``timeledger expense log CODE AMOUNT --category NAME [--date D] [--vat X] [--currency C --rate R]
[--markup P] [--supplier S] [--receipt FILE] [--not-billable] [--company-paid]`` ·
``timeledger expense list [--status S]`` · ``timeledger expense submit [--week D]`` ·
``timeledger expense approve|reject ID… [--reason R]`` ·
``timeledger expense reimbursements FROM TO``
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.files import File

from timeledger.accounts.roles import Cap
from timeledger.approvals.services import Scope
from timeledger.cli import CliError
from timeledger.core import timeutil
from timeledger.core.money import format_money
from timeledger.expenses import rules, selectors, services
from timeledger.expenses.models import Expense, ExpenseCategory
from timeledger.projects.models import Project


def _decimal(value: str | None, name: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise CliError(f"{name}: not a number: {value}") from None


def _date(value: str | None, member) -> dt.date:
    if not value:
        return timeutil.local_date(timeutil.now(), member.organisation.time_zone)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CliError(f"not a date (YYYY-MM-DD): {value}") from None


def cmd_log(args, ctx) -> int:
    member = ctx.member
    project = (
        Project.objects.select_related("client")
        .filter(organisation=member.organisation, code__iexact=args.code)
        .first()
    )
    if project is None:
        raise CliError(f"no project with code {args.code}")
    category = ExpenseCategory.objects.filter(
        organisation=member.organisation, name__iexact=args.category
    ).first()
    if category is None:
        raise CliError(f"no expense category {args.category}")
    data = services.ExpenseInput(
        project=project,
        category=category,
        date=_date(args.date, member),
        amount=_decimal(args.amount, "amount"),
        currency=args.currency or "",
        vat_amount=_decimal(args.vat, "vat") or Decimal(0),
        exchange_rate=_decimal(args.rate, "rate"),
        supplier=args.supplier or "",
        description=args.description or "",
        is_billable=False if args.not_billable else None,
        markup_percent=_decimal(args.markup, "markup") or Decimal(0),
        is_reimbursable=not args.company_paid,
    )
    if args.receipt:
        path = Path(args.receipt)
        if not path.is_file():
            raise CliError(f"no such file: {args.receipt}")
        with path.open("rb") as fh:
            expense = services.create_expense(data, by=member, receipt=File(fh, name=path.name))
    else:
        expense = services.create_expense(data, by=member)
    billed = rules.billable_amount(
        expense.amount,
        expense.vat_amount,
        expense.exchange_rate,
        expense.markup_percent,
        project.client.currency,
    )
    print(
        f"expense {expense.pk}: {format_money(expense.amount, expense.currency)} "
        f"{expense.currency} on {project.code}"
        + (
            f", bills {format_money(billed, project.client.currency)} {project.client.currency}"
            if expense.is_billable
            else ", not billable"
        )
    )
    return 0


def cmd_list(args, ctx) -> int:
    qs = selectors.visible_expenses(ctx.member).select_related("project", "category")
    if args.status:
        qs = qs.filter(status=args.status)
    for e in qs.order_by("date", "id"):
        state = "invoiced" if e.invoice_line_id else e.status
        print(
            f"{e.pk}\t{e.date}\t{e.project.code}\t{e.category.name}\t"
            f"{format_money(e.amount, e.currency)} {e.currency}\t{state}"
        )
    return 0


def cmd_submit(args, ctx) -> int:
    member = ctx.member
    out = services.submit_week(member, _date(args.week, member), by=member)
    print(f"submitted {out.count} expense(s)")
    return 0


def cmd_decide(args, ctx) -> int:
    ids = list(args.ids)
    if args.verb == "approve":
        out = services.approve(Scope(), by=ctx.member, expense_ids=ids)
    else:
        out = services.reject(Scope(), by=ctx.member, reason=args.reason or "", expense_ids=ids)
    print(f"{out.action}: {out.count} expense(s)")
    return 0


def cmd_reimbursements(args, ctx) -> int:
    member = ctx.member
    rows = selectors.reimbursements(
        member.organisation,
        date_from=_date(args.date_from, member),
        date_to=_date(args.date_to, member),
        member=None if member.can(Cap.VIEW_ALL_TIME) else member,
    )
    for r in rows:
        print(f"{r.member}\t{r.count}\t{format_money(r.amount, r.currency)} {r.currency}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("expense", help="log, list, submit and approve expenses")
    sub = parser.add_subparsers(dest="expense_command", metavar="ACTION", required=True)
    p = sub.add_parser("log", help="log an expense on a project")
    p.add_argument("code", help="project code")
    p.add_argument("amount", help="paid, VAT included")
    p.add_argument("--category", required=True)
    p.add_argument("--date")
    p.add_argument("--vat")
    p.add_argument("--currency")
    p.add_argument("--rate", help="1 unit of --currency in the client's currency")
    p.add_argument("--markup", help="mark-up %%")
    p.add_argument("--supplier")
    p.add_argument("--description")
    p.add_argument("--receipt", help="PDF or image file")
    p.add_argument("--not-billable", action="store_true")
    p.add_argument("--company-paid", action="store_true", help="not reimbursable to you")
    p.set_defaults(handler=cmd_log)
    p = sub.add_parser("list", help="expenses you may see")
    p.add_argument("--status", choices=[s for s, _ in Expense._meta.get_field("status").choices])
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("submit", help="submit a week's expenses (default: this week)")
    p.add_argument("--week")
    p.set_defaults(handler=cmd_submit)
    for verb in ("approve", "reject"):
        p = sub.add_parser(verb, help=f"{verb} submitted expenses")
        p.add_argument("ids", nargs="+", type=int)
        p.add_argument("--reason")
        p.set_defaults(handler=cmd_decide, verb=verb)
    p = sub.add_parser("reimbursements", help="what members are owed for a period")
    p.add_argument("date_from")
    p.add_argument("date_to")
    p.set_defaults(handler=cmd_reimbursements)
