"""CSV, XLSX and PDF of any report (``reports.table.Report``): the same columns and rows as the
page and the API.

Every spreadsheet cell goes through ``spreadsheet_cell``, the one place a value becomes a cell
(formula-like text is neutralised there), so the writers can be pointed at a shared helper by
changing that function alone. PDF: the report's HTML with its SVG chart, through WeasyPrint with
the invoice renderer's data-only fetcher (``invoicing.rendering.render_pdf``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from timeledger.invoicing.rendering import render_pdf
from timeledger.reports import charts
from timeledger.reports.table import Report

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A value as a spreadsheet cell: numbers and dates stay typed; text that a spreadsheet
    would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, (Decimal, int, dt.date)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def table(report: Report) -> tuple[list[str], list[list]]:
    header = [c.label for c in report.columns]
    body = [[spreadsheet_cell(row.get(c.key)) for c in report.columns] for row in report.rows]
    return header, body


def to_csv(report: Report) -> bytes:
    header, body = table(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_cell(h) for h in header])
    writer.writerows(body)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    header, body = table(report)
    wb = Workbook()
    ws = wb.active
    ws.title = report.title[:31]
    ws.append([spreadsheet_cell(h) for h in header])
    for row in body:
        ws.append(row)
    ws.freeze_panes = "A2"
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(h) + 4))
    for name, buckets in (report.extra.get("aging") or {}).items():
        sheet = wb.create_sheet(f"Aging {name}"[:31])
        sheet.append(["Bucket", "Outstanding"])
        for bucket, amount in buckets.items():
            sheet.append([bucket, amount])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_pdf(report: Report, *, subtitle: str = "") -> bytes:
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "report": report,
            "subtitle": subtitle,
            "chart": charts.svg(report.chart, title=report.title),
            "header": [c.label for c in report.columns],
            "body": [[row.get(c.key) for c in report.columns] for row in report.rows],
        },
    )
    return render_pdf(html)


def render(report: Report, fmt: str, *, subtitle: str = "") -> bytes:
    if fmt == "csv":
        return to_csv(report)
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "pdf":
        return to_pdf(report, subtitle=subtitle)
    raise ValueError(f"unknown format {fmt!r}")


def filename(report: Report, fmt: str, f) -> str:
    return f"{report.name}-{f.date_from:%Y%m%d}-{f.date_to:%Y%m%d}.{fmt}"
