"""Team week: members × days of one ISO week (the week of ``date_from``), hours against each
member's working hours, missing days, and the week's submitted / approved / rejected state.

A day's working hours are ``weekly_capacity_hours`` spread evenly over the member's working days
(``Member.working_days``), as the weekly audit's "missing time" counts them; a working day that
has passed (up to ``today``) with less logged than that is missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.accounts.roles import ROLE_CAPABILITIES, Cap
from timeledger.core import timeutil
from timeledger.core.hours import hours_2dp, hours_to_seconds
from timeledger.reports.filters import Filters, Scope, team_member_ids
from timeledger.reports.table import HOURS, NUMBER, TEXT, Chart, Column, Report, Series
from timeledger.reports.time_report import entries
from timeledger.timesheets.models import EntryStatus

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_capacity_seconds(member: Member, weekday: int) -> int:
    """The member's working seconds on an ISO weekday (0 on days they do not work)."""
    days = member.working_weekdays
    if weekday not in days or not days:
        return 0
    return hours_to_seconds(Decimal(member.weekly_capacity_hours) / len(days))


def _state(counts: dict) -> str:
    if counts.get(EntryStatus.REJECTED):
        return "rejected"
    if counts.get(EntryStatus.DRAFT):
        return "submitted in part" if counts.get(EntryStatus.SUBMITTED) else "draft"
    if counts.get(EntryStatus.SUBMITTED):
        return "submitted"
    if counts.get(EntryStatus.APPROVED) or counts.get(EntryStatus.INVOICED):
        return "approved"
    return "empty"


def team_week(scope: Scope, f: Filters, *, today: dt.date) -> Report:
    monday = timeutil.week_start(f.date_from)
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    week = f.narrowed(date_from=monday, date_to=days[-1])
    members = Member.objects.filter(organisation=scope.organisation, is_active=True)
    members = members.filter(role__in=logging_roles()).select_related("user")
    if scope.member_id is not None:
        members = members.filter(pk=scope.member_id)
    if f.member_id:
        members = members.filter(pk=f.member_id)
    if f.team_id:
        members = members.filter(pk__in=team_member_ids(f.team_id))
    per_day = {
        (r["member_id"], r["date"]): r["s"]
        for r in entries(scope, week).values("member_id", "date").annotate(s=Sum("seconds"))
    }
    states: dict[int, dict] = {}
    for r in entries(scope, week).values("member_id", "status").annotate(n=Count("id")):
        states.setdefault(r["member_id"], {})[r["status"]] = r["n"]
    rows = []
    approve = reverse("approvals")
    for m in members:
        logged = [per_day.get((m.pk, d), 0) for d in days]
        capacity = [day_capacity_seconds(m, d.isoweekday()) for d in days]
        missing = sum(
            1 for d, s, c in zip(days, logged, capacity, strict=True) if c and d <= today and s < c
        )
        row = {"member": str(m)}
        for name, s in zip(DAY_NAMES, logged, strict=True):
            row[name.lower()] = hours_2dp(s)
        row.update(
            {
                "total": hours_2dp(sum(logged)),
                "capacity": hours_2dp(sum(capacity)),
                "missing_days": missing,
                "state": _state(states.get(m.pk, {})),
                "drill": {
                    "member": m.pk,
                    "date_from": monday.isoformat(),
                    "date_to": days[-1].isoformat(),
                },
                "link": f"{approve}?week={monday.isoformat()}&member={m.pk}",
            }
        )
        rows.append(row)
    columns = [Column("member", _("Member"), TEXT)]
    columns += [
        Column(n.lower(), date_format(d, "D d"), HOURS)
        for n, d in zip(DAY_NAMES, days, strict=True)
    ]
    columns += [
        Column("total", _("Total"), HOURS),
        Column("capacity", _("Working hours"), HOURS),
        Column("missing_days", _("Missing days"), NUMBER),
        Column("state", _("State"), TEXT),
    ]
    chart = Chart(
        categories=[r["member"] for r in rows],
        series=[
            Series(_("Logged"), [r["total"] for r in rows]),
            Series(_("Working hours"), [r["capacity"] for r in rows]),
        ],
        unit="h",
    )
    title = f"Team week {monday:%G-W%V}"
    return Report("team-week", title, columns, rows, chart)


def logging_roles() -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if Cap.LOG_TIME in caps]
