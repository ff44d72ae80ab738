"""The reports in German, Dutch and French (issue 17): every message the report modules and
templates mark has a translation in the de, nl and fr catalogues, and the pages, their filters,
columns and charts read in the browser's language."""

import datetime as dt
from pathlib import Path

import pytest

from timeledger.testing import factories as f
from timeledger.testing.i18n import catalogue, marked_in_module, marked_in_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ["templates/reports/report.html", "templates/reports/_nav.html"]


@pytest.mark.parametrize("language", ["de", "nl", "fr"])
def test_no_string_of_the_reports_is_left_untranslated(language):
    strings = catalogue(language)
    wanted = {m for p in (ROOT / "reports").glob("*.py") for m, _plural in marked_in_module(p)}
    wanted |= {msgid for name in TEMPLATES for msgid, _plural in marked_in_template(name)}
    assert len(wanted) > 100
    missing = sorted(m for m in wanted if m not in strings or not all(strings[m]))
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "words"),
    [
        (
            "de-DE,de;q=0.9",
            [
                "Abrechnungsvorschau",
                "Von",
                "Abrechenbar und nicht abrechenbar",
                "Quelle",
                "Nettobetrag",
                "Unfertige Leistungen",
                "Rentabilität",
            ],
        ),
        (
            "nl-NL,nl;q=0.9",
            ["Factureringsprognose", "Van", "Bron", "Nettobedrag"],
        ),
        (
            "fr-FR,fr;q=0.9",
            ["Prévisions de facturation", "Du", "Source", "Montant HT"],
        ),
    ],
)
def test_the_pipeline_report_speaks_the_browsers_language(client, compiled, accept, words):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    client.force_login(owner.user)
    page = client.get("/reports/pipeline/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    for word in words:
        assert word in page, word
    for english in [
        "Billing pipeline",
        "Net amount",
        "Billable and non-billable",
        "next 4 weeks",
        "Group by",
        "Nothing in this range.",
    ]:
        assert english not in page, english


@pytest.mark.django_db
def test_a_german_time_report_names_its_columns_and_days_in_german(client, compiled):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, "owner", email="olga@example.com")
    project = f.project(org)
    f.entry(owner, project, day=dt.date(2026, 3, 2), hours="2.00")
    client.force_login(owner.user)
    de = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}
    page = client.get("/reports/time/?date_from=2026-03-01&date_to=2026-03-31", **de)
    text = page.content.decode()
    for word in ["Gruppieren nach", "Nicht abrechenbar", "Abrechenbar, gerundet"]:
        assert word in text, word
    week = client.get("/reports/team-week/?date_from=2026-03-02&date_to=2026-03-08", **de)
    assert "Mo 02" in week.content.decode() and "Mon 02" not in week.content.decode()
