"""One writer per target system, each ``render(documents, invoices, mapping, period) -> bytes``.

Spreadsheet cells that begin like a formula (``= + - @``, tab, carriage return) are neutralised
with a leading apostrophe in text cells (``safe``); amounts are written as numbers."""

from __future__ import annotations

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")
