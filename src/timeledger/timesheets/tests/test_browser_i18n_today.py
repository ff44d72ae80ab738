"""Today in German and Dutch, in headless Debian Chromium (issue 17): the header, the timer, the
entry form and the day's list speak the browser's language, durations and dates in the locale's
form, no script error, and the page fits a phone; screenshots at 1280 and 390 px land in
var/screenshots/ (``today-de-today-1280.png``, ``today-nl-today-390.png``…)."""

import datetime as dt

import pytest

from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("locale", "words", "english"),
    [
        (
            "de",
            ["Heute", "Zeit erfassen", "Eintrag hinzufügen", "Abmelden"],
            ["Add entry", "Today"],
        ),
        ("nl", ["Vandaag", "Tijd boeken", "Boeking toevoegen", "Afmelden"], ["Add entry", "Today"]),
    ],
)
def test_today_in_german_and_dutch(live_server, browser, compiled, locale, words, english):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    project = f.project(org, code="WEB", name="Web shop")
    f.entry(member, project, day=dt.date.today(), hours="1.50", description="Kick-off")

    page = browser.new_context(
        locale=f"{locale}-{locale.upper()}", viewport={"width": 1280, "height": 900}
    ).new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "mia@example.com")
    flow = Flow(page, f"today-{locale}")
    flow.goto(f"{live_server.url}/today/")
    text = page.inner_text("body")
    for word in words:
        assert word in text, word
    assert [word for word in english if word in text] == []
    assert "1:30" in text and "Kick-off" in text
    assert flow.shot("today") <= 390
    assert errors == []
