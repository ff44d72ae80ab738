"""Reading the values of vendors' exports: numbers with either decimal mark, dates in the
orders vendors write them, clock times (24 h or AM/PM), durations (``HH:MM:SS`` beyond 24 h,
decimal hours), yes/no flags and currency names. Pure functions, no database.

Every reader raises ``ValueError`` with a message fit to show next to the row's line number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from timeledger.core.money import MINOR_UNITS

# --- numbers -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d.,]*\Z")


class NumberReader:
    """Reads ``1234.5``, ``1,234.50``, ``1.234,50``, ``20,0`` and ``0,01`` as ``Decimal``.

    An export writes every number with the same decimal mark (Harvest: "by account preference"),
    so the reader learns the mark from the first value that shows it (both marks present, or one
    mark not followed by exactly three digits) and applies it to values that alone would be
    ambiguous (``1,234``). Before anything is learned, an ambiguous lone mark is taken as the
    decimal mark: hours and rates in these exports always carry decimals, and a thousands
    separator only appears together with one. ``decimal`` fixes the mark up front.
    """

    def __init__(self, decimal: str | None = None) -> None:
        if decimal not in (None, ".", ","):
            raise ValueError(_("The decimal mark is '.' or ','."))
        self.decimal = decimal
        # (text, mark learned so far) → (value, mark learned after): an export repeats few
        # amounts and rates, and a reading depends on nothing else.
        self._seen: dict[tuple, tuple[Decimal, str | None]] = {}

    def parse(self, text: str) -> Decimal:
        key = (text, self.decimal)
        found = self._seen.get(key)
        if found is None:
            value = self._parse(text)
            if len(self._seen) < 100_000:
                self._seen[key] = (value, self.decimal)
            return value
        self.decimal = found[1]
        return found[0]

    def _parse(self, text: str) -> Decimal:
        raw = text.strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
        if not raw:
            raise ValueError(_("empty number"))
        sign = ""
        if raw[0] in "+-":
            sign, raw = raw[0].replace("+", ""), raw[1:]
        if not _NUMBER.match(raw):
            raise ValueError(_("%(value)s is not a number") % {"value": repr(text.strip())})
        mark = self._mark(raw)
        if mark == ",":
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
        if raw.count(".") > 1:
            raise ValueError(_("%(value)s is not a number") % {"value": repr(text.strip())})
        try:
            return Decimal(sign + raw)
        except InvalidOperation:
            raise ValueError(
                _("%(value)s is not a number") % {"value": repr(text.strip())}
            ) from None

    def _mark(self, raw: str) -> str:
        has_point, has_comma = "." in raw, "," in raw
        if has_point and has_comma:
            mark = "," if raw.rfind(",") > raw.rfind(".") else "."
            return self._learn(mark)
        if not (has_point or has_comma):
            return self.decimal or "."
        sep = "." if has_point else ","
        other = "," if sep == "." else "."
        if raw.count(sep) > 1:
            return self._learn(other)  # repeated: thousands separators (1.234.567)
        tail = raw.rsplit(sep, 1)[1]
        if len(tail) != 3:
            return self._learn(sep)
        return self.decimal or sep  # ambiguous "1,234": the learned mark, else this one

    def _learn(self, mark: str) -> str:
        if self.decimal is None:
            self.decimal = mark
        return mark


# --- dates and times -----------------------------------------------------------------------------

DATE_ORDERS = ("ymd", "dmy", "mdy")
_DATE_RE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")


def parse_date(text: str, order: str = "ymd") -> dt.date:
    """A calendar date. ISO ``2026-10-25`` always reads; ``25.10.2026`` is day-first; with
    slashes the export's ``order`` decides (``mdy``: Clockify's default 10/25/2026)."""
    raw = text.strip()
    match = _DATE_RE.match(raw)
    if not match:
        raise ValueError(_("%(value)s is not a date") % {"value": repr(raw)})
    a, b, c = match.groups()
    try:
        if len(a) == 4:
            return dt.date(int(a), int(b), int(c))
        if len(c) != 4:
            raise ValueError
        if "." in raw or order == "dmy":
            return dt.date(int(c), int(b), int(a))
        if order == "mdy":
            return dt.date(int(c), int(a), int(b))
        return dt.date(int(c), int(b), int(a))
    except ValueError:
        hint = {"mdy": "MM/DD/YYYY", "dmy": "DD/MM/YYYY"}.get(order, "YYYY-MM-DD")
        raise ValueError(
            _("%(value)s is not a date (%(format)s)") % {"value": repr(raw), "format": hint}
        ) from None


_CLOCK_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp]\.?[Mm]\.?)?$")


def parse_clock(text: str) -> dt.time:
    """``13:05``, ``13:05:09``, ``1:05 PM``, ``01:05:09 pm``."""
    raw = text.strip()
    match = _CLOCK_RE.match(raw)
    if not match:
        raise ValueError(_("%(value)s is not a time of day") % {"value": repr(raw)})
    hours, minutes, seconds, half = match.groups()
    h, m, s = int(hours), int(minutes), int(seconds or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValueError(_("%(value)s is not a time of day") % {"value": repr(raw)})
        h = h % 12 + (12 if half[0] in "Pp" else 0)
    if h > 23 or m > 59 or s > 59:
        raise ValueError(_("%(value)s is not a time of day") % {"value": repr(raw)})
    return dt.time(h, m, s)


def local_datetime(day: str, clock: str, order: str = "ymd") -> dt.datetime:
    """A date cell and a clock cell as one naive date-time (ISO cells take a fast path)."""
    if len(day) == 10 and day[4] == "-" and 5 <= len(clock) <= 8 and clock[-1].isdigit():
        try:
            return dt.datetime.fromisoformat(f"{day}T{clock}")
        except ValueError:
            pass  # the general readers below say what is wrong
    return dt.datetime.combine(parse_date(day, order), parse_clock(clock))


def parse_local_datetime(text: str, order: str = "ymd") -> dt.datetime:
    """``2026-10-25 02:30[:00]`` (or ``2026-10-25T02:30``), or a date and a clock time in the
    export's date order; naive, as exports write them."""
    raw = text.strip().replace("T", " ", 1)
    day, _sep, clock = raw.partition(" ")
    if not clock:
        raise ValueError(_("%(value)s has no time of day") % {"value": repr(text.strip())})
    return dt.datetime.combine(parse_date(day, order), parse_clock(clock))


_HMS = re.compile(r"(\d+):(\d+)(?::(\d+))?\Z")


@functools.lru_cache(maxsize=8192, typed=True)  # pure, and an export repeats its durations
def parse_hms(text: str) -> int:
    """Seconds of ``HH:MM:SS`` or ``H:MM`` (hours may exceed 24: Toggl writes ``26:00:00``)."""
    raw = text.strip()
    match = _HMS.match(raw)
    if not match:
        raise ValueError(_("%(value)s is not a duration (HH:MM:SS)") % {"value": repr(raw)})
    h, m, s = int(match[1]), int(match[2]), int(match[3] or 0)
    if m > 59 or s > 59:
        raise ValueError(_("%(value)s is not a duration (HH:MM:SS)") % {"value": repr(raw)})
    return h * 3600 + m * 60 + s


def hours_to_seconds(hours: Decimal) -> int:
    """Decimal hours to whole seconds, half up (``0.01`` h = 36 s; ``1.333`` h = 4,799 s)."""
    if hours < 0:
        raise ValueError(_("hours cannot be negative"))
    return int((hours * 3600).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def parse_duration(text: str, numbers: NumberReader) -> int:
    """A duration column: ``HH:MM[:SS]`` or decimal hours (either decimal mark)."""
    raw = text.strip()
    if ":" in raw:
        return parse_hms(raw)
    return hours_to_seconds(numbers.parse(raw))


# --- flags and currencies ------------------------------------------------------------------------

_TRUE = {"yes", "y", "true", "1", "x", "ja", "oui", "wahr", "billable", "exported", "invoiced"}
_FALSE = {
    "no",
    "n",
    "false",
    "0",
    "",
    "nein",
    "non",
    "falsch",
    "non-billable",
    "not exported",
    "not_exported",
    "not invoiced",
    "uninvoiced",
}


@functools.lru_cache(maxsize=256, typed=True)  # pure, and an export has a handful of spellings
def parse_flag(text: str) -> bool:
    """``Yes``/``No`` and the other spellings exports use; an empty cell is no."""
    raw = " ".join(str(text).strip().lower().split())
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(_("%(value)s is not yes or no") % {"value": repr(str(text).strip())})


_CODE_RE = re.compile(r"\b([A-Z]{3})\b")


def parse_currency(text: str) -> str:
    """``EUR``, ``Euro - EUR``, ``US Dollar - USD`` → the ISO code; empty stays empty."""
    raw = text.strip()
    if not raw:
        return ""
    codes = [c for c in _CODE_RE.findall(raw.upper()) if c in MINOR_UNITS]
    if not codes:
        raise ValueError(_("%(value)s is not a currency we know") % {"value": repr(raw)})
    return codes[-1]
