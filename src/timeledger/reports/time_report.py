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
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.clients.models import Client
from timeledger.core import timeutil
from timeledger.core.hours import hours_2dp
from timeledger.core.money import quantize
from timeledger.expenses import selectors as expense_selectors
from timeledger.projects.models import Project, Task
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import HOURS, MONEY, TEXT, Chart, Column, Report, Series
from timeledger.timesheets.models import TimeEntry

SUMMED = ("logged", "billable_logged", "rounded", "billable_amount")
KEYS = {
    "client": "client_id",
    "project": "project_id",
    "task": "task_id",
    "member": "member_id",
    "day": "date",
}


def entries_q(scope: Scope, f: Filters, *, dates: bool = True) -> Q:
    """The entries behind every time figure, as a condition: the asker's scope and the filters."""
    return scope.entries_q() & f.entries_q(dates=dates)


def entries(scope: Scope, f: Filters, *, dates: bool = True):
    return TimeEntry.objects.filter(entries_q(scope, f, dates=dates))


def and_billable(condition: Q | None) -> Q:
    """``condition``'s billable entries (all billable entries for ``None``): the filter of a
    billable sum beside a plain one."""
    return Q(is_billable=True) if condition is None else condition & Q(is_billable=True)


def time_sums(condition: Q | None = None) -> dict:
    """The report's sums of a group's entries (of those ``condition`` selects, for a caller whose
    scan reads other entries too: the dashboard)."""
    billable = and_billable(condition)
    return {
        "logged": Sum("seconds", filter=condition),
        "billable_logged": Sum("seconds", filter=billable),
        "rounded": Sum("billable_seconds", filter=billable),
        "billable_amount": Sum("amount", filter=billable),
    }


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


# Weeks and months are summed by day in SQL and the days folded here: a few hundred groups, and
# no ``date_trunc`` on every row (its cast of each date to a timestamp with time zone was a third
# of the year's scan on the large workload).
PERIODS = {"week": timeutil.week_start, "month": lambda day: day.replace(day=1)}


def _key(group: str):
    return F("date") if group in PERIODS else F(KEYS.get(group, "project_id"))


def _by_period(rows: list[dict], group: str) -> list[dict]:
    start = PERIODS[group]
    out: dict[tuple, dict] = {}
    for r in rows:
        key = (start(r["key"]), r["cur"])
        if key not in out:
            out[key] = {"key": key[0], "cur": key[1], **dict.fromkeys(SUMMED)}
        x = out[key]
        for k in SUMMED:
            if r[k] is not None:
                x[k] = r[k] if x[k] is None else x[k] + r[k]
    return list(out.values())


def _drill(group: str, key, f: Filters) -> dict:
    """The filters of the entries behind a row. A week or month is cut to the report's range: a
    partial first or last period drills to the days its figures count, not the whole period."""
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
        start = max(day, f.date_from) if f.date_from else day
        end = min(end, f.date_to) if f.date_to else end
        return {"date_from": start.isoformat(), "date_to": end.isoformat()}
    if group == "task":
        return {"task": key}
    return {group: key}


def sums_by(qs, group: str, sums: dict) -> list[dict]:
    """``sums`` of the entries of ``qs`` per group key (``key``) and currency (``cur``, the
    client's). A project or a client fixes the currency: those are grouped by the key alone and
    the currency read for the keys found, instead of joining the client to every entry (the join
    was 25–30 % of the year's scan on the large workload)."""
    if group in ("project", "client"):
        rows = list(qs.values(key=_key(group)).annotate(**sums).order_by())
        model = Project if group == "project" else Client
        field = "client__currency" if group == "project" else "currency"
        keys = [r["key"] for r in rows]
        currency = dict(model.objects.filter(pk__any=keys).values_list("pk", field))
        for r in rows:
            r["cur"] = currency[r["key"]]
        return rows
    return list(qs.values(key=_key(group), cur=F("client__currency")).annotate(**sums).order_by())


def time_report(scope: Scope, f: Filters) -> Report:
    group = group_of(f)
    return from_sums(scope, f, sums_by(entries(scope, f), group, time_sums()))


def group_of(f: Filters) -> str:
    return f.group if f.group in (*KEYS, *PERIODS) else "project"


def from_sums(scope: Scope, f: Filters, rows: list[dict]) -> Report:
    """The report from ``time_sums`` per group key (the day, for weeks and months) and currency;
    rows whose sums selected nothing (``logged`` is null) are not groups of the report."""
    group = group_of(f)
    rows = [r for r in rows if r["logged"] is not None]
    if group in PERIODS:
        rows = _by_period(rows, group)
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
                "amount": quantize(r.get("billable_amount") or Decimal(0), r["cur"]),
                "expense_cost": quantize(spent.cost, r["cur"]),
                "expense_revenue": quantize(spent.revenue, r["cur"]),
                "currency": r["cur"],
                "drill": _drill(group, key, f),
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
