"""The e-mails other than the invoice's in German, Dutch and French (issue 17): time reminders,
invitations and "added to an organisation" in the organisation's language, the estimate e-mail in
the client's; every message the modules that write them mark (and the billing engine's line texts)
has a translation in the de, nl and fr catalogues, with its context and plural forms."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail

from timeledger.accounts import services as accounts
from timeledger.accounts.models import Member
from timeledger.accounts.roles import Role
from timeledger.estimates.tests import helpers as estimates
from timeledger.testing import factories as f
from timeledger.testing.i18n import catalogue
from timeledger.testing.i18n import marked_in_module as marked
from timeledger.testing.smtp import smtp_server
from timeledger.timesheets import reminders
from timeledger.timesheets.models import EntryStatus

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "timesheets/reminders.py",
    "accounts/invitations.py",
    "accounts/services.py",
    "accounts/roles.py",
    "estimates/services.py",
    "invoicing/delivery.py",
    "billing/rules.py",
    "expenses/rules.py",
    "accounts/forms.py",
    "accounts/views.py",
    "contracts/budgets.py",
    "contracts/retainers.py",
    "webhooks/services.py",
    "webhooks/forms.py",
    "webhooks/views.py",
    "onboarding/forms.py",
    "onboarding/views.py",
    # Time capture and approval: the services' refusals, their API, forms and the API's errors.
    "timesheets/rules.py",
    "timesheets/services.py",
    "timesheets/forms.py",
    "timesheets/views.py",
    "timesheets/api.py",
    "approvals/services.py",
    "approvals/api.py",
    "accounts/permissions.py",
    "core/api.py",
    "core/parsers.py",
    "core/serializers.py",
    "core/money.py",
    "core/timeutil.py",
    "core/idempotency.py",
    "accounts/authentication.py",
    "accounts/throttling.py",
    "approvals/workflow.py",
    "timesheets/rounding_services.py",
]


@pytest.mark.parametrize("language", ["de", "nl", "fr"])
def test_no_string_of_the_emails_and_billing_texts_is_left_untranslated(language):
    strings = catalogue(language)
    wanted = set().union(*(marked(name) for name in MODULES))
    assert len(wanted) > 50
    missing = sorted(key for key, _ in wanted if key not in strings)
    empty = sorted(key for key, _ in wanted if key in strings and not all(strings[key]))
    assert (missing, empty) == ([], [])
    plurals = {key for key, plural in wanted if plural}
    assert plurals and all(len(strings[key]) == 2 for key in plurals)


AMS = dt.timezone(dt.timedelta(hours=1))
FRIDAY = dt.date(2026, 11, 13)
MONDAY_0930 = dt.datetime(2026, 11, 16, 9, 30, tzinfo=AMS)


def _team(language: str, frequency: str = "daily"):
    org = f.organisation("Acme Beratung", slug="acme")
    org.language, org.reminder_frequency = language, frequency
    org.save()
    project = f.project(org, f.client(org, code="ACME"), code="WEB", name="Web shop")
    alice = f.member(org, Role.MEMBER, email="alice@example.com")
    lead = f.member(org, Role.MEMBER, email="lead@example.com")
    Member.objects.filter(organisation=org).update(created_at=dt.datetime(2026, 1, 1, tzinfo=AMS))
    alice.user.first_name = "Alice"
    alice.user.save()
    project.lead = lead
    project.save()
    f.entry(alice, project, day=FRIDAY, hours="2.00", status=EntryStatus.SUBMITTED)
    f.entry(lead, project, day=FRIDAY, hours="8.00")
    return org


@pytest.mark.django_db
def test_a_german_organisations_reminders_arrive_in_german_over_smtp(settings, compiled):
    _team("de")
    with smtp_server(settings) as inbox:
        assert reminders.run_due(MONDAY_0930) == {"missing_time": 1, "pending_approval": 1}
        messages = {m["To"]: m for m in inbox.wait_for(2)}

    missing = messages["alice@example.com"]
    assert missing["Subject"] == "Timeledger: fehlende Zeiten am Freitag, 13. November 2026"
    body = inbox.body(missing)
    assert body.startswith("Hallo Alice,\n\n")
    assert "Am Freitag, 13. November 2026 haben Sie 2:00 von 8:00 Stunden erfasst." in body
    assert "Bitte vervollständigen Sie Ihre Zeiterfassung: " in body
    assert "/week/?week=2026-11-13" in body
    assert body.endswith("— Acme Beratung über Timeledger\n")
    pending = messages["lead@example.com"]
    assert pending["Subject"] == "Timeledger: 1 Zeiteintrag wartet auf Freigabe"
    body = inbox.body(pending)
    assert "Eingereichte Zeiten warten auf Ihre Freigabe:\n- Alice: 2:00 h\n" in body
    assert "Freigeben oder ablehnen: " in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("nl", "Timeledger: ontbrekende uren in de week van 9 november 2026"),
        ("fr", "Timeledger : temps manquant pour la semaine du 9 novembre 2026"),
        ("", "Timeledger: time missing for the week of 09 November 2026"),
    ],
)
def test_a_weekly_reminder_names_the_week_in_the_organisations_language(
    mailoutbox, compiled, language, subject
):
    _team(language, frequency="weekly")
    reminders.run_due(MONDAY_0930)
    assert subject in [m.subject for m in mailoutbox if m.to == ["alice@example.com"]]


@pytest.mark.django_db(transaction=True)
def test_a_dutch_organisations_invitation_arrives_in_dutch_over_smtp(
    client, settings, compiled, transactional_db
):
    org = f.organisation("Acme Advies", slug="acme")
    org.language = "nl"
    org.save()
    owner = f.member(org, Role.OWNER, email="owner@example.com")
    owner.user.first_name, owner.user.last_name = "Olga", "de Vries"
    owner.user.save()
    client.force_login(owner.user)
    with smtp_server(settings) as inbox:
        r = client.post("/members/", {"email": "nina@example.com", "role": "member"})
        assert r.status_code == 302
        (message,) = inbox.wait_for(1)

    assert message["Subject"] == "Olga de Vries nodigt u uit voor Acme Advies op Timeledger"
    body = inbox.body(message)
    assert body.startswith("Hallo,\n\n")
    assert (
        "Olga de Vries nodigt u uit om als medewerker lid te worden van Acme Advies op Timeledger."
        in body
    )
    assert "Accepteer hier de uitnodiging en kies uw naam en een wachtwoord:" in body
    assert re.search(r"De link werkt één keer, tot \d{1,2} \w+ 20\d\d \d\d:\d\d UTC\.", body)
    (link,) = inbox.links(message)
    assert "/invitations/" in link or "/invite" in link


@pytest.mark.django_db
def test_a_french_organisation_tells_an_added_member_in_french(
    django_capture_on_commit_callbacks, compiled
):
    org = f.organisation("Acme Conseil", slug="acme")
    org.language = "fr"
    org.save()
    owner = f.member(org, Role.OWNER, email="owner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        accounts.add_member("zoe@example.com", by=owner, role=Role.ACCOUNTANT)

    (message,) = mail.outbox
    assert message.subject.endswith(" vous a ajouté à Acme Conseil sur Timeledger")
    assert "sur Timeledger en tant que comptable." in message.body
    assert "Choisissez votre mot de passe ici (le lien ne fonctionne qu'une fois) :" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "de",
            [
                "Angebot EST-",
                "Guten Tag ",
                "(Version 1) für New web shop: 7.749,93 EUR, gültig bis 31. März 2026.",
                "Hier können Sie es annehmen oder ablehnen: ",
                "Mit freundlichen Grüßen",
            ],
        ),
        (
            "fr",
            [
                "Devis EST-",
                "pour New web shop : 7\u00a0749,93 EUR, valable jusqu'au 31 mars 2026.",
                "Vous pouvez l'accepter ou le refuser ici : ",
            ],
        ),
        ("en", ["Estimate EST-", "for New web shop: 7,749.93 EUR, valid until 31 Mar 2026."]),
    ],
)
def test_the_estimate_email_is_written_in_the_clients_language(
    django_capture_on_commit_callbacks, compiled, language, words
):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, Role.OWNER, email="owner@example.com")
    buyer = f.client(org, code="SHOP")
    buyer.language = language
    buyer.save()
    with django_capture_on_commit_callbacks(execute=True):
        estimates.sent(owner, buyer)

    (message,) = mail.outbox
    text = f"{message.subject}\n{message.body}"
    for word in words:
        assert word in text, text.encode("unicode_escape")


@pytest.mark.django_db
def test_the_password_reset_email_is_in_the_language_of_whoever_asked(client, compiled):
    org = f.organisation("Acme Conseil", slug="acme")
    member = f.member(org, Role.MEMBER, email="zoe@example.com")
    member.user.first_name = "Zoé"
    member.user.save()
    r = client.post(
        "/password/reset/", {"email": "zoe@example.com"}, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9"
    )
    assert r.status_code == 302

    (message,) = mail.outbox
    assert message.subject == "Réinitialisez votre mot de passe Timeledger"
    assert message.body.startswith("Bonjour Zoé,\n\nQuelqu'un (vous, nous l'espérons) a demandé")
    assert "Choisissez un nouveau mot de passe ici (le lien ne fonctionne qu'une fois) :" in (
        message.body
    )
    assert "/password/reset/" in message.body


@pytest.mark.django_db
def test_a_german_organisations_budget_alert_reaches_the_lead_in_german(
    django_capture_on_commit_callbacks, compiled
):
    from decimal import Decimal

    from timeledger.contracts import budgets

    org = f.organisation("Acme Beratung", slug="acme")
    org.language = "de"
    org.save()
    lead = f.member(org, Role.MANAGER, email="lead@example.com")
    alice = f.member(org, Role.MEMBER, email="alice@example.com")
    f.rate(org, "100.00")
    project = f.project(org, f.client(org, code="ACME"), code="WEB", name="Web shop")
    project.lead, project.budget_hours = lead, Decimal("10")
    project.save()
    f.entry(alice, project, day=dt.date(2026, 3, 2), hours="8.5")
    with django_capture_on_commit_callbacks(execute=True):
        budgets.check_budget_alerts(project)

    (message,) = mail.outbox
    assert message.subject == "[WEB] 80 % des Stundenbudgets verbraucht"
    assert "hat 8,50 h des Budgets von 10,00 h verbraucht (85" in message.body


@pytest.mark.django_db
def test_a_dutch_organisation_hears_of_a_disabled_webhook_in_dutch(compiled):
    from timeledger.webhooks import services as webhooks
    from timeledger.webhooks.models import WebhookEndpoint

    org = f.organisation("Acme Advies", slug="acme")
    org.language = "nl"
    org.save()
    endpoint = WebhookEndpoint(organisation=org, url="https://hooks.example/x")
    endpoint.consecutive_failures = 20
    subject, body = webhooks._disabled_mail(endpoint)
    assert subject == "Webhook-endpoint uitgeschakeld: https://hooks.example/x"
    assert body.startswith(
        "Het webhook-endpoint https://hooks.example/x van Acme Advies is 20 keer"
    )
    assert "onder Instellingen › Webhooks" in body
