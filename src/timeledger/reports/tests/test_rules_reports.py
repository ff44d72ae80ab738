"""Pure rules of the reports (no database): percentages and ratios half-up from exact values,
the age buckets, the chart's series, and spreadsheet cells that never run as formulas."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from timeledger.reports.charts import svg
from timeledger.reports.estimates import factor, ratio
from timeledger.reports.exports import FORMULA_START, spreadsheet_cell
from timeledger.reports.pipeline import horizon_of
from timeledger.reports.table import Chart, Series, pct
from timeledger.reports.wip import bucket_of

money = st.decimals(min_value=0, max_value=10**9, places=2)


def half_up(q: Fraction, places: str) -> Decimal:
    return (Decimal(q.numerator) / Decimal(q.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


@given(part=money, whole=money.filter(lambda w: w > 0))
def test_percent_is_half_up_of_the_exact_fraction(part, whole):
    exact = Fraction(part) * 100 / Fraction(whole)
    assert pct(part, whole) == half_up(exact, "0.1")


def test_percent_of_nothing_is_empty():
    assert pct(Decimal(5), Decimal(0)) is None
    assert pct(Decimal("0.125"), Decimal(100)) == Decimal("0.1")  # 0.125 % → 0.1, half-up


@given(
    seconds=st.integers(0, 10**8), estimate=st.decimals(min_value="0.01", max_value=10**5, places=2)
)
def test_ratio_from_exact_seconds(seconds, estimate):
    assert ratio(seconds, estimate) == half_up(Fraction(seconds, 3600) / Fraction(estimate), "0.01")


def test_factor_is_the_median_half_up():
    assert factor([Decimal("1.15"), Decimal("0.20")]) == Decimal("0.68")  # 0.675 → 0.68
    assert factor([Decimal("3"), Decimal("1"), Decimal("2")]) == Decimal("2.00")


def test_buckets_and_horizons():
    assert [bucket_of(d) for d in (0, 30, 31, 60, 61, 90, 91)] == [
        "0-30",
        "0-30",
        "31-60",
        "31-60",
        "61-90",
        "61-90",
        "90+",
    ]
    today = dt.date(2026, 11, 30)
    assert horizon_of(today, today) == 4
    assert horizon_of(today, today + dt.timedelta(weeks=4, days=1)) == 8
    assert horizon_of(today, today + dt.timedelta(weeks=12)) == 12
    assert horizon_of(today, today + dt.timedelta(weeks=12, days=1)) is None


values = st.lists(
    st.one_of(st.none(), st.decimals(-(10**6), 10**6, places=2)), min_size=0, max_size=8
)


@given(series=st.lists(values, min_size=0, max_size=5), target=st.one_of(st.none(), money))
def test_chart_draws_one_group_per_series(series, target):
    n = max((len(v) for v in series), default=0)
    chart = Chart(
        [f"c{i}" for i in range(n)],
        [Series(f"s{i}", v) for i, v in enumerate(series)],
        target=target,
    )
    out = svg(chart, title="<t>")
    assert out.count('<g class="series"') == len(series)
    assert "<t>" not in out  # escaped


@given(text=st.text(max_size=20))
def test_spreadsheet_text_never_starts_a_formula(text):
    cell = spreadsheet_cell(text)
    assert not str(cell).startswith(FORMULA_START)
    assert str(cell).lstrip("'") == text or str(cell) == text
