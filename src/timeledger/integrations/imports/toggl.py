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
from timeledger.integrations.imports.values import local_datetime, parse_flag, parse_hms

_SECOND = dt.timedelta(seconds=1)

# The header row of a detailed report exported in English from a workspace billing in EUR, as
# Toggl Track writes it (the parser maps by name, so order and language may differ).
EXPORT_HEADER = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (EUR)",
]


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

    def prepare(self, columns: HeaderMap) -> None:
        super().prepare(columns)
        self.amount_currency = columns.currency.get("amount", "")

    def row(self, line: int, c: HeaderMap, r: list[str]) -> SourceRow:
        i = self.i
        start_day = r[i.start_date].strip()
        end_day = r[i.end_date].strip() or start_day
        start_clock, end_clock = r[i.start_time].strip(), r[i.end_time].strip()
        # ISO cells on a day without a clock change (most rows) take the short way to the same
        # instants; the general way reads (and words the errors of) everything else.
        interval = timing.iso_local_interval(start_day, start_clock, end_day, end_clock, self.tz)
        duration = r[i.duration].strip()
        if interval is not None and interval[0] < interval[1]:
            if duration:
                parse_hms(duration)  # not needed here, but a bad one is an error all the same
        else:
            interval = timing.local_interval(
                local_datetime(start_day, start_clock, self.date_order),
                local_datetime(end_day, end_clock, self.date_order),
                self.tz,
                hint_seconds=parse_hms(duration) if duration else None,
            )
        start, end = interval
        billable = r[i.billable].strip()
        amount_text = r[i.amount]
        amount = self.numbers.parse(amount_text) if amount_text.strip() else None
        tags = r[i.tags]
        return SourceRow(
            line=line,
            person_email=r[i.email].strip(),
            person_name=r[i.user].strip(),
            client=r[i.client].strip(),
            project=require(r[i.project], "project"),
            task=r[i.task].strip(),
            description=r[i.description],
            is_billable=parse_flag(billable) if billable else None,
            start=start,
            end=end,
            seconds=(end - start) // _SECOND,
            amount=amount,
            currency=self.amount_currency if amount is not None else "",
            tags=tags_of(tags) if tags else (),
        )
