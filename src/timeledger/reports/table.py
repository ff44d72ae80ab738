"""A report's result: columns, rows and a chart — the one shape the page, the API, the CLI and
the CSV/XLSX/PDF exports all read, so they cannot disagree.

Values in rows are plain: ``str``, ``int``, ``Decimal`` (hours from ``core.hours``, money already
quantized to the row's ``currency``), ``datetime.date`` or ``None``. A money column is dropped for
an asker who may not see money (``Report.visible``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TEXT, HOURS, MONEY, PERCENT, NUMBER, DATE = "text", "hours", "money", "percent", "number", "date"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    money: bool = False  # a figure of money though not an amount (margin %, currency)

    @property
    def is_money(self) -> bool:
        return self.money or self.kind == MONEY


@dataclass
class Series:
    name: str
    values: list[Decimal | None]


@dataclass
class Chart:
    """Bars (grouped) or lines over categories; ``target`` draws a horizontal line."""

    categories: list[str]
    series: list[Series]
    kind: str = "bar"
    unit: str = ""
    target: Decimal | None = None
    is_money: bool = False


@dataclass
class Report:
    name: str
    title: str
    columns: list[Column]
    rows: list[dict]
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)
    # Each row's "drill": filter overrides (``{"project": 3}``) for the entries behind it.
    summary: list[dict] = field(default_factory=list)  # headline figures (the dashboard)
    extra: dict = field(default_factory=dict)  # further tables (the aging of receivables)

    def visible(self, *, money: bool) -> Report:
        if money:
            return self
        keep = [c for c in self.columns if not c.is_money]
        keys = {c.key for c in keep} | {"drill", "currency_hidden"}
        rows = [{k: v for k, v in r.items() if k in keys} for r in self.rows]
        chart = None if self.chart is None or self.chart.is_money else self.chart
        summary = [s for s in self.summary if s.get("kind") != MONEY]
        return Report(self.name, self.title, keep, rows, chart, self.notes, summary)


def plain(value):
    """A cell as JSON: Decimal → string (exact), date → ISO."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
