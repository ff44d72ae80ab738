"""Reads: an invoice as an EN 16931 document, the settings of a client and an organisation."""

from __future__ import annotations

from decimal import Decimal

from timeledger.core.money import quantize
from timeledger.einvoicing import rules
from timeledger.einvoicing.document import Allowance, Document, Line, Party, TaxSubtotal
from timeledger.einvoicing.models import (
    ClientEinvoiceSettings,
    EInvoice,
    Format,
    OrganisationEinvoiceSettings,
    TaxCategoryEinvoiceSettings,
)
from timeledger.invoicing import selectors as invoice_selectors
from timeledger.invoicing.models import Invoice, InvoiceKind, LineKind
from timeledger.invoicing.totals import line_discount, line_gross


def client_settings(client) -> ClientEinvoiceSettings:
    """The client's e-invoice settings (unsaved defaults when it has none)."""
    found = ClientEinvoiceSettings.objects.filter(client_id=client.pk).first()
    return found or ClientEinvoiceSettings(organisation_id=client.organisation_id, client=client)


def organisation_settings(organisation) -> OrganisationEinvoiceSettings:
    found = OrganisationEinvoiceSettings.objects.filter(organisation_id=organisation.pk).first()
    return found or OrganisationEinvoiceSettings(organisation=organisation)


def format_for(invoice: Invoice, settings: ClientEinvoiceSettings | None = None) -> str:
    """The format the invoice is sent in: the client's (``settings`` when read already), never
    for a proforma."""
    if invoice.kind == InvoiceKind.PROFORMA:
        return Format.NONE
    return (settings or client_settings(invoice.client)).format


def stored(invoice: Invoice) -> EInvoice | None:
    return EInvoice.objects.filter(invoice_id=invoice.pk).first()


def _party(data: dict, *, country_default: str = "", **extra) -> Party:
    address = rules.split_address(data.get("address", ""))
    return Party(
        name=(data.get("name") or "").strip(),
        country=(data.get("country") or country_default or "").strip().upper(),
        street=address.street,
        additional_street=address.additional,
        city=address.city,
        postcode=address.postcode,
        vat_id=(data.get("vat_id") or "").strip(),
        email=(data.get("email") or "").strip(),
        **extra,
    )


def _money(amount: Decimal, currency: str, sign: int) -> Decimal:
    return quantize(amount * sign, currency)


def document_for(
    invoice: Invoice,
    lines=None,
    *,
    fmt: str | None = None,
    number: str | None = None,
    settings: ClientEinvoiceSettings | None = None,
) -> Document:
    """The EN 16931 document of an invoice whose seller, buyer, taxes and totals are set (at
    issue, just before the number is taken, or afterwards from the stored invoice); ``settings``
    are the client's e-invoice settings when the caller has read them."""
    cli_set = settings or client_settings(invoice.client)
    fmt = fmt if fmt is not None else format_for(invoice, cli_set)
    lines = list(lines if lines is not None else invoice.lines.select_related("tax_category"))
    currency = invoice.currency
    is_credit = invoice.kind == InvoiceKind.CREDIT_NOTE
    sign = -1 if is_credit else 1
    org_set = organisation_settings(invoice.organisation)
    overrides = {
        s.tax_category_id: s
        for s in TaxCategoryEinvoiceSettings.objects.filter(
            tax_category_id__in={ln.tax_category_id for ln in lines if ln.tax_category_id}
        )
    }

    doc_lines, allowances, rows, reasons = [], [], [], {}
    for position, ln in enumerate(lines, start=1):
        category = ln.tax_category
        override = overrides.get(ln.tax_category_id)
        code = rules.vat_code(
            category.code if category else "S", override.vat_code if override else ""
        )
        rate = Decimal(0) if code in rules.ZERO_RATED else ln.tax_rate
        net = _money(ln.net_amount, currency, sign)
        rows.append((net, code, rate))
        if code in rules.NEEDS_REASON and code not in reasons:
            default_code, default_text = rules.DEFAULT_REASONS[code]
            reason_code = (override.exemption_reason_code if override else "") or default_code
            text = (category.legal_note if category else "") or default_text
            reasons[code] = (reason_code, text)
        if ln.kind == LineKind.DISCOUNT and not is_credit and net < 0:
            allowances.append(Allowance(-net, ln.description[:200] or "Discount", code, rate))
            continue
        quantity, price = ln.quantity * sign, ln.unit_price
        if price < 0:  # BR-27: an item price is never negative; the quantity carries the sign
            quantity, price = -quantity, -price
        percent = ln.discount_percent or Decimal(0)
        doc_lines.append(
            Line(
                id=str(position),
                description=ln.description,
                quantity=quantity.normalize() if quantity else Decimal(0),
                unit_code=rules.unit_code(ln.unit),
                unit_price=price.normalize() if price else Decimal(0),
                net=net,
                vat_code=code,
                vat_rate=rate,
                note=ln.note[:500],
                allowance=line_discount(quantity, price, percent, currency),
                allowance_percent=percent,
                allowance_base=line_gross(quantity, price, currency) if percent else Decimal(0),
            )
        )
    taxes = tuple(
        TaxSubtotal(
            code,
            rate,
            taxable,
            tax,
            exemption_reason=reasons.get(code, ("", ""))[1],
            exemption_reason_code=reasons.get(code, ("", ""))[0],
        )
        for code, rate, taxable, tax in rules.tax_subtotals(rows, currency)
    )
    line_total = quantize(sum((ln.net for ln in doc_lines), Decimal(0)), currency)
    allowance_total = quantize(sum((a.amount for a in allowances), Decimal(0)), currency)
    tax_exclusive = line_total - allowance_total
    tax_total = sum((t.tax for t in taxes), Decimal(0))
    tax_inclusive = tax_exclusive + tax_total

    seller_data, buyer_data = invoice.seller or {}, invoice.buyer or {}
    only_outside_scope = {t.vat_code for t in taxes} == {"O"}
    # BR-O-02/03: an invoice outside the scope of VAT carries no VAT ids.
    seller = _party(
        {**seller_data, "vat_id": "" if only_outside_scope else seller_data.get("vat_id")},
        country_default=invoice.organisation.country,
        tax_number=org_set.tax_number,
        legal_id=(seller_data.get("registration_id") or "").strip(),
        legal_id_scheme=org_set.legal_id_scheme,
        endpoint_scheme=org_set.endpoint_scheme,
        endpoint_id=org_set.endpoint_id,
        contact_name=org_set.contact_name,
        phone=org_set.contact_phone,
    )
    buyer = _party(
        {**buyer_data, "vat_id": "" if only_outside_scope else buyer_data.get("vat_id")},
        legal_id=cli_set.legal_id,
        legal_id_scheme="0106" if cli_set.legal_id and buyer_data.get("country") == "NL" else "",
        endpoint_scheme=cli_set.endpoint_scheme,
        endpoint_id=cli_set.endpoint_id,
        contact_name=(buyer_data.get("contact") or "").strip(),
    )
    credited = invoice.credited_invoice if is_credit else None
    terms = invoice.payment_terms_days
    notes = tuple(n for n in (invoice.notes.strip(), invoice.tax_note.strip()) if n)
    number = number or invoice.number
    # Peppol R003 wants a buyer reference or an order number: the client's own routing code,
    # else its code with us (what the buyer quotes when they ask about the invoice).
    buyer_reference = cli_set.buyer_reference.strip() or (
        "" if fmt == Format.XRECHNUNG else (buyer_data.get("code") or invoice.client.code)
    )
    return Document(
        format=fmt,
        is_credit_note=is_credit,
        number=number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date if not is_credit else None,
        currency=currency,
        seller=seller,
        buyer=buyer,
        lines=tuple(doc_lines),
        allowances=tuple(allowances),
        taxes=taxes,
        line_total=line_total,
        allowance_total=allowance_total,
        tax_exclusive=tax_exclusive,
        tax_total=tax_total,
        tax_inclusive=tax_inclusive,
        payable=tax_inclusive,
        buyer_reference=buyer_reference,
        order_reference=cli_set.order_reference.strip(),
        contract_reference=cli_set.contract_reference.strip(),
        project_reference=invoice.project.code if invoice.project_id else "",
        # A credit note corrects its invoice's period unless it names its own.
        period_start=invoice.period_start or (credited.period_start if credited else None),
        period_end=invoice.period_end or (credited.period_end if credited else None),
        preceding_number=credited.number if credited else "",
        preceding_date=credited.issue_date if credited else None,
        notes=notes,
        iban=(seller_data.get("iban") or "").replace(" ", ""),
        bic=(seller_data.get("bic") or "").strip(),
        payment_reference=number,
        payment_terms=f"Net {terms} days" if terms else "Due on receipt",
        delivery_country=buyer.country,
        requires_order_reference=cli_set.requires_order_reference,
        stored_net=_money(invoice.net_total, currency, sign),
        stored_tax=_money(invoice.tax_total, currency, sign),
        stored_gross=_money(invoice.gross_total, currency, sign),
    )


visible_invoices = invoice_selectors.visible_invoices
