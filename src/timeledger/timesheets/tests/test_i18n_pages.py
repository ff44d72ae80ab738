"""Week, Grid, Approvals, the draft page and the invoice document in German, Dutch and French
(issue 17): every message their templates mark (found as ``makemessages`` finds them, through
Django's own ``templatize``) has a translation in the de, nl and fr catalogues, plurals included;
and the pages render in each language."""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from timeledger.core import timeutil
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.i18n import catalogue
from timeledger.testing.i18n import marked_in_template as marked

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "templates/timesheets/week.html",
    "templates/timesheets/grid.html",
    "templates/timesheets/partials/grid_row.html",
    "templates/timesheets/partials/grid_totals.html",
    "templates/timesheets/partials/grid_note.html",
    "templates/timesheets/partials/team_picker.html",
    "templates/approval/list.html",
    "templates/approval/week.html",
    "templates/approval/_week_body.html",
    "templates/approval/_submit_button.html",
    "templates/approval/_submit_result.html",
    "templates/approval/lock_date.html",
    "templates/billing/draft.html",
    "templates/billing/_draft_body.html",
    "templates/invoices/detail.html",
    "invoicing/templates/invoicing/invoice.html",
    "templates/onboarding/settings.html",
    "templates/accounts/members.html",
    "templates/webhooks/endpoints.html",
    "templates/webhooks/endpoint.html",
    "templates/accounts/email/password_reset.txt",
    "templates/accounts/email/password_reset_subject.txt",
]


@pytest.mark.parametrize("language", ["de", "nl", "fr"])
def test_no_string_of_week_grid_approvals_draft_and_pdf_is_left_untranslated(language):
    strings = catalogue(language)
    wanted = set().union(*(marked(name) for name in PAGES))
    assert len(wanted) > 150
    missing = sorted(msgid for msgid, _ in wanted if msgid not in strings)
    empty = sorted(msgid for msgid, _ in wanted if msgid in strings and not all(strings[msgid]))
    assert (missing, empty) == ([], [])
    plurals = {msgid for msgid, plural in wanted if plural}
    assert plurals and all(len(strings[msgid]) == 2 for msgid in plurals)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "week", "grid", "approvals"),
    [
        (
            "de-DE,de;q=0.9",
            ["Woche zur Freigabe einreichen", "1 Entwurf"],
            ["Wochenraster", "Zeile hinzufügen"],
            ["Wartet auf Sie"],
        ),
        (
            "nl-NL,nl;q=0.9",
            ["Week ter goedkeuring indienen", "1 concept"],
            ["Weekraster", "Rij toevoegen"],
            ["Wacht op u"],
        ),
        (
            "fr-FR,fr;q=0.9",
            ["Soumettre la semaine pour validation", "1 brouillon"],
            ["Grille hebdomadaire"],
            ["En attente de vous"],
        ),
    ],
)
def test_week_grid_and_approvals_speak_the_browsers_language(
    client, compiled, accept, week, grid, approvals
):
    org = f.organisation("Acme Consulting", slug="acme")
    manager = f.member(org, "manager", email="max@example.com")
    project = f.project(org, code="WEB", name="Web shop")
    today = timeutil.local_date(timeutil.now(), manager.timezone)
    f.entry(manager, project, day=today - dt.timedelta(days=today.weekday()), hours="1.00")
    client.force_login(manager.user)
    for url, words in (("/week/", week), ("/grid/", grid), ("/approvals/", approvals)):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content.decode()
        for word in words:
            assert word in page, (url, word)


# The bottom half of an issued invoice's page (send, payment, credit note, void, the open
# balance) as it read in English before it was marked.
INVOICE_ENGLISH = (
    "Send by e-mail",
    "Record a payment",
    "Record payment",
    "Credit note",
    "Left to credit",
    "Put the credited time back to unbilled",
    "Draft credit note",
    "Void (keeps the number and document)",
    "<th>Open</th>",
    ">Reason<",
    ">Amount<",
    ">Reference<",
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "words"),
    [
        ("de-DE,de;q=0.9", ["Zahlung erfassen", "Per E-Mail senden", "Stornieren", "Offen"]),
        ("nl-NL,nl;q=0.9", ["Betaling vastleggen", "Per e-mail versturen", "Openstaand"]),
        ("fr-FR,fr;q=0.9", ["Enregistrer un paiement", "Envoyer par e-mail", "Reste dû"]),
    ],
)
def test_the_invoice_pages_forms_speak_the_browsers_language(client, compiled, accept, words):
    org = f.organisation("Acme Consulting", slug="acme")
    accountant = f.member(org, "accountant", email="ada@example.com")
    tax = inv.taxes(org)
    invoice = inv.issued(accountant, f.client(org, code="ACME"), [("Design", "2", "100", tax["S"])])
    client.force_login(accountant.user)
    page = client.get(f"/invoices/{invoice.pk}/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    for word in words:
        assert word in page, word
    assert [english for english in INVOICE_ENGLISH if english in page] == []


# --- app.js: the djangojs catalogues, served by Django's JavaScriptCatalog at /jsi18n/ ----------

APP_JS = ROOT / "static" / "timeledger" / "app.js"
_JS_CALL = re.compile(
    r'\b(ngettext|gettext)\(\s*("(?:[^"\\]|\\.)*")(?:\s*,\s*("(?:[^"\\]|\\.)*"))?'
)


@pytest.mark.parametrize("language", ["de", "nl", "fr"])
def test_no_string_of_app_js_is_left_untranslated(language):
    strings = catalogue(language, "djangojs")
    wanted = {
        (ast.literal_eval(singular), bool(plural))
        for _kind, singular, plural in _JS_CALL.findall(APP_JS.read_text(encoding="utf-8"))
    }
    assert len(wanted) >= 7
    assert sorted(m for m, _ in wanted if not all(strings.get(m, [""]))) == []
    assert all(len(strings[m]) == 2 for m, plural in wanted if plural)
    # The picker's "Recent" group is found by the label the server gave it: the same words.
    assert strings["Recent"] == [catalogue(language)["Recent"][0]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "words"),
    [
        ("de-DE,de;q=0.9", ["Ein Offline-Eintrag wurde nicht gespeichert: %s", "Zuletzt"]),
        ("nl-NL,nl;q=0.9", ["Een offline boeking is niet opgeslagen: %s"]),
        ("fr-FR,fr;q=0.9", ["hors ligne", "(n > 1)"]),
    ],
)
def test_the_javascript_catalogue_serves_the_browsers_language(client, compiled, accept, words):
    # Served to anyone (the sign-in page runs app.js too), from the app itself.
    r = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE=accept)
    assert r.status_code == 200 and r["Content-Type"].startswith("text/javascript")
    script = r.content.decode()
    for word in words:
        assert word in script, word


@pytest.mark.django_db
def test_pages_load_the_catalogue_before_app_js(client):
    f.organisation("Acme Consulting", slug="acme")  # else the first-run page answers
    page = client.get("/login/").content.decode()
    assert '<script src="/jsi18n/" defer></script>' in page
    assert page.index('src="/jsi18n/"') < page.index("timeledger/app.js")
    sw = client.get("/sw.js").content.decode()
    assert 'const CATALOGUE = "/jsi18n/"' in sw


# --- the organisation settings page ------------------------------------------------------------

SETTINGS_ENGLISH = (
    "Organisation settings",
    ">Invoicing<",
    ">Security<",
    "Legal name",
    "Time zone",
    "Rounding mode",
    "No rounding",
    "Default payment terms (days)",
    "Net days for new clients.",
    "Keep the current categories",
    "Save settings",
    ">Monday<",
    ">Weekly<",
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "words"),
    [
        (
            "de-DE,de;q=0.9",
            [
                "Organisationseinstellungen",
                "Rechnungsstellung",
                "Rundungsart",
                "Keine Rundung",
                "Montag",
                "Wöchentlich",
                "Einstellungen speichern",
                "USt: 0 Kategorien",
            ],
        ),
        (
            "nl-NL,nl;q=0.9",
            ["Organisatie-instellingen", "Statutaire naam", "Tijdzone", "maandag", "Wekelijks"],
        ),
        (
            "fr-FR,fr;q=0.9",
            ["Paramètres de l'organisation", "Raison sociale", "Fuseau horaire", "lundi"],
        ),
    ],
)
def test_the_settings_page_speaks_the_browsers_language(client, compiled, accept, words):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    client.force_login(owner.user)
    page = client.get("/settings/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    for word in words:
        assert word in page, word
    assert [english for english in SETTINGS_ENGLISH if english in page] == []


@pytest.mark.django_db
def test_saving_the_settings_says_so_in_the_browsers_language(client, compiled):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    client.force_login(owner.user)
    form = client.get("/settings/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {name: form[name].value() for name in form.fields if form[name].value() is not None}
    )
    data.pop("logo", None)
    data["name"] = "Acme Beratung"
    r = client.post("/settings/", data, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9", follow=True)
    assert "Einstellungen gespeichert." in r.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "words"),
    [
        (
            "de-DE,de;q=0.9",
            ["Jemanden einladen", "Einladung senden", "Letzte Anmeldung", ">Inhaber<", "Rolle"],
        ),
        ("nl-NL,nl;q=0.9", ["Iemand uitnodigen", "Openstaande uitnodigingen", "openstaand"]),
        ("fr-FR,fr;q=0.9", ["Inviter quelqu'un", "Dernière connexion", ">Propriétaire<"]),
    ],
)
def test_the_members_page_speaks_the_browsers_language(client, compiled, accept, words):
    from timeledger.accounts import invitations

    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    invitations.invite("nina@example.com", by=owner)
    client.force_login(owner.user)
    page = client.get("/members/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    for word in words:
        assert word in page, word
    english = ("Invite someone", "Send invitation", "Open invitations", ">Owner<", ">Resend<")
    assert [e for e in english if e in page] == []


@pytest.mark.django_db
def test_the_catalogue_loads_before_the_second_factor_is_set_up(client, compiled):
    org = f.organisation("Acme Consulting", slug="acme")
    org.require_two_factor = True
    org.save()
    owner = f.member(org, "owner", email="olga@example.com")
    client.force_login(owner.user)
    assert client.get("/today/").status_code == 302  # to the second factor's set-up
    r = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert r.status_code == 200 and "Offline-Eintrag" in r.content.decode()


@pytest.mark.django_db
def test_the_webhook_pages_speak_german(client, compiled):
    from timeledger.webhooks import services as webhooks

    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    endpoint = webhooks.create_endpoint(by=owner, url="https://hooks.example/x")
    client.force_login(owner.user)
    de = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}
    page = client.get("/settings/webhooks/", **de).content.decode()
    for word in ("Fehlschläge in Folge", "alle Ereignisse", "Endpunkt hinzufügen", "Ereignisse"):
        assert word in page, word
    page = client.get(f"/settings/webhooks/{endpoint.pk}/", **de).content.decode()
    for word in ("Signaturschlüssel", "Schlüssel erneuern", "Zustellprotokoll", "Noch nichts"):
        assert word in page, word
    english = ("Rotate secret", "Delivery log", "Signing secret", "All webhooks")
    assert [e for e in english if e in page] == []
