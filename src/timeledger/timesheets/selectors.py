"""Reads of time entries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum

from timeledger.accounts.roles import Cap
from timeledger.core import timeutil
from timeledger.core.hours import hours_2dp, line_shares
from timeledger.core.money import quantize
from timeledger.timesheets.models import TimeEntry


def visible_entries(member):
    """Entries ``member`` may see: all of the organisation's, or only their own."""
    qs = TimeEntry.objects.filter(organisation=member.organisation).select_related(
        "project", "task", "client", "member__user"
    )
    if not member.can(Cap.VIEW_ALL_TIME):
        qs = qs.filter(member=member)
    return qs


def invoiced_shares(entries) -> dict[int, tuple]:
    """``{entry_id: (hours, amount, currency)}``: each billed entry's share of its invoice line
    (``core.hours.line_shares``), for every place that shows billed time next to an invoice
    (entry lists, the API, exports, the annex): the entries of a line add up to the line."""
    line_ids = {e.invoice_line_id for e in entries if e.invoice_line_id is not None}
    if not line_ids:
        return {}
    rows = (
        TimeEntry.objects.filter(invoice_line_id__in=line_ids)
        .order_by("invoice_line_id", "date", "id")
        .values(
            "id",
            "invoice_line_id",
            "billable_seconds",
            "invoice_line__net_amount",
            "invoice_line__invoice__currency",
        )
    )
    by_line: dict[int, list[dict]] = {}
    for r in rows:
        by_line.setdefault(r["invoice_line_id"], []).append(r)
    out = {}
    for group in by_line.values():
        first = group[0]
        currency = first["invoice_line__invoice__currency"]
        shares = line_shares(
            [r["billable_seconds"] for r in group],
            first["invoice_line__net_amount"],
            currency,
        )
        for r, (hours, amount) in zip(group, shares, strict=True):
            out[r["id"]] = (hours, amount, currency)
    return out


def filtered_entries(
    viewer,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    project=None,
    client=None,
    member=None,
    is_billable: bool | None = None,
    include_running: bool = True,
):
    """What ``viewer`` may see, narrowed by the usual filters, oldest first (for lists/exports)."""
    qs = visible_entries(viewer)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    if project is not None:
        qs = qs.filter(project=project)
    if client is not None:
        qs = qs.filter(client=client)
    if member is not None:
        qs = qs.filter(member=member)
    if is_billable is not None:
        qs = qs.filter(is_billable=is_billable)
    if not include_running:
        qs = qs.exclude(start__isnull=False, end__isnull=True)
    return qs.order_by("date", "start", "id")


EXPORT_COLUMNS = [
    "date",
    "member",
    "client",
    "project",
    "task",
    "hours",
    "billable",
    "description",
    "status",
    "start",
    "end",
    "id",
    "invoiced_hours",
    "invoiced_amount",
    "currency",
]


def export_rows(entries, tz_name: str):
    """One flat row per finished entry, as an accountant's spreadsheet wants it.

    ``hours`` is decimal hours rounded half-up to 0.01 (the exact seconds stay in the database);
    ``start``/``end`` are local times in ``tz_name`` (empty for duration entries).
    ``invoiced_hours``/``invoiced_amount``: a billed entry's share of its invoice line
    (``invoiced_shares``), so the rows of a line add up to the invoice.
    """
    tz = timeutil.zone(tz_name)
    entries = list(entries)
    shares = invoiced_shares(entries)
    for e in entries:
        share = shares.get(e.pk)
        yield {
            "date": e.date.isoformat(),
            "member": e.member.user.email,
            "client": e.client.code,
            "project": e.project.code,
            "task": e.task.name if e.task_id else "",
            "hours": str(hours_2dp(e.seconds)),
            "billable": "yes" if e.is_billable else "no",
            "description": e.description,
            "status": e.status,
            "start": e.start.astimezone(tz).strftime("%Y-%m-%d %H:%M") if e.start else "",
            "end": e.end.astimezone(tz).strftime("%Y-%m-%d %H:%M") if e.end else "",
            "id": e.pk,
            "invoiced_hours": str(share[0]) if share else "",
            "invoiced_amount": str(quantize(share[1], share[2])) if share else "",
            "currency": share[2] if share else (e.currency or ""),
        }


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


def cell_notes(member, monday: dt.date) -> dict:
    """The note of each weekly-grid cell, by (project id, task id or 0, day): the description
    of the cell's oldest editable duration entry (what ``services.set_cell_note`` writes), or,
    in a cell the grid may not change, its entries' descriptions joined (shown read-only)."""
    notes: dict = {}
    others: dict = {}
    for entry in week_entries(member, monday).order_by("id"):
        if entry.is_running:
            continue
        key = (entry.project_id, entry.task_id or 0, entry.date)
        if entry.is_grid_adjustable:
            notes.setdefault(key, entry.description)
        elif entry.description:
            others.setdefault(key, []).append(entry.description)
    for key, texts in others.items():
        notes.setdefault(key, " · ".join(texts))
    return notes


def total_seconds(qs) -> int:
    return qs.aggregate(total=Sum("seconds"))["total"] or 0


def recent_work(member, *, limit: int = 5) -> list:
    """The member's latest distinct (project, task, description) entries, newest first: the
    "recent entries" to restart from, and the recent projects on top of the pickers."""
    seen: set[tuple] = set()
    out = []
    for entry in (
        TimeEntry.objects.filter(organisation=member.organisation, member=member)
        .exclude(start__isnull=False, end__isnull=True)
        .select_related("project", "task")
        .order_by("-date", "-start", "-id")[: limit * 10]
    ):
        key = (entry.project_id, entry.task_id, entry.description)
        if key not in seen:
            seen.add(key)
            out.append(entry)
        if len(out) == limit:
            break
    return out
