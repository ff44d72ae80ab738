"""Harvest: the detailed time report exported as CSV.

A date and decimal hours per row (the duration is authoritative; there are no start or end
times), written with a decimal point or a decimal comma with thousands separators by account
preference (``"2.000,0"``); ``Hours`` is what was logged (``Hours Rounded`` is Harvest's rounding,
not imported: Timeledger rounds by its own rule); ``Billable?``/``Invoiced?`` Yes/No; the person
by first and last name (no e-mail); ``Currency`` as a long name (``Euro - EUR``); billable rate
and amount; cost rate and amount (internal, never billed: not imported).
"""

from __future__ import annotations

from timeledger.integrations.imports import timing
from timeledger.integrations.imports.base import Parser, col, require
from timeledger.integrations.imports.reading import HeaderMap
from timeledger.integrations.imports.rows import SourceRow
from timeledger.integrations.imports.values import (
    hours_to_seconds,
    parse_currency,
    parse_date,
    parse_flag,
)


class HarvestParser(Parser):
    name = "harvest"
    label = "Harvest detailed time CSV"
    timing = timing.DURATION
    columns = [
        col("date", "date", "spent date", "datum", required=True),
        col("client", "client", "kunde"),
        col("project", "project", "projekt", required=True),
        col("project_code", "project code", "projektcode"),
        col("task", "task", "aufgabe"),
        col("notes", "notes", "notizen"),
        col("hours", "hours", "stunden", required=True),
        col("billable", "billable?", "billable", "abrechenbar?"),
        col("invoiced", "invoiced?", "invoiced", "abgerechnet?"),
        col("first_name", "first name", "vorname"),
        col("last_name", "last name", "nachname"),
        col("rate", "billable rate", "abrechenbarer satz"),
        col("amount", "billable amount", "abrechenbarer betrag"),
        col("currency", "currency", "währung"),
        col("id", "id", "time entry id"),
    ]

    @classmethod
    def score(cls, headers: set[str]) -> int:
        if "hours" not in headers and "stunden" not in headers:
            return 0
        markers = {"billable?", "invoiced?", "first name", "last name", "project code", "notes"}
        found = len(headers & markers)
        return 3 + found if found >= 2 else 0

    def row(self, line: int, c: HeaderMap, r: list[str]) -> SourceRow:
        hours = self.numbers.parse(require(c.get(r, "hours"), "hours"))
        billable, invoiced = c.get(r, "billable"), c.get(r, "invoiced")
        name = " ".join(f"{c.get(r, 'first_name')} {c.get(r, 'last_name')}".split())
        return SourceRow(
            line=line,
            person_name=name,
            client=c.get(r, "client").strip(),
            project=require(c.get(r, "project"), "project"),
            project_code=c.get(r, "project_code").strip(),
            task=c.get(r, "task").strip(),
            description=c.get(r, "notes"),
            is_billable=parse_flag(billable) if billable.strip() else None,
            day=parse_date(c.get(r, "date"), self.date_order),
            seconds=hours_to_seconds(hours),
            rate=self.number(c.get(r, "rate")),
            amount=self.number(c.get(r, "amount")),
            currency=parse_currency(c.get(r, "currency")),
            is_invoiced=parse_flag(invoiced) if invoiced.strip() else False,
            source_id=c.get(r, "id").strip(),
        )
