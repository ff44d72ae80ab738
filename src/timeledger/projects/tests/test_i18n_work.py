"""Projects, clients, rates, estimates and expenses in German, Dutch and French (issue 17): the
pages, their forms (labels, choices) and the messages of a form sent back speak the browser's
language; the English they read before they were marked is gone."""

import datetime as dt

import pytest
from django.utils import translation

from timeledger.estimates import documents
from timeledger.estimates.tests.helpers import draft
from timeledger.projects import teams
from timeledger.testing import factories as f

# What the pages read in English before they were marked (each of them is on one of the pages).
ENGLISH = (
    "New project",
    "Phases and tasks",
    "Add milestone",
    "Nobody assigned yet.",
    "Change orders",
    "Request a change",
    "New client",
    "Open projects",
    "New rate",
    "Save organisation rule",
    "Save draft",
    "Measured factors",
    "Log an expense",
    "Your expenses",
    "Billing model",
    "Fixed fee",
    ">Planned<",
)

WORDS = {
    "de-DE,de;q=0.9": {
        "/projects/": ["Neues Projekt", "Erfasst"],
        "detail": ["Phasen und Aufgaben", "Meilenstein hinzufügen", "In Arbeit", "(Inhaber)"],
        "terms": ["Nachträge", "Änderung anfragen", "Höchstbetrag"],
        "/clients/": ["Neuer Kunde", "Offene Projekte", "netto 30"],
        "/rates/": ["Neuer Satz", "Pro Stunde", "Standard der Organisation"],
        "/rates/rounding/": ["Regel der Organisation speichern", "Kaufmännisch runden"],
        "/estimates/new/": ["Neues Angebot", "Entwurf speichern", "Gültig bis"],
        "/expenses/": ["Ausgabe erfassen", "Ihre Ausgaben", "Lieferant"],
        "/projects/new/": ["Abrechnungsmodell", "Festpreis", "Geplant"],
    },
    "nl-NL,nl;q=0.9": {
        "/projects/": ["Nieuw project", "Geboekt"],
        "detail": ["Fasen en taken", "Mijlpaal toevoegen", "Bezig", "(eigenaar)"],
        "terms": ["Meerwerk", "Wijziging aanvragen", "Maximumbedrag"],
        "/clients/": ["Nieuwe klant", "Open projecten", "netto 30"],
        "/rates/": ["Nieuw tarief", "Per uur", "Standaard van de organisatie"],
        "/rates/rounding/": ["Regel van de organisatie opslaan", "Naar dichtstbijzijnde"],
        "/estimates/new/": ["Nieuwe offerte", "Concept opslaan", "Geldig tot"],
        "/expenses/": ["Onkosten boeken", "Uw onkosten", "Leverancier"],
        "/projects/new/": ["Factureringsmodel", "Vaste prijs", "Gepland"],
    },
    "fr-FR,fr;q=0.9": {
        "/projects/": ["Nouveau projet", "Saisi"],
        "detail": ["Phases et tâches", "Ajouter un jalon", "En cours", "(propriétaire)"],
        "terms": ["Avenants", "Demander une modification", "Montant plafond"],
        "/clients/": ["Nouveau client", "Projets ouverts", "net 30"],
        "/rates/": ["Nouveau tarif", "Horaire", "Par défaut de l&#x27;organisation"],
        "/rates/rounding/": ["Enregistrer la règle", "Au plus proche"],
        "/estimates/new/": ["Nouveau devis", "Enregistrer le brouillon", "Valable jusqu"],
        "/expenses/": ["Saisir une dépense", "Vos dépenses", "Fournisseur"],
        "/projects/new/": ["Mode de facturation", "Forfait", "Prévu"],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("accept", list(WORDS))
def test_the_work_pages_speak_the_browsers_language(client, compiled, accept):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olivia@example.com")
    f.rate(org, "100.00")
    acme = f.client(org, code="ACME", name="Acme Retail", payment_terms_days=30)
    project = f.project(org, acme, code="WEB", name="Web shop", is_open_to_all=False)
    f.task(project, "Design", status="in_progress")
    client.force_login(owner.user)
    pages = {**WORDS[accept]}
    pages[f"/projects/{project.pk}/"] = pages.pop("detail")
    pages[f"/projects/{project.pk}/terms/"] = pages.pop("terms")
    seen = ""
    for url, words in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200, url
        page = response.content.decode()
        for word in words:
            assert word in page, (url, word)
        seen += page
    assert [english for english in ENGLISH if english in seen] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "required", "dates"),
    [
        (
            "de-DE,de;q=0.9",
            "Dieses Feld ist zwingend erforderlich.",
            "Das Ende muss am oder nach dem Beginn liegen.",
        ),
        (
            "nl-NL,nl;q=0.9",
            "Dit veld is vereist.",
            "De einddatum moet op of na de begindatum liggen.",
        ),
        (
            "fr-FR,fr;q=0.9",
            "Ce champ est obligatoire.",
            "La date de fin doit être égale ou postérieure à la date de début.",
        ),
    ],
)
def test_a_project_form_sent_back_explains_in_the_browsers_language(
    client, compiled, accept, required, dates
):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olivia@example.com")
    acme = f.client(org, code="ACME")
    client.force_login(owner.user)
    empty = client.post("/projects/new/", {}, HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert required in empty and "This field is required." not in empty
    backwards = client.post(
        "/projects/new/",
        {
            "code": "WEB",
            "name": "Web shop",
            "client": acme.pk,
            "billing_model": "hourly",
            "status": "active",
            "start_date": "2026-06-01",
            "end_date": "2026-05-01",
        },
        HTTP_ACCEPT_LANGUAGE=accept,
    ).content.decode()
    assert dates in backwards
    assert "End date must be on or after the start date." not in backwards


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Angebot", "Gültig bis 31. März 2026.", "Beträge ohne USt.", "Optional: nur"]),
        ("nl", ["Offerte", "Geldig tot 31 maart 2026.", "Bedragen exclusief btw", "Optioneel"]),
        ("fr", ["Devis", "Valable jusqu", "31 mars 2026", "Montants hors TVA", "Optionnel"]),
    ],
)
def test_the_estimate_document_is_written_in_the_clients_language(compiled, language, words):
    # Like an invoice: the client's document language, whatever the page's or the browser's.
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olivia@example.com")
    buyer = f.client(org, code="ACME", language=language)
    document = documents.estimate_html(draft(owner, buyer))
    for word in words:
        assert word in document, word
    assert "Valid until" not in document and "Amounts exclude VAT" not in document
    buyer.language = "en"
    buyer.save()
    english = documents.estimate_html(draft(owner, buyer, code="SHOP2"))
    assert "Valid until 31 Mar 2026." in english


@pytest.mark.django_db
def test_the_rate_preview_names_the_field_and_the_fault_in_german(client, compiled):
    org = f.organisation("Acme Consulting", slug="acme")
    manager = f.member(org, "manager", email="max@example.com")
    client.force_login(manager.user)
    data = {"kind": "billing", "level": "organisation", "amount": "-5", "currency": "EUR"}
    data["effective_from"] = "2026-01-01"
    page = client.post(
        "/rates/preview/", data, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9"
    ).content.decode()
    assert "Keine Vorschau möglich:" in page
    assert "Stundensatz: Ein Satz kann nicht negativ sein." in page
    assert "amount:" not in page and "Cannot preview" not in page


@pytest.mark.django_db
def test_the_entry_rate_page_explains_the_rule_in_german(client, compiled):
    org = f.organisation("Acme Consulting", slug="acme")
    manager = f.member(org, "manager", email="max@example.com")
    f.rate(org, "100.00", effective_from=dt.date(2026, 1, 1))
    entry = f.entry(manager, f.project(org, code="WEB"), day=dt.date(2026, 3, 2))
    client.force_login(manager.user)
    page = client.get(
        f"/entries/{entry.pk}/rate/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9"
    ).content.decode()
    assert "Satz der Ebene Standard der Organisation: 100,00 EUR, gültig ab 2026-01-01" in page
    assert "kein Kostensatz in EUR am 2026-03-02 in Kraft" in page
    assert "kein abweichender Satz am Eintrag" in page
    assert "rate in force" not in page and "organisation default rate" not in page


@pytest.mark.django_db
def test_who_may_log_on_a_project_is_explained_in_the_page_language(compiled):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    project = f.project(org, code="TEAM", is_open_to_all=False)
    with translation.override("de"):
        assert teams.refusal(member, project) == (
            "Sie sind nicht im Team des Projekts TEAM; bitten Sie einen Manager, Sie hinzuzufügen."
        )
    assert teams.refusal(member, project) == (
        "You are not on the team of project TEAM; ask a manager to add you."
    )
