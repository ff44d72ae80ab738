"""Rate writes: validation, overlaps, permissions, overrides, and the change preview."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.core.models import AuditLog
from timeledger.rates import preview, rules, services
from timeledger.rates.locking import lock_entries
from timeledger.rates.models import Rate
from timeledger.rates.resolution import candidate, work_for
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date


def errors(exc):
    return {k: v[0] for k, v in exc.value.message_dict.items()}


def test_creates_task_rate_with_label_and_explanation(manager, project):
    arch = f.task(project, "Architecture")
    rate = services.save_rate(
        None,
        {
            "level": "task",
            "task": arch,
            "amount": "150",
            "currency": "EUR",
            "effective_from": "2026-01-01",
        },
        by=manager,
    )
    assert rate.amount == Decimal("150")
    assert rate.source == "task rate 'Architecture' 150.00 EUR, effective 2026-01-01"
    assert AuditLog.objects.filter(object_type="rates.rate", object_id=str(rate.pk)).count() == 1


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"amount": "-1"}, "amount", "A rate cannot be negative."),
        ({"amount": "abc"}, "amount", "Enter the hourly amount as a number, e.g. 150.00."),
        ({"amount": "1.005"}, "amount", "An amount in EUR has at most 2 decimals."),
        ({"currency": "XXX"}, "currency", "Unknown currency 'XXX'"),
        ({"effective_from": "01/02/2026"}, "effective_from", "Enter a date as YYYY-MM-DD."),
        ({"level": "galaxy"}, "level", "Level must be one of"),
        ({"level": "project"}, "project", "A project rate needs a project."),
    ],
)
def test_rejects_bad_input_with_field_errors(manager, data, field, message):
    base = {
        "level": "organisation",
        "amount": "100",
        "currency": "EUR",
        "effective_from": "2026-01-01",
    }
    with pytest.raises(ValidationError) as exc:
        services.save_rate(None, {**base, **data}, by=manager)
    assert errors(exc)[field].startswith(message)
    assert Rate.objects.count() == 0


def test_overlapping_effective_date_at_same_scope_is_refused(manager, project):
    data = {
        "level": "project",
        "project": project,
        "amount": "100",
        "currency": "EUR",
        "effective_from": D(2026, 1, 1),
    }
    services.save_rate(None, data, by=manager)
    with pytest.raises(ValidationError) as exc:
        services.save_rate(None, {**data, "amount": "120"}, by=manager)
    assert errors(exc)["effective_from"] == (
        "project rate 'WEB' 100.00 EUR, effective 2026-01-01 already starts on this date at the "
        "same level; change that version or pick another date."
    )
    # another date, another scope or another kind is fine
    services.save_rate(None, {**data, "effective_from": D(2026, 2, 1)}, by=manager)
    services.save_rate(None, {**data, "kind": "cost"}, by=manager)
    assert Rate.objects.count() == 3


def test_editing_a_version_does_not_clash_with_itself(manager, project):
    data = {
        "level": "project",
        "project": project,
        "amount": "100",
        "currency": "EUR",
        "effective_from": D(2026, 1, 1),
    }
    r = services.save_rate(None, data, by=manager)
    r = services.save_rate(r, {"amount": "110"}, by=manager)
    assert r.amount == Decimal("110") and "110.00 EUR" in r.source


def test_billing_rate_must_be_in_client_currency(manager, project):
    with pytest.raises(ValidationError) as exc:
        services.save_rate(
            None,
            {
                "level": "project",
                "project": project,
                "amount": "1",
                "currency": "USD",
                "effective_from": D(2026, 1, 1),
            },
            by=manager,
        )
    assert "billed in EUR" in errors(exc)["currency"]


def test_cost_rate_must_be_in_organisation_currency(manager, org):
    with pytest.raises(ValidationError) as exc:
        services.save_rate(
            None,
            {
                "kind": "cost",
                "level": "organisation",
                "amount": "1",
                "currency": "USD",
                "effective_from": D(2026, 1, 1),
            },
            by=manager,
        )
    assert "organisation's currency (EUR)" in errors(exc)["currency"]


def test_scope_of_other_organisation_is_not_found(manager, outsider_org):
    foreign = f.project(outsider_org)
    with pytest.raises(ValidationError) as exc:
        services.save_rate(
            None,
            {
                "level": "project",
                "project": foreign,
                "amount": "1",
                "currency": "EUR",
                "effective_from": D(2026, 1, 1),
            },
            by=manager,
        )
    assert errors(exc)["project"] == "Not found."


def test_members_and_accountants_cannot_manage_rates(alice, accountant):
    data = {
        "level": "organisation",
        "amount": "1",
        "currency": "EUR",
        "effective_from": D(2026, 1, 1),
    }
    for who in (alice, accountant):
        with pytest.raises(PermissionDenied):
            services.save_rate(None, data, by=who)


def test_override_only_by_managers_and_only_unlocked(manager, alice, project, org):
    e = f.entry(alice, project, day=D(2026, 2, 2))
    with pytest.raises(PermissionDenied):
        services.set_entry_override(e, "200", by=alice)
    with pytest.raises(ValidationError) as exc:
        services.set_entry_override(e, "-5", by=manager)
    assert errors(exc)["rate_override"] == "A rate cannot be negative."
    services.set_entry_override(e, "200", by=manager)
    e.refresh_from_db()
    assert e.rate_override == Decimal("200")
    lock_entries(TimeEntry.objects.filter(pk=e.pk))
    with pytest.raises(ValidationError):
        services.set_entry_override(e, "210", by=manager)


# --- preview -----------------------------------------------------------------------------------


def python_preview(org, proposal_values, replacing=None):
    """Independent of the SQL: resolve every unlocked billable entry before and after in Python."""
    rows = list(Rate.objects.filter(organisation=org, kind="billing"))
    before = [candidate(r) for r in rows]
    after = [c for c in before if replacing is None or c.rate_id != replacing.pk]
    if proposal_values is not None:
        after.append(rules.Candidate(rate_id=10**9, kind="billing", **proposal_values))
    n, total_before, total_after = 0, Decimal(0), Decimal(0)
    for e in TimeEntry.objects.filter(
        organisation=org, rate_locked_at__isnull=True, is_billable=True
    ).select_related("member", "client", "project__client", "organisation"):
        w = work_for(e)
        a = rules.resolve(before, w).amount
        b = rules.resolve(after, w).amount
        if a != b:
            n += 1
            from timeledger.core.money import amount_for

            total_before += amount_for(e.billable_seconds, a, w.currency) if a is not None else 0
            total_after += amount_for(e.billable_seconds, b, w.currency) if b is not None else 0
    return n, total_before, total_after


def test_preview_counts_unlocked_entries_and_money(manager, org, project, alice):
    other = f.project(org, project.client, code="OPS")
    f.rate(org, "100.00")
    f.rate(org, "120.00", level="project", project=project, effective_from=D(2026, 1, 1))
    locked = f.entry(alice, project, day=D(2026, 3, 2), hours="3")
    lock_entries(TimeEntry.objects.filter(pk=locked.pk))
    f.entry(alice, project, day=D(2026, 3, 2), hours="1.5")  # 120 -> 150
    f.entry(alice, project, day=D(2026, 2, 27), hours="1")  # before the new version: unchanged
    f.entry(alice, project, day=D(2026, 3, 3), hours="2", billable=False)  # not billable
    f.entry(alice, other, day=D(2026, 3, 3), hours="2")  # other project
    f.entry(alice, project, day=D(2026, 3, 4), hours="0.25", rate_override=Decimal("10"))

    values = {
        "level": "project",
        "project_id": project.pk,
        "amount": Decimal("150.00"),
        "currency": "EUR",
        "effective_from": D(2026, 3, 1),
    }
    p = preview.preview_change(org, proposal=preview.Proposal(kind="billing", **values))

    assert p.entries == 1
    assert p.seconds == 5400
    assert p.currency_totals == {"EUR": (Decimal("180.00"), Decimal("225.00"))}
    assert p.delta == {"EUR": Decimal("45.00")}
    assert python_preview(org, values) == (1, Decimal("180.00"), Decimal("225.00"))


def test_preview_of_deleting_a_version(manager, org, project, alice):
    f.rate(org, "100.00")
    r = f.rate(org, "120.00", level="project", project=project, effective_from=D(2026, 1, 1))
    f.entry(alice, project, day=D(2026, 3, 2), hours="1")
    p = preview.preview_change(org, proposal=None, replacing=r)
    assert (p.entries, p.currency_totals) == (1, {"EUR": (Decimal("120.00"), Decimal("100.00"))})


def test_preview_of_a_new_org_default_where_nothing_was_priced(manager, org, project, alice):
    f.entry(alice, project, day=D(2026, 3, 2), hours="2")
    proposal = preview.Proposal(
        kind="billing",
        level="organisation",
        amount=Decimal("80"),
        currency="EUR",
        effective_from=D(2026, 1, 1),
    )
    p = preview.preview_change(org, proposal=proposal)
    assert (p.entries, p.missing_before, p.missing_after) == (1, 1, 0)
    assert p.currency_totals == {"EUR": (Decimal("0.00"), Decimal("160.00"))}


def test_preview_where_an_older_version_would_be_shadowed_by_a_newer_stored_one(
    org, project, alice
):
    f.rate(org, "130.00", level="project", project=project, effective_from=D(2026, 6, 1))
    f.entry(alice, project, day=D(2026, 7, 1), hours="1")  # covered by the June version
    f.entry(alice, project, day=D(2026, 5, 1), hours="1")  # gets the proposal
    proposal = preview.Proposal(
        kind="billing",
        level="project",
        project_id=project.pk,
        amount=Decimal("90"),
        currency="EUR",
        effective_from=D(2026, 1, 1),
    )
    p = preview.preview_change(org, proposal=proposal)
    assert (p.entries, p.currency_totals) == (1, {"EUR": (Decimal("0.00"), Decimal("90.00"))})


def test_versions_show_until_the_next_one(manager, project):
    base = {"level": "project", "project": project, "amount": "100", "currency": "EUR"}
    first = services.save_rate(None, {**base, "effective_from": D(2026, 1, 1)}, by=manager)
    second = services.save_rate(None, {**base, "effective_from": D(2026, 4, 1)}, by=manager)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.valid_until, second.valid_until) == (D(2026, 4, 1), None)
    services.delete_rate(second, by=manager)
    first.refresh_from_db()
    assert first.valid_until is None
