"""Toggl Track: the detailed report exported as CSV (and the Reports API's CSV).

UTF-8 with a BOM; one row per entry; ``Start date``/``Start time``/``End date``/``End time`` in
the exporting user's zone with no offset (authoritative); ``Duration`` ``HH:MM:SS``, beyond 24 h
for long entries (used to read the repeated hour when summer time ends); ``Billable`` Yes/No;
``Tags`` joined by ", "; ``Amount (CUR)`` when the workspace has rates (may be absent).
"""

from __future__ import annotations

import datetime as dt

from timeledger.integrations.imports import timing
from timeledger.integrations.imports.base import Parser, col, require, tags_of
from timeledger.integrations.imports.reading import HeaderMap
from timeledger.integrations.imports.rows import SourceRow
from timeledger.integrations.imports.values import (
    parse_clock,
    parse_date,
    parse_flag,
    parse_hms,
)


class TogglParser(Parser):
    name = "toggl"
    label = "Toggl Track detailed CSV"
    timing = timing.LOCAL_PAIR
    columns = [
        col("user", "user", "member", "benutzer", "mitglied"),
        col("email", "email", "e-mail"),
        col("client", "client", "kunde"),
        col("project", "project", "projekt", required=True),
        col("task", "task", "aufgabe"),
        col("description", "description", "beschreibung"),
        col("billable", "billable", "abrechenbar"),
        col("start_date", "start date", "startdatum", required=True),
        col("start_time", "start time", "startzeit", required=True),
        col("end_date", "end date", "stop date", "enddatum", required=True),
        col("end_time", "end time", "stop time", "endzeit", required=True),
        col("duration", "duration", "dauer"),
        col("tags", "tags"),
        col("amount", "amount", "betrag", currency=True),
    ]

    @classmethod
    def score(cls, headers: set[str]) -> int:
        needed = {"start date", "start time", "end time"} | {"startdatum", "startzeit"}
        if len(headers & needed) < 2 or "duration (h)" in headers or "group" in headers:
            return 0
        return 2 + len(headers & {"duration", "dauer", "email", "user", "tags"})

    def row(self, line: int, c: HeaderMap, r: list[str]) -> SourceRow:
        start_day = parse_date(c.get(r, "start_date"), self.date_order)
        end_day = parse_date(c.get(r, "end_date") or c.get(r, "start_date"), self.date_order)
        duration = c.get(r, "duration")
        start, end = timing.local_interval(
            dt.datetime.combine(start_day, parse_clock(c.get(r, "start_time"))),
            dt.datetime.combine(end_day, parse_clock(c.get(r, "end_time"))),
            self.tz,
            hint_seconds=parse_hms(duration) if duration.strip() else None,
        )
        billable = c.get(r, "billable")
        amount = self.number(c.get(r, "amount"))
        return SourceRow(
            line=line,
            person_email=c.get(r, "email").strip(),
            person_name=c.get(r, "user").strip(),
            client=c.get(r, "client").strip(),
            project=require(c.get(r, "project"), "project"),
            task=c.get(r, "task").strip(),
            description=c.get(r, "description"),
            is_billable=parse_flag(billable) if billable.strip() else None,
            start=start,
            end=end,
            seconds=int((end - start).total_seconds()),
            amount=amount,
            currency=c.currency.get("amount", "") if amount is not None else "",
            tags=tags_of(c.get(r, "tags")),
        )
