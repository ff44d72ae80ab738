"""Reads of expenses: who sees which, the reimbursement report, and cost and revenue per
project, member and period (for the reports app: it reads these rather than the models)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.expenses import rules
from timeledger.expenses.models import Expense, ExpenseStatus

ZERO = Decimal("0")


def visible_expenses(by: Member) -> QuerySet[Expense]:
    """The expenses (and so the receipts) ``by`` may read: everyone's for roles that read all
    time (managers, finance, admins); otherwise their own and those of projects they lead.
    A plain member never reads another member's expense or receipt."""
    qs = Expense.objects.filter(organisation_id=by.organisation_id)
    if by.can(Cap.VIEW_ALL_TIME):
        return qs
    return qs.filter(Q(member=by) | Q(project__lead=by))


@dataclass
class Reimbursement:
    member: Member
    currency: str
    amount: Decimal = ZERO
    count: int = 0
    expense_ids: list[int] = field(default_factory=list)


def reimbursements(
    organisation, *, date_from: dt.date, date_to: dt.date, member: Member | None = None
) -> list[Reimbursement]:
    """What the company owes each member for approved expenses they paid themselves
    (``is_reimbursable``) dated in the period, per currency paid (never summed across them)."""
    qs = Expense.objects.filter(
        organisation=organisation,
        is_reimbursable=True,
        status=ExpenseStatus.APPROVED,
        date__gte=date_from,
        date__lte=date_to,
    ).select_related("member__user")
    if member is not None:
        qs = qs.filter(member=member)
    out: dict[tuple[int, str], Reimbursement] = {}
    for e in qs.order_by("member_id", "currency", "date", "id"):
        row = out.setdefault((e.member_id, e.currency), Reimbursement(e.member, e.currency))
        row.amount += e.amount
        row.count += 1
        row.expense_ids.append(e.pk)
    return list(out.values())


@dataclass(frozen=True)
class CostRevenue:
    """Expense cost (net of reclaimable VAT, in the client's currency) and revenue (what was, or
    will be, billed: billable expenses with mark-up) of one project/member/period key."""

    cost: Decimal
    revenue: Decimal
    billed: Decimal  # of the revenue, what is on an invoice line already
    count: int


GROUPS = ("project", "client", "task", "member", "day", "week", "month")


def _group_key(e: Expense, by: str) -> tuple:
    """``(id, None)`` for a project/client/task/member, ``(None, first day)`` for a period."""
    if by == "client":
        return (e.project.client_id, None)
    if by in ("project", "task", "member"):
        return (getattr(e, f"{by}_id"), None)
    if by == "day":
        return (None, e.date)
    if by == "week":
        return (None, e.date - dt.timedelta(days=e.date.weekday()))  # ISO week: from Monday
    return (None, e.date.replace(day=1))


def cost_and_revenue(
    organisation,
    *,
    date_from: dt.date,
    date_to: dt.date,
    by: str = "project",
    statuses: tuple[str, ...] = (ExpenseStatus.APPROVED,),
    where: Q | None = None,
) -> dict[tuple, dict[str, CostRevenue]]:
    """``{key: {currency: CostRevenue}}`` for approved expenses dated in the period; ``by`` is
    one of ``GROUPS`` (key: ``(id, None)``, or ``(None, first day)`` of a day, ISO week or
    month). ``where`` narrows the expenses (the reports' scope and filters). Amounts are in the
    client's currency (the expense's recorded rate), summed per currency, each expense rounded
    as it is billed (``rules``)."""
    qs = Expense.objects.filter(
        organisation=organisation, status__in=statuses, date__gte=date_from, date__lte=date_to
    ).select_related("project__client")
    if where is not None:
        qs = qs.filter(where)
    sums: dict[tuple, dict[str, list]] = defaultdict(
        lambda: defaultdict(lambda: [ZERO, ZERO, ZERO, 0])
    )
    for e in qs:
        currency = e.project.client.currency
        cost = rules.cost_amount(e.amount, e.vat_amount, e.exchange_rate, currency)
        revenue = (
            rules.billable_amount(
                e.amount, e.vat_amount, e.exchange_rate, e.markup_percent, currency
            )
            if e.is_billable
            else ZERO
        )
        row = sums[_group_key(e, by)][currency]
        row[0] += cost
        row[1] += revenue
        row[2] += revenue if e.invoice_line_id else ZERO
        row[3] += 1
    return {
        key: {c: CostRevenue(*values) for c, values in per.items()} for key, per in sums.items()
    }
