"""Billable utilisation: billable hours ÷ capacity, per member or per week, with the team's total
and a target line.

Capacity is the member's working hours of the period: each of their working days
(``Member.working_days``) in the range counts ``weekly_capacity_hours`` ÷ the number of working
days (as ``reports.team_week`` counts a day). Billable hours are the logged hours of billable
entries. ``target`` (a query parameter, default 75 %) is drawn as a line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.core import timeutil
from timeledger.core.hours import hours_2dp
from timeledger.reports.filters import Filters, Scope, team_member_ids
from timeledger.reports.table import HOURS, PERCENT, TEXT, Chart, Column, Report, Series, pct
from timeledger.reports.team_week import day_capacity_seconds, logging_roles
from timeledger.reports.time_report import and_billable, entries_q
from timeledger.timesheets.models import TimeEntry

DEFAULT_TARGET = Decimal(75)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def weekday_counts(days: list[dt.date]) -> dict[int, int]:
    """How many Mondays (1) … Sundays (7) the days hold."""
    counts = dict.fromkeys(range(1, 8), 0)
    for d in days:
        counts[d.isoweekday()] += 1
    return counts


def capacity_seconds(member: Member, counts: dict[int, int]) -> int:
    """The member's working seconds over days with these weekday counts (7 terms per member,
    not one per day)."""
    return sum(day_capacity_seconds(member, wd) * n for wd, n in counts.items() if n)


def team_day_seconds(members) -> dict[int, int]:
    """The team's working seconds on each ISO weekday (1 Monday … 7 Sunday)."""
    return {wd: sum(day_capacity_seconds(m, wd) for m in members) for wd in range(1, 8)}


def team_capacity_seconds(team_day: dict[int, int], counts: dict[int, int]) -> int:
    """The team's working seconds over days with these weekday counts: the sum of its members'
    ``capacity_seconds``, in 7 terms."""
    return sum(team_day[wd] * n for wd, n in counts.items() if n)


def members_of(scope: Scope, f: Filters):
    qs = Member.objects.filter(organisation=scope.organisation, role__in=logging_roles())
    if scope.member_id is not None:
        qs = qs.filter(pk=scope.member_id)
    if f.member_id:
        qs = qs.filter(pk=f.member_id)
    if f.team_id:
        qs = qs.filter(pk__in=team_member_ids(f.team_id))
    return qs.select_related("user")


def counted(scope: Scope, f: Filters) -> tuple[list[Member], Q]:
    """The members whose capacity counts and the condition of the entries that count against it
    (every entry of theirs in scope, billable or not: the billable filter does not narrow
    utilisation)."""
    members = list(members_of(scope, f))
    ids = [m.pk for m in members]
    return members, entries_q(scope, f.narrowed(is_billable=None)) & Q(member_id__any=ids)


def utilisation(scope: Scope, f: Filters, *, target: Decimal = DEFAULT_TARGET) -> Report:
    members, counts_q = counted(scope, f)
    qs = TimeEntry.objects.filter(counts_q)
    days = _days(f.date_from, f.date_to)
    by_week = f.group == "week"
    billable = Q(is_billable=True)
    rows: list[dict] = []
    if by_week:
        # Summed by day and folded into weeks here, as the time report does (no date_trunc).
        figures: dict[dt.date, dict] = {}
        for r in qs.values("date").annotate(s=Sum("seconds"), b=Sum("seconds", filter=billable)):
            w = figures.setdefault(timeutil.week_start(r["date"]), {"s": 0, "b": 0})
            w["s"] += r["s"] or 0
            w["b"] += r["b"] or 0
        # A week's capacity is 7 terms of the team's day, not 7 per member (1,000 members × 53
        # weeks were 1.5–2 s of the large workload's year).
        team_day = team_day_seconds(members)
        in_weeks: dict[dt.date, list[dt.date]] = {}
        for d in days:
            in_weeks.setdefault(timeutil.week_start(d), []).append(d)
        for w, in_week in sorted(in_weeks.items()):
            cap = team_capacity_seconds(team_day, weekday_counts(in_week))
            r = figures.get(w, {})
            rows.append(_row(f"{w:%G-W%V}", r.get("s") or 0, r.get("b") or 0, cap, target))
            # The week's days within the range: a partial first or last week drills to those only.
            rows[-1]["drill"] = {
                "date_from": in_week[0].isoformat(),
                "date_to": in_week[-1].isoformat(),
            }
    else:
        figures = {
            r["member_id"]: r
            for r in qs.values("member_id").annotate(
                s=Sum("seconds"), b=Sum("seconds", filter=billable)
            )
        }
        counts = weekday_counts(days)
        for m in members:
            cap = capacity_seconds(m, counts)
            r = figures.get(m.pk, {})
            rows.append(_row(str(m), r.get("s") or 0, r.get("b") or 0, cap, target))
            rows[-1]["drill"] = {"member": m.pk}
    total = _row(
        "Team",
        sum(r["_s"] for r in rows),
        sum(r["_b"] for r in rows),
        sum(r["_c"] for r in rows),
        target,
    )
    total["drill"] = {}
    rows.append(total)
    for r in rows:
        for k in ("_s", "_b", "_c"):
            r.pop(k)
    columns = [
        Column("group", _("Week") if by_week else "Member", TEXT),
        Column("hours", _("Hours"), HOURS),
        Column("billable_hours", _("Billable"), HOURS),
        Column("capacity", _("Capacity"), HOURS),
        Column("utilisation", _("Utilisation %"), PERCENT),
        Column("target", _("Target %"), PERCENT),
    ]
    chart = Chart(
        categories=[r["group"] for r in rows],
        series=[Series(_("Utilisation"), [r["utilisation"] for r in rows])],
        unit="%",
        target=target,
    )
    return Report("utilisation", _("Utilisation"), columns, rows, chart)


def team_utilisation(scope: Scope, f: Filters, *, target: Decimal = DEFAULT_TARGET) -> dict:
    """The report's "Team" row alone: the same entries summed once against the same capacity,
    without a row per member or week. Equal to the row ``utilisation`` appends (its sums of the
    members' rows), which a test checks."""
    members, counts_q = counted(scope, f)
    got = TimeEntry.objects.filter(counts_q).aggregate(**team_sums())
    return team_row(members, f, got, target=target)


def team_sums(condition: Q | None = None) -> dict:
    """What the team row sums of the counted entries (``condition``: the ``counted`` condition,
    for a caller whose scan reads other entries too: the dashboard)."""
    billable = and_billable(condition)
    return {"util_s": Sum("seconds", filter=condition), "util_b": Sum("seconds", filter=billable)}


def team_row(members, f: Filters, got: dict, *, target: Decimal = DEFAULT_TARGET) -> dict:
    """The team row from ``team_sums`` of the ``counted`` members' entries."""
    counts = weekday_counts(_days(f.date_from, f.date_to))
    capacity = team_capacity_seconds(team_day_seconds(members), counts)
    row = _row("Team", got["util_s"] or 0, got["util_b"] or 0, capacity, target)
    for k in ("_s", "_b", "_c"):
        row.pop(k)
    return row


def _row(label: str, seconds: int, billable: int, capacity: int, target: Decimal) -> dict:
    return {
        "group": label,
        "hours": hours_2dp(seconds),
        "billable_hours": hours_2dp(billable),
        "capacity": hours_2dp(capacity),
        "utilisation": pct(billable, capacity),
        "target": target,
        "_s": seconds,
        "_b": billable,
        "_c": capacity,
    }
