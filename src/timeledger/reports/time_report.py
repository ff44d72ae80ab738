"""Time: hours by client, project, task, member, day, week or month — billable against
non-billable, logged against rounded, and the billable amount at the frozen rates; beside them
the approved expenses of the same group: their cost (net of reclaimable VAT) and revenue
(billable ones with mark-up), from ``expenses.selectors.cost_and_revenue``.

One ``GROUP BY`` over the entries. Rows are per group and currency (the client's): amounts in
two currencies are never added, so a member who worked for a EUR and a USD client has two rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.clients.models import Client
from timeledger.core.hours import hours_2dp
from timeledger.core.money import quantize
from timeledger.expenses import selectors as expense_selectors
from timeledger.projects.models import Project, Task
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import HOURS, MONEY, TEXT, Chart, Column, Report, Series
from timeledger.timesheets.models import TimeEntry

KEYS = {
    "client": "client_id",
    "project": "project_id",
    "task": "task_id",
    "member": "member_id",
    "day": "date",
}


def entries(scope: Scope, f: Filters, *, dates: bool = True):
    """The entries behind every time figure: the asker's scope and the report's filters."""
    return TimeEntry.objects.filter(scope.entries_q()).filter(f.entries_q(dates=dates))


def labels(group: str, keys) -> dict:
    """Readable names for group keys, one query per kind (never one per row)."""
    keys = [k for k in keys if k is not None]
    if group == "client":
        rows = Client.objects.filter(pk__any=keys).values_list("pk", "code", "name")
        return {pk: f"{code} — {name}" for pk, code, name in rows}
    if group == "project":
        rows = Project.objects.filter(pk__any=keys).values_list("pk", "code", "name")
        return {pk: f"{code} — {name}" for pk, code, name in rows}
    if group == "task":
        rows = Task.objects.filter(pk__any=keys).values_list("pk", "project__code", "name")
        return {pk: f"{code}: {name}" for pk, code, name in rows}
    if group == "member":
        return {m.pk: str(m) for m in Member.objects.filter(pk__any=keys).select_related("user")}
    return {k: k.isoformat() if isinstance(k, dt.date) else str(k) for k in keys}


def expense_figures(scope: Scope, f: Filters, group: str, *, date_from=None) -> dict:
    """``{(group key, currency): CostRevenue}`` of the approved expenses the asker may see
    (``date_from``: another start, e.g. everything unbilled up to ``f.date_to``)."""
    where = scope.entries_q() & f.expenses_q()
    figures = expense_selectors.cost_and_revenue(
        scope.organisation,
        date_from=date_from or f.date_from,
        date_to=f.date_to,
        by=group,
        where=where,
    )
    return {
        (gid if gid is not None else day, cur): value
        for (gid, day), per in figures.items()
        for cur, value in per.items()
    }


def member_labels(ids) -> dict[int, str]:
    return labels("member", ids)


def _key(group: str):
    if group == "week":
        return TruncWeek("date")
    if group == "month":
        return TruncMonth("date")
    return F(KEYS.get(group, "project_id"))


def _drill(group: str, key) -> dict:
    if key is None:
        return {}
    if group in ("day", "week", "month"):
        day = key.date() if isinstance(key, dt.datetime) else key
        if group == "day":
            end = day
        elif group == "week":
            end = day + dt.timedelta(days=6)
        else:
            end = (day + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return {"date_from": day.isoformat(), "date_to": end.isoformat()}
    if group == "task":
        return {"task": key}
    return {group: key}


def time_report(scope: Scope, f: Filters) -> Report:
    group = f.group if f.group in (*KEYS, "week", "month") else "project"
    billable = Q(is_billable=True)
    rows = list(
        entries(scope, f)
        .annotate(key=_key(group))
        .values("key", cur=F("client__currency"))
        .annotate(
            logged=Sum("seconds"),
            billable_logged=Sum("seconds", filter=billable),
            rounded=Sum("billable_seconds", filter=billable),
            amount=Sum("amount", filter=billable),
        )
        .order_by("key", "cur")
    )
    for r in rows:
        if isinstance(r["key"], dt.datetime):
            r["key"] = r["key"].date()
    expenses = expense_figures(scope, f, group)
    seen = {(r["key"], r["cur"]) for r in rows}
    rows += [{"key": k, "cur": cur} for k, cur in expenses if (k, cur) not in seen]
    rows.sort(key=lambda r: (r["key"] is None, r["key"] or 0, r["cur"]))
    names = labels(group, [r["key"] for r in rows])
    out = []
    zero = expense_selectors.CostRevenue(Decimal(0), Decimal(0), Decimal(0), 0)
    for r in rows:
        logged, bill = r.get("logged") or 0, r.get("billable_logged") or 0
        key = r["key"]
        spent = expenses.get((key, r["cur"]), zero)
        out.append(
            {
                "group": names.get(key, "—" if key is None else str(key)),
                "hours": hours_2dp(logged),
                "billable_hours": hours_2dp(bill),
                "non_billable_hours": hours_2dp(logged - bill),
                "rounded_hours": hours_2dp(r.get("rounded") or 0),
                "amount": quantize(r.get("amount") or Decimal(0), r["cur"]),
                "expense_cost": quantize(spent.cost, r["cur"]),
                "expense_revenue": quantize(spent.revenue, r["cur"]),
                "currency": r["cur"],
                "drill": _drill(group, key),
            }
        )
    columns = [
        Column("group", _(group.title()), TEXT),
        Column("hours", _("Hours"), HOURS),
        Column("billable_hours", _("Billable"), HOURS),
        Column("non_billable_hours", _("Non-billable"), HOURS),
        Column("rounded_hours", _("Billable, rounded"), HOURS),
        Column("amount", _("Billable amount"), MONEY),
        Column("expense_cost", _("Expense cost"), MONEY),
        Column("expense_revenue", _("Expenses billable"), MONEY),
        Column("currency", _("Currency"), TEXT, money=True),
    ]
    chart = Chart(
        categories=[r["group"] for r in out],
        series=[
            Series(_("Billable"), [r["billable_hours"] for r in out]),
            Series(_("Non-billable"), [r["non_billable_hours"] for r in out]),
        ],
        unit="h",
    )
    return Report("time", _("Time"), columns, out, chart)
