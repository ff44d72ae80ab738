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
* Rendering is bounded (``_LimitedEnvironment``, ``render_html``): a string or list a template
  builds holds at most ``MAX_SEQUENCE`` items, numbers stay small, call and filter arguments are
  at most ``MAX_ARGUMENT``, the output at most ``MAX_HTML_CHARS`` characters, and the render takes
  at most ``RENDER_SECONDS`` (checked on every line the template executes) with macros nested at
  most ``MAX_DEPTH`` deep. ``{{ ('a'*10**6)*10**3 }}`` is refused before the 1 GB string is
  built. A refusal is a ``TemplateRenderError`` with the reason, like a syntax error.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
import sys
import time
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from timeledger.accounts import models as accounts_models
from timeledger.core import hours, timeutil
from timeledger.core.money import format_money, format_number
from timeledger.invoicing.selectors import timesheet_annex
from timeledger.invoicing.signals import document_context
from timeledger.invoicing.totals import line_discount, totals

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "invoicing"


class TemplateRenderError(ValueError):
    """A customised template does not render (syntax error, forbidden access, over a limit)."""


# Limits of one render. An invoice of 1,000 lines with its timesheet annex is about 1 MB of HTML.
MAX_HTML_CHARS = 5_000_000
MAX_SEQUENCE = 1_000_000
MAX_ARGUMENT = 100_000
MAX_INT_BITS = 256
MAX_DEPTH = 50
RENDER_SECONDS = 1.0
TEMPLATE_FILENAME = "<template>"
# Widths and precisions in printf/format specs ("%0999999999d", "{:>999999999}").
_SPEC_NUMBER = re.compile(r"\d{6,}")


class _LimitExceeded(TemplateRenderError):
    pass


def _over(message: str):
    raise _LimitExceeded(f"The template goes beyond what a document may use: {message}.")


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _check_arguments(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) and abs(value) > MAX_ARGUMENT:
            _over(f"an argument of {value} (at most {MAX_ARGUMENT:,})")
        if isinstance(value, str) and len(value) > MAX_SEQUENCE:
            _over(f"a text of {len(value):,} characters (at most {MAX_SEQUENCE:,})")


def _check_format(spec) -> None:
    if isinstance(spec, str) and _SPEC_NUMBER.search(spec):
        _over("a format width or precision of six digits or more")


def _check_replace(text, old, new) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        grows = text.count(old) * max(len(new) - len(old), 0) if old else len(text) * len(new)
        if len(text) + grows > MAX_SEQUENCE:
            _over(f"a replacement making {len(text) + grows:,} characters")


def _limited_filter(name: str, func):
    @functools.wraps(func)
    def run(*args, **kwargs):
        _check_arguments(args[1:] if args and not isinstance(args[0], str) else args, kwargs)
        if name == "format" and args:
            _check_format(args[0] if isinstance(args[0], str) else args[1])
        if name == "replace":
            values = [a for a in args if isinstance(a, str)]
            if len(values) >= 3:
                _check_replace(*values[-3:])
        result = func(*args, **kwargs)
        if (_size(result) or 0) > MAX_SEQUENCE:
            _over(f"a value of {_size(result):,} items from {name}")
        return result

    return run


class _LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with bounded operators, calls and filters (see the module docstring).

    Intercepting an operator also stops Jinja from folding it at compile time, so a constant
    expression like ``'a' * 10**9`` is checked here instead of being built while compiling.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                bits = abs(right) * int(abs(left)).bit_length()
                if abs(right) > MAX_INT_BITS or bits > MAX_INT_BITS:
                    _over(f"the power {left} ** {right}")
        elif operator == "*":
            sizes = (_size(left), _size(right))
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            if any(s is not None for s in sizes) and counts:
                made = next(s for s in sizes if s is not None) * counts[0]
                if made > MAX_SEQUENCE:
                    _over(f"a repetition making {made:,} items (at most {MAX_SEQUENCE:,})")
            elif len(counts) == 2 and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                _over("a product of very large numbers")
        elif operator == "+":
            if _size(left) is not None and _size(right) is not None:
                if _size(left) + _size(right) > MAX_SEQUENCE:
                    _over(f"a concatenation of {_size(left) + _size(right):,} items")
        elif operator == "%" and isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        _check_arguments(args, kwargs)
        # The sandbox hands out str.format wrapped (functools.update_wrapper): look through it.
        method = getattr(__obj, "__wrapped__", __obj)
        name = getattr(method, "__name__", "")
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            if name in ("format", "format_map"):
                _check_format(owner)
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
        result = super().call(__context, __obj, *args, **kwargs)
        if (_size(result) or 0) > MAX_SEQUENCE:
            _over(f"a value of {_size(result):,} items from {name or 'a call'}")
        return result


@functools.lru_cache(maxsize=64)
def _compiled(html: str):
    """Compiled once per template text (a version's text never changes): compiling costs more
    than rendering an invoice. Jinja templates are safe to render from several threads."""
    return _env().from_string(html)


def _env() -> ImmutableSandboxedEnvironment:
    # Immutable: no list.append/dict.update on the context either. StrictUndefined: an unknown
    # variable or a refused attribute (``__class__``) is an error, not a silent blank.
    # The loader finds nothing: include/import/extends of any name fails (no file access).
    env = _LimitedEnvironment(
        autoescape=True, loader=FunctionLoader(lambda name: None), undefined=StrictUndefined
    )
    env.globals.clear()  # no range/dict/lipsum/cycler/joiner/namespace
    env.filters = {name: _limited_filter(name, func) for name, func in env.filters.items()}
    return env


class _Deadline:
    """A per-thread trace on the template's own code: every line it executes checks the clock, and
    every call of its macros the nesting depth. Only frames compiled from the template are traced
    (Python's tracing is per thread, so concurrent renders in other threads are unaffected)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.until = time.monotonic() + seconds
        self.depth = 0

    def _line(self, frame, event, arg):
        if event == "line" and time.monotonic() > self.until:
            _over(f"rendering took more than {self.seconds:g} s")
        if event == "return":
            self.depth -= 1
        return self._line

    def __call__(self, frame, event, arg):
        if event != "call" or frame.f_code.co_filename != TEMPLATE_FILENAME:
            return None
        self.depth += 1
        if self.depth > MAX_DEPTH:
            _over(f"macros nested more than {MAX_DEPTH} deep")
        if time.monotonic() > self.until:
            _over(f"rendering took more than {self.seconds:g} s")
        return self._line

    def __enter__(self):
        self._previous = sys.gettrace()
        sys.settrace(self)
        return self

    def __exit__(self, *exc):
        sys.settrace(self._previous)
        return False


def default_html() -> str:
    return (DEFAULT_TEMPLATE_DIR / "invoice.html").read_text()


def default_css() -> str:
    return (DEFAULT_TEMPLATE_DIR / "invoice.css").read_text()


# Document languages (``Client.document_language``) → the UI's language codes (settings.LANGUAGES).
DJANGO_LANGUAGES = accounts_models.DJANGO_LANGUAGES  # re-exported: pdf.py and tests use it here
# Texts of other modules that the document shows, marked for the catalogues (translated with
# ``gettext`` where they are used, in the document's language).
_DOCUMENT_TEXTS = (
    gettext_noop("Invoice"),
    gettext_noop("Draft invoice"),
    gettext_noop("Proforma"),
    gettext_noop("Recurring invoice"),
    gettext_noop("Final invoice"),
    gettext_noop("Credit note"),
    gettext_noop("hrs (decimal)"),
    gettext_noop("Hours are decimal hours: 1.50 hrs = 1 hour 30 minutes."),
)


def document_language(invoice) -> str:
    """The language of the invoice's document: frozen at issue (``Invoice.language``; empty on
    invoices issued before there was one: English); a draft's is its client's, as it is now."""
    if invoice.status in ("draft", "on_hold") and invoice.client_id:
        return invoice.client.document_language
    return invoice.language or "en"


def _active() -> str:
    return translation.get_language() or "en"


def money(amount: Decimal, currency: str, *, price: bool = False) -> str:
    """An amount in the document's language (the active one while the document renders)."""
    return format_money(amount, currency, price=price, language=_active())


def _quantity(value: Decimal) -> str:
    """A quantity as ``core.hours.format_quantity`` prints it, in the document's locale."""
    text = hours.format_quantity(value).replace(",", "")  # "1.50", "0.125": its decimals
    return format_number(Decimal(text), len(text.partition(".")[2]), language=_active())


def _line_discount(line, currency: str) -> str:
    if not line.discount_percent:
        return ""
    value = line_discount(line.quantity, line.unit_price, line.discount_percent, currency)
    return f"−{_quantity(line.discount_percent)} % (−{money(abs(value), currency)})"


def _date(value: dt.date | None) -> str:
    return timeutil.format_date(value, language=_active())


def _unit(unit: str) -> str:
    return gettext(hours.unit_label(unit)) if hours.is_hours(unit) else unit


def _rate(value: Decimal) -> str:
    """A VAT rate as stored (``21.00``, ``5.5``), in the document's locale (``21,00``)."""
    text = f"{value}"
    return format_number(value, len(text.partition(".")[2]), language=_active())


def _title(invoice) -> str:
    if invoice.kind != "standard":
        return gettext(invoice.get_kind_display())
    return gettext("Invoice") if invoice.number else gettext("Draft invoice")


def invoice_context(invoice, *, frozen: bool = False, lines=None) -> dict:
    """Everything a template may show, as plain values (documented in the template editor).

    ``frozen``: the invoice as issued, for its stored document: issued, nothing paid, not void;
    what happens to it later (payments, voiding) is shown by the app, never by changing the
    document. ``lines``: the invoice's lines with their tax categories, when the caller holds
    them (issuing); read otherwise."""
    currency = invoice.currency
    if lines is None:
        lines = invoice.lines.select_related("tax_category")
    lines = sorted(lines, key=lambda line: (line.position, line.pk))
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
    context = {
        "title": _title(invoice),
        "kind": invoice.kind,
        "status": invoice.status,
        "is_draft": invoice.status in ("draft", "on_hold"),
        "is_void": invoice.status == "void",
        "void_reason": invoice.void_reason,
        "number": invoice.number or ("" if invoice.kind != "proforma" else f"PF-{invoice.pk}"),
        "issue_date": _date(invoice.issue_date),
        "due_date": _date(invoice.due_date),
        "payment_terms": (
            gettext("Net %(days)s days") % {"days": invoice.payment_terms_days}
            if invoice.payment_terms_days
            else (gettext("Due on receipt") if invoice.payment_terms_days == 0 else "")
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
                "quantity": _quantity(line.quantity),
                "unit": _unit(line.unit),
                "unit_price": money(line.unit_price, currency, price=True),
                "net": money(line.net_amount, currency),
                # The line's own discount, e.g. "−10 % (−25.00)"; empty when it has none.
                "discount": _line_discount(line, currency),
                "tax_rate": _rate(line.tax_rate),
                "tax_code": line.tax_category.code if line.tax_category else "",
            }
            for i, line in enumerate(lines, 1)
        ],
        "taxes": [
            {
                "name": names.get(b.code, b.code),
                "code": b.code,
                "rate": _rate(b.rate),
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
        "hours_note": gettext(hours.DECIMAL_HOURS_NOTE)
        if any(hours.is_hours(line.unit) for line in lines)
        else "",
        "hours_label": gettext(hours.DECIMAL_HOURS_LABEL),
        "timesheet": _timesheet(invoice, lines, positions) if invoice.include_timesheet else [],
        "payment_reference": invoice.number,
    }
    if frozen:
        owed = invoice.balance_due if invoice.kind == "credit_note" else invoice.gross_total
        context.update(
            title=gettext(invoice.get_kind_display())
            if invoice.kind != "standard"
            else gettext("Invoice"),
            status="issued",
            is_draft=False,
            is_void=False,
            void_reason="",
            amount_paid=money(Decimal(0), currency),
            balance_due=money(owed, currency),
        )
    context["logo"] = logo_uri(invoice.organisation)
    context["payment_qr"] = ""
    for _receiver, extra in document_context.send(
        sender=type(invoice), invoice=invoice, frozen=frozen
    ):
        context.update(extra or {})
    return context


_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def logo_uri(organisation) -> str:
    """The organisation's logo as a ``data:`` URI (the PDF renderer fetches nothing else)."""
    logo = organisation.logo
    mime = _LOGO_TYPES.get(Path(logo.name or "").suffix.lower())
    if not logo or mime is None:
        return ""
    try:
        with logo.open("rb") as fh:
            data = fh.read()
    except OSError:  # the file is gone (restored database without its media): no logo
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


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
                "hours": _quantity(sum((r.hours for r in rows), Decimal("0.00"))),
                "rows": [
                    {
                        "date": _date(r.date),
                        "member": r.member,
                        "task": r.task,
                        "description": r.description,
                        "hours": _quantity(r.hours),
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


def render_html(
    html: str, css: str, context: dict, *, seconds: float | None = None, language: str = "en"
) -> str:
    """Render an organisation's template within the limits (see the module docstring), in
    ``language`` (a document language, ``DJANGO_LANGUAGES``): every template, whatever its
    context (invoice, estimate, the editor's sample), gets ``_("text")``, the text in that
    language from the catalogues, and ``language``, its code (for ``<html lang>``)."""
    with translation.override(DJANGO_LANGUAGES.get(language, language)):
        return _render(html, css, {**context, "_": gettext, "language": language}, seconds)


def _render(html: str, css: str, context: dict, seconds: float | None) -> str:
    if len(html) + len(css) > MAX_HTML_CHARS:
        _over(f"a template of {len(html) + len(css):,} characters")
    try:
        # CSS goes into <style> unescaped (quotes matter there) but can never close the element.
        safe_css = Markup(css.replace("</", "<\\/"))
        template = _compiled(html)
        parts, size = [], 0
        with _Deadline(RENDER_SECONDS if seconds is None else seconds):
            for chunk in template.generate(**context, css=safe_css):
                size += len(chunk)
                if size > MAX_HTML_CHARS:
                    _over(f"more than {MAX_HTML_CHARS:,} characters of output")
                parts.append(chunk)
    except _LimitExceeded:
        raise
    except TemplateError as exc:
        raise TemplateRenderError(str(exc)) from exc
    except (ArithmeticError, MemoryError, RecursionError, TypeError, ValueError) as exc:
        # A template's own mistake on some data (1/0, "a" - 1): refused with the reason.
        raise TemplateRenderError(f"{type(exc).__name__}: {exc}") from exc
    return "".join(parts)


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
