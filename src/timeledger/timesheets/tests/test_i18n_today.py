"""Today in German, Dutch and French (issue 17): the browser's language picks the catalogue, and
no string of the Today screen's templates is left untranslated in the de, nl and fr catalogues."""

import pytest

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.testing.i18n import catalogue, marked_in_template

TODAY = [
    "base.html",
    "partials/nav.html",
    "timesheets/today.html",
    "timesheets/partials/day_list.html",
    "timesheets/partials/entry_item.html",
    "timesheets/partials/entry_form.html",
    "timesheets/partials/timer_panel.html",
    "timesheets/partials/timer_form.html",
    "timesheets/partials/restart_button.html",
]


@pytest.mark.parametrize("language", ["de", "nl", "fr"])
def test_no_string_of_today_is_left_untranslated(language):
    strings = catalogue(language)
    wanted = {msgid for name in TODAY for msgid, _ in marked_in_template(f"templates/{name}")}
    assert len(wanted) > 40
    assert sorted(wanted - strings.keys()) == []
    assert sorted(k for k, v in strings.items() if not all(v)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "words"),
    [
        ("de-DE,de;q=0.9", ["Heute", "Zeit erfassen", "Eintrag hinzufügen", "Abmelden"]),
        ("nl-NL,nl;q=0.9", ["Vandaag", "Tijd boeken", "Boeking toevoegen", "Afmelden"]),
        ("fr-FR,fr;q=0.9", ["Aujourd'hui", "Saisir du temps", "Ajouter la saisie"]),
        ("en-US,en;q=0.9", ["Today", "Add time", "Add entry", "Sign out"]),
    ],
)
def test_today_speaks_the_browsers_language(client, compiled, accept, words):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    f.project(org, code="WEB", name="Web shop")
    client.force_login(member.user)
    page = client.get("/today/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    for word in words:
        assert word in page, word


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("locale", "heading"), [("de-DE", "Heute"), ("nl-NL", "Vandaag")])
def test_today_in_german_and_dutch_screenshots(live_server, browser, compiled, locale, heading):
    from timeledger.testing.browser import Flow, sign_in

    org = f.organisation("Acme Consulting", slug="acme")
    f.member(org, "member", email="mia@example.com")
    f.project(org, code="WEB", name="Web shop")
    page = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server.url, "mia@example.com")
    assert page.inner_text("h1") == heading
    assert Flow(page, f"today-{locale[:2]}").shot("today") <= 390


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pickers_words_come_from_the_german_javascript_catalogue(
    live_server, browser, compiled
):
    from timeledger.testing.browser import sign_in

    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    project = f.project(org, code="WEB", name="Web shop")
    today = timeutil.local_date(timeutil.now(), member.timezone)
    f.entry(member, project, day=today, hours="1.00")  # WEB is a recent project now
    page = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}).new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "mia@example.com")
    page.focus("#timer .picker-input")
    page.keyboard.press("ArrowDown")
    # The server's "Zuletzt" group is the picker's recent group (shown once, first).
    assert page.inner_text("#timer .picker-group >> nth=0").lower() == "zuletzt"
    page.keyboard.type("xyz")
    assert page.inner_text("#timer .picker-none") == "Kein Projekt passt zu „xyz“"
    assert errors == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "title"),
    [
        ("de-DE,de;q=0.9", "<title>31. März 2026 · Timeledger</title>"),
        ("nl-NL,nl;q=0.9", "<title>31 maart 2026 · Timeledger</title>"),
        ("fr-FR,fr;q=0.9", "<title>31 mars 2026 · Timeledger</title>"),
        ("en-GB,en;q=0.9", "<title>31 Mar 2026 · Timeledger</title>"),
    ],
)
def test_a_day_is_written_in_the_locales_date_format(client, compiled, accept, title):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    client.force_login(member.user)
    page = client.get("/today/?date=2026-03-31", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert title in page
