"""One formatting helper for money, numbers and dates, currency- and locale-aware (issue 17):
``core.money.format_money`` (and ``format_number``), ``core.timeutil.format_date``, used by the
template filters (the page's language) and the invoice document (the client's)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from timeledger.core.money import format_money
from timeledger.core.timeutil import format_date


@pytest.mark.parametrize(
    ("language", "eur", "kwd", "jpy", "price"),
    [
        (None, "-1,234,567.50", "18.518", "1,235", "0.125"),
        ("en", "-1,234,567.50", "18.518", "1,235", "0.125"),
        ("de", "-1.234.567,50", "18,518", "1.235", "0,125"),
        ("nl", "-1.234.567,50", "18,518", "1.235", "0,125"),
        ("fr", "-1\xa0234\xa0567,50", "18,518", "1\xa0235", "0,125"),
    ],
)
def test_money_in_each_locale_keeps_the_currencys_decimals(language, eur, kwd, jpy, price):
    assert format_money(Decimal("-1234567.5"), "EUR", language=language) == eur
    assert format_money(Decimal("18.5175"), "KWD", language=language) == kwd
    assert format_money(Decimal("1234.5"), "JPY", language=language) == jpy
    assert format_money(Decimal("0.125"), "EUR", price=True, language=language) == price


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (None, "02 Mar 2026"),
        ("en", "02 Mar 2026"),
        ("de", "2. März 2026"),
        ("nl", "2 maart 2026"),
        ("fr", "2 mars 2026"),
    ],
)
def test_dates_in_each_locale(language, text):
    assert format_date(dt.date(2026, 3, 2), language=language) == text


def test_the_template_filters_follow_the_pages_language():
    template = Template(
        "{% load tl %}{{ a|money:'EUR' }} · {{ a|amount:'EUR' }} · {{ p|price:'EUR' }}"
    )
    context = Context({"a": Decimal("6242"), "p": Decimal("150.125")})
    with translation.override("en-gb"):
        assert template.render(context) == "6,242.00 EUR · 6,242.00 · 150.125"
    with translation.override("de"):
        assert template.render(context) == "6.242,00 EUR · 6.242,00 · 150,125"
