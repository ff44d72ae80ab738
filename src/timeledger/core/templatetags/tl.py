"""Template filters shared by every page: hours and money, from ``core.hours`` and ``core.money``.

Amounts are written in the active language's locale (``1,234.50`` in English, ``1.234,50`` in
German and Dutch, ``1 234,50`` in French: ``format_money(..., language=...)``).

Screens show durations as h:mm (``hours``); invoice pages show decimal hours with a unit that
says so (``quantity`` with ``unit_label``: ``1.51 hrs (decimal)``). Both come from ``core.hours``,
as do the PDF's; amounts come from ``core.money.format_money`` (2 decimals for EUR, 3 for KWD).
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import translation

from timeledger.core import hours as hours_mod
from timeledger.core import stored_text
from timeledger.core.money import UnknownCurrency, format_money

register = template.Library()


@register.filter
def hours(seconds) -> str:
    """``5400`` → ``1:30``; empty for ``None``."""
    if seconds is None or seconds == "":
        return ""
    return hours_mod.hhmm(int(seconds))


@register.filter
def hours_or_blank(seconds) -> str:
    """Like ``hours`` but blank for zero (grid cells)."""
    if not seconds:
        return ""
    return hours_mod.hhmm(int(seconds))


def _language() -> str:
    """The page's language (LocaleMiddleware), whose separators amounts are written with."""
    return translation.get_language() or "en"


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@register.filter
def hours_of_decimal(value) -> str:
    """Decimal hours (a budget, an estimate) as h:mm on screens: ``Decimal('1.5')`` → ``1:30``."""
    if value is None or value == "":
        return ""
    return hours_mod.hhmm(hours_mod.hours_to_seconds(_decimal(value)))


@register.filter
def money(amount, currency: str = "") -> str:
    """``Decimal('1234.5')|money:'EUR'`` → ``1,234.50 EUR`` (minor unit of the currency)."""
    if amount is None or amount == "":
        return ""
    try:
        text = format_money(_decimal(amount), currency or "EUR", language=_language())
    except UnknownCurrency:
        text = format_money(_decimal(amount), "EUR", language=_language())
    return f"{text} {currency}".strip()


@register.filter
def amount(value, currency: str = "") -> str:
    """Like ``money`` without the currency code (tables with the code beside or above)."""
    if value is None or value == "":
        return ""
    try:
        return format_money(_decimal(value), currency or "EUR", language=_language())
    except UnknownCurrency:
        return format_money(_decimal(value), "EUR", language=_language())


@register.filter
def price(amount, currency: str = "") -> str:
    """A unit price: the currency's decimals, more only when the price has them (``0.125``)."""
    if amount is None or amount == "":
        return ""
    try:
        return format_money(_decimal(amount), currency or "EUR", price=True, language=_language())
    except UnknownCurrency:
        return format_money(_decimal(amount), "EUR", price=True, language=_language())


@register.filter
def decimal_hours(seconds) -> str:
    """``5400`` → ``1.50`` (``core.hours.hours_2dp``: two decimals, half-up)."""
    return hours_mod.format_decimal_hours(int(seconds or 0))


@register.filter
def quantity(value) -> str:
    """A line's quantity as printed on the invoice (``core.hours.format_quantity``)."""
    if value is None or value == "":
        return ""
    return hours_mod.format_quantity(_decimal(value))


@register.filter
def unit_label(unit: str) -> str:
    """``h`` → ``hrs (decimal)`` on invoice pages, so 1.50 is not read as 1 h 50."""
    return hours_mod.unit_label(unit or "")


@register.filter
def can(member, capability: str) -> bool:
    """``{% if member|can:"view_rates" %}`` — the role table of ``accounts.roles``, in templates."""
    return bool(member is not None and member.can(capability))


@register.filter
def hold_reason(stored):
    """A draft's stored hold reason (English, as a billing run writes it) in the reader's
    language (billing's reader, ``billing.rules.hold_reason_text``)."""
    return stored_text.show("hold_reason", stored)


@register.filter
def bank_note(stored):
    """A bank transaction's stored suggestion note in the reader's language (banking's reader,
    ``banking.rules.note_text``)."""
    return stored_text.show("bank_note", stored)


@register.filter
def review_message(stored):
    """A touchless check's stored message (English) in the reader's language (autosend's
    reader, ``autosend.rules.message_text``)."""
    return stored_text.show("review_message", stored)
