"""Template filters shared by every page: hours as h:mm, money with its currency."""

from __future__ import annotations

from decimal import Decimal

from django import template

from timeledger.core.money import UnknownCurrency, hours_2dp, quantize
from timeledger.core.timeutil import format_hours

register = template.Library()


@register.filter
def hours(seconds) -> str:
    """``5400`` → ``1:30``; empty for ``None``."""
    if seconds is None or seconds == "":
        return ""
    return format_hours(int(seconds))


@register.filter
def hours_or_blank(seconds) -> str:
    """Like ``hours`` but blank for zero (grid cells)."""
    if not seconds:
        return ""
    return format_hours(int(seconds))


@register.filter
def money(amount, currency: str = "") -> str:
    """``Decimal('1234.5')|money:'EUR'`` → ``1,234.50 EUR`` (minor unit of the currency)."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    try:
        text = f"{quantize(value, currency or 'EUR'):,}"
    except UnknownCurrency:
        text = f"{quantize(value, 'EUR'):,}"
    return f"{text} {currency}".strip()


@register.filter
def decimal_hours(seconds) -> str:
    """``5400`` → ``1.50`` (hours with two decimals, half-up: what budgets and invoices use)."""
    return str(hours_2dp(int(seconds or 0)))


@register.filter
def can(member, capability: str) -> bool:
    """``{% if member|can:"view_rates" %}`` — the role table of ``accounts.roles``, in templates."""
    return bool(member is not None and member.can(capability))
