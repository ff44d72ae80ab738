"""The draft page and the invoice document in German and Dutch, in headless Debian Chromium
(issue 17): the page speaks the browser's language, the document the client's; screenshots of
both at 1280 and 390 px land in var/screenshots/ (``draft-de-draft-1280.png``,
``draft-de-pdf-1280.png``...). The document's screenshot is the HTML the PDF is made from
(``pdf.invoice_html``), shown by Chromium: headless Chromium has no PDF viewer."""

import pytest

from timeledger.invoicing import pdf
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("locale", "page_words", "document_words"),
    [
        (
            "de",
            ["Rechnung ausstellen", "Im Vergleich zum Angebot"],
            ["Rechnungsentwurf", "1.806,00"],
        ),
        ("nl", ["Factuur uitgeven", "Ten opzichte van de offerte"], ["Conceptfactuur", "1.806,00"]),
    ],
)
def test_draft_page_and_document_in_german_and_dutch(
    live_server, browser, compiled, locale, page_words, document_words
):
    org = f.organisation("Acme Consulting", slug="acme")
    tax = inv.taxes(org)
    accountant = f.member(org, "accountant", email="fin@example.com")
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    client.language = locale
    client.save()
    draft = inv.draft(accountant, client, [("Discovery", "12", "150.5", tax["S"])])

    page = browser.new_context(
        locale=f"{locale}-{locale.upper()}", viewport={"width": 1280, "height": 900}
    ).new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "fin@example.com")
    flow = Flow(page, f"draft-{locale}")
    flow.goto(f"{live_server.url}/billing/drafts/{draft.pk}/")
    text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
    for word in page_words:
        assert word in text, word
    assert flow.shot("draft") <= 390

    html = pdf.invoice_html(Invoice.objects.select_related("client").get(pk=draft.pk))
    page.set_content(html)
    for word in document_words:
        assert word in page.inner_text("body"), word
    assert f'<html lang="{locale}">' in html
    flow.shot("pdf")
    assert errors == []
