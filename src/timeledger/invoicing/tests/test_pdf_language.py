"""Invoice documents in the client's language (issue 17): the client's language (en, de, nl, fr;
blank: the organisation's) is frozen on the invoice at issue and the PDF is written in it, with
that locale's numbers and dates; estimates, which share the template, still render."""

import datetime as dt

import pytest
from django.utils import translation
from pypdf import PdfReader

from timeledger.invoicing import issuing, pdf, rendering
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled")]


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _issue(accountant, client_, django_capture_on_commit_callbacks):
    tax = inv.taxes(accountant.organisation)
    client_.payment_terms_days = 14
    client_.save()
    draft = inv.draft(accountant, client_, [("Discovery", "12", "150.5", tax["S"])])
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issuing.issue_invoice(draft, by=accountant, issue_date=dt.date(2026, 3, 2))
    return Invoice.objects.get(pk=invoice.pk)


def test_a_client_without_a_language_gets_the_organisations(client_):
    assert client_.language == ""
    assert client_.document_language == "en"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "de",
            [
                "Rechnung",
                "Rechnungsempfänger",
                "Gesamt",
                "1.806,00",
                "2. März 2026",
                "Netto 14 Tage",
            ],
        ),
        ("nl", ["Factuur", "Factuur aan", "Totaal", "1.806,00", "2 maart 2026", "Netto 14 dagen"]),
        ("fr", ["Facture", "Facturé à", "Total", "806,00", "2 mars 2026", "Net à 14 jours"]),
        ("en", ["Invoice", "Bill to", "Total", "1,806.00", "02 Mar 2026", "Net 14 days"]),
    ],
)
def test_the_issued_pdf_is_in_the_clients_language(
    accountant, client_, tmp_path, django_capture_on_commit_callbacks, language, words
):
    client_.language = language
    invoice = _issue(accountant, client_, django_capture_on_commit_callbacks)
    assert invoice.language == language
    text = _text(pdf.ensure_pdf(invoice), tmp_path).lower()  # headings are upper case
    for word in words:
        assert word.lower() in text, word


def test_the_language_is_frozen_at_issue(accountant, client_, django_capture_on_commit_callbacks):
    client_.language = "de"
    invoice = _issue(accountant, client_, django_capture_on_commit_callbacks)
    client_.language = "fr"
    client_.save()
    invoice = Invoice.objects.select_related("client").get(pk=invoice.pk)
    assert rendering.document_language(invoice) == "de"
    html = pdf.invoice_html(invoice)
    assert '<html lang="de">' in html and "Rechnung" in html and "Facture" not in html


def test_a_draft_follows_its_clients_language_and_the_request_language_does_not_leak(
    accountant, client_
):
    tax = inv.taxes(accountant.organisation)
    client_.language = "nl"
    client_.save()
    draft = inv.draft(accountant, client_, [("Discovery", "1", "1000", tax["S"])])
    with translation.override("de"):
        html = pdf.invoice_html(Invoice.objects.get(pk=draft.pk))
    assert "Conceptfactuur" in html and "1.000,00" in html and "Entwurf" not in html


def test_a_template_without_translations_still_renders():
    html = rendering.render_html(
        "<p>{{ title }} {{ language }} {{ _('Total') }}</p>", "", {"title": "X"}
    )
    assert html == "<p>X en Total</p>"
    assert "Gesamt" in rendering.render_html("{{ _('Total') }}", "", {}, language="de")
