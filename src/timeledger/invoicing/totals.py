"""Invoice totals by EN 16931: where rounding happens, written down once.

1. Each line's net amount is quantity × unit price rounded half-up to the currency's minor unit,
   once, less the line's own discount (that product × the discount percent, rounded once),
   when the line is built (``line_net``, the one implementation: manual lines, credit
   notes, time lines — whose quantity is ``core.hours.hours_2dp`` of their seconds — and final
   invoices). Stored quantity × stored price therefore equals the net to the minor unit, which
   is what EN 16931 / PEPPOL-EN16931-R120 checks on every line.
2. Tax is computed per tax category *and rate* on the sum of its lines' net amounts, rounded once.
3. Invoice total = sum of line nets + sum of category taxes. Nothing else is rounded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from timeledger.core.money import quantize

ZERO = Decimal("0")


def line_gross(quantity: Decimal, unit_price: Decimal, currency: str) -> Decimal:
    """``quantity × unit_price``, half-up to the currency's minor unit, once."""
    return quantize(quantity * unit_price, currency)


def line_discount(
    quantity: Decimal, unit_price: Decimal, discount_percent: Decimal, currency: str
) -> Decimal:
    """A line's own discount: its gross × the percent, half-up to the minor unit, once."""
    if not discount_percent:
        return ZERO
    gross = line_gross(quantity, unit_price, currency)
    return quantize(gross * discount_percent / Decimal(100), currency)


def line_net(
    quantity: Decimal, unit_price: Decimal, currency: str, discount_percent: Decimal = ZERO
) -> Decimal:
    """A line's net: its gross less its discount (each rounded once), so that
    net = quantity × price − allowance exactly, as EN 16931 checks on every line (R120)."""
    return line_gross(quantity, unit_price, currency) - line_discount(
        quantity, unit_price, discount_percent, currency
    )


@dataclass(frozen=True)
class TaxBreakdown:
    code: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    tax: Decimal
    gross: Decimal
    breakdown: tuple[TaxBreakdown, ...]


def totals(lines: list[tuple[Decimal, str, Decimal]], currency: str) -> Totals:
    """``lines`` are ``(net_amount, tax_code, tax_rate_percent)``; nets already rounded."""
    groups: dict[tuple[str, Decimal], Decimal] = defaultdict(lambda: ZERO)
    for net, code, rate in lines:
        groups[(code, rate)] += net
    breakdown = tuple(
        TaxBreakdown(
            code,
            rate,
            quantize(taxable, currency),
            quantize(taxable * rate / Decimal(100), currency),
        )
        for (code, rate), taxable in sorted(groups.items())
    )
    net = quantize(sum((b.taxable for b in breakdown), ZERO), currency)
    tax = quantize(sum((b.tax for b in breakdown), ZERO), currency)
    return Totals(net=net, tax=tax, gross=net + tax, breakdown=breakdown)


def invoice_totals(invoice, lines=None) -> Totals:
    """The invoice's totals from its stored lines, or from ``lines`` (all of them, with their
    tax categories loaded) when the caller holds them already."""
    if lines is None:
        rows = invoice.lines.values_list("net_amount", "tax_category__code", "tax_rate")
    else:
        rows = [
            (line.net_amount, line.tax_category.code if line.tax_category_id else "", line.tax_rate)
            for line in lines
        ]
    return totals([(net, code or "", rate) for net, code, rate in rows], invoice.currency)


def recalculate(invoice) -> Totals:
    """Store fresh totals on a draft (caller holds the transaction)."""
    result = invoice_totals(invoice)
    invoice.net_total, invoice.tax_total, invoice.gross_total = result.net, result.tax, result.gross
    invoice.save(update_fields=["net_total", "tax_total", "gross_total", "updated_at"])
    return result
