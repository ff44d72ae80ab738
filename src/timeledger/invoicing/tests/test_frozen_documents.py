"""Issued documents are frozen (issue 12 item 4, issue 19's issuing row).

The document comes from the template version stored on the invoice at issue; a template that
fails on the invoice's data refuses the issue and uses no number; nothing renders while the
numbering row is locked; the stored PDF never changes; template rendering is bounded.
"""

import datetime as dt
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from timeledger.documents.models import TemplateVersion
from timeledger.invoicing import issuing, pdf, rendering
from timeledger.invoicing.models import Invoice, InvoiceSequence, InvoiceStatus
from timeledger.invoicing.signals import documents_frozen, validate_for_issue
from timeledger.invoicing.tests import factories as inv

ON = dt.date(2026, 3, 2)


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _template(accountant, html):
    return pdf.save_template(
        None, {"name": "Ours", "html": html, "is_default": True}, by=accountant
    )


# ---------------------------------------------------------------- render limits (no database)

# The renderer stops within its own deadline (RENDER_SECONDS) or refuses before building; the
# bound here leaves a shared test machine slack (the 1 GB expression took 17.7 s before), and
# the deep-recursion case alone spends about a second unwinding Python's stack.
WITHIN = 3.0


def test_a_gigabyte_expression_is_refused_within_a_second():
    started = time.monotonic()
    with pytest.raises(rendering.TemplateRenderError, match="1,000,000,000"):
        rendering.render_html("{{ ('a'*10**6)*10**3 }}", "", {})
    assert time.monotonic() - started < WITHIN


@pytest.mark.parametrize(
    "html",
    [
        "{{ 'a'|center(10**9) }}",
        "{{ '%0999999999d'|format(1) }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ ('a'*10**6)|replace('a', 'aaaa') }}",
        "{{ 10**10**10 }}",
        "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('a') }}",
    ],
)
def test_output_size_limits_refuse_before_building(html):
    started = time.monotonic()
    with pytest.raises(rendering.TemplateRenderError, match="beyond what a document may use"):
        rendering.render_html(html, "", {})
    assert time.monotonic() - started < WITHIN


def test_a_render_that_runs_too_long_is_stopped():
    html = "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(rendering.TemplateRenderError, match="more than 0.2 s"):
        rendering.render_html(html, "", {}, seconds=0.2)
    assert time.monotonic() - started < WITHIN


def test_output_above_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(rendering, "MAX_HTML_CHARS", 1000)
    with pytest.raises(rendering.TemplateRenderError, match="characters of output"):
        rendering.render_html(
            "{% for i in lines %}{{ 'x' * 100 }}{% endfor %}", "", {"lines": [1] * 20}
        )
    assert rendering.render_html("{{ 'x' * 100 }}", "", {}) == "x" * 100


@pytest.mark.django_db
def test_save_template_refuses_the_gigabyte_template(accountant):
    with pytest.raises(ValidationError, match="1,000,000,000"):
        _template(accountant, "<p>{{ ('a'*10**6)*10**3 }}</p>")


# ---------------------------------------------------------------- frozen at issue


@pytest.mark.django_db
def test_issued_document_keeps_the_template_version_in_force_at_issue(
    org, accountant, client_, tmp_path, django_capture_on_commit_callbacks
):
    tax = inv.taxes(org)
    _template(accountant, "<h1>Layout one {{ number }}</h1>{{ gross_total }}")
    with django_capture_on_commit_callbacks(execute=True):
        first = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])
    first = Invoice.objects.get(pk=first.pk)
    stored = first.pdf.read()
    assert first.template_version.html == "<h1>Layout one {{ number }}</h1>{{ gross_total }}"
    assert first.documents_stored_at is not None

    current = pdf.InvoiceTemplate.objects.get(organisation=org, is_default=True)
    pdf.save_template(current, {"html": "<h1>Layout two {{ number }}</h1>"}, by=accountant)
    with django_capture_on_commit_callbacks(execute=True):
        second = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])
    second = Invoice.objects.get(pk=second.pk)

    assert "Layout two INV-2026-00002" in _text(pdf.ensure_pdf(second), tmp_path)
    # The first invoice: same version, same stored bytes, same HTML layout as when issued.
    first = Invoice.objects.get(pk=first.pk)
    assert first.template_version_id != second.template_version_id
    assert pdf.ensure_pdf(first) == stored
    assert "Layout one INV-2026-00001" in pdf.invoice_html(first)
    assert TemplateVersion.objects.filter(organisation=org).count() == 2


@pytest.mark.django_db
def test_template_versions_are_immutable(org, accountant, client_):
    tax = inv.taxes(org)
    invoice = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])
    version = Invoice.objects.get(pk=invoice.pk).template_version
    version.html = "changed"
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        TemplateVersion.objects.filter(pk=version.pk).update(html="changed")
    with pytest.raises(PermissionError):
        TemplateVersion.objects.filter(pk=version.pk).delete()
    other = TemplateVersion.objects.exclude(pk=version.pk).first()
    issued = Invoice.objects.get(pk=invoice.pk)
    issued.template_version = other
    with pytest.raises(ValidationError):
        issued.save()


@pytest.mark.django_db
def test_a_template_failing_on_the_line_text_refuses_the_issue_and_burns_no_number(
    org, accountant, client_
):
    tax = inv.taxes(org)
    # Passes the editor's sample render; divides by zero on a line whose text is 5 long.
    _template(
        accountant,
        "{% for l in lines %}{{ 100 // (l.description|length - 5) }}{% endfor %}{{ number }}",
    )
    bad = inv.draft(accountant, client_, [("Fails", "1", "100", tax["S"])])
    with pytest.raises(ValidationError) as refused:
        issuing.issue_invoice(bad, by=accountant, issue_date=ON)
    message = str(refused.value)
    assert "does not render with the template 'Ours'" in message
    assert "ZeroDivisionError" in message and "no number was used" in message
    bad.refresh_from_db()
    assert (bad.status, bad.number, bad.template_version_id) == (InvoiceStatus.DRAFT, "", None)

    good = inv.issued(accountant, client_, [("Works fine", "1", "100", tax["S"])])
    assert good.number == "INV-2026-00001"


@pytest.mark.django_db
def test_validate_for_issue_refuses_before_the_number(org, accountant, client_):
    tax = inv.taxes(org)
    seen = []

    def receiver(sender, invoice, lines, by, number, **kwargs):
        seen.append((invoice.number, number, len(lines), invoice.template_version_id is not None))
        raise ValidationError({"einvoice": ["Buyer reference missing."]})

    validate_for_issue.connect(receiver, dispatch_uid="test")
    try:
        draft = inv.draft(accountant, client_, [("Work", "1", "100", tax["S"])])
        with pytest.raises(ValidationError, match="Buyer reference missing"):
            issuing.issue_invoice(draft, by=accountant, issue_date=ON)
    finally:
        validate_for_issue.disconnect(dispatch_uid="test")
    assert seen == [("", "INV-2026-00001", 1, True)]
    assert not InvoiceSequence.objects.filter(organisation=org, next_value__gt=1).exists()
    assert inv.issued(accountant, client_, [("B", "1", "10", tax["S"])]).number == "INV-2026-00001"


@pytest.mark.django_db
def test_documents_frozen_is_sent_after_commit_and_retried_until_stored(
    org, accountant, client_, django_capture_on_commit_callbacks
):
    tax = inv.taxes(org)
    calls = []

    def receiver(sender, invoice, **kwargs):
        calls.append((invoice.number, bool(invoice.pdf)))
        if len(calls) <= pdf.ATTEMPTS_NOW:
            raise OSError("disk full")

    documents_frozen.connect(receiver, dispatch_uid="test")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            invoice = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])
        invoice = Invoice.objects.get(pk=invoice.pk)
        # Issued and numbered; PDF stored; the other documents still pending.
        assert invoice.status == InvoiceStatus.ISSUED and invoice.pdf
        assert invoice.documents_stored_at is None
        stored_pdf = invoice.pdf.name
        assert pdf.store_pending_documents() == {"stored": 1, "failed": 0}
        assert pdf.store_pending_documents() == {"stored": 0, "failed": 0}
    finally:
        documents_frozen.disconnect(dispatch_uid="test")
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.documents_stored_at is not None and invoice.pdf.name == stored_pdf
    assert calls == [("INV-2026-00001", True)] * (pdf.ATTEMPTS_NOW + 1)


@pytest.mark.django_db
def test_nothing_renders_while_the_numbering_row_is_locked(
    org, accountant, client_, monkeypatch, django_capture_on_commit_callbacks
):
    tax = inv.taxes(org)
    draft = inv.draft(accountant, client_, [("Work", "1", "100", tax["S"])])
    inv.issued(accountant, client_, [("Warm-up", "1", "100", tax["S"])])  # sequence exists
    renders = []
    real_html, real_pdf = rendering.render_html, rendering.render_pdf

    def html(*args, **kwargs):
        renders.append(("html", len(ctx.captured_queries)))
        return real_html(*args, **kwargs)

    def to_pdf(*args, **kwargs):
        renders.append(("pdf", len(ctx.captured_queries)))
        return real_pdf(*args, **kwargs)

    monkeypatch.setattr(rendering, "render_html", html)
    monkeypatch.setattr(rendering, "render_pdf", to_pdf)
    with django_capture_on_commit_callbacks() as callbacks:
        with CaptureQueriesContext(connection) as ctx:
            issuing.issue_invoice(draft, by=accountant, issue_date=ON)
        issue_queries = len(ctx.captured_queries)
    sqls = [q["sql"] for q in ctx.captured_queries]
    # The numbering lock: taken by the counter's increment (one UPDATE ... RETURNING; SQLite's
    # IMMEDIATE transaction serialises writers instead), held until commit.
    lock = next(
        i for i, sql in enumerate(sqls) if sql.startswith('UPDATE "billing_invoicesequence"')
    )
    assert "RETURNING" in sqls[lock]
    # The check render happens before the number; the PDF only after commit.
    # (``at``: the queries run before the render; ``lock``: the index of the locking one.)
    assert renders and all(kind == "html" and at <= lock for kind, at in renders)
    # Query-count pin for issuing a one-line invoice (the issue transaction, before commit):
    # invoicing's own 13 (the invoice locked with its organisation and client; totals and legal
    # notes from the lines in hand), the audit chain's newest hash, the client's e-invoice
    # settings read by the check and by the store (einvoicing's receivers) and the webhook
    # endpoints of the event.
    assert issue_queries <= 17, "\n".join(sqls)
    with CaptureQueriesContext(connection):
        for callback in callbacks:
            callback()
    assert [kind for kind, _ in renders].count("pdf") == 1
    assert Invoice.objects.get(pk=draft.pk).pdf


@pytest.mark.django_db
def test_issuing_looks_each_tax_category_up_once_however_many_lines_carry_it(
    org, accountant, client_
):
    tax = inv.taxes(org)
    inv.issued(accountant, client_, [("Warm-up", "1", "100", tax["S"])])  # sequence exists
    counts = []
    for n in (1, 6):
        draft = inv.draft(
            accountant, client_, [(f"Work {i}", "1", "100", tax["S"]) for i in range(n)]
        )
        with CaptureQueriesContext(connection) as ctx:
            issuing.issue_invoice(draft, by=accountant, issue_date=ON)
        counts.append(sum('FROM "billing_taxcategory"' in q["sql"] for q in ctx.captured_queries))
    assert counts[0] == counts[1] > 0, counts
