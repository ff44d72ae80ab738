"""Invoice documents: plain-value context, a sandboxed template, and a PDF with no outside access.

Safety of organisation-edited templates:

* The template engine is Jinja's ``ImmutableSandboxedEnvironment`` with autoescaping, a loader
  that finds nothing (so no
  ``include``/``import``/``extends`` of files) and no globals. The sandbox refuses access to
  underscore attributes and unsafe callables.
* The context holds only strings, lists and dicts built here (``invoice_context``), never a model
  object, so there is nothing to reach through (no ``invoice.client.organisation.members``...).
* WeasyPrint fetches nothing: the URL fetcher refuses every URL except inline ``data:`` URIs, so
  a template cannot read local files (``file:///etc/passwd``) or call the network.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from timeledger.core import hours
from timeledger.core.money import format_money
from timeledger.invoicing.selectors import timesheet_annex
from timeledger.invoicing.totals import totals

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "invoicing"


class TemplateRenderError(ValueError):
    """A customised template does not render (syntax error, forbidden access)."""


def _env() -> ImmutableSandboxedEnvironment:
    # Immutable: no list.append/dict.update on the context either. StrictUndefined: an unknown
    # variable or a refused attribute (``__class__``) is an error, not a silent blank.
    # The loader finds nothing: include/import/extends of any name fails (no file access).
    env = ImmutableSandboxedEnvironment(
        autoescape=True, loader=FunctionLoader(lambda name: None), undefined=StrictUndefined
    )
    env.globals.clear()  # no range/dict/lipsum/cycler/joiner/namespace
    return env


def default_html() -> str:
    return (DEFAULT_TEMPLATE_DIR / "invoice.html").read_text()


def default_css() -> str:
    return (DEFAULT_TEMPLATE_DIR / "invoice.css").read_text()


def money(amount: Decimal, currency: str) -> str:
    return format_money(amount, currency)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def invoice_context(invoice) -> dict:
    """Everything a template may show, as plain values (documented in the template editor)."""
    currency = invoice.currency
    lines = list(invoice.lines.select_related("tax_category").order_by("position", "id"))
    names = {line.tax_category.code: line.tax_category.name for line in lines if line.tax_category}
    result = totals(
        [
            (line.net_amount, line.tax_category.code if line.tax_category else "", line.tax_rate)
            for line in lines
        ],
        currency,
    )
    seller = invoice.seller or {}
    buyer = invoice.buyer or {}
    if not seller:  # a draft preview: the live data (frozen at issue)
        org = invoice.organisation
        seller = {
            "name": org.legal_name or org.name,
            "address": org.address,
            "country": org.country,
            "vat_id": org.vat_id,
            "registration_id": org.registration_id,
            "email": org.email,
            "iban": org.iban,
            "bic": org.bic,
        }
    if not buyer:
        client = invoice.client
        buyer = {
            "name": client.legal_name or client.name,
            "address": client.address,
            "country": client.country,
            "vat_id": client.vat_id,
            "code": client.code,
            "email": client.invoice_email,
            "contact": client.contact_name,
        }
    credited = invoice.credited_invoice
    positions = {line.pk: i for i, line in enumerate(lines, 1)}
    return {
        "title": invoice.get_kind_display()
        if invoice.kind != "standard"
        else ("Invoice" if invoice.number else "Draft invoice"),
        "kind": invoice.kind,
        "status": invoice.status,
        "is_draft": invoice.status in ("draft", "on_hold"),
        "is_void": invoice.status == "void",
        "void_reason": invoice.void_reason,
        "number": invoice.number or ("" if invoice.kind != "proforma" else f"PF-{invoice.pk}"),
        "issue_date": _date(invoice.issue_date),
        "due_date": _date(invoice.due_date),
        "payment_terms": (
            f"Net {invoice.payment_terms_days} days"
            if invoice.payment_terms_days
            else ("Due on receipt" if invoice.payment_terms_days == 0 else "")
        ),
        "period": (
            f"{_date(invoice.period_start)} – {_date(invoice.period_end)}"
            if invoice.period_start and invoice.period_end
            else ""
        ),
        "currency": currency,
        "seller": {k: str(v or "") for k, v in seller.items()},
        "buyer": {k: str(v or "") for k, v in buyer.items()},
        "project": {"code": invoice.project.code, "name": invoice.project.name}
        if invoice.project_id
        else None,
        "credited_number": credited.number if credited else "",
        "credited_date": _date(credited.issue_date) if credited else "",
        "lines": [
            {
                "position": i,
                "description": line.description,
                "note": line.note,
                "quantity": hours.format_quantity(line.quantity),
                "unit": hours.unit_label(line.unit),
                "unit_price": format_money(line.unit_price, currency, price=True),
                "net": money(line.net_amount, currency),
                "tax_rate": f"{line.tax_rate}",
                "tax_code": line.tax_category.code if line.tax_category else "",
            }
            for i, line in enumerate(lines, 1)
        ],
        "taxes": [
            {
                "name": names.get(b.code, b.code),
                "code": b.code,
                "rate": f"{b.rate}",
                "taxable": money(b.taxable, currency),
                "tax": money(b.tax, currency),
            }
            for b in result.breakdown
        ],
        "net_total": money(result.net, currency),
        "tax_total": money(result.tax, currency),
        "gross_total": money(result.gross, currency),
        "amount_paid": money(invoice.amount_paid, currency),
        "balance_due": money(invoice.balance_due, currency),
        "tax_note": invoice.tax_note,
        "notes": invoice.notes,
        "summary": [dict(row) for row in (invoice.summary or [])],
        "hours_note": hours.DECIMAL_HOURS_NOTE
        if any(hours.is_hours(line.unit) for line in lines)
        else "",
        "hours_label": hours.DECIMAL_HOURS_LABEL,
        "timesheet": _timesheet(invoice, lines, positions) if invoice.include_timesheet else [],
        "payment_reference": invoice.number,
    }


def _timesheet(invoice, lines, positions: dict[int, int]) -> list[dict]:
    """The timesheet annex, one group per line that bills entries (in line order), each entry by
    date with its hours; a group's hours add up to its line's quantity (``allocate_hours``)."""
    by_line: dict[int, list] = {}
    for row in timesheet_annex(invoice):
        by_line.setdefault(row.line_id, []).append(row)
    groups = []
    for line in lines:
        rows = by_line.get(line.pk)
        if not rows:
            continue
        groups.append(
            {
                "position": positions[line.pk],
                "description": line.description,
                "hours": hours.format_quantity(sum((r.hours for r in rows), Decimal("0.00"))),
                "rows": [
                    {
                        "date": _date(r.date),
                        "member": r.member,
                        "task": r.task,
                        "description": r.description,
                        "hours": hours.format_quantity(r.hours),
                    }
                    for r in rows
                ],
            }
        )
    return groups


def check_template(html: str) -> None:
    """Refuse a template that does not compile (shown next to the field in the editor)."""
    try:
        _env().from_string(html)
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(f"Line {exc.lineno}: {exc.message}") from exc


def render_html(html: str, css: str, context: dict) -> str:
    try:
        # CSS goes into <style> unescaped (quotes matter there) but can never close the element.
        safe_css = Markup(css.replace("</", "<\\/"))
        body = _env().from_string(html).render(**context, css=safe_css)
    except TemplateError as exc:
        raise TemplateRenderError(str(exc)) from exc
    return body


class DataOnlyFetcher:
    """WeasyPrint URL fetcher: inline ``data:`` URIs only; every other URL is refused."""

    def __init__(self):
        from weasyprint.urls import URLFetcher

        self._inner = URLFetcher(allowed_protocols={"data"})
        self._fail_on_errors = False
        self.refused: list[str] = []

    def __call__(self, url, *args, **kwargs):
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            raise ValueError(f"external resources are not allowed: {url[:60]}")
        return self._inner.fetch(url)

    fetch = __call__


def render_pdf(html: str, *, fetcher: DataOnlyFetcher | None = None) -> bytes:
    from weasyprint import HTML

    fetcher = fetcher or DataOnlyFetcher()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
