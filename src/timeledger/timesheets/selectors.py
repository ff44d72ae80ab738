"""Reads of time entries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum

from timeledger.accounts.roles import Cap
from timeledger.core import timeutil
from timeledger.timesheets.models import TimeEntry


def visible_entries(member):
    """Entries ``member`` may see: all of the organisation's, or only their own."""
    qs = TimeEntry.objects.filter(organisation=member.organisation).select_related(
        "project", "task", "client", "member__user"
    )
    if not member.can(Cap.VIEW_ALL_TIME):
        qs = qs.filter(member=member)
    return qs


def week_entries(member, monday: dt.date):
    return (
        TimeEntry.objects.filter(
            member=member, date__gte=monday, date__lt=monday + dt.timedelta(days=7)
        )
        .select_related("project", "task", "client")
        .order_by("date", "start", "id")
    )


def week_grid(member, monday: dt.date) -> dict:
    """Seconds per (project, task) row and day for the weekly grid, plus totals."""
    days = timeutil.week_days(monday)
    rows: dict[tuple, dict] = {}
    day_totals = {d: 0 for d in days}
    for entry in week_entries(member, monday).exclude(start__isnull=False, end__isnull=True):
        key = (entry.project_id, entry.task_id)
        row = rows.setdefault(
            key,
            {
                "project": entry.project,
                "task": entry.task,
                "cells": {d: 0 for d in days},
                "total": 0,
            },
        )
        row["cells"][entry.date] += entry.seconds
        row["total"] += entry.seconds
        day_totals[entry.date] += entry.seconds
    return {
        "days": days,
        "rows": sorted(
            rows.values(), key=lambda r: (r["project"].code, r["task"].name if r["task"] else "")
        ),
        "day_totals": day_totals,
        "total": sum(day_totals.values()),
    }


def total_seconds(qs) -> int:
    return qs.aggregate(total=Sum("seconds"))["total"] or 0
