"""The refusals of time capture and approval in the browser's language (issue 17): the entry form,
the entries, timer and approvals API, the weekly approval page and the API's 403s answer in German,
Dutch and French what they answer in English — translated when the request is served (gettext at
call time), never when a module is imported."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

HX = {"HTTP_HX_REQUEST": "true"}
ACCEPT = {"de": "de-DE,de;q=0.9", "nl": "nl-NL,nl;q=0.9", "fr": "fr-FR,fr;q=0.9"}

# English (as the tests of each area pin it) → German, Dutch, French.
TOO_LONG = "An entry cannot be longer than 24 hours; split it."
END_BEFORE_START = "End must be after start."
NOT_A_DURATION = "is not a duration (use 1:30, 1.5 or 90m)"
OWN_TIME = "You can only log your own time."
SAY_WHY = "Say why, so the member knows what to fix."
NO_TIMER = "No timer is running."
SAID = {
    TOO_LONG: {
        "de": "Ein Eintrag darf nicht länger als 24 Stunden sein; teilen Sie ihn auf.",
        "nl": "Een boeking mag niet langer dan 24 uur zijn; splits haar op.",
        "fr": "Une saisie ne peut pas dépasser 24 heures ; divisez-la.",
    },
    END_BEFORE_START: {
        "de": "Das Ende muss nach dem Beginn liegen.",
        "nl": "Het einde moet na het begin liggen.",
        "fr": "La fin doit être après le début.",
    },
    NOT_A_DURATION: {
        "de": "ist keine Dauer (schreiben Sie 1:30, 1,5 oder 90m)",
        "nl": "is geen duur (gebruik 1:30, 1,5 of 90m)",
        "fr": "n'est pas une durée (écrivez 1:30, 1,5 ou 90m)",
    },
    OWN_TIME: {
        "de": "Sie können nur Ihre eigene Zeit erfassen.",
        "nl": "U kunt alleen uw eigen tijd boeken.",
        "fr": "Vous ne pouvez saisir que votre propre temps.",
    },
    SAY_WHY: {
        "de": "Sagen Sie, warum, damit der Mitarbeiter weiß, was zu korrigieren ist.",
        "nl": "Geef aan waarom, zodat de medewerker weet wat er verbeterd moet worden.",
        "fr": "Indiquez pourquoi, afin que le collaborateur sache quoi corriger.",
    },
    NO_TIMER: {
        "de": "Es läuft kein Timer.",
        "nl": "Er loopt geen timer.",
        "fr": "Aucun chrono n'est en cours.",
    },
}
LANGUAGES = ["de", "nl", "fr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_entry_forms_refusals_speak_the_browsers_language(
    web, compiled, project, day, language
):
    cases = [
        ({"duration": "25:00"}, "id_duration-error", TOO_LONG),
        ({"start": "10:00", "end": "10:00"}, "id_end-error", END_BEFORE_START),
        ({"duration": "abc"}, "id_duration-error", NOT_A_DURATION),
    ]
    for data, field_id, english in cases:
        payload = {"work": str(project.pk), "date": day.isoformat(), **data}
        r = web.post("/entries/new/", payload, HTTP_ACCEPT_LANGUAGE=ACCEPT[language], **HX)
        body = r.content.decode()
        assert r.status_code == 200 and f'id="{field_id}"' in body, english
        assert escape(SAID[english][language]) in body, (english, body[:2000])
        assert english not in body
    assert not TimeEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_entries_and_timer_api_refuse_in_the_browsers_language(
    api, compiled, alice, manager, project, day, language
):
    c = api(alice)
    lang = {"HTTP_ACCEPT_LANGUAGE": ACCEPT[language]}
    r = c.post(
        "/api/entries/",
        {"project": project.pk, "start": "2026-10-25T01:50:00Z", "end": "2026-10-25T00:55:00Z"},
        format="json",
        **lang,
    )
    assert r.status_code == 400, r.content
    assert r.json()["fields"]["end"] == [SAID[END_BEFORE_START][language]]

    r = c.post("/api/entries/", {"project": project.pk, "date": str(day), "duration": "25:00"},
               format="json", **lang)  # fmt: skip
    assert r.json()["fields"]["duration"] == [SAID[TOO_LONG][language]]

    # Logging a colleague's time is a manager's job: a 403 in the page's language.
    r = c.post(
        "/api/entries/",
        {"project": project.pk, "member": manager.pk, "date": str(day), "duration": "1"},
        format="json",
        **lang,
    )
    assert r.status_code == 403
    assert r.json()["message"] == SAID[OWN_TIME][language]

    r = c.post("/api/timer/stop/", {}, format="json", **lang)
    assert r.status_code == 400
    assert r.json()["message"] == SAID[NO_TIMER][language]
    assert TimeEntry.objects.count() == 0

    # Without Accept-Language the API still answers in English.
    r = c.post("/api/timer/stop/", {}, format="json")
    assert r.json()["message"] == NO_TIMER


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Das ergibt 25:00 am ", "; ein Tag hat höchstens 24:00."]),
        ("nl", ["Dat maakt 25:00 op ", "; een dag heeft hoogstens 24:00."]),
        ("fr", ["Cela fait 25:00 le ", " ; une journée compte au plus 24:00."]),
    ],
)
def test_a_day_past_24_hours_is_refused_with_its_date_in_the_browsers_language(
    api, compiled, alice, project, language, words
):
    monday = dt.date(2026, 11, 9)
    f.entry(alice, project, day=monday, hours="20.00")
    r = api(alice).post(
        "/api/entries/",
        {"project": project.pk, "date": str(monday), "duration": "5:00"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=ACCEPT[language],
    )
    assert r.status_code == 400, r.content
    message = r.json()["fields"]["duration"][0]
    assert all(word in message for word in words), message
    # The weekday in that language too ("Mon 09 Nov 2026" in English).
    weekday = {"de": "Mo 09", "nl": "ma 09", "fr": "lun 09"}[language]
    assert weekday in message and "Mon " not in message, message


@pytest.fixture
def lead(org, project):
    m = f.member(org, Role.MEMBER, email="lead@example.com")
    project.lead = m
    project.save()
    return m


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_rejecting_without_a_reason_is_refused_in_the_browsers_language(
    client, api, compiled, alice, lead, project, language
):
    entry = f.entry(alice, project, day=dt.date(2026, 11, 9), hours="2.00")
    TimeEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.SUBMITTED)
    client.force_login(lead.user)
    r = client.post(
        reverse("approval_action", args=[alice.pk, "2026-11-11"]),
        {"action": "reject", "entries": [entry.pk]},
        HTTP_ACCEPT_LANGUAGE=ACCEPT[language],
        **HX,
    )
    body = r.content.decode()
    assert r.status_code == 200 and 'id="id_reason-error"' in body
    assert escape(SAID[SAY_WHY][language]) in body and SAY_WHY not in body

    r = api(lead).post(
        "/api/approvals/reject/",
        {"entries": [entry.pk], "reason": ""},
        format="json",
        HTTP_ACCEPT_LANGUAGE=ACCEPT[language],
    )
    # The API's serializer refuses the blank reason first, with DRF's own (translated) words.
    assert r.status_code == 400
    blank = {
        "de": "Dieses Feld darf nicht leer sein.",
        "nl": "Dit veld mag niet leeg zijn.",
        "fr": "Ce champ ne peut être vide.",
    }
    assert r.json()["fields"]["reason"] == [blank[language]]

    # The approval service's own refusal: an empty week has nothing to approve.
    r = api(lead).post(
        "/api/approvals/approve/",
        {"member": alice.pk, "week": "2026-11-16"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=ACCEPT[language],
    )
    assert r.status_code == 400
    nothing = {
        "de": "Nichts freizugeben: hier gibt es keine eingereichten Einträge.",
        "nl": "Niets goed te keuren: hier zijn geen ingediende boekingen.",
        "fr": "Rien à valider : aucune saisie soumise ici.",
    }
    assert r.json()["message"] == nothing[language]
    assert TimeEntry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("de", "Ihrer Rolle (Mitarbeiter) fehlt die hierfür nötige Berechtigung"),
        ("nl", "Uw rol (Medewerker) mist de hiervoor benodigde bevoegdheid"),
        ("fr", "Votre rôle (Collaborateur) n'a pas l'autorisation"),
    ],
)
def test_a_missing_capability_is_named_in_the_browsers_language(
    api, compiled, alice, language, said
):
    r = api(alice).post(
        "/api/projects/", {"code": "X"}, format="json", HTTP_ACCEPT_LANGUAGE=ACCEPT[language]
    )
    assert r.status_code == 403
    message = r.json()["message"]
    assert message.startswith(said), message
    assert "lacks the capability" not in message
