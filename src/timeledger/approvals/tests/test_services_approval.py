import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.accounts.roles import Role
from timeledger.approvals import services as approval
from timeledger.approvals.services import Scope
from timeledger.core.models import AuditLog
from timeledger.rates.models import Rate
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

MONDAY = dt.date(2026, 11, 9)


@pytest.fixture
def lead(org, project):
    m = f.member(org, Role.MEMBER, email="lead@example.com")
    project.lead = m
    project.save()
    return m


@pytest.fixture
def week(org, alice, project):
    """Alice's three draft entries in the week of MONDAY, and one in the week after."""
    Rate.objects.create(
        organisation=org,
        level="organisation",
        amount=Decimal("95.00"),
        currency="EUR",
        effective_from=dt.date(2026, 1, 1),
    )
    entries = [
        f.entry(alice, project, day=MONDAY + dt.timedelta(days=i), hours="2.00") for i in range(3)
    ]
    f.entry(alice, project, day=MONDAY + dt.timedelta(days=7), hours="1.00")
    return entries


def statuses(entries):
    return [TimeEntry.objects.get(pk=e.pk).status for e in entries]


def edit_input(entry, **changes):
    data = {
        "project": entry.project,
        "task": entry.task,
        "description": entry.description,
        "is_billable": entry.is_billable,
        "date": entry.date,
        "seconds": entry.seconds,
    }
    data.update(changes)
    return services.EntryInput(**data)


def test_submit_week_moves_only_that_weeks_drafts(alice, week):
    outcome = approval.submit_week(alice, MONDAY, by=alice)

    assert outcome.count == 3
    assert statuses(week) == [EntryStatus.SUBMITTED] * 3
    assert TimeEntry.objects.filter(status=EntryStatus.DRAFT).count() == 1


def test_submit_empty_week_is_refused(alice, week):
    with pytest.raises(ValidationError) as exc:
        approval.submit_week(alice, MONDAY + dt.timedelta(days=14), by=alice)
    assert "Nothing to submit" in str(exc.value)


def test_member_cannot_submit_someone_elses_week(alice, org, week):
    bob = f.member(org, Role.MEMBER)
    with pytest.raises(PermissionDenied):
        approval.submit_week(alice, MONDAY, by=bob)


def test_submitted_entry_cannot_be_edited_or_deleted_by_owner(alice, week):
    approval.submit_week(alice, MONDAY, by=alice)
    with pytest.raises(ValidationError):
        services.update_entry(week[0], edit_input(week[0], description="x"), by=alice)
    with pytest.raises(ValidationError):
        services.delete_entry(week[0], by=alice)


def test_lead_approves_member_week_with_comment_and_freezes_rates(alice, lead, week):
    approval.submit_week(alice, MONDAY, by=alice)

    outcome = approval.approve(
        Scope(member=alice, week=MONDAY), by=lead, comment="Looks right, thanks"
    )

    assert outcome.count == 3
    for e in TimeEntry.objects.filter(pk__in=[e.pk for e in week]):
        assert e.status == EntryStatus.APPROVED
        assert e.status_note == "Looks right, thanks"
        assert e.rate_locked_at is not None
        assert (e.rate, e.amount, e.currency) == (Decimal("95.00"), Decimal("190.00"), "EUR")
    rows = AuditLog.objects.filter(action="approve").order_by("object_id")
    assert sorted(r.object_id for r in rows) == sorted(str(e.pk) for e in week)
    assert {r.reason for r in rows} == {"Looks right, thanks"}
    assert {r.after["batch"] for r in rows} == {outcome.batch}
    assert all(r.before == {"status": "submitted"} for r in rows)
    assert all(r.actor_id == lead.user_id for r in rows)


def test_approved_entry_is_locked_against_owner_edit_and_delete(alice, manager, week):
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(Scope(member=alice, week=MONDAY), by=manager)
    with pytest.raises(ValidationError) as exc:
        services.update_entry(week[0], edit_input(week[0], description="later"), by=alice)
    assert "approved and locked" in str(exc.value)
    with pytest.raises(ValidationError):
        services.delete_entry(week[0], by=alice)
    # not even a manager edits an approved entry without reopening it first
    with pytest.raises(ValidationError):
        services.update_entry(week[0], edit_input(week[0], description="later"), by=manager)


def test_lead_cannot_approve_other_projects_or_own_entries(org, alice, lead, project, week):
    other = f.project(org, project.client, code="OTHER")
    own = f.entry(lead, project, day=MONDAY, hours="1.00")
    foreign = f.entry(alice, other, day=MONDAY, hours="1.00")
    TimeEntry.objects.filter(pk__in=[own.pk, foreign.pk]).update(status=EntryStatus.SUBMITTED)

    with pytest.raises(PermissionDenied):
        approval.approve(Scope(project=other), by=lead)
    with pytest.raises(PermissionDenied):
        approval.approve(Scope(member=lead, week=MONDAY), by=lead)
    assert statuses([own, foreign]) == [EntryStatus.SUBMITTED] * 2


def test_lead_approving_member_week_leaves_entries_of_other_projects(
    org, alice, lead, project, week
):
    other = f.project(org, project.client, code="OTHER")
    foreign = f.entry(alice, other, day=MONDAY, hours="1.00")
    approval.submit_week(alice, MONDAY, by=alice)

    outcome = approval.approve(Scope(member=alice, week=MONDAY), by=lead)

    assert outcome.count == 3
    assert statuses([foreign]) == [EntryStatus.SUBMITTED]


def test_plain_member_cannot_approve(org, alice, week):
    bob = f.member(org, Role.MEMBER)
    approval.submit_week(alice, MONDAY, by=alice)
    with pytest.raises(PermissionDenied):
        approval.approve(Scope(member=alice, week=MONDAY), by=bob)


def test_approve_per_project_only_touches_that_project(org, alice, manager, project, week):
    other = f.project(org, project.client, code="OTHER")
    foreign = f.entry(alice, other, day=MONDAY, hours="1.00")
    approval.submit_week(alice, MONDAY, by=alice)

    approval.approve(Scope(project=project), by=manager)

    assert statuses(week) == [EntryStatus.APPROVED] * 3
    assert statuses([foreign]) == [EntryStatus.SUBMITTED]


def test_drafts_are_not_approved_unless_a_manager_asks(alice, manager, lead, week):
    with pytest.raises(ValidationError):
        approval.approve(Scope(member=alice, week=MONDAY), by=manager)
    with pytest.raises(PermissionDenied):
        approval.approve(Scope(member=alice, week=MONDAY), by=lead, include_drafts=True)

    approval.approve(Scope(member=alice, week=MONDAY), by=manager, include_drafts=True)
    assert statuses(week) == [EntryStatus.APPROVED] * 3


def test_reject_returns_entries_editable_with_reason(alice, lead, week):
    approval.submit_week(alice, MONDAY, by=alice)

    approval.reject(Scope(entry_ids=(week[0].pk,)), by=lead, reason="Wrong task, use Design")

    rejected = TimeEntry.objects.get(pk=week[0].pk)
    assert rejected.status == EntryStatus.REJECTED
    assert rejected.status_note == "Wrong task, use Design"
    assert statuses(week[1:]) == [EntryStatus.SUBMITTED] * 2
    edited = services.update_entry(rejected, edit_input(rejected, description="fixed"), by=alice)
    assert edited.status == EntryStatus.DRAFT
    assert approval.submit_week(alice, MONDAY, by=alice).entry_ids == [week[0].pk]


def test_reject_needs_a_reason(alice, lead, week):
    approval.submit_week(alice, MONDAY, by=alice)
    with pytest.raises(ValidationError) as exc:
        approval.reject(Scope(member=alice, week=MONDAY), by=lead, reason="  ")
    assert "reason" in exc.value.message_dict


def test_manager_reopens_approved_week_with_audited_reason(alice, manager, week):
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(Scope(member=alice, week=MONDAY), by=manager)

    outcome = approval.reopen(
        Scope(member=alice, week=MONDAY), by=manager, reason="Client disputes Tuesday"
    )

    assert outcome.count == 3
    for e in TimeEntry.objects.filter(pk__in=[e.pk for e in week]):
        assert e.status == EntryStatus.DRAFT
        assert e.rate_locked_at is None
        assert e.status_note == "Client disputes Tuesday"
    assert AuditLog.objects.filter(action="reopen", reason="Client disputes Tuesday").count() == 3
    services.update_entry(week[1], edit_input(week[1], description="corrected"), by=alice)


def test_reopen_needs_manager_and_reason(alice, lead, manager, week):
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(Scope(member=alice, week=MONDAY), by=lead)
    with pytest.raises(PermissionDenied):
        approval.reopen(Scope(member=alice, week=MONDAY), by=lead, reason="oops")
    with pytest.raises(ValidationError):
        approval.reopen(Scope(member=alice, week=MONDAY), by=manager, reason="")


def test_invoiced_entries_cannot_be_reopened(alice, manager, week):
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(Scope(member=alice, week=MONDAY), by=manager)
    TimeEntry.objects.filter(pk__in=[e.pk for e in week]).update(status=EntryStatus.INVOICED)

    with pytest.raises(ValidationError) as exc:
        approval.reopen(Scope(member=alice, week=MONDAY), by=manager, reason="late fix")
    assert "credit note" in str(exc.value)
    assert statuses(week) == [EntryStatus.INVOICED] * 3


def test_outsider_cannot_touch_another_organisations_week(alice, outsider, week):
    approval.submit_week(alice, MONDAY, by=alice)
    with pytest.raises(ValidationError):
        approval.approve(Scope(member=alice, week=MONDAY), by=outsider)
    with pytest.raises(PermissionDenied):
        approval.submit_week(alice, MONDAY, by=outsider)
    assert statuses(week) == [EntryStatus.SUBMITTED] * 3


# --- Locked periods ---------------------------------------------------------------------------


def test_lock_date_blocks_create_edit_delete_and_approval(org, alice, manager, owner, week):
    approval.set_lock_date(MONDAY + dt.timedelta(days=1), by=owner)
    alice.organisation.refresh_from_db()

    with pytest.raises(ValidationError) as exc:
        services.create_entry(
            services.EntryInput(project=week[0].project, date=MONDAY, seconds=600), by=alice
        )
    assert "locked" in exc.value.message_dict["date"][0]
    with pytest.raises(ValidationError):
        services.update_entry(week[0], edit_input(week[0], description="x"), by=alice)
    with pytest.raises(ValidationError):
        services.delete_entry(week[1], by=alice)
    # Wednesday is after the lock date and still moves; the batch with Monday does not.
    with pytest.raises(ValidationError):
        approval.submit_week(alice, MONDAY, by=alice)
    approval.submit_week(alice, MONDAY, by=owner, override_reason="month-end catch-up")
    with pytest.raises(ValidationError):
        approval.approve(Scope(member=alice, week=MONDAY), by=manager)


def test_admin_overrides_lock_with_audited_reason(org, alice, owner, manager, week):
    approval.set_lock_date(MONDAY + dt.timedelta(days=1), by=owner)
    owner.organisation.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.update_entry(
            week[0], edit_input(week[0], description="x"), by=manager, override_reason="because"
        )

    services.update_entry(
        week[0],
        edit_input(week[0], description="typo fixed"),
        by=owner,
        override_reason="Typo reported by client",
    )

    row = AuditLog.objects.filter(action="update", object_id=str(week[0].pk)).get()
    assert row.reason == "lock override (2026-11-10): Typo reported by client"
    assert row.after["description"] == "typo fixed"


def test_lock_date_service_is_admin_only_audited_and_reopening_needs_reason(
    org, owner, manager, alice, week
):
    with pytest.raises(PermissionDenied):
        approval.set_lock_date(MONDAY, by=manager)
    locked = approval.set_lock_date(MONDAY + dt.timedelta(days=2), by=owner)
    assert locked == 3  # three drafts now sit in a closed period
    with pytest.raises(ValidationError) as exc:
        approval.set_lock_date(None, by=owner)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        approval.set_lock_date(dt.date(2999, 1, 1), by=owner)

    approval.set_lock_date(None, by=owner, reason="Re-open November for the audit fix")

    org.refresh_from_db()
    assert org.lock_date is None
    rows = list(AuditLog.objects.filter(object_type="accounts.organisation").order_by("id"))
    assert [r.action for r in rows] == ["lock_date", "unlock"]
    assert rows[0].after == {"lock_date": "2026-11-11"}
    assert rows[1].reason == "Re-open November for the audit fix"


def test_pending_weeks_lists_what_the_approver_may_act_on(org, alice, lead, project, week):
    other = f.project(org, project.client, code="OTHER")
    f.entry(alice, other, day=MONDAY, hours="1.00", status=EntryStatus.SUBMITTED)
    approval.submit_week(alice, MONDAY, by=alice)

    rows = approval.pending_weeks(lead)

    assert len(rows) == 1
    assert rows[0]["member"] == alice
    assert rows[0]["week"] == MONDAY
    assert rows[0]["entries"] == 3
    assert rows[0]["seconds"] == 3 * 7200


def test_approval_reports_billable_entries_without_rate(alice, manager, project):
    unpriced = [f.entry(alice, project, day=MONDAY, hours="1.00") for _ in range(2)]
    approval.submit_week(alice, MONDAY, by=alice)

    outcome = approval.approve(Scope(member=alice, week=MONDAY), by=manager)

    assert (outcome.count, outcome.missing_rate) == (2, 2)
    for e in TimeEntry.objects.filter(pk__in=[e.pk for e in unpriced]):
        assert e.status == EntryStatus.APPROVED
        assert e.rate_locked_at is None  # priced by whatever rate exists when it is billed


def test_approval_settings_are_admin_only_validated_and_audited(org, owner, manager):
    with pytest.raises(PermissionDenied):
        approval.set_approval_settings(by=manager, reminder_frequency="daily")
    with pytest.raises(ValidationError) as exc:
        approval.set_approval_settings(
            by=owner, reminder_frequency="hourly", approved_unbilled_days=0
        )
    assert set(exc.value.message_dict) == {"reminder_frequency", "approved_unbilled_days"}

    approval.set_approval_settings(by=owner, reminder_frequency="weekly", approved_unbilled_days=14)

    org.refresh_from_db()
    assert (org.reminder_frequency, org.approved_unbilled_days) == ("weekly", 14)
    row = AuditLog.objects.get(object_type="accounts.organisation", action="update")
    assert row.before == {"reminder_frequency": "off", "approved_unbilled_days": 30}
    assert row.after == {"reminder_frequency": "weekly", "approved_unbilled_days": 14}


def test_reapproval_after_reopen_freezes_the_rate_in_force_then(org, alice, manager, week):
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(Scope(member=alice, week=MONDAY), by=manager)
    Rate.objects.create(
        organisation=org,
        level="member",
        member=alice,
        amount=Decimal("110.00"),
        currency="EUR",
        effective_from=dt.date(2026, 11, 1),
    )
    assert TimeEntry.objects.get(pk=week[0].pk).amount == Decimal("190.00")  # frozen

    approval.reopen(Scope(member=alice, week=MONDAY), by=manager, reason="member rate agreed")
    approval.approve(Scope(member=alice, week=MONDAY), by=manager, include_drafts=True)

    entry = TimeEntry.objects.get(pk=week[0].pk)
    assert (entry.rate, entry.amount) == (Decimal("110.00"), Decimal("220.00"))
