"""Billing rules as a finance person reads them: when a project is due, what each line says,
how the estimate review and the progress checks round and word their figures."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.billing import rules

D = dt.date


# --- due ----------------------------------------------------------------------------------------


def test_a_scheduled_project_is_due_once_a_period_ended_after_the_last_billed_one():
    due = rules.is_due
    assert due("schedule", cutoff=D(2026, 3, 31), billed_through=None, milestones_due=False)
    assert due(
        "schedule", cutoff=D(2026, 3, 31), billed_through=D(2026, 2, 28), milestones_due=False
    )
    assert not due(
        "schedule", cutoff=D(2026, 3, 31), billed_through=D(2026, 3, 31), milestones_due=True
    )


@pytest.mark.parametrize("trigger", ["milestone", "hybrid"])
def test_a_milestone_or_hybrid_project_is_due_only_when_a_milestone_is_ready(trigger):
    assert rules.is_due(trigger, cutoff=D(2026, 3, 31), billed_through=None, milestones_due=True)
    assert not rules.is_due(
        trigger, cutoff=D(2026, 3, 31), billed_through=None, milestones_due=False
    )


def test_a_manual_project_is_always_due():
    assert rules.is_due(
        "manual", cutoff=D(2026, 3, 31), billed_through=D(2026, 3, 31), milestones_due=False
    )


# --- periods ------------------------------------------------------------------------------------


def test_weekly_periods_end_on_the_chosen_weekday():
    wednesday = D(2026, 3, 4)
    assert rules.period_end_on_or_before("weekly", wednesday) == D(2026, 3, 1)  # Sunday
    assert rules.period_end_on_or_before("weekly", wednesday, weekday=5) == D(2026, 2, 27)
    assert rules.period_end_on_or_before("weekly", wednesday, weekday=3) == wednesday
    assert rules.period_end_on_or_before("weekly", wednesday, weekday=1) == D(2026, 3, 2)


def test_biweekly_periods_count_from_monday_1_january_2024_by_default():
    assert rules.period_end_on_or_before("biweekly", D(2024, 1, 13)) == D(2023, 12, 31)
    assert rules.period_end_on_or_before("biweekly", D(2024, 1, 14)) == D(2024, 1, 14)
    assert rules.period_end_on_or_before("biweekly", D(2024, 1, 27)) == D(2024, 1, 14)
    assert rules.period_end_on_or_before("biweekly", D(2024, 1, 28)) == D(2024, 1, 28)


def test_an_unknown_frequency_is_refused_by_name():
    with pytest.raises(ValueError, match="^unknown frequency 'daily'$"):
        rules.period_end_on_or_before("daily", D(2026, 3, 4))


# --- amounts in texts ---------------------------------------------------------------------------


def test_amounts_in_texts_use_the_currency_or_two_decimals_and_more_only_when_there():
    assert rules.fmt(Decimal("12.345"), "EUR") == "12.35"
    assert rules.fmt(Decimal("12.3456"), "KWD") == "12.346"
    assert rules.fmt(Decimal("1234.5"), "JPY") == "1,235"
    assert rules.fmt(Decimal("1234.5")) == "1,234.50"
    assert rules.fmt(Decimal("12.345")) == "12.345"
    assert rules.fmt(Decimal("7")) == "7.00"


def test_a_time_line_shows_a_finer_rate_as_it_is():
    assert (
        rules.time_line_description("Support", 7200, Decimal("0.125"), Decimal("0.25"), "EUR")
        == "Support — 2.00 h × 0.125 = 0.25"
    )


def test_line_texts_of_instalments_and_retainers():
    assert rules.instalment_line_description("Kick-off", Decimal("30.00"), None) == (
        "Fixed fee: Kick-off"
    )
    assert (
        rules.instalment_line_description("Kick-off", Decimal("30.00"), Decimal("12000"), "EUR")
        == "Fixed fee: Kick-off — 30.00% of 12,000.00"
    )
    assert (
        rules.instalment_line_description("Kick-off", Decimal("30.00"), Decimal("1200.5"), "JPY")
        == "Fixed fee: Kick-off — 30.00% of 1,201"
    )
    assert rules.retainer_fee_description(D(2026, 1, 1), D(2026, 1, 31), Decimal("40.00")) == (
        "Retainer 01 Jan 2026 – 31 Jan 2026 (40.00 h included)"
    )


def _usage(**kw):
    args = {
        "used_hours": Decimal("45.5"),
        "allowance_hours": Decimal("40"),
        "overage_hours": Decimal("5.5"),
        "overage_rate": Decimal("95"),
        "overage_amount": Decimal("522.5"),
        "currency": "EUR",
    }
    return rules.retainer_usage_description(D(2026, 1, 1), D(2026, 1, 31), **{**args, **kw})


def test_a_retainer_closing_line_shows_hours_against_the_allowance_and_the_overage():
    assert _usage() == (
        "Retainer hours 01 Jan 2026 – 31 Jan 2026: 45.50 h of 40.00 h — overage 5.50 h × 95.00"
        " = 522.50"
    )
    assert _usage(overage_rate=Decimal("0.125"), overage_amount=Decimal("0.6875")) == (
        "Retainer hours 01 Jan 2026 – 31 Jan 2026: 45.50 h of 40.00 h — overage 5.50 h × 0.125"
        " = 0.69"
    )
    assert _usage(currency=None, overage_rate=Decimal("0.125"), overage_amount=Decimal("0.69")) == (
        "Retainer hours 01 Jan 2026 – 31 Jan 2026: 45.50 h of 40.00 h — overage 5.50 h × 0.125"
        " = 0.69"
    )
    assert _usage(currency=None, overage_rate=Decimal("95")).endswith("× 95.00 = 522.50")


def test_a_retainer_within_its_allowance_says_no_overage():
    assert _usage(used_hours=Decimal("40"), overage_hours=Decimal("0")) == (
        "Retainer hours 01 Jan 2026 – 31 Jan 2026: 40.00 h of 40.00 h — no overage"
    )
    assert _usage(overage_hours=Decimal("-1")).endswith("— no overage")


# --- milestones ---------------------------------------------------------------------------------


def test_nothing_more_is_sliced_once_the_billed_percent_reaches_the_target():
    assert rules.milestone_slice(Decimal("1000"), Decimal("50"), Decimal("50"), "EUR") is None
    assert rules.milestone_slice(Decimal("1000"), Decimal("50"), Decimal("40"), "EUR") is None
    assert rules.milestone_slice(Decimal("1000"), Decimal("50"), Decimal("50.5"), "EUR") == (
        rules.Slice(Decimal("50"), Decimal("50.5"), Decimal("5.00"))
    )


# --- the estimate review ------------------------------------------------------------------------


def test_the_review_keeps_every_figure_and_other_drafts_use_up_the_estimate():
    r = rules.review(
        Decimal("1000"), Decimal("600"), Decimal("150"), Decimal("200"), currency="EUR"
    )
    assert r == rules.Review(
        estimate=Decimal("1000"),
        billed_to_date=Decimal("600"),
        other_drafts=Decimal("200"),
        this_invoice=Decimal("150"),
        remaining=Decimal("50"),
        currency="EUR",
    )
    assert r.percent_used == Decimal("95.0")
    assert not r.is_over


def test_without_an_estimate_nothing_remains_and_nothing_is_over():
    r = rules.review(None, Decimal("600"), Decimal("150"))
    assert r.remaining is None
    assert not r.is_over
    assert r.percent_used is None
    assert rules.approval_errors(r, "") == {}


def test_approving_over_the_estimate_needs_a_note_with_the_figures_in_the_currency():
    r = rules.review(
        Decimal("100.000"), Decimal("80.000"), Decimal("20.5005"), Decimal("0"), currency="KWD"
    )
    assert r.is_over
    assert rules.approval_errors(r, "  ") == {
        "estimate_note": "This invoice takes the project 0.501 over its estimate of "
        "100.000; explain why before approving."
    }
    assert rules.approval_errors(r, "extra scope agreed") == {}
    eur = rules.review(Decimal("1000"), Decimal("900"), Decimal("150.255"), currency="EUR")
    assert rules.approval_errors(eur, "")["estimate_note"].startswith(
        "This invoice takes the project 50.26 over its estimate of 1,000.00;"
    )


def test_an_underrun_below_one_unit_is_still_offered():
    r = rules.review(Decimal("1000"), Decimal("999.50"), Decimal("0"))
    assert rules.underrun_offer(r, project_closed=True) == Decimal("0.50")
    done = rules.review(Decimal("1000"), Decimal("1000"), Decimal("0"))
    assert rules.underrun_offer(done, project_closed=True) is None


# --- progress -----------------------------------------------------------------------------------


def test_percent_complete_rounds_half_up_to_a_tenth():
    tasks = [(Decimal("12.5"), None, False), (Decimal("12"), None, False)]
    assert rules.project_percent_complete(tasks) == Decimal("12.3")  # 12.25, half-even 12.2


def test_the_billed_share_rounds_half_up_to_a_tenth():
    rec = rules.progress_reconciliation(
        billing_model="fixed_fee",
        percent_complete=Decimal("0.25"),
        threshold=Decimal("10"),
        fee=Decimal("400"),
        fee_billed=Decimal("1"),  # 0.25 %
    )
    assert rec == rules.Reconciliation(
        what="Fixed fee",
        basis="the fee",
        billed=Decimal("1"),
        agreed=Decimal("400"),
        unit="",
        billed_share=Decimal("0.3"),
        percent_complete=Decimal("0.3"),
        threshold=Decimal("10"),
    )


def test_a_hold_says_whether_billing_is_ahead_of_or_behind_the_work():
    assert rules.reconciliation_hold(
        billed_share=Decimal("20"),
        percent_complete=Decimal("45"),
        threshold=Decimal("10"),
        what="Milestone Design",
    ) == (
        "Milestone Design: billed 20.0% is behind 45.0% complete by 25.0 points (threshold 10 "
        "points)."
    )
    assert "is ahead of 20.0% complete" in rules.reconciliation_hold(
        billed_share=Decimal("45"),
        percent_complete=Decimal("20"),
        threshold=Decimal("10"),
        what="Milestone Design",
    )


@given(
    billed=st.decimals(min_value=0, max_value=200, places=1),
    done=st.decimals(min_value=0, max_value=100, places=1),
    threshold=st.decimals(min_value=0, max_value=50, places=0),
)
def test_a_hold_is_given_exactly_when_the_gap_exceeds_the_threshold(billed, done, threshold):
    reason = rules.reconciliation_hold(
        billed_share=billed, percent_complete=done, threshold=threshold, what="M"
    )
    assert (reason is not None) == (abs(billed - done) > threshold)
    if reason is not None:
        assert ("ahead of" in reason) == (billed > done)
