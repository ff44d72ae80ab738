"""Billing, invoices, payments, touchless sending, bank and books in German, Dutch and French
(issue 17): the pages speak the browser's language, a form's error too; the progress comparison
is translated where it is shown, while a billing run stores its hold reasons in English."""

from decimal import Decimal

import pytest
from django.utils import translation

from timeledger.billing import rules
from timeledger.clients.models import Client
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f

DE, NL, FR = "de-DE,de;q=0.9", "nl-NL,nl;q=0.9", "fr-FR,fr;q=0.9"


@pytest.fixture
def owner(db):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    tax = inv.taxes(org)
    inv.issued(owner, f.client(org, code="ACME"), [("Design", "2", "100", tax["S"])])
    return owner


# url → (German, Dutch, French) that the page shows, and the English it showed before.
PAGES = {
    "/billing/": (
        ["Abrechnung starten", "Letzte Läufe", "Rechnung aus Zeiten"],
        ["Factureren", "Recente rondes", "Factuur uit tijd"],
        ["Lancer la facturation", "Cycles récents", "Facture à partir du temps"],
        ["Run billing", "Recent runs", "No billing runs yet."],
    ),
    "/billing/new/": (
        ["Alle Kunden", "Zeigen, was bereit ist"],
        ["Alle klanten", "Tonen wat klaar is"],
        ["Tous les clients", "Afficher ce qui est prêt"],
        ["All clients", "Show what is ready", "Or start an empty invoice"],
    ),
    "/billing/preview/": (
        ["Was jetzt abgerechnet würde", "Projektcode"],
        ["Wat nu gefactureerd zou worden", "Projectcode"],
        ["Ce qui serait facturé maintenant", "Code du projet"],
        ["What would be billed now", "Project code"],
    ),
    "/invoices/": (
        ["Alle Status", "Ausgestellt", "Zahlungen", "Buchhaltung"],
        ["Alle statussen", "Uitgereikt", "Betalingen", "Boekhouding"],
        ["Tous les statuts", "Émise", "Paiements", "Comptabilité"],
        ["All states", "Number or client", ">Issued<", ">Books<"],
    ),
    "/invoices/taxes/": (
        ["Steuerkategorien", "Gültig ab", "Ermäßigter Satz"],
        ["Belastingcategorieën", "Geldig vanaf", "Verlaagd tarief"],
        ["Catégories de taxe", "En vigueur à partir du", "Taux réduit"],
        ["Tax categories", "Effective from", "Legal note", "Set default"],
    ),
    "/invoices/recurring/": (
        ["Wiederkehrende Rechnungen", "Vierteljährlich", "Automatisch ausstellen"],
        ["Periodieke facturen", "Per kwartaal", "Automatisch uitreiken"],
        ["Factures récurrentes", "Trimestriel", "Émettre automatiquement"],
        ["No recurring invoices.", "Quarterly", "Auto issue"],
    ),
    "/invoices/template/": (
        ["Rechnungsvorlage", "Jinja-Syntax", "<code>{{ variable }}</code>"],
        ["Factuursjabloon", "Jinja-syntaxis"],
        ["Modèle de facture", "syntaxe Jinja"],
        ["Invoice template", "Save template", "Templates run in a sandbox"],
    ),
    "/invoices/payments/": (
        ["Zahlung erfassen", "Nicht zugeordnet", "Noch keine Zahlungen."],
        ["Betaling vastleggen", "Niet toegewezen", "Nog geen betalingen."],
        ["Enregistrer un paiement", "Non affecté", "Aucun paiement pour l'instant."],
        ["Unallocated", "No payments yet.", "Record it anyway"],
    ),
    "/invoices/aging/": (
        ["Altersstruktur der Forderungen", "1–30 Tage", "Fällige Mahnungen jetzt senden"],
        ["Ouderdom van debiteuren", "1–30 dagen", "Verschuldigde herinneringen nu versturen"],
        ["Balance âgée des créances", "1–30 jours", "Envoyer maintenant les relances dues"],
        ["Receivables aging", "1–30 days", "Send due reminders now"],
    ),
    "/invoices/reminders/": (
        ["Zahlungserinnerungen", "Tage überfällig", "Stufe hinzufügen"],
        ["Betalingsherinneringen", "Dagen achterstallig", "Niveau toevoegen"],
        ["Relances d'impayés", "Jours de retard", "Ajouter un niveau"],
        ["Overdue reminders", "Days overdue", "Add a level"],
    ),
    "/invoices/bank/": (
        ["Kontoauszüge", "Auszugsdatei", "Sichere Zuordnungen automatisch erfassen"],
        ["Bankafschriften", "Afschriftbestand", "Zekere koppelingen automatisch boeken"],
        ["Relevés bancaires", "Fichier du relevé", "correspondances sûres"],
        ["Bank statements", "Statement file", "Nothing to review."],
    ),
    "/invoices/books/": (
        ["Export für einen Zeitraum", "Kontenzuordnung", "Kontenrahmen", "Hauptjournal (CSV)"],
        ["Export over een periode", "Grootboektoewijzing", "Rekeningschema", "Memoriaal (CSV)"],
        ["Export sur une période", "Affectation des comptes", "Plan comptable"],
        ["Export for a period", "Account mapping", "Chart of accounts", "General journal"],
    ),
    "/billing/policy/": (
        ["Rechnungsrichtlinie", "Jeden automatischen Versand anhalten", "Abweichung hinzufügen"],
        ["Factureringsbeleid", "Alle automatische verzending stopzetten", "Afwijking toevoegen"],
        ["Politique de facturation", "Arrêter tout envoi automatique", "Ajouter une exception"],
        ["Stop all automatic sending", "Add override", "Review only: check and list"],
    ),
    "/billing/review/": (
        ["Automatische Rechnungsstellung", "Probelauf", "Wartet auf Prüfung"],
        ["Automatische facturering", "Proefrun", "Wacht op controle"],
        ["Facturation automatique", "Simulation", "En attente de vérification"],
        ["Touchless invoicing", "Run the policy now", "Waiting for review"],
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("column", [0, 1, 2], ids=["de", "nl", "fr"])
@pytest.mark.parametrize("url", list(PAGES))
def test_the_money_pages_speak_the_browsers_language(client, compiled, owner, url, column):
    client.force_login(owner.user)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=(DE, NL, FR)[column])
    assert page.status_code == 200
    text = page.content.decode()
    for word in PAGES[url][column]:
        assert word in text, (url, word)
    assert [english for english in PAGES[url][3] if english in text] == []


@pytest.mark.django_db
def test_the_pages_still_read_english_without_a_language(client, owner):
    client.force_login(owner.user)
    page = client.get("/billing/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Run billing" in page and "Abrechnung starten" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "message"),
    [
        (DE, "Wählen Sie entweder einen Kunden oder ein Projekt."),
        (NL, "Kies een klant of een project."),
        (FR, "Choisissez soit un client, soit un projet."),
    ],
)
def test_a_refused_form_says_why_in_the_browsers_language(client, compiled, owner, accept, message):
    client.force_login(owner.user)
    r = client.post("/invoices/taxes/default/", {}, HTTP_ACCEPT_LANGUAGE=accept)
    assert r.status_code == 400
    text = r.content.decode()
    assert message in text
    assert "Choose either a client or a project." not in text


@pytest.mark.django_db
def test_a_bad_accounting_table_line_is_refused_in_german(client, compiled, owner):
    client.force_login(owner.user)
    r = client.post(
        "/invoices/books/mapping/",
        {"mapping-revenue_by_category": "S 8400"},
        HTTP_ACCEPT_LANGUAGE=DE,
    )
    assert r.status_code == 400
    assert "&#x27;S 8400&#x27;: Schreiben Sie SCHLÜSSEL = KONTO." in r.content.decode()


def test_the_progress_comparison_is_translated_where_it_is_shown(compiled):
    rec = rules.progress_reconciliation(
        billing_model="fixed_fee",
        percent_complete=Decimal("30"),
        threshold=Decimal("10"),
        currency="EUR",
        fee=Decimal("12000"),
        fee_billed=Decimal("7200"),
    )
    english = (
        "Fixed fee: billed 60.0% of the fee (7,200.00 of 12,000.00), project 30.0% complete; "
        "30.0 points apart, threshold 10 points."
    )
    assert rec.reason == english
    with translation.override("de"):
        assert rec.reason.startswith("Festpreis: 60.0 % des Festpreises abgerechnet")
        assert "30.0 Punkte auseinander, Schwelle 10 Punkte." in rec.reason
    with translation.override("fr"):
        hold = rules.reconciliation_hold(
            billed_share=Decimal("50"),
            percent_complete=Decimal("20"),
            threshold=Decimal("10"),
            what=rules.milestone_what("Launch"),
        )
        assert hold.startswith("Jalon « Launch » : 50.0 % facturés, en avance de 30.0 points")


@pytest.mark.django_db
def test_the_review_queue_names_its_checks_in_the_readers_language(client, compiled, owner):
    from timeledger.autosend import services as autosend
    from timeledger.core import timeutil

    acme = Client.objects.get(organisation=owner.organisation, code="ACME")
    draft = inv.draft(owner, acme, [("Support", "1", "50", None)])
    # Stored as a pass writes it: English; the page translates the check's name.
    autosend.flag(
        draft,
        [
            (
                "not_first_invoice",
                "This is the client's first invoice; a person sends the first one.",
            )
        ],
        now=timeutil.now(),
    )
    client.force_login(owner.user)
    page = client.get("/billing/review/", HTTP_ACCEPT_LANGUAGE=DE).content.decode()
    assert "Nicht die erste Rechnung des Kunden" in page
    assert "Dies ist die erste Rechnung des Kunden; die erste versendet eine Person." in page
    assert "a person sends the first one" not in page
    assert "Not the client&#x27;s first invoice" not in page
    assert "Beheben" in page


HELD = (
    "Fixed fee: billed 60.0% of the fee (7,200.00 of 12,000.00), project 30.0% complete; "
    "30.0 points apart, threshold 10 points. Milestone 'Launch': billed 50.0% is ahead of "
    "20.0% complete by 30.0 points (threshold 10 points)."
)


@pytest.mark.django_db
def test_a_stored_hold_reason_is_shown_in_the_readers_language(client, compiled, owner):
    from timeledger.invoicing.models import Invoice

    acme = Client.objects.get(organisation=owner.organisation, code="ACME")
    draft = inv.draft(owner, acme, [("Support", "1", "50", None)])
    Invoice.objects.filter(pk=draft.pk).update(status="on_hold", hold_reason=HELD)
    client.force_login(owner.user)
    page = client.get(f"/billing/drafts/{draft.pk}/", HTTP_ACCEPT_LANGUAGE=DE).content.decode()
    assert "Festpreis: 60.0 % des Festpreises abgerechnet (7,200.00 von 12,000.00)" in page
    assert "Meilenstein „Launch“: abgerechnete 50.0 % liegen 30.0 Punkte vor" in page
    assert "points apart" not in page
    # Stored in English, as a billing run writes it; English readers see it as stored.
    assert Invoice.objects.get(pk=draft.pk).hold_reason == HELD
    page = client.get(f"/billing/drafts/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Milestone &#x27;Launch&#x27;: billed 50.0% is ahead of" in page


def test_a_hold_reason_it_does_not_know_stays_whole(compiled):
    with translation.override("de"):
        assert rules.hold_reason_text("Billed 80 % but 20 % complete.") == (
            "Billed 80 % but 20 % complete."
        )
        mixed = HELD + " Checked by hand."
        assert rules.hold_reason_text(mixed) == mixed


@pytest.mark.django_db
def test_a_run_stores_its_hold_in_english_and_a_preview_speaks_german(compiled, org, client_):
    import datetime as dt

    from timeledger.billing.engine import preview, run_billing
    from timeledger.contracts import services as contracts
    from timeledger.invoicing.models import Invoice

    manager = f.member(org, "manager", email="mia@example.com")
    project = f.project(
        org, client_, code="FIX", billing_model="fixed_fee", fixed_fee=Decimal("12000.00")
    )
    contracts.save_instalments(
        project,
        [
            {"label": "Kick-off", "due_date": "2026-01-15", "percent": "30"},
            {"label": "Design approved", "due_date": "2026-02-15", "percent": "70"},
        ],
        by=manager,
    )
    f.task(project, "Build", estimate_hours=Decimal("10"), percent_complete=Decimal("30"))
    with translation.override("de"):
        # 12,000.00 of 12,000.00 = 100.0 % billed; 30.0 % complete: 70 points apart.
        held = preview(org, up_to=dt.date(2026, 2, 20)).billed[0].hold_reason
        assert held.startswith("Festpreis: 100.0 % des Festpreises abgerechnet")
        run_billing(org, up_to=dt.date(2026, 2, 20))
    assert Invoice.objects.get(project=project).hold_reason == (
        "Fixed fee: billed 100.0% of the fee (12,000.00 of 12,000.00), project 30.0% complete; "
        "70.0 points apart, threshold 10 points."
    )


def test_a_bank_suggestion_note_is_stored_english_and_shown_translated(compiled):
    from timeledger.banking import rules as bank

    stored = bank.NOTE_OVERPAID % {"numbers": "INV-1, INV-2", "rest": "5.00", "currency": "EUR"}
    assert stored == "names INV-1, INV-2; 5.00 EUR more than they owe stays as credit"
    with translation.override("nl"):
        assert bank.note_text(stored) == (
            "noemt INV-1, INV-2; 5.00 EUR meer dan verschuldigd blijft als tegoed staan"
        )
        assert bank.note_text("typed by hand") == "typed by hand"


@pytest.mark.django_db
def test_the_einvoicing_settings_speak_the_browsers_language(client, compiled, owner):
    acme = Client.objects.get(organisation=owner.organisation, code="ACME")
    client.force_login(owner.user)
    page = client.get("/settings/einvoicing/", HTTP_ACCEPT_LANGUAGE=DE).content.decode()
    assert "Elektronische Adresse" in page and "Steuernummer" in page
    assert "E-Rechnungen: elektronische Adresse und Kennungen" in page
    assert "Electronic address" not in page and "Tax number" not in page
    page = client.get(f"/clients/{acme.pk}/einvoicing/", HTTP_ACCEPT_LANGUAGE=NL).content.decode()
    assert "E-factuurformaat" in page and "Geen (alleen pdf)" in page
    assert "Purchase order number" not in page
    r = client.post(
        "/settings/einvoicing/",
        {"endpoint_scheme": "12", "endpoint_id": "x"},
        HTTP_ACCEPT_LANGUAGE=FR,
    )
    assert "Le schéma est un code EAS à 4 chiffres" in r.content.decode()


def test_a_checks_stored_message_is_shown_translated_with_its_figures(compiled):
    from timeledger.autosend import rules as touchless

    band = touchless.OUTSIDE_BAND % {
        "gross": "7,260.00 EUR",
        "band": "50",
        "average": "1,815.00 EUR",
        "count": 3,
        "low": "907.50 EUR",
        "high": "2,722.50 EUR",
    }
    assert band.startswith("7,260.00 EUR is outside ±50 % of the client's average")
    held = touchless.ON_HOLD % {"reason": HELD}
    with translation.override("fr"):
        assert touchless.message_text(band) == (
            "7,260.00 EUR est hors de ±50 % de la moyenne du client de 1,815.00 EUR sur ses 3 "
            "dernière(s) facture(s) (907.50 EUR – 2,722.50 EUR)."
        )
        shown = touchless.message_text(held)
        assert shown.startswith("En attente : Forfait : 60.0 % du forfait facturés")
        assert shown.endswith("Un responsable doit lever la mise en attente.")
        assert touchless.message_text("Something else.") == "Something else."
