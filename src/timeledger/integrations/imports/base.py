"""What the five format parsers share: options, the parser interface, and the CSV loop."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import BinaryIO, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from timeledger.integrations.imports import reading
from timeledger.integrations.imports.rows import ImportFileError, RowError, SourceRow
from timeledger.integrations.imports.values import DATE_ORDERS, NumberReader


@dataclass(frozen=True)
class ParseOptions:
    """How to read a file: the zone its local times are in, and (when an export's settings
    cannot be seen in it) the decimal mark and the order of day and month."""

    tz: str
    decimal: str | None = None
    date_order: str | None = None

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ImportFileError(
                _("%(zone)s is not a time zone (e.g. Europe/Berlin).") % {"zone": repr(self.tz)}
            ) from None
        if self.decimal not in (None, ".", ","):
            raise ImportFileError(_("The decimal mark is '.' or ','."))
        if self.date_order not in (None, *DATE_ORDERS):
            raise ImportFileError(
                _("The date order is one of %(orders)s.") % {"orders": ", ".join(DATE_ORDERS)}
            )


# A parser's ``row_word`` as the preview page shows it ("Line 12: …"), marked for the catalogues.
ROW_WORDS = (pgettext_lazy("import row", "line"), pgettext_lazy("import row", "frame"))


class Parser:
    """One vendor's export. ``parse`` yields a ``SourceRow`` or a ``RowError`` per record."""

    name: ClassVar[str]
    label: ClassVar[str]
    timing: ClassVar[str]
    kind: ClassVar[str] = reading.TEXT
    row_word: ClassVar[str] = "line"
    default_date_order: ClassVar[str] = "ymd"
    columns: ClassVar[list[reading.Column]] = []

    def __init__(self, options: ParseOptions) -> None:
        self.options = options
        self.tz = ZoneInfo(options.tz)
        self.numbers = NumberReader(options.decimal)
        self.date_order = options.date_order or self.default_date_order

    @classmethod
    def score(cls, headers: set[str]) -> int:
        """How well a CSV header fits this format (0: not at all)."""
        return 0

    def parse(self, stream: BinaryIO) -> Iterator[SourceRow | RowError]:
        text = reading.open_text(stream)
        try:
            header, records = reading.csv_records(text)
            columns = reading.map_headers(header, self.columns, label=self.label)
            self.prepare(columns)
            width = len(header)
            for line, record in records:
                if len(record) != width:
                    if len(record) > width and "".join(record[width:]).strip():
                        yield RowError(
                            line,
                            _("%(fields)s fields where the header has %(width)s.")
                            % {"fields": len(record), "width": width},
                        )
                        continue
                    del record[width:]
                    record.extend([""] * (width - len(record)))
                record.append("")  # what a missing column (index -1) reads
                try:
                    yield self.row(line, columns, record)
                except ValueError as exc:
                    yield RowError(line, str(exc))
        finally:
            # The text wrapper would close the caller's file with it; the caller reads it again.
            text.detach()

    def prepare(self, columns: reading.HeaderMap) -> None:
        """Called once per file with its columns, before the rows."""
        self.i = SimpleNamespace(**{c.name: columns.ix(c.name) for c in self.columns})

    def row(self, line: int, columns: reading.HeaderMap, record: list[str]) -> SourceRow:
        raise NotImplementedError

    # helpers for subclasses

    def number(self, text: str):
        return self.numbers.parse(text) if text.strip() else None


def col(name: str, *headers: str, required: bool = False, currency: bool = False):
    return reading.Column(name, tuple(headers), required=required, currency_suffix=currency)


def tags_of(text: str) -> tuple[str, ...]:
    if "," not in text:  # most cells: one tag or none
        tag = text.strip()
        return (tag,) if tag else ()
    return tuple([t for t in map(str.strip, text.split(",")) if t])


def require(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        if what == "project":
            raise ValueError(_("No project."))
        if what == "hours":
            raise ValueError(_("No hours."))
        raise ValueError(f"No {what}.")
    return value
