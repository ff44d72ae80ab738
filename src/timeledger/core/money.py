"""Money: currencies, minor units and the one place amounts are rounded and formatted.

Amounts are ``Decimal`` with a currency next to them, everywhere. Rounding happens in ``quantize``
and nowhere else; the default is half-up to the currency's ISO 4217 minor unit (2 for EUR, 3 for
KWD/BHD/OMR/JOD/TND, 0 for JPY/KRW) — a finance person's rounding, not Python's half-even
``round``. Money columns hold 3 decimals so every accepted currency is stored exactly; what is
stored is already quantized to its currency. ``format_money`` is the one way an amount is shown
(``1,234.50`` EUR, ``18.518`` KWD, ``1,235`` JPY). Hours live in ``core.hours``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, numberformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    "OMR": 3,
    "JOD": 3,
    "TND": 3,
    "IQD": 3,
    "LYD": 3,
    "KRW": 0,
    "CLP": 0,
    "VND": 0,
}
# Money columns have this many decimal places: the largest minor unit above.
MONEY_PLACES = 3
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
    return amount.quantize(_minor_exponent(currency), rounding=rounding)


@functools.cache
def _minor_exponent(currency: str) -> Decimal:
    """``Decimal("0.01")`` for EUR: the exponent ``quantize`` rounds to (built once per currency,
    as a run rounds every line)."""
    return Decimal(1).scaleb(-minor_unit(currency))


def has_minor_units_only(amount: Decimal, currency: str) -> bool:
    """Is ``amount`` a whole number of the currency's minor units (``12.345`` KWD yes, EUR no)?"""
    return amount == quantize(amount, currency)


def decimals_error(amount: Decimal, currency: str) -> str | None:
    """The message for an amount finer than its currency allows, else None."""
    if has_minor_units_only(amount, currency):
        return None
    places = minor_unit(currency)
    if places == 0:
        return _("An amount in %(currency)s has no decimals.") % {"currency": currency}
    return ngettext(
        "An amount in %(currency)s has at most %(count)s decimal.",
        "An amount in %(currency)s has at most %(count)s decimals.",
        places,
    ) % {"currency": currency, "count": places}


def format_money(
    amount: Decimal, currency: str, *, price: bool = False, language: str | None = None
) -> str:
    """``1234.5`` EUR → ``"1,234.50"``; ``18.5175`` KWD → ``"18.518"``; ``1234.5`` JPY → ``"1,235"``.

    An amount is rounded to the currency's minor unit (``quantize``). A ``price`` (a unit price or
    rate, which may be finer than the minor unit) shows at least the minor unit's decimals and
    more only when it has them (``0.125`` EUR stays ``0.125``), so quantity × price reads true.

    ``language`` (``"de"``, ``"fr"``…): written with that locale's separators (``1.234,50`` in
    German, ``1 234,50`` in French, Django's format files); without it, the neutral
    ``1,234.50`` that stored texts (line descriptions, audit reasons) and the command line use.
    """
    places = minor_unit(currency)
    if not price:
        value = quantize(amount, currency)
    else:
        exponent = amount.normalize().as_tuple().exponent
        places = max(places, -exponent if isinstance(exponent, int) else 0)
        value = amount.quantize(Decimal(1).scaleb(-places))
    if language is None:
        return f"{value:,}"
    return format_number(value, places, language=language)


def format_number(value: Decimal, places: int, *, language: str) -> str:
    """``value`` (already rounded to ``places`` decimals) in the locale of ``language``."""
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR", language),
        places,
        formats.get_format("NUMBER_GROUPING", language),
        formats.get_format("THOUSAND_SEPARATOR", language),
        force_grouping=True,
    )


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


def units_text(units: int | None, places: int) -> str | None:
    """``3667, 2`` → ``"36.67"``: an amount counted in minor units as a decimal literal, exactly.

    SQLite has no decimal type: its money SQL counts in integers and calls this (registered as
    the SQL function ``tl_units``) to write the result, so no float arithmetic is involved.
    """
    if units is None:
        return None
    return str(Decimal(int(units)).scaleb(-places))


def amount_for(seconds: int, hourly_rate: Decimal, currency: str) -> Decimal:
    """Money for ``seconds`` of work at ``hourly_rate``, rounded once, half-up."""
    return quantize(Decimal(seconds) * hourly_rate / HOUR, currency)


def allocate(total: Decimal, weights: list[Decimal], currency: str) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights`` so the parts add up exactly to ``total``.

    Each part is rounded down to the minor unit; the remaining minor units go one by one to the
    parts with the largest remainders (ties: earliest part first).
    """
    return allocate_units(quantize(total, currency), weights, minor_unit(currency))


def allocate_units(total: Decimal, weights: list[Decimal], places: int) -> list[Decimal]:
    """``allocate`` in steps of ``10**-places`` (``total`` must already be a whole number of
    steps): money in minor units, hours in hundredths (``core.hours.allocate_hours``)."""
    if not weights:
        raise ValueError("nothing to allocate to")
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0 or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative and not all zero")
    unit = Decimal(1).scaleb(-places)
    if total != total.quantize(unit):
        raise ValueError(f"{total} is not a whole number of {unit}")
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
        return f"{format_money(self.amount, self.currency)} {self.currency}"
