"""Profitability per project, client or member: revenue against internal cost.

- **Revenue** per project and client = the net of invoices dated in the range (the issue date, or
  the period end of a draft; issued invoices and credit notes, and drafts shown apart; void
  invoices and converted proformas left out) + the WIP at ``date_to`` at its value
  (``reports.wip``, valued per billing model). Per member (invoices have no member) it is the
  frozen amount of the member's billable entries in the range that are invoiced or are T&M WIP.
- **Cost** = Σ seconds × cost rate ÷ 3600 over the range's entries (every entry: non-billable
  work costs too), rounded once per row. The cost rate is frozen with the billing rate, in the
  entry's currency, which is its client's.
- **Expenses**: approved expenses dated in the range cost their net of reclaimable VAT (in the
  client's currency at the recorded rate; ``expenses.selectors.cost_and_revenue``), added to the
  cost. Billed expense lines are in the invoices' net already; approved billable expenses not yet
  billed (dated up to ``date_to``) are WIP at their billable value (mark-up included). Per member:
  the billable value of their approved billable expenses in the range, billed or not.
- **Margin** = revenue − cost; **margin %** = margin ÷ revenue; **effective rate** = revenue ÷
  hours. Rows are per currency.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from timeledger.core.hours import exact_hours, hours_2dp
from timeledger.core.money import quantize
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice, InvoiceKind, InvoiceStatus
from timeledger.reports import wip as wip_report
from timeledger.reports.filters import EARLIEST, Filters, Scope
from timeledger.reports.table import HOURS, MONEY, PERCENT, TEXT, Chart, Column, Report, Series, pct
from timeledger.reports.time_report import entries, expense_figures, labels, sums_by

ZERO = Decimal(0)
GROUPS = ("project", "client", "member")

COST = ExpressionWrapper(
    F("seconds") * F("cost_rate") / 3600,
    output_field=DecimalField(max_digits=24, decimal_places=6),
)


def invoiced(scope: Scope, f: Filters, group: str) -> dict[tuple, dict]:
    """Per (project or client id, currency): net of issued invoices and of drafts in the range."""
    key = "project_id" if group == "project" else "client_id"
    dated = Coalesce("issue_date", "period_end")
    qs = (
        Invoice.objects.filter(organisation=scope.organisation)
        .annotate(day=dated)
        .filter(day__gte=f.date_from, day__lte=f.date_to)
        .exclude(status=InvoiceStatus.VOID)
        .exclude(kind=InvoiceKind.PROFORMA)
        .exclude(converted_to__isnull=False)
    )
    if f.client_id:
        qs = qs.filter(client_id=f.client_id)
    if f.project_id:
        qs = qs.filter(project_id=f.project_id)
    if f.project_type:
        qs = qs.filter(project__project_type=f.project_type)
    if scope.project_ids is not None:
        qs = qs.filter(project_id__any=scope.project_ids)
    draft = Q(status__in=EDITABLE_STATUSES)
    out = {}
    for r in qs.values(key, "currency").annotate(
        issued=Sum("net_total", filter=~draft), drafts=Sum("net_total", filter=draft)
    ):
        out[(r[key], r["currency"])] = {
            "issued": r["issued"] or ZERO,
            "drafts": r["drafts"] or ZERO,
        }
    return out


def profitability(scope: Scope, f: Filters) -> Report:
    group = f.group if f.group in GROUPS else "project"
    key = f"{group}_id"
    time = {
        (r["key"], r["cur"]): r
        for r in sums_by(entries(scope, f), group, {"s": Sum("seconds"), "cost": Sum(COST)})
    }
    figures: dict[tuple, dict] = {}

    def at(k) -> dict:
        return figures.setdefault(k, {"issued": ZERO, "drafts": ZERO, "wip": ZERO})

    spent = {k: v.cost for k, v in expense_figures(scope, f, group).items() if v.cost}

    if group == "member":
        billed_or_wip = (
            entries(scope, f)
            .filter(is_billable=True)
            # The WIP's condition on the row itself, not ``pk IN (its entries)``: with 850,000
            # of them the subquery was not hashed and ran once per row (minutes on large).
            .filter(
                Q(invoice_line__isnull=False) | wip_report.tm_q(scope.organisation, up_to=f.date_to)
            )
        )
        for r in billed_or_wip.values(key, cur=F("client__currency")).annotate(v=Sum("amount")):
            at((r[key], r["cur"]))["issued"] += r["v"] or ZERO
        for k, v in expense_figures(scope, f, group).items():
            if v.revenue:
                at(k)["issued"] += v.revenue
    else:
        for k, v in invoiced(scope, f, group).items():
            at(k).update(v)
        for r in wip_report.wip_by_project(scope, f, aged=False).values():
            gid = r["project_id"] if group == "project" else r["client_id"]
            at((gid, r["currency"]))["wip"] += r["total"]
        for k, v in expense_figures(scope, f, group, date_from=EARLIEST).items():
            if v.revenue - v.billed:
                at(k)["wip"] += v.revenue - v.billed
    keys = {*time, *figures, *spent}
    names = labels(group, [k for k, _c in keys])
    rows = []
    for k in sorted(keys, key=lambda k: (names.get(k[0], ""), k[1])):
        gid, cur = k
        money = figures.get(k, {"issued": ZERO, "drafts": ZERO, "wip": ZERO})
        seconds = (time.get(k) or {}).get("s") or 0
        revenue = quantize(money["issued"] + money["drafts"] + money["wip"], cur)
        time_cost = quantize((time.get(k) or {}).get("cost") or ZERO, cur)
        expense_cost = quantize(spent.get(k, ZERO), cur)
        cost = time_cost + expense_cost
        hours = exact_hours(seconds)
        rows.append(
            {
                "group": names.get(gid, "—"),
                "hours": hours_2dp(seconds),
                "invoiced": quantize(money["issued"], cur),
                "drafts": quantize(money["drafts"], cur),
                "wip": quantize(money["wip"], cur),
                "revenue": revenue,
                "time_cost": time_cost,
                "expense_cost": expense_cost,
                "cost": cost,
                "margin": revenue - cost,
                "margin_pct": pct(revenue - cost, revenue),
                "effective_rate": (
                    quantize(revenue / hours, cur, ROUND_HALF_UP) if seconds else None
                ),
                "currency": cur,
                "drill": {group: gid} if gid else {},
            }
        )
    columns = [
        Column("group", _(group.title()), TEXT),
        Column("hours", _("Hours"), HOURS),
        Column("invoiced", _("Invoiced"), MONEY),
        Column("drafts", _("In drafts"), MONEY),
        Column("wip", _("WIP"), MONEY),
        Column("revenue", _("Revenue"), MONEY),
        Column("time_cost", _("Time cost"), MONEY),
        Column("expense_cost", _("Expense cost"), MONEY),
        Column("cost", _("Cost"), MONEY),
        Column("margin", _("Margin"), MONEY),
        Column("margin_pct", _("Margin %"), PERCENT, money=True),
        Column("effective_rate", _("Effective rate"), MONEY),
        Column("currency", _("Currency"), TEXT, money=True),
    ]
    chart = Chart(
        categories=[f"{r['group']} ({r['currency']})" for r in rows],
        series=[
            Series(_("Revenue"), [r["revenue"] for r in rows]),
            Series(_("Cost"), [r["cost"] for r in rows]),
        ],
        unit=" ".join(sorted({r["currency"] for r in rows})) or "money",
        is_money=True,
    )
    return Report("profitability", _("Profitability"), columns, rows, chart)
