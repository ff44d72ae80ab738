"""An estimate's figures, worked out by hand."""

import datetime as dt
from decimal import Decimal

from timeledger.estimates import rules

L = rules.Line


def test_time_lines_round_once_and_optional_lines_count_when_chosen():
    lines = [
        L("time", Decimal("7.5"), Decimal("99.99"), Decimal(0)),  # 749.925 → 749.93
        L("fixed", Decimal(0), Decimal(0), Decimal("1200.00")),
        L("time", Decimal("8"), Decimal("120.00"), Decimal(0), is_optional=True),
    ]
    assert rules.phase_figures(lines, "EUR") == rules.Figures(Decimal("7.5"), Decimal("1949.93"))
    chosen = [*lines[:2], L("time", Decimal("8"), Decimal("120.00"), Decimal(0), True, True)]
    assert rules.phase_figures(chosen, "EUR") == rules.Figures(Decimal("15.5"), Decimal("2909.93"))


def test_deposit_and_expiry_and_accuracy():
    assert rules.deposit_amount(Decimal("7749.93"), Decimal("30"), "EUR") == Decimal("2324.98")
    assert not rules.is_expired(dt.date(2026, 3, 31), dt.date(2026, 3, 31))
    assert rules.is_expired(dt.date(2026, 3, 31), dt.date(2026, 4, 1))
    assert rules.accuracy(Decimal("40"), Decimal("48")) == Decimal("1.20")
    assert rules.accuracy(Decimal("0"), Decimal("3")) is None
