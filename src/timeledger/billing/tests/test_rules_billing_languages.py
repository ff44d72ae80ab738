"""The line texts and notes the billing engine writes, in the invoice's language (issue 17): the
client's document language, as the PDF prints it. English keeps the neutral figures and dates it
always had; German, Dutch and French write their own words, separators and dates."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.billing import rules
from timeledger.billing.final import create_final_invoice
from timeledger.billing.tests.helpers import approved
from timeledger.expenses import rules as expense_rules

D = dt.date
UNTIL = D(2026, 3, 31)


pytestmark = pytest.mark.usefixtures("compiled")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (None, "Build — 12.00 h × 150.00 = 1,800.00"),
        ("en", "Build — 12.00 h × 150.00 = 1,800.00"),
        ("de", "Build — 12,00 Std. × 150,00 = 1.800,00"),
        ("nl", "Build — 12,00 u × 150,00 = 1.800,00"),
        ("fr", "Build — 12,00 h × 150,00 = 1\u00a0800,00"),
    ],
)
def test_a_time_lines_text_is_in_the_invoices_language(language, text):
    line = rules.time_line_description(
        "Build", 12 * 3600, Decimal("150.00"), Decimal("1800.00"), "EUR", language=language
    )
    assert line == text
    # the label stays what a merged line keeps (strategies.time._label_of)
    assert line.rsplit(" — ", 1)[0] == "Build"


@pytest.mark.parametrize(
    ("language", "fee", "usage"),
    [
        (
            "en",
            "Retainer 01 Jan 2026 – 31 Jan 2026 (40.00 h included)",
            "Retainer hours 01 Jan 2026 – 31 Jan 2026: 45.50 h of 40.00 h"
            " — overage 5.50 h × 95.00 = 522.50",
        ),
        (
            "de",
            "Stundenkontingent 01.01.2026 – 31.01.2026 (40,00 Std. inklusive)",
            "Kontingentstunden 01.01.2026 – 31.01.2026: 45,50 Std. von 40,00 Std."
            " — Mehrstunden 5,50 Std. × 95,00 = 522,50",
        ),
        (
            "nl",
            "Urenbundel 01-01-2026 – 31-01-2026 (40,00 uur inbegrepen)",
            "Uren urenbundel 01-01-2026 – 31-01-2026: 45,50 u van 40,00 u"
            " — meeruren 5,50 u × 95,00 = 522,50",
        ),
        (
            "fr",
            "Forfait d'heures 01/01/2026 – 31/01/2026 (40,00 h incluses)",
            "Heures du forfait 01/01/2026 – 31/01/2026 : 45,50 h sur 40,00 h"
            " — dépassement 5,50 h × 95,00 = 522,50",
        ),
    ],
)
def test_retainer_lines_are_in_the_invoices_language(language, fee, usage):
    start, end = D(2026, 1, 1), D(2026, 1, 31)
    assert rules.retainer_fee_description(start, end, Decimal("40.00"), language=language) == fee
    assert (
        rules.retainer_usage_description(
            start,
            end,
            used_hours=Decimal("45.50"),
            allowance_hours=Decimal("40.00"),
            overage_hours=Decimal("5.50"),
            overage_rate=Decimal("95.00"),
            overage_amount=Decimal("522.50"),
            currency="EUR",
            language=language,
        )
        == usage
    )


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Mon 02 Mar 2026"),
        ("de", "Mo, 02.03.2026"),
        ("nl", "ma 02-03-2026"),
        ("fr", "lun 02/03/2026"),
    ],
)
def test_a_days_line_names_the_day_in_the_invoices_language(language, label):
    assert rules.day_label(D(2026, 3, 2), language) == label


def test_the_other_line_texts_in_german_and_english():
    fee = Decimal("12000.00")
    assert (
        rules.instalment_line_description("Kick-off", Decimal("30.00"), fee, "EUR", language="de")
        == "Festpreis: Kick-off — 30,00 % von 12.000,00"
    )
    assert (
        rules.instalment_line_description("Kick-off", Decimal("30.00"), fee, "EUR")
        == "Fixed fee: Kick-off — 30.00% of 12,000.00"
    )
    assert (
        rules.milestone_line_description(
            "Launch", Decimal(0), Decimal(50), Decimal("8000.00"), "EUR", language="de"
        )
        == "Meilenstein: Launch — 0 % → 50 % von 8.000,00"
    )
    assert (
        rules.milestone_line_description("Launch", Decimal(0), Decimal(100), fee, "EUR")
        == "Milestone: Launch — complete"
    )
    assert rules.change_order_description("API", language="nl") == "Meerwerk: API"
    assert rules.change_order_description("API") == "Change order: API"
    assert (
        rules.carry_forward_description("INV-1", "WEB", language="fr")
        == "Report de la facture INV-1 : budget non consommé du projet WEB"
    )
    assert (
        expense_rules.line_description("Reisen", 3, language="de") == "Auslagen: Reisen (3 Belege)"
    )
    assert expense_rules.line_description("Travel", 1) == "Expenses: Travel (1 item)"


@pytest.mark.django_db
def test_a_german_clients_final_invoice_is_written_in_german(
    org, accountant, alice, client_, project
):
    client_.language = "de"
    client_.save()
    approved(alice, project, day=D(2026, 3, 9), hours="3", rate="120")
    approved(alice, project, day=D(2026, 3, 10), hours="1.5", rate="120")

    final = create_final_invoice(project, by=accountant, up_to=UNTIL)

    assert final.notes == "Schlussrechnung für Projekt WEB — Web shop."
    assert final.lines.get().description == "Web shop — 4,50 Std. × 120,00 = 540,00"


@pytest.mark.django_db
def test_an_organisations_language_writes_its_clients_drafts(org, accountant, alice, project):
    org.language = "nl"
    org.save()
    approved(alice, project, day=D(2026, 3, 9), hours="2", rate="100")

    final = create_final_invoice(project, by=accountant, up_to=UNTIL)

    assert final.notes == "Eindfactuur voor project WEB — Web shop."
    assert final.lines.get().description == "Web shop — 2,00 u × 100,00 = 200,00"
