"""Kimai: the timesheet export, as CSV or XLSX.

Headers are the translated labels of the user's language (``Date``, ``Begin``, ``End``,
``Duration``, ``Price``, ``Hourly price``, ``User``, ``Customer``, ``Project``, ``Activity``,
``Description``, ``Exported``, ``Billable``, ``Tags`` — or ``Datum``, ``Beginn``, ``Ende``, …),
and differ between versions (``From``/``To``; a begin with or without its date). Times are the
user's local time with no offset; an end at or before the begin is on the next day. ``Duration``
is ``H:MM``, decimal hours or, in XLSX, a cell formatted ``[hh]:mm`` (a day fraction, sometimes
written as the formula ``=seconds/86400``). ``Exported`` is Kimai's mark for time that went on an
invoice or an export: it is read as invoiced in the source. The activity becomes the task.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

from django.utils.translation import gettext as _

from timeledger.integrations.imports import reading, timing
from timeledger.integrations.imports.base import Parser, col, tags_of
from timeledger.integrations.imports.rows import RowError, SourceRow
from timeledger.integrations.imports.values import (
    hours_to_seconds,
    parse_clock,
    parse_currency,
    parse_date,
    parse_duration,
    parse_flag,
    parse_local_datetime,
)

_DAY_FRACTION = re.compile(r"^=\s*(\d+(?:\.\d+)?)\s*/\s*86400\s*$")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class KimaiParser(Parser):
    name = "kimai"
    label = "Kimai timesheet export"
    timing = timing.LOCAL_PAIR
    columns = [
        col("date", "date", "datum", required=True),
        col("begin", "begin", "from", "start", "beginn", "von", required=True),
        col("end", "end", "to", "ende", "bis"),
        col("duration", "duration", "dauer"),
        col("currency", "currency", "währung"),
        col("amount", "price", "rate", "total price", "preis", "honorar"),
        col("hourly_rate", "hourly price", "hourly rate", "stundenpreis", "stundensatz"),
        col("fixed_rate", "fixed price", "fixed rate", "festpreis"),
        col("alias", "name", "alias"),
        col("user", "user", "username", "benutzer", "benutzername"),
        col("email", "email", "e-mail"),
        col("customer", "customer", "kunde"),
        col("project", "project", "projekt", required=True),
        col("activity", "activity", "tätigkeit", "aktivität"),
        col("description", "description", "beschreibung"),
        col("exported", "exported", "exportiert"),
        col("billable", "billable", "abrechenbar"),
        col("tags", "tags", "schlagworte", "schlagwörter"),
        col("type", "type", "typ"),
        col("project_number", "project number", "projektnummer"),
        col("id", "id"),
    ]

    @classmethod
    def score(cls, headers: set[str]) -> int:
        has_begin = bool(headers & {"begin", "from", "beginn", "von"})
        has_kimai = bool(headers & {"customer", "activity", "kunde", "tätigkeit", "exported"})
        if not (has_begin and has_kimai and headers & {"date", "datum"}):
            return 0
        return 4

    def parse(self, stream: BinaryIO) -> Iterator[SourceRow | RowError]:
        head = stream.read(8)
        stream.seek(0)
        if reading.file_kind(head) != reading.XLSX:
            yield from super().parse(stream)
            return
        header, records = reading.xlsx_records(stream)
        columns = reading.map_headers(header, self.columns, label=self.label)
        for number, values in records:
            try:
                yield self.row(number, columns, values)
            except ValueError as exc:
                yield RowError(number, str(exc))

    # Cells are text (CSV) or typed values (XLSX).

    def _day(self, value) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value).strip()
        if " " in text or "T" in text:
            return parse_local_datetime(text, self.date_order).date()
        return parse_date(text, self.date_order)

    def _moment(self, value, day: dt.date) -> tuple[dt.datetime | None, dt.time | None]:
        """A begin or end: a full local date-time, or only a clock time (of ``day``)."""
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None, microsecond=0), None
        if isinstance(value, dt.time):
            return None, value.replace(tzinfo=None, microsecond=0)
        text = _text(value).strip()
        if not text:
            return None, None
        if " " in text.replace(" AM", "").replace(" PM", "").replace(" am", "").replace(
            " pm", ""
        ) or ("T" in text):
            return parse_local_datetime(text, self.date_order), None
        return None, parse_clock(text)

    def _duration(self, value) -> int | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.timedelta):
            return round(value.total_seconds())
        if isinstance(value, dt.time):
            return value.hour * 3600 + value.minute * 60 + value.second
        if isinstance(value, int | float):
            return hours_to_seconds(Decimal(str(value)))
        text = str(value).strip()
        formula = _DAY_FRACTION.match(text)
        if formula:
            return round(Decimal(formula.group(1)))
        return parse_duration(text, self.numbers)

    def _number(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, int | float):
            return Decimal(str(value))
        return self.number(str(value))

    def row(self, line: int, c: reading.HeaderMap, r: list) -> SourceRow:
        kind = _text(c.get(r, "type")).strip().lower()
        if kind and kind not in ("timesheet", "time", "zeit", "zeiterfassung"):
            raise ValueError(_("A %(kind)s record, not worked time.") % {"kind": kind})
        day = self._day(c.get(r, "date"))
        begin_at, begin_clock = self._moment(c.get(r, "begin"), day)
        end_at, end_clock = self._moment(c.get(r, "end"), day)
        if begin_at is None and begin_clock is None:
            raise ValueError(_("No begin time."))
        if end_at is None and end_clock is None:
            raise ValueError(_("No end time: the entry was still running when exported."))
        hint = self._duration(c.get(r, "duration"))
        if begin_at is None and end_at is None:
            start, end = timing.day_and_clocks(
                day, begin_clock, end_clock, self.tz, hint_seconds=hint
            )
        else:
            begin_at = begin_at or dt.datetime.combine(day, begin_clock)
            if end_at is None:
                end_at = dt.datetime.combine(begin_at.date(), end_clock)
                if end_at <= begin_at:
                    end_at += dt.timedelta(days=1)
            start, end = timing.local_interval(begin_at, end_at, self.tz, hint_seconds=hint)
        billable, exported = _text(c.get(r, "billable")), _text(c.get(r, "exported"))
        project = _text(c.get(r, "project")).strip()
        if not project:
            raise ValueError(_("No project."))
        currency = _text(c.get(r, "currency"))
        return SourceRow(
            line=line,
            person_email=_text(c.get(r, "email")).strip(),
            person_name=(_text(c.get(r, "alias")) or _text(c.get(r, "user"))).strip(),
            client=_text(c.get(r, "customer")).strip(),
            project=project,
            project_code=_text(c.get(r, "project_number")).strip(),
            task=_text(c.get(r, "activity")).strip(),
            description=_text(c.get(r, "description")),
            is_billable=parse_flag(billable) if billable.strip() else None,
            start=start,
            end=end,
            seconds=int((end - start).total_seconds()),
            rate=self._number(c.get(r, "hourly_rate")),
            amount=self._number(c.get(r, "amount")),
            currency=parse_currency(currency) if currency.strip() else "",
            is_invoiced=parse_flag(exported) if exported.strip() else False,
            source_id=_text(c.get(r, "id")).strip(),
            tags=tags_of(_text(c.get(r, "tags"))),
        )
