"""The numbering service's rules: default patterns, the record outside the database (never
lowered, refused when unreadable, checked at start), moving the counter and changing the pattern
(who may, with what, audited), and the stand-in number a document check renders."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from timeledger.core.models import AuditLog
from timeledger.invoicing import numbering
from timeledger.invoicing.models import InvoiceSequence

ON = dt.date(2026, 3, 2)


def _messages(exc: ValidationError) -> dict[str, list[str]]:
    return exc.value.message_dict


def _take(org, series="INV", on=ON):
    with transaction.atomic():
        return numbering.take_number(org, series, on)


def test_default_patterns_per_series():
    assert numbering.default_pattern("INV") == "INV-{YYYY}-{SEQ:05}"
    assert numbering.default_pattern("CN") == "CN-{YYYY}-{SEQ:05}"
    assert numbering.default_pattern("PRO") == "PRO-{YYYY}-{SEQ:05}"


@pytest.mark.django_db
def test_the_record_lives_next_to_the_documents_per_organisation_and_series(org, settings):
    path = numbering.record_path(org, "INV/2026 ä")
    assert path == settings.MEDIA_ROOT / "numbering" / f"{org.pk}-{org.slug}" / "INV_2026_ä.json"
    assert numbering.record_path(org, "a-b_c").name == "a-b_c.json"


@pytest.mark.django_db(transaction=True)
def test_the_record_is_raised_after_a_committed_issue_and_never_lowered(org):
    assert numbering.read_record(org, "INV") is None
    assert _take(org) == "INV-2026-00001"
    assert _take(org) == "INV-2026-00002"
    record = numbering.read_record(org, "INV")
    assert record["highest"] == 2
    assert record["number"] == "INV-2026-00002"
    assert record["series"] == "INV"
    assert record["organisation"] == org.slug
    assert dt.datetime.fromisoformat(record["at"]).tzinfo is not None
    numbering.raise_record(org, "INV", 1, "INV-2026-00001")
    assert numbering.read_record(org, "INV")["highest"] == 2
    numbering.raise_record(org, "INV", 2, "INV-2026-00002-again")
    assert numbering.read_record(org, "INV")["number"] == "INV-2026-00002"
    numbering.raise_record(org, "INV", 5, "INV-2026-00005")
    assert numbering.read_record(org, "INV")["highest"] == 5
    assert not numbering.record_path(org, "INV").with_suffix(".tmp").exists()


@pytest.mark.django_db
def test_an_unreadable_record_refuses_with_the_way_out(org):
    path = numbering.record_path(org, "INV")
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(ValidationError) as exc:
        numbering.read_record(org, "INV")
    (message,) = _messages(exc)["non_field_errors"]
    assert message.startswith(f"The numbering record {path} cannot be read (")
    assert message.endswith("restore it from the document storage's backup before issuing.")


@pytest.mark.django_db
def test_a_counter_behind_the_record_refuses_the_number_and_says_how_to_move_on(org):
    assert _take(org) == "INV-2026-00001"
    path = numbering.record_path(org, "INV")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"highest": 4, "number": "INV-2026-00004", "at": "2026-03-01T10:00:00+00:00"})
    )
    with pytest.raises(ValidationError) as exc:
        _take(org)
    (message,) = _messages(exc)["non_field_errors"]
    assert message == (
        "Number 2 of series INV was already issued: the record next to the stored documents "
        "says INV-2026-00004 (value 4) was issued on 2026-03-01, but this database's counter is "
        "at 2 — it looks restored from an older backup. Nothing was issued; move the counter "
        'past it: timeledger numbering move --series INV --next 5 --reason "restored backup" '
        "(owners and admins)."
    )
    assert InvoiceSequence.objects.get(organisation=org, series="INV").next_value == 2
    # at the record's value itself: refused too; one past it: issued
    for value in (4, 5):
        seq = InvoiceSequence.objects.get(organisation=org, series="INV")
        seq.next_value = value
        numbering._save_counter(seq, ["next_value"])
        if value == 4:
            with pytest.raises(ValidationError):
                _take(org)
        else:
            assert _take(org) == "INV-2026-00005"


@pytest.mark.django_db
def test_record_problems_list_every_series_behind_its_record(org, outsider_org):
    _take(org)
    _take(outsider_org)
    assert numbering.record_problems() == []
    path = numbering.record_path(org, "INV")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"highest": 3, "number": "INV-2026-00003"}))
    expected = (
        f"{org.slug} series INV: the counter is at 2 but INV-2026-00003 (value 3) was already "
        "issued; move the counter past it: timeledger numbering move --series INV --next 4 "
        '--reason "restored backup" (owners and admins)'
    )
    assert numbering.record_problems() == [expected]
    assert numbering.record_problems(org) == [expected]
    assert numbering.record_problems(outsider_org) == []
    # a counter one past the record is fine
    seq = InvoiceSequence.objects.get(organisation=org, series="INV")
    seq.next_value = 4
    numbering._save_counter(seq, ["next_value"])
    assert numbering.record_problems() == []


@pytest.mark.django_db
def test_the_stand_in_number_has_the_next_numbers_shape(org):
    assert numbering.stand_in_number(org, "INV", ON) == "INV-2026-00001"
    assert numbering.stand_in_number(org, "CN", ON) == "CN-2026-00001"
    _take(org)
    _take(org)
    assert numbering.stand_in_number(org, "INV", ON) == "INV-2026-00003"
    assert not InvoiceSequence.objects.filter(organisation=org, series="CN").exists()


@pytest.mark.django_db
def test_only_owners_and_admins_move_the_counter_forward_with_a_reason(org, owner, accountant):
    with pytest.raises(PermissionDenied, match="^Only an owner or admin can move the invoice"):
        numbering.move_counter(org, "INV", 10, by=accountant, reason="restored backup")
    with pytest.raises(ValidationError) as exc:
        numbering.move_counter(org, "INV", 10, by=owner, reason="  ")
    assert _messages(exc) == {"reason": ["Say why the counter moves (e.g. restored backup)."]}
    for bad in (0, -3, 2_000_000_001, "7", 7.0):
        with pytest.raises(ValidationError) as exc:
            numbering.move_counter(org, "INV", bad, by=owner, reason="restored backup")
        assert _messages(exc) == {"next": ["Give the next number as a whole number from 1."]}
    # the bounds themselves: 1 is not forward of a fresh counter (at 1); 2,000,000,000 is fine
    with pytest.raises(ValidationError) as exc:
        numbering.move_counter(org, "INV", 1, by=owner, reason="restored backup")
    assert _messages(exc) == {
        "next": ["The counter of series INV is at 1; it only moves forward (give more than 0)."]
    }
    seq = numbering.move_counter(org, "INV", 7, by=owner, reason=" restored backup ")
    assert seq.next_value == 7
    assert seq.pattern == "INV-{YYYY}-{SEQ:05}"
    with pytest.raises(ValidationError) as exc:
        numbering.move_counter(org, "INV", 7, by=owner, reason="again")
    assert _messages(exc) == {
        "next": ["The counter of series INV is at 7; it only moves forward (give more than 6)."]
    }
    assert _take(org) == "INV-2026-00007"
    audit = AuditLog.objects.filter(organisation=org, action="numbering").get()
    assert (audit.before, audit.after, audit.reason) == (
        {"next_value": 1},
        {"next_value": 7},
        "restored backup",
    )
    assert audit.actor == owner.user
    assert numbering.move_counter(org, "INV", 2_000_000_000, by=owner, reason="r").next_value == (
        2_000_000_000
    )


@pytest.mark.django_db
def test_changing_the_pattern_keeps_the_counter_and_is_audited_once(org, owner, accountant):
    assert numbering.current_pattern(org) == "INV-{YYYY}-{SEQ:05}"
    assert numbering.current_pattern(org, "CN") == "CN-{YYYY}-{SEQ:05}"
    with pytest.raises(PermissionDenied, match="^Only an owner or admin can change invoice"):
        numbering.set_pattern(org, "A-{SEQ}", by=accountant)
    with pytest.raises(ValidationError) as exc:
        numbering.set_pattern(org, "A-{YYYY}", by=owner)
    assert _messages(exc) == {
        "invoice_number_pattern": ["The pattern needs {SEQ} (e.g. {SEQ:05}) exactly once."]
    }
    with pytest.raises(ValidationError) as exc:
        numbering.set_pattern(org, "A" * 55 + "{SEQ}X", by=owner)
    assert _messages(exc) == {"invoice_number_pattern": ["At most 60 characters."]}
    numbering.set_pattern(org, "A" * 55 + "{SEQ}", by=owner)  # exactly 60
    _take(org)
    seq = numbering.set_pattern(org, "  {YY}{MM}-{SEQ:03} ", by=owner)
    assert seq.pattern == "{YY}{MM}-{SEQ:03}"
    assert numbering.current_pattern(org) == "{YY}{MM}-{SEQ:03}"
    assert numbering.current_pattern(org, "CN") == "CN-{YYYY}-{SEQ:05}"
    assert seq.next_value == 2
    numbering.set_pattern(org, "{YY}{MM}-{SEQ:03}", by=owner)  # unchanged: no audit row
    audits = list(AuditLog.objects.filter(organisation=org, action="numbering").order_by("id"))
    assert [(a.before, a.after) for a in audits] == [
        ({"pattern": "INV-{YYYY}-{SEQ:05}"}, {"pattern": "A" * 55 + "{SEQ}"}),
        ({"pattern": "A" * 55 + "{SEQ}"}, {"pattern": "{YY}{MM}-{SEQ:03}"}),
    ]
    assert audits[0].actor == owner.user
    assert _take(org) == "2603-002"
