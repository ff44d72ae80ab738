"""The estimate's document: the organisation's invoice template (``invoicing.pdf.template_for``),
rendered in the same sandbox with a context of the same shape as an invoice's, so an estimate
looks like the organisation's invoices and an edited template serves both. Written, like an
invoice, in the client's language (``Client.document_language``): labels, dates and amounts."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, pgettext

from timeledger.core import hours, timeutil
from timeledger.estimates import rules
from timeledger.estimates.models import Estimate, EstimateStatus, LineKind
from timeledger.invoicing import rendering
from timeledger.invoicing.pdf import template_for


def _date(value) -> str:
    """A date in the document's language (the active one while the document is made)."""
    return timeutil.format_date(value, language=translation.get_language()) if value else ""


def format_money(amount, currency: str, *, price: bool = False) -> str:
    """An amount in the document's language (the active one while the document is made)."""
    return rendering.money(amount, currency, price=price)


def estimate_context(estimate: Estimate) -> dict:
    currency = estimate.currency
    org, client = estimate.organisation, estimate.client
    lines, position = [], 0
    phases = list(estimate.phases.prefetch_related("lines"))
    for phase in phases:
        for ln in phase.lines.all():
            position += 1
            rl = rules.Line(ln.kind, ln.hours, ln.rate, ln.amount, ln.is_optional, ln.is_chosen)
            time = ln.kind == LineKind.TIME
            lines.append(
                {
                    "position": position,
                    "description": f"{phase.name} — {ln.description}"
                    + (f" ({ln.role})" if ln.role else ""),
                    "note": gettext("Optional: not in the total unless chosen")
                    if ln.is_optional
                    else "",
                    "quantity": hours.format_quantity(ln.hours) if time else "1",
                    "unit": gettext(hours.unit_label("h")) if time else "ea",
                    "unit_price": format_money(
                        ln.rate if time else ln.amount, currency, price=True
                    ),
                    "discount": "",
                    "net": format_money(rules.line_amount(rl, currency), currency),
                    "tax_rate": "",
                    "tax_code": "",
                }
            )
    total = rules.estimate_figures(
        [
            [
                rules.Line(x.kind, x.hours, x.rate, x.amount, x.is_optional, x.is_chosen)
                for x in p.lines.all()
            ]
            for p in phases
        ],
        currency,
    )
    amount = format_money(total.amount, currency)
    return {
        "title": pgettext("quote", "Estimate"),
        "kind": "estimate",
        "status": estimate.status,
        "is_draft": estimate.status == EstimateStatus.DRAFT,
        "is_void": estimate.status in (EstimateStatus.SUPERSEDED, EstimateStatus.EXPIRED),
        "void_reason": gettext(estimate.get_status_display()),
        "number": f"{estimate.number} v{estimate.version}" if estimate.number else "",
        "issue_date": _date(estimate.sent_at.date() if estimate.sent_at else None),
        "due_date": "",
        "payment_terms": gettext("Valid until %(day)s.") % {"day": _date(estimate.valid_until)}
        + f" {gettext(estimate.get_billing_terms_display())}.",
        "period": "",
        "currency": currency,
        "logo": rendering.logo_uri(org),
        "seller": {
            "name": org.legal_name or org.name,
            "address": org.address or "",
            "country": org.country or "",
            "vat_id": org.vat_id or "",
            "registration_id": org.registration_id or "",
            "email": org.email or "",
            "iban": "",
            "bic": "",
        },
        "buyer": {
            "name": client.legal_name or client.name,
            "address": client.address or "",
            "country": client.country or "",
            "vat_id": client.vat_id or "",
            "code": client.code,
            "email": client.invoice_email or "",
            "contact": client.contact_name or "",
        },
        "project": {"code": estimate.project.code, "name": estimate.project.name}
        if estimate.project_id
        else {"code": estimate.project_code, "name": estimate.title},
        "credited_number": "",
        "credited_date": "",
        "lines": lines,
        "taxes": [],
        "net_total": amount,
        "tax_total": format_money(total.amount * 0, currency),
        "gross_total": amount,
        "amount_paid": "",
        "balance_due": amount,
        "tax_note": gettext("Amounts exclude VAT, which is added on the invoices."),
        "notes": "\n\n".join(x for x in (estimate.terms, estimate.notes) if x),
        "summary": [],
        "hours_note": gettext(hours.DECIMAL_HOURS_NOTE)
        if any(x["unit"] != "ea" for x in lines)
        else "",
        "hours_label": gettext(hours.DECIMAL_HOURS_LABEL),
        "timesheet": [],
        "payment_reference": "",
    }


def estimate_html(estimate: Estimate) -> str:
    html, css = template_for(estimate.organisation)
    language = estimate.client.document_language
    with translation.override(rendering.DJANGO_LANGUAGES.get(language, language)):
        context = estimate_context(estimate)
    return rendering.render_html(html, css, context, language=language)


def estimate_pdf(estimate: Estimate) -> bytes:
    return rendering.render_pdf(estimate_html(estimate))
