"""Pure billing rules: periods, line texts, milestone slices, review, reconciliation."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from timeledger.billing import rules
from timeledger.core.hours import allocate_hours, format_quantity, hours_2dp
from timeledger.core.money import format_money, quantize
from timeledger.invoicing.totals import line_net

D = dt.date


def test_period_ends():
    assert rules.period_end_on_or_before("period_end", D(2026, 3, 15)) == D(2026, 2, 28)
    assert rules.period_end_on_or_before("period_end", D(2026, 3, 31)) == D(2026, 3, 31)
    assert rules.period_end_on_or_before("semi_monthly", D(2026, 3, 14)) == D(2026, 2, 28)
    assert rules.period_end_on_or_before("semi_monthly", D(2026, 3, 20)) == D(2026, 3, 15)
    assert rules.period_end_on_or_before("monthly", D(2026, 3, 9), day_of_month=10) == D(
        2026, 2, 10
    )
    assert rules.period_end_on_or_before("monthly", D(2026, 3, 10), day_of_month=10) == D(
        2026, 3, 10
    )
    assert rules.period_end_on_or_before("monthly", D(2026, 3, 1), day_of_month=31) == D(
        2026, 2, 28
    )
    # weekly periods end on Sunday (ISO 7); 2026-03-04 is a Wednesday
    assert rules.period_end_on_or_before("weekly", D(2026, 3, 4)) == D(2026, 3, 1)
    assert rules.period_end_on_or_before("weekly", D(2026, 3, 8)) == D(2026, 3, 8)
    anchor = D(2026, 1, 5)  # a Monday: periods 5–18 Jan, 19 Jan–1 Feb, ...
    assert rules.period_end_on_or_before("biweekly", D(2026, 1, 20), anchor=anchor) == D(
        2026, 1, 18
    )
    assert rules.period_end_on_or_before("biweekly", D(2026, 2, 1), anchor=anchor) == D(2026, 2, 1)


@given(
    st.sampled_from(["weekly", "biweekly", "semi_monthly", "monthly", "period_end"]),
    st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31)),
    st.integers(1, 31),
    st.integers(1, 7),
)
def test_period_end_is_on_or_before_and_stable(freq, day, dom, wd):
    end = rules.period_end_on_or_before(freq, day, day_of_month=dom, weekday=wd)
    assert end <= day
    assert (day - end).days < 32
    # a period end is its own period end: running on that day bills up to it
    assert rules.period_end_on_or_before(freq, end, day_of_month=dom, weekday=wd) == end


def test_line_description_reads_like_an_invoice():
    net = line_net(hours_2dp(12 * 3600), Decimal("150.00"), "EUR")
    assert rules.time_line_description(
        "Discovery and architecture review", 12 * 3600, Decimal("150"), net
    ) == ("Discovery and architecture review — 12.00 h × 150.00 = 1,800.00")


def test_line_description_uses_the_currency_decimals():
    net = line_net(Decimal("1.50"), Decimal("12.345"), "KWD")
    assert net == Decimal("18.518")
    assert rules.time_line_description("Audit", 5400, Decimal("12.345"), net, "KWD") == (
        "Audit — 1.50 h × 12.345 = 18.518"
    )


@given(
    seconds=st.lists(st.integers(min_value=0, max_value=24 * 3600), min_size=1, max_size=30),
    rate=st.decimals(min_value=Decimal("0"), max_value=Decimal("5000"), places=3),
    currency=st.sampled_from(["EUR", "KWD", "JPY"]),
)
def test_printed_quantity_times_printed_price_is_the_printed_net(seconds, rate, currency):
    # A time line as the engine builds it, then read back from its printed figures, as a
    # client (or the PEPPOL-EN16931-R120 check on the e-invoice) would.
    rate = quantize(rate, currency)
    quantity = hours_2dp(sum(seconds))
    net = line_net(quantity, rate, currency)
    printed_qty = Decimal(format_quantity(quantity).replace(",", ""))
    printed_price = Decimal(format_money(rate, currency, price=True).replace(",", ""))
    printed_net = Decimal(format_money(net, currency).replace(",", ""))
    assert quantize(printed_qty * printed_price, currency) == printed_net == net
    assert sum(allocate_hours(seconds)) == quantity


@given(
    st.decimals(min_value=0, max_value=1_000_000, places=2),
    st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=8),
)
def test_milestone_slices_add_up_to_value_and_never_exceed_100(value, steps):
    billed, total = Decimal(0), Decimal("0.00")
    for target in sorted(steps) + [Decimal(100)]:
        piece = rules.milestone_slice(value, billed, target, "EUR")
        if piece is None:
            assert target <= billed
            continue
        assert piece.from_percent == billed and piece.to_percent == min(target, Decimal(100))
        total += piece.amount
        billed = piece.to_percent
    assert billed == 100
    assert total == value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_review_and_approval_errors():
    r = rules.review(Decimal("1000.00"), Decimal("800.00"), Decimal("300.00"))
    assert r.remaining == Decimal("-100") and r.is_over
    assert "100.00 over its estimate of 1,000.00" in rules.approval_errors(r, "")["estimate_note"]
    assert rules.approval_errors(r, "agreed with client") == {}
    assert rules.underrun_offer(
        rules.review(Decimal("1000"), Decimal("0"), Decimal("600")), project_closed=True
    ) == Decimal("400")
    assert (
        rules.underrun_offer(
            rules.review(Decimal("1000"), Decimal("0"), Decimal("600")), project_closed=False
        )
        is None
    )


def test_reconciliation_threshold_in_points():
    assert (
        rules.reconciliation_hold(
            billed_share=Decimal(50), percent_complete=Decimal(40), threshold=Decimal(10), what="M"
        )
        is None
    )
    reason = rules.reconciliation_hold(
        billed_share=Decimal(50), percent_complete=Decimal("39.9"), threshold=Decimal(10), what="M"
    )
    assert "ahead of 39.9% complete by 10.1 points" in reason
