"""Opening an uploaded export: what kind of file it is, its text encoding, and its CSV records
with columns found by header name (never by position), streamed row by row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from timeledger.integrations.imports.rows import ImportFileError

MAX_FILE_BYTES = 200 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
# One cell of a real export is a description; 64 KB is far beyond any and keeps noise bounded.
MAX_FIELD_CHARS = 64 * 1024

XLSX, JSON, TEXT = "xlsx", "json", "text"


def file_kind(head: bytes) -> str:
    """``xlsx`` (a zip), ``json`` or ``text``; raises for binary data that is none of them."""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return TEXT
    body = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    if b"\x00" in body:
        raise ImportFileError(
            _("This is binary data, not an export: upload the CSV, XLSX or JSON file itself.")
        )
    stripped = body.lstrip()
    if stripped[:1] in (b"[", b"{"):
        return JSON
    return TEXT


def sniff_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (Excel's "CSV" on
    Western European Windows)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sample's end
            return "utf-8"
    return "cp1252"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\r\n") or 0x7F <= ord(c) < 0xA0)
    return bad / len(text)


def open_text(stream: BinaryIO) -> io.TextIOWrapper:
    """The file as text, streamed; refuses text that is mostly control characters (noise)."""
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    encoding = sniff_encoding(head)
    sample = head.decode(encoding, errors="replace")
    if _control_share(sample) > 0.01:
        raise ImportFileError(
            _(
                "This is not a text export (it is full of control characters): upload the CSV,"
                " XLSX or JSON file itself."
            )
        )
    return io.TextIOWrapper(stream, encoding=encoding, newline="")


def normalise(header: str) -> str:
    """``\ufeff"Start  Date "`` → ``start date``: how headers are compared."""
    return " ".join(str(header or "").replace("\ufeff", "").strip().lower().split())


@dataclass(frozen=True)
class Column:
    """A column we read: its canonical name and the headers it goes by in vendors' versions
    and languages. A header ending in ``(XXX)`` can carry the currency (``Amount (EUR)``)."""

    name: str
    headers: tuple[str, ...]
    required: bool = False
    currency_suffix: bool = False


_SUFFIX = re.compile(r"^(?P<base>.*?)\s*\((?P<cur>[a-z]{0,3})\)$")


@dataclass
class HeaderMap:
    """Which position holds which column, and currencies found in headers."""

    index: dict[str, int]
    currency: dict[str, str]
    headers: list[str]

    def ix(self, name: str) -> int:
        """The column's position, or -1: parsers pad every record with one empty cell at the
        end, so a missing column reads as empty without a test per cell."""
        return self.index.get(name, -1)

    def get(self, record: list[str], name: str) -> str:
        i = self.index.get(name)
        if i is None or i >= len(record):
            return ""
        return record[i]

    def has(self, name: str) -> bool:
        return name in self.index


def map_headers(headers: list[str], columns: list[Column], *, label: str) -> HeaderMap:
    """Find each column by header name; raise when a required one is missing."""
    wanted: dict[str, Column] = {}
    for col in columns:
        for h in col.headers:
            wanted[h] = col
    index: dict[str, int] = {}
    currency: dict[str, str] = {}
    for i, raw in enumerate(headers):
        h = normalise(raw)
        col = wanted.get(h)
        if col is None:
            match = _SUFFIX.match(h)
            if match:
                col = wanted.get(match["base"])
                if col is not None and col.currency_suffix:
                    currency[col.name] = match["cur"].upper()
                else:
                    col = None
        if col is not None and col.name not in index:  # the first of duplicate headers wins
            index[col.name] = i
    missing = [c.headers[0] for c in columns if c.required and c.name not in index]
    if missing:
        raise ImportFileError(
            _("This does not look like a %(format)s: no column %(missing)s (found: %(found)s).")
            % {
                "format": label,
                "missing": ", ".join(f"'{m.title()}'" for m in missing),
                "found": ", ".join(repr(h) for h in headers[:12] if h) or _("nothing"),
            }
        )
    return HeaderMap(index=index, currency=currency, headers=headers)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def csv_records(text: io.TextIOBase) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of ``(line number, fields)`` for every non-empty record.

    The line number is the physical line the record starts on (1 = the header), so a
    description with line breaks does not shift the numbers of the rows after it.
    """
    try:
        first = text.readline(MAX_FIELD_CHARS + 1)
    except UnicodeDecodeError:
        raise ImportFileError(_("The first line is not readable text.")) from None
    if len(first) > MAX_FIELD_CHARS:
        raise ImportFileError(_("The first line is not a header row (it is far too long)."))
    if not first.strip():
        raise ImportFileError(_("The file is empty."))
    delimiter = _delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter))

    def records() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(text, delimiter=delimiter, strict=False)
        previous = 1
        try:
            for record in reader:
                start, previous = previous + 1, reader.line_num + 1
                if not record or not "".join(record).strip():
                    continue
                if max(map(len, record)) > MAX_FIELD_CHARS:
                    raise ImportFileError(
                        _(
                            "Line %(line)s: a cell of more than %(chars)s characters; this is not"
                            " an export."
                        )
                        % {"line": start, "chars": f"{MAX_FIELD_CHARS:,}"}
                    )
                yield start, record
        except csv.Error as exc:
            raise ImportFileError(
                _("Line %(line)s: not readable CSV (%(error)s).")
                % {"line": previous + 1, "error": exc}
            ) from None
        except UnicodeDecodeError:
            raise ImportFileError(
                _("Line %(line)s: not readable text in the file's encoding.")
                % {"line": previous + 1}
            ) from None

    return header, records()


# --- XLSX ----------------------------------------------------------------------------------------

MAX_XLSX_UNCOMPRESSED = 1024 * 1024 * 1024


def xlsx_records(stream: BinaryIO) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The first sheet's header and ``(row number, values)`` of its non-empty rows, streamed
    (read-only mode). Values are what the cells hold: text, numbers, dates, times, durations
    (``timedelta``) and formulas as their text (``=3600/86400``), never evaluated."""
    try:
        with zipfile.ZipFile(stream) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
                raise ImportFileError(
                    _("This XLSX unpacks to more than 1 GB; it is not an export.")
                )
        stream.seek(0)
        book = load_workbook(stream, read_only=True, data_only=False)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ImportFileError(
            _("This is not a readable XLSX workbook (%(error)s).") % {"error": exc}
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header: list[str] | None = None
    number = 0
    for values in rows:
        number += 1
        if values and any(v not in (None, "") for v in values):
            header = ["" if v is None else str(v) for v in values]
            break
    if header is None:
        raise ImportFileError(_("The workbook's first sheet is empty."))

    def records() -> Iterator[tuple[int, list]]:
        n = number
        for values in rows:
            n += 1
            if values and any(v not in (None, "") for v in values):
                yield n, ["" if v is None else v for v in values]
        book.close()

    return header, records()
