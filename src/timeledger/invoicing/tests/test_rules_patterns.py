"""Invoicing rules on paper: number patterns, tax versions, due dates, notes, credits, status,
and how tax is grouped and rounded per category and rate (pure, no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.invoicing import rules
from timeledger.invoicing.totals import TaxBreakdown, line_net, totals

D = dt.date


def test_every_token_of_a_number_pattern():
    on = D(2005, 3, 9)
    assert rules.format_number("{YYYY}/{YY}/{MM}/{SEQ}", on, 7) == "2005/05/03/7"
    assert rules.format_number("R{SEQ:5}", on, 42) == "R00042"
    assert rules.format_number("R{SEQ:03}", on, 12345) == "R12345"
    assert rules.format_number("{YY}{MM}-{SEQ:2}", D(2026, 11, 1), 3) == "2611-03"


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("INV-{YYYY}", "The pattern needs {SEQ} (e.g. {SEQ:05}) exactly once."),
        ("{SEQ}-{SEQ:05}", "The pattern needs {SEQ} (e.g. {SEQ:05}) exactly once."),
        ("INV-{SEQ}-{DAY}", "Unknown placeholder; use {YYYY}, {YY}, {MM} and {SEQ:05}."),
        ("INV-{SEQ}}", "Unknown placeholder; use {YYYY}, {YY}, {MM} and {SEQ:05}."),
        ("INV-{{SEQ}", "Unknown placeholder; use {YYYY}, {YY}, {MM} and {SEQ:05}."),
    ],
)
def test_a_bad_pattern_is_refused_with_what_to_use(pattern, message):
    with pytest.raises(rules.PatternError) as exc:
        rules.check_pattern(pattern)
    assert str(exc.value) == message
    with pytest.raises(rules.PatternError):
        rules.format_number(pattern, D(2026, 1, 1), 1)


def test_a_tax_version_without_a_start_is_always_in_force_and_ties_go_to_the_newest():
    always = rules.TaxVersion(1, "S", Decimal(19), None)
    july = rules.TaxVersion(2, "S", Decimal(21), D(2026, 7, 1))
    assert rules.version_in_force([always, july], D(1990, 1, 1)) == always
    assert rules.version_in_force([july, always], D(2026, 6, 30)) == always
    assert rules.version_in_force([always, july], D(2026, 7, 1)) == july
    twin = rules.TaxVersion(3, "S", Decimal(20), D(2026, 7, 1))
    assert rules.version_in_force([twin, july], D(2026, 8, 1)) == twin
    assert rules.version_in_force([july, twin], D(2026, 8, 1)) == twin
    assert rules.version_in_force([july], D(2026, 6, 30)) is None


def test_due_date_is_n_calendar_days_after_issue():
    assert rules.due_date(D(2026, 1, 31), 30) == D(2026, 3, 2)
    assert rules.due_date(D(2026, 1, 31), 0) == D(2026, 1, 31)


def test_legal_notes_get_the_directives_wording_once_each_in_order():
    assert rules.legal_notes([("E", ""), ("AE", " "), ("E", ""), ("S", "Own note ")]) == (
        "VAT exempt (Article 132, Council Directive 2006/112/EC).\n"
        "Reverse charge: VAT to be accounted for by the recipient "
        "(Article 196, Council Directive 2006/112/EC).\n"
        "Own note"
    )
    assert rules.legal_notes([("AE", "Custom"), ("E", "Custom")]) == "Custom"


def test_what_is_left_to_credit_never_goes_below_zero():
    assert rules.credit_left(Decimal("5"), Decimal("2")) == Decimal("3")
    assert rules.credit_left(Decimal("5"), Decimal("5")) == 0
    assert rules.credit_left(Decimal("5"), Decimal("7")) == 0


def test_credited_is_shown_apart_from_paid():
    d = Decimal
    assert rules.settled_status(gross=d(100), paid=d(0), credited=d(100), sent=True) == "credited"
    assert rules.settled_status(gross=d(100), paid=d(0), credited=d(120), sent=True) == "credited"
    assert (
        rules.settled_status(gross=d(100), paid=d(0), credited=d(40), sent=True)
        == "partially_credited"
    )
    assert rules.settled_status(gross=d(100), paid=d(99), credited=d(1), sent=False) == "paid"
    assert rules.settled_status(gross=d(0), paid=d(0), credited=d(0), sent=True) == "paid"


# --- totals -------------------------------------------------------------------------------------


def test_tax_is_per_category_and_rate_on_the_summed_nets_rounded_once():
    # three lines of 0.05 at 10 %: per line 0.005 → 0.01 each (0.03), on the sum 0.015 → 0.02
    result = totals(
        [
            (Decimal("0.05"), "S", Decimal("10")),
            (Decimal("0.05"), "S", Decimal("10")),
            (Decimal("0.05"), "S", Decimal("10")),
            (Decimal("100.00"), "S", Decimal("7")),
            (Decimal("50.00"), "AE", Decimal("0")),
        ],
        "EUR",
    )
    assert result.breakdown == (
        TaxBreakdown("AE", Decimal("0"), Decimal("50.00"), Decimal("0.00")),
        TaxBreakdown("S", Decimal("7"), Decimal("100.00"), Decimal("7.00")),
        TaxBreakdown("S", Decimal("10"), Decimal("0.15"), Decimal("0.02")),
    )
    assert (result.net, result.tax, result.gross) == (
        Decimal("150.15"),
        Decimal("7.02"),
        Decimal("157.17"),
    )


def test_totals_are_in_the_currencys_minor_unit():
    kwd = totals([(Decimal("1.234"), "S", Decimal("5"))], "KWD")
    assert (kwd.net, kwd.tax, kwd.gross) == (Decimal("1.234"), Decimal("0.062"), Decimal("1.296"))
    jpy = totals([(Decimal("1001"), "S", Decimal("10"))], "JPY")
    assert (str(jpy.net), str(jpy.tax), str(jpy.gross)) == ("1001", "100", "1101")
    empty = totals([], "EUR")
    assert (empty.net, empty.tax, empty.gross, empty.breakdown) == (0, 0, 0, ())
    assert str(empty.net) == "0.00"


def test_a_line_net_is_quantity_times_price_half_up_once():
    assert line_net(Decimal("1.51"), Decimal("150"), "EUR") == Decimal("226.50")
    assert line_net(Decimal("0.5"), Decimal("0.25"), "EUR") == Decimal("0.13")  # 0.125
    assert line_net(Decimal("3"), Decimal("0.5"), "JPY") == Decimal("2")  # 1.5


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-(10**7), max_value=10**7).map(lambda n: Decimal(n) / 100),
            st.sampled_from(["S", "AA", "Z"]),
            st.sampled_from([Decimal(0), Decimal(7), Decimal("19"), Decimal("5.5")]),
        ),
        max_size=12,
    )
)
def test_gross_is_net_plus_tax_and_each_group_is_taxed_once(lines):
    result = totals(lines, "EUR")
    assert result.gross == result.net + result.tax
    assert result.net == sum((n for n, _, _ in lines), Decimal(0))
    for b in result.breakdown:
        taxable = sum((n for n, c, r in lines if (c, r) == (b.code, b.rate)), Decimal(0))
        assert b.taxable == taxable
        exact = taxable * b.rate / 100
        assert abs(b.tax - exact) <= Decimal("0.005")
    assert list(result.breakdown) == sorted(result.breakdown, key=lambda b: (b.code, b.rate))


@pytest.mark.parametrize(
    "paid, credited, expected",
    [
        ("0.50", "99.50", "paid"),
        ("0", "0.50", "credited"),
        ("99.50", "0", "partially_paid"),
        ("0.50", "0", "partially_paid"),
        ("0", "0.50", "credited"),
    ],
)
def test_settled_status_counts_every_cent(paid, credited, expected):
    gross = Decimal("100") if expected != "credited" else Decimal("0.50")
    assert (
        rules.settled_status(gross=gross, paid=Decimal(paid), credited=Decimal(credited), sent=True)
        == expected
    )


def test_a_cent_of_credit_alone_is_partially_credited():
    assert (
        rules.settled_status(
            gross=Decimal(100), paid=Decimal(0), credited=Decimal("0.50"), sent=True
        )
        == "partially_credited"
    )


# --- stored totals (the database path to the same rule) ------------------------------------------


@pytest.mark.django_db
def test_a_drafts_stored_totals_are_recalculated_per_category(org, accountant, client_):
    from timeledger.invoicing.models import Invoice
    from timeledger.invoicing.tests import factories as inv
    from timeledger.invoicing.totals import invoice_totals, recalculate

    tax = inv.taxes(org)
    invoice = inv.draft(
        accountant,
        client_,
        [
            ("Design", Decimal("2"), Decimal("100.00"), tax["S"]),
            ("Print", Decimal("1"), Decimal("50.00"), tax["AA"]),
            ("Postage", Decimal("1"), Decimal("3.00"), None),
        ],
    )
    Invoice.objects.filter(pk=invoice.pk).update(net_total=0, tax_total=0, gross_total=0)
    invoice.refresh_from_db()
    result = recalculate(invoice)
    assert result == invoice_totals(invoice)
    stored = Invoice.objects.get(pk=invoice.pk)
    # the line without a category takes the organisation's default (S, 21 %)
    assert [(b.code, b.rate, b.taxable, b.tax) for b in result.breakdown] == [
        ("AA", Decimal("9.00"), Decimal("50.00"), Decimal("4.50")),
        ("S", Decimal("21.00"), Decimal("203.00"), Decimal("42.63")),
    ]
    assert (stored.net_total, stored.tax_total, stored.gross_total) == (
        Decimal("253.00"),
        Decimal("47.13"),
        Decimal("300.13"),
    )
