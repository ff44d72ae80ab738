"""Clockify: the detailed time report exported as CSV.

Every cell quoted; ``Start Date``/``Start Time``/``End Date``/``End Time`` in the user's profile
zone and date/time formats (``MM/DD/YYYY`` and 12-hour ``11:00:00 AM`` by default; day-first and
24-hour when the profile says so: pass the date order); ``Duration (h)`` ``HH:MM:SS`` and
``Duration (decimal)``; ``Billable`` and ``Invoiced`` Yes/No; ``Billable Rate (CUR)`` and
``Billable Amount (CUR)`` carry the currency in the header.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from timeledger.integrations.imports import timing
from timeledger.integrations.imports.base import Parser, col, require, tags_of
from timeledger.integrations.imports.reading import HeaderMap
from timeledger.integrations.imports.rows import SourceRow
from timeledger.integrations.imports.values import (
    local_datetime,
    parse_duration,
    parse_flag,
    parse_hms,
)


class ClockifyParser(Parser):
    name = "clockify"
    label = "Clockify detailed CSV"
    timing = timing.LOCAL_PAIR
    default_date_order = "mdy"
    columns = [
        col("project", "project", "projekt", required=True),
        col("client", "client", "kunde"),
        col("description", "description", "beschreibung"),
        col("task", "task", "aufgabe"),
        col("user", "user", "benutzer"),
        col("email", "email", "e-mail"),
        col("tags", "tags"),
        col("type", "type", "typ"),
        col("billable", "billable", "abrechenbar"),
        col("invoiced", "invoiced", "abgerechnet", "in rechnung gestellt"),
        col("invoice_id", "invoice id"),
        col("start_date", "start date", "startdatum", required=True),
        col("start_time", "start time", "startzeit", required=True),
        col("end_date", "end date", "enddatum", required=True),
        col("end_time", "end time", "endzeit", required=True),
        col("duration", "duration (h)", "dauer (h)"),
        col("duration_decimal", "duration (decimal)", "dauer (dezimal)"),
        col("rate", "billable rate", "abrechenbarer satz", currency=True),
        col("amount", "billable amount", "abrechenbarer betrag", currency=True),
        col("id", "id", "time entry id"),
    ]

    @classmethod
    def score(cls, headers: set[str]) -> int:
        if not {"start date", "start time", "end date", "end time"} <= headers:
            return 0
        markers = {"duration (h)", "duration (decimal)", "group", "invoiced", "date of creation"}
        found = len(headers & markers)
        return 3 + found if found else 0

    def row(self, line: int, c: HeaderMap, r: list[str]) -> SourceRow:
        kind = c.get(r, "type").strip().lower()
        if kind and kind not in ("regular", "time", "zeit"):
            raise ValueError(
                _("A %(kind)s entry, not worked time.") % {"kind": c.get(r, "type").strip()}
            )
        hint = c.get(r, "duration")
        if hint.strip():
            hint_seconds = parse_hms(hint)
        elif c.get(r, "duration_decimal").strip():
            hint_seconds = parse_duration(c.get(r, "duration_decimal"), self.numbers)
        else:
            hint_seconds = None
        start, end = timing.local_interval(
            local_datetime(
                c.get(r, "start_date").strip(), c.get(r, "start_time").strip(), self.date_order
            ),
            local_datetime(
                c.get(r, "end_date").strip(), c.get(r, "end_time").strip(), self.date_order
            ),
            self.tz,
            hint_seconds=hint_seconds,
        )
        billable, invoiced = c.get(r, "billable"), c.get(r, "invoiced")
        rate, amount = self.number(c.get(r, "rate")), self.number(c.get(r, "amount"))
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
            rate=rate,
            amount=amount,
            currency=c.currency.get("rate") or c.currency.get("amount") or "",
            is_invoiced=parse_flag(invoiced) if invoiced.strip() else False,
            source_id=c.get(r, "id").strip(),
            tags=tags_of(c.get(r, "tags")),
        )
