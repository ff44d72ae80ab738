"""Pure rules: project % complete, progress reconciliation of fixed fees and hybrid T&M, the
under-run offer after settlements, which carry-forwards a draft takes."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from timeledger.billing import rules

D = Decimal


def test_project_percent_complete_is_weighted_by_estimate_hours():
    # (100×10 + 40×30) / 40 = 55.0; the task without an estimate is left out.
    tasks = [(D(100), D(10), False), (D(40), D(30), False), (D(0), None, False)]
    assert rules.project_percent_complete(tasks) == D("55.0")


def test_project_percent_complete_without_estimates_is_the_plain_average_and_done_is_100():
    assert rules.project_percent_complete([(D(20), None, False), (D(0), None, True)]) == D("60.0")
    assert rules.project_percent_complete([(D(1), None, False), (D(0), None, False)]) == D("0.5")
    assert rules.project_percent_complete([]) is None


def test_fixed_fee_reconciliation_figures_and_reason():
    rec = rules.progress_reconciliation(
        billing_model="fixed_fee",
        percent_complete=D("30"),
        threshold=D("10.00"),
        currency="EUR",
        fee=D("12000.00"),
        fee_billed=D("7200.00"),
    )
    assert (rec.billed_share, rec.percent_complete, rec.gap, rec.is_beyond) == (
        D("60.0"),
        D("30.0"),
        D("30.0"),
        True,
    )
    assert rec.reason == (
        "Fixed fee: billed 60.0% of the fee (7,200.00 of 12,000.00), project 30.0% complete; "
        "30.0 points apart, threshold 10 points."
    )


def test_within_threshold_either_way_has_no_reason():
    for billed in ("4800.00", "2400.00"):  # 40 % and 20 % against 30 %: 10 points each
        rec = rules.progress_reconciliation(
            billing_model="fixed_fee",
            percent_complete=D("30"),
            threshold=D("10"),
            fee=D("12000.00"),
            fee_billed=D(billed),
        )
        assert rec.reason is None and not rec.is_beyond


def test_billed_behind_progress_beyond_threshold_is_held_too():
    rec = rules.progress_reconciliation(
        billing_model="fixed_fee",
        percent_complete=D("80"),
        threshold=D("7.5"),
        fee=D("1000.00"),
        fee_billed=D("300.00"),
    )
    assert rec.reason.endswith("50.0 points apart, threshold 7.5 points.")


def test_hybrid_compares_hours_else_amount():
    hours = rules.progress_reconciliation(
        billing_model="hybrid",
        percent_complete=D("20"),
        threshold=D("10"),
        currency="EUR",
        budget_hours=D("10.00"),
        hours_billed=D("4.5000"),
        budget_amount=D("99999"),
        amount_billed=D("1"),
    )
    assert hours.summary == (
        "T&M: billed 45.0% of the budget hours (4.50 h of 10.00 h), project 20.0% complete"
    )
    amount = rules.progress_reconciliation(
        billing_model="hybrid",
        percent_complete=D("10"),
        threshold=D("5"),
        currency="EUR",
        budget_amount=D("10000.00"),
        amount_billed=D("1600.00"),
    )
    assert amount.summary == (
        "T&M: billed 16.0% of the budget (1,600.00 of 10,000.00), project 10.0% complete"
    )


def test_nothing_to_compare_gives_none():
    common = {"threshold": D(10), "fee": D(1000), "fee_billed": D(500)}
    assert (
        rules.progress_reconciliation(billing_model="hourly", percent_complete=D(1), **common)
        is None
    )
    assert (
        rules.progress_reconciliation(billing_model="fixed_fee", percent_complete=None, **common)
        is None
    )
    assert (
        rules.progress_reconciliation(
            billing_model="fixed_fee", percent_complete=D(1), threshold=D(10), fee=D(0)
        )
        is None
    )
    assert (
        rules.progress_reconciliation(billing_model="hybrid", percent_complete=D(1), threshold=D(1))
        is None
    )


def test_underrun_offer_after_a_credit_and_a_carry_forward():
    # Estimate 1,000.00, 840.00 billed: 160.00 under.
    r = rules.review(D("1000.00"), D("0.00"), D("840.00"))
    assert rules.underrun_offer(r, project_closed=True) == D("160.00")
    # A 60.00 credit on the draft: net 780.00; 1,000 − (780 + 60) − 60 = 100.00.
    r = rules.review(D("1000.00"), D("0.00"), D("780.00"))
    assert rules.underrun_offer(
        r, project_closed=True, settlement_lines=D("60.00"), settled=D("60.00")
    ) == D("100.00")
    # Then 100.00 carried forward: nothing left to offer.
    assert (
        rules.underrun_offer(
            r, project_closed=True, settlement_lines=D("60.00"), settled=D("160.00")
        )
        is None
    )
    assert rules.underrun_offer(r, project_closed=False) is None


def test_carry_forwards_that_fit_take_each_whole_while_the_net_stays_non_negative():
    assert rules.carry_forwards_that_fit(D("300.00"), [D("160.00"), D("200.00"), D("140.00")]) == [
        0,
        2,
    ]
    assert rules.carry_forwards_that_fit(D("100.00"), [D("160.00")]) == []


@given(
    st.decimals(min_value=0, max_value=100000, places=2),
    st.lists(st.decimals(min_value="0.01", max_value=100000, places=2), max_size=6),
)
def test_carried_forward_credits_never_exceed_the_draft(net, amounts):
    taken = rules.carry_forwards_that_fit(net, amounts)
    assert sum((amounts[i] for i in taken), D(0)) <= net
    assert taken == sorted(set(taken))


def test_carry_forward_line_text():
    assert rules.carry_forward_description("INV-2026-00012", "WEB") == (
        "Carried forward from invoice INV-2026-00012: unused estimate of project WEB"
    )
