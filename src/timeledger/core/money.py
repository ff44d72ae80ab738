"""Money: currencies, minor units and the one place amounts are rounded.

Amounts are ``Decimal`` with a currency next to them, everywhere. Rounding happens in ``quantize``
and nowhere else; the default is half-up to the currency's minor unit (a finance person's rounding,
not Python's half-even ``round``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor units of the currencies we accept.
MINOR_UNITS: dict[str, int] = {
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CHF": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "PLN": 2,
    "CZK": 2,
    "HUF": 2,
    "RON": 2,
    "BGN": 2,
    "ISK": 0,
    "CAD": 2,
    "AUD": 2,
    "NZD": 2,
    "JPY": 0,
    "CNY": 2,
    "INR": 2,
    "SGD": 2,
    "HKD": 2,
    "ZAR": 2,
    "BRL": 2,
    "MXN": 2,
    "TRY": 2,
    "ILS": 2,
    "AED": 2,
    "KWD": 3,
    "BHD": 3,
    "KRW": 0,
}
CURRENCY_CHOICES = [(code, code) for code in sorted(MINOR_UNITS)]

HOUR = Decimal(3600)


class UnknownCurrency(ValueError):
    pass


def minor_unit(currency: str) -> int:
    try:
        return MINOR_UNITS[currency]
    except KeyError:
        raise UnknownCurrency(f"unknown currency {currency!r}") from None


def quantize(amount: Decimal, currency: str, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``amount`` to the minor unit of ``currency`` (half-up unless told otherwise)."""
    exponent = Decimal(1).scaleb(-minor_unit(currency))
    return amount.quantize(exponent, rounding=rounding)


def parse_decimal(value: str | int | Decimal) -> Decimal:
    """Read a user-supplied amount; refuses floats, NaN and infinities."""
    if isinstance(value, float):
        raise TypeError("money is never a float")
    try:
        result = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValueError(f"{value!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def seconds_to_hours(seconds: int) -> Decimal:
    """Exact hours for a whole number of seconds (not rounded)."""
    return Decimal(seconds) / HOUR


def hours_2dp(seconds: int) -> Decimal:
    """Hours with two decimals, half-up (``5418`` s → ``1.51``): what timesheets, budgets and
    exports show. ``Decimal.quantize`` alone would round half-even."""
    return seconds_to_hours(seconds).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def amount_for(seconds: int, hourly_rate: Decimal, currency: str) -> Decimal:
    """Money for ``seconds`` of work at ``hourly_rate``, rounded once, half-up."""
    return quantize(Decimal(seconds) * hourly_rate / HOUR, currency)


def allocate(total: Decimal, weights: list[Decimal], currency: str) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights`` so the parts add up exactly to ``total``.

    Each part is rounded down to the minor unit; the remaining minor units go one by one to the
    parts with the largest remainders (ties: earliest part first).
    """
    if not weights:
        raise ValueError("nothing to allocate to")
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0 or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative and not all zero")
    unit = Decimal(1).scaleb(-minor_unit(currency))
    total = quantize(total, currency)
    exact = [total * w / weight_sum for w in weights]
    parts = [(e / unit).to_integral_value(rounding="ROUND_FLOOR") * unit for e in exact]
    leftover = int(((total - sum(parts, Decimal(0))) / unit).to_integral_value())
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:leftover]:
        parts[i] += unit
    return parts


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        minor_unit(self.currency)

    def __str__(self) -> str:
        return f"{quantize(self.amount, self.currency):,} {self.currency}"
