"""The reports phase of the benchmark: every report of ``reports.registry``, timed on a one-month
and a one-year range, as an owner sees it (everything, money included).

``pipeline`` runs the billing engine's dry run, and ``team-week`` always covers one week.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from timeledger.reports.filters import Filters, Scope
from timeledger.reports.registry import REPORTS

RANGES = {
    "month": (dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
    "year": (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
}


def time_reports(org, *, repeat: int = 1) -> dict[str, dict]:
    """``{report: {"month_s": …, "year_s": …, "rows": …}}`` (the best of ``repeat`` runs)."""
    scope = Scope(org)
    reverse("approvals")  # load the URLconf once, as a serving process has (team week links)
    out: dict[str, dict] = {}
    for name, spec in REPORTS.items():
        figures: dict = {}
        for label, (start, end) in RANGES.items():
            f = Filters(date_from=start, date_to=end, group=spec.default_group)
            kwargs = {"today": end} if spec.with_today else {}
            best = None
            for _ in range(repeat):
                t0 = time.perf_counter()
                report = spec.select(scope, f, **kwargs)
                elapsed = time.perf_counter() - t0
                best = elapsed if best is None else min(best, elapsed)
            figures[f"{label}_s"] = round(best, 3)
            figures[f"{label}_rows"] = len(report.rows)
        out[name] = figures
    return out


def time_pipeline(org, *, repeat: int = 2) -> dict[str, dict]:
    """The pipeline report alone (its "next billing run" is the billing engine's dry run) on the
    month and the year: best and all times, rows, queries, and the total per currency — so two
    versions of the code can be compared on the same database (the totals must be equal)."""
    scope = Scope(org)
    reverse("approvals")
    spec = REPORTS["pipeline"]
    out: dict[str, dict] = {}
    for label, (start, end) in RANGES.items():
        times, report, queries = [], None, 0
        for _ in range(repeat):
            f = Filters(date_from=start, date_to=end, group=spec.default_group)
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                report = spec.select(scope, f, today=end)
                times.append(time.perf_counter() - t0)
            queries = len(captured)
        totals: dict[str, Decimal] = {}
        for row in report.rows:
            totals[row["currency"]] = totals.get(row["currency"], Decimal(0)) + row["amount"]
        out[label] = {
            "best_s": round(min(times), 3),
            "all_s": [round(t, 3) for t in times],
            "rows": len(report.rows),
            "queries": queries,
            "totals": {k: str(v) for k, v in sorted(totals.items())},
        }
    return out


def revenue_per_project(org) -> dict[str, Decimal]:
    """Profitability's revenue per project code over 2025 (what the oracle totals)."""
    f = Filters(date_from=RANGES["year"][0], date_to=RANGES["year"][1], group="project")
    report = REPORTS["profitability"].select(Scope(org), f)
    return {r["group"].split(" — ")[0]: r["revenue"] for r in report.rows}
