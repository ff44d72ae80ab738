"""Sign-in, sign-up, two-factor, imports, the audit log, the weekly audit and the error pages in
German, Dutch and French (issue 17): each page speaks the browser's language, the English it
showed before is gone, and a refused form says why in that language."""

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from timeledger.core import timeutil
from timeledger.integrations.tests.conftest import DATA
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus

pytestmark = pytest.mark.django_db

# What each page showed in English before it was marked (none of it may be left).
ENGLISH = {
    "/login/": ["Forgot your password?", ">Sign in<", "New to Timeledger?"],
    "/password/reset/": ["Reset your password", "Send the link", "Back to sign in"],
    "/signup/": ["Create your organisation", "Organisation name", "We charge VAT", "Your name"],
    "/imports/": ["Import time", "Detect from the file", "No imports yet.", "Entries created"],
    "/audit-log/": ["append-only", "Object type", "Actor e-mail", ">Filter<"],
    "/reports/audit/": ["Weekly audit", "Backlogs (submitted", ">Member<"],
    "/account/two-factor/": ["Two-factor sign-in", "Turn on", "Or type the key:"],
    "/imports/999999/": ["Not found", "Back to your time"],
    "/settings/webhooks/": ["An invoice was issued", "A payment was recorded"],
}
SIGNED_OUT = ("/login/", "/password/reset/", "/signup/")

WORDS = {
    "de-DE,de;q=0.9": {
        "/login/": ["Anmelden", "Passwort vergessen?", "Neu bei Timeledger?"],
        "/password/reset/": ["Passwort zurücksetzen", "Link senden", "Zurück zur Anmeldung"],
        "/signup/": ["Ihre Organisation anlegen", "Name der Organisation", "Ihr Name"],
        "/imports/": ["Zeit importieren", "Aus der Datei erkennen", "Noch keine Importe."],
        "/audit-log/": ["Prüfprotokoll", "unveränderlich", "Objekttyp", "Filtern"],
        "/reports/audit/": ["Wochenprüfung", "Rückstände", "Befund"],
        "/account/two-factor/": ["Zwei-Faktor-Anmeldung", "Einschalten", "Schlüssel"],
        "/imports/999999/": ["Nicht gefunden", "Zurück zu Ihrer Zeit"],
        "/settings/webhooks/": ["Eine Rechnung wurde ausgestellt", "Eine Zahlung wurde erfasst"],
    },
    "nl-NL,nl;q=0.9": {
        "/login/": ["Aanmelden", "Wachtwoord vergeten?", "Nieuw bij Timeledger?"],
        "/password/reset/": ["Wachtwoord opnieuw instellen", "Link versturen"],
        "/signup/": ["Uw organisatie aanmaken", "Naam van de organisatie", "Uw naam"],
        "/imports/": ["Tijd importeren", "Uit het bestand afleiden", "Nog geen imports."],
        "/audit-log/": ["Auditlog", "onveranderlijk", "Objecttype", "Filteren"],
        "/reports/audit/": ["Weekcontrole", "Achterstanden", "bevinding"],
        "/account/two-factor/": ["Aanmelden in twee stappen", "Aanzetten"],
        "/imports/999999/": ["Niet gevonden", "Terug naar uw tijd"],
        "/settings/webhooks/": ["Er is een factuur uitgereikt", "Er is een betaling vastgelegd"],
    },
    "fr-FR,fr;q=0.9": {
        "/login/": ["Se connecter", "Mot de passe oublié ?", "Nouveau sur Timeledger ?"],
        "/password/reset/": ["Réinitialiser votre mot de passe", "Envoyer le lien"],
        "/signup/": ["Créez votre organisation", "Nom de l'organisation", "Votre nom"],
        "/imports/": ["Importer du temps", "Détecter d'après le fichier"],
        "/audit-log/": ["Journal d'audit", "inaltérable", "Type d'objet", "Filtrer"],
        "/reports/audit/": ["Contrôle hebdomadaire", "Les retards", "constat"],
        "/account/two-factor/": ["Connexion à deux facteurs", "Activer"],
        "/imports/999999/": ["Introuvable", "Retour à votre temps"],
        "/settings/webhooks/": ["Une facture a été émise", "Un paiement a été enregistré"],
    },
}


@pytest.mark.parametrize("accept", list(WORDS))
def test_the_people_pages_speak_the_browsers_language(client, compiled, accept):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    for url in SIGNED_OUT:
        page = html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content.decode())
        assert [w for w in WORDS[accept][url] if w not in page] == [], url
        assert [e for e in ENGLISH[url] if e in page] == [], url
    client.force_login(owner.user)
    for url in set(ENGLISH) - set(SIGNED_OUT):
        page = html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content.decode())
        assert [w for w in WORDS[accept][url] if w not in page] == [], url
        assert [e for e in ENGLISH[url] if e in page] == [], url


@pytest.mark.parametrize(
    ("accept", "taken", "no_file"),
    [
        (
            "de-DE,de;q=0.9",
            "Ein Konto mit dieser E-Mail existiert bereits; melden Sie sich stattdessen an.",
            "Wählen Sie die exportierte Datei zum Hochladen.",
        ),
        (
            "nl-NL,nl;q=0.9",
            "Er bestaat al een account met dit e-mailadres; meld u in plaats daarvan aan.",
            "Kies het geëxporteerde bestand om te uploaden.",
        ),
        (
            "fr-FR,fr;q=0.9",
            "Un compte avec cet e-mail existe déjà ; connectez-vous plutôt.",
            "Choisissez le fichier exporté à téléverser.",
        ),
    ],
)
def test_a_refused_form_says_why_in_the_browsers_language(client, compiled, accept, taken, no_file):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    form = {
        "organisation": "Beta GmbH",
        "name": "Olga Berg",
        "email": "olga@example.com",
        "password": "Correct-horse-42",
        "country": "DE",
        "charges_vat": "on",
    }
    response = client.post("/signup/", form, HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code in (200, 400)
    page = html.unescape(response.content.decode())
    assert taken in page
    assert "exists already; sign in instead" not in page
    client.force_login(owner.user)
    response = client.post("/imports/", {}, HTTP_ACCEPT_LANGUAGE=accept)
    page = html.unescape(response.content.decode())
    assert no_file in page and "Choose the exported file" not in page


@pytest.mark.parametrize(
    ("accept", "words"),
    [
        (
            "de-DE,de;q=0.9",
            ["Zuordnung", "Vorschau (nichts geschrieben)", "Beginn und Ende", "wird angelegt"],
        ),
        (
            "nl-NL,nl;q=0.9",
            ["Koppeling", "Voorbeeld (niets geschreven)", "begin en einde", "wordt aangemaakt"],
        ),
        (
            "fr-FR,fr;q=0.9",
            ["Correspondance", "Aperçu (rien d'écrit)", "début et fin", "à créer"],
        ),
    ],
)
def test_an_import_preview_speaks_the_browsers_language(client, compiled, accept, words):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    client.force_login(owner.user)
    upload = SimpleUploadedFile("toggl.csv", (DATA / "toggl_detailed.csv").read_bytes())
    response = client.post(
        "/imports/", {"file": upload, "tz": "Europe/Berlin"}, HTTP_ACCEPT_LANGUAGE=accept
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = html.unescape(client.get(response.url, HTTP_ACCEPT_LANGUAGE=accept).content.decode())
    assert [w for w in words if w not in page] == []
    english = ["Mapping", "Previewed (nothing written)", "start and end", "to be created"]
    english += ["Update preview", "In the file", "Per client and project"]
    assert [e for e in english if e in page] == []


@pytest.mark.parametrize(
    ("accept", "words"),
    [
        ("de-DE,de;q=0.9", ["Eingereicht, nicht freigegeben", "Freigeben oder ablehnen"]),
        ("nl-NL,nl;q=0.9", ["Ingediend, niet goedgekeurd", "Goedkeuren of afwijzen"]),
        ("fr-FR,fr;q=0.9", ["Soumis, non validé", "Valider ou refuser"]),
    ],
)
def test_the_weekly_audit_names_its_findings_in_the_browsers_language(
    client, compiled, accept, words
):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    project = f.project(org, code="WEB", name="Web shop")
    last_week = timeutil.week_start(timeutil.local_date(timeutil.now(), org.time_zone))
    last_week -= dt.timedelta(days=7)
    f.entry(owner, project, day=last_week, status=EntryStatus.SUBMITTED)
    client.force_login(owner.user)
    page = client.get("/reports/audit/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    page = html.unescape(page)
    assert [w for w in words if w not in page] == []
    assert "Submitted, not approved" not in page and "Approve or reject" not in page
