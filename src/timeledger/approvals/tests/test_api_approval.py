import datetime as dt
from decimal import Decimal

import pytest

from timeledger.accounts.roles import Role
from timeledger.core.models import AuditLog
from timeledger.rates.models import Rate
from timeledger.testing import factories as f
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
    Rate.objects.create(
        organisation=org,
        level="organisation",
        amount=Decimal("120.00"),
        currency="EUR",
        effective_from=dt.date(2026, 1, 1),
    )
    return [
        f.entry(alice, project, day=MONDAY + dt.timedelta(days=i), hours="1.50") for i in range(2)
    ]


def status_of(entry):
    return TimeEntry.objects.get(pk=entry.pk).status


def test_submit_then_lead_approves_over_api(api, alice, lead, week):
    r = api(alice).post("/api/approvals/submit/", {"week": "2026-11-11"}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["count"] == 2
    assert sorted(r.json()["entries"]) == sorted(e.pk for e in week)

    pending = api(lead).get("/api/approvals/pending/").json()
    assert pending == [
        {
            "member": alice.pk,
            "member_name": str(alice),
            "week": "2026-11-09",
            "entries": 2,
            "seconds": 10800,
            "hours": "3:00",
        }
    ]

    r = api(lead).post(
        "/api/approvals/approve/",
        {"member": alice.pk, "week": "2026-11-09", "comment": "ok"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["action"] == "approve"
    entry = TimeEntry.objects.get(pk=week[0].pk)
    assert (entry.status, entry.amount) == (EntryStatus.APPROVED, Decimal("180.00"))
    assert AuditLog.objects.filter(action="approve", after__batch=r.json()["batch"]).count() == 2


def test_owner_cannot_edit_approved_entry_over_api(api, alice, manager, week):
    api(alice).post("/api/approvals/submit/", {"week": "2026-11-09"}, format="json")
    api(manager).post(
        "/api/approvals/approve/", {"member": alice.pk, "week": "2026-11-09"}, format="json"
    )
    r = api(alice).patch(f"/api/entries/{week[0].pk}/", {"description": "x"}, format="json")
    assert r.status_code == 400
    assert "approved" in r.json()["message"]
    assert api(alice).delete(f"/api/entries/{week[0].pk}/").status_code == 400


def test_reject_needs_reason_field_error(api, alice, lead, week):
    api(alice).post("/api/approvals/submit/", {"week": "2026-11-09"}, format="json")
    r = api(lead).post(
        "/api/approvals/reject/", {"entries": [week[0].pk], "reason": ""}, format="json"
    )
    assert r.status_code == 400
    assert r.json()["error"] == "invalid"
    assert "reason" in r.json()["fields"]

    r = api(lead).post(
        "/api/approvals/reject/",
        {"entries": [week[0].pk], "reason": "Use the Design task"},
        format="json",
    )
    assert r.status_code == 200
    got = api(alice).get(f"/api/entries/{week[0].pk}/").json()
    assert (got["status"], got["status_note"]) == ("rejected", "Use the Design task")


def test_scope_is_required(api, manager, week):
    r = api(manager).post("/api/approvals/approve/", {}, format="json")
    assert r.status_code == 400
    assert "member" in r.json()["fields"]
    r = api(manager).post("/api/approvals/approve/", {"member": week[0].member_id}, format="json")
    assert r.status_code == 400
    assert "week" in r.json()["fields"]


def test_member_cannot_approve_or_reopen(api, alice, org, manager, week):
    bob = f.member(org, Role.MEMBER)
    api(alice).post("/api/approvals/submit/", {"week": "2026-11-09"}, format="json")
    body = {"member": alice.pk, "week": "2026-11-09", "reason": "x"}
    assert api(bob).post("/api/approvals/approve/", body, format="json").status_code == 403
    api(manager).post("/api/approvals/approve/", body, format="json")
    assert api(bob).post("/api/approvals/reopen/", body, format="json").status_code == 403
    r = api(manager).post("/api/approvals/reopen/", body, format="json")
    assert r.status_code == 200
    assert status_of(week[0]) == EntryStatus.DRAFT


def test_outsider_cannot_reach_our_entries(api, alice, outsider, manager, week):
    api(alice).post("/api/approvals/submit/", {"week": "2026-11-09"}, format="json")
    r = api(outsider).post(
        "/api/approvals/approve/", {"member": alice.pk, "week": "2026-11-09"}, format="json"
    )
    assert r.status_code == 400
    assert "member" in r.json()["fields"]
    r = api(outsider).post(
        "/api/approvals/approve/", {"entries": [e.pk for e in week]}, format="json"
    )
    assert r.status_code == 400
    assert api(outsider).get("/api/approvals/pending/").json() == []
    assert status_of(week[0]) == EntryStatus.SUBMITTED


def test_lock_date_api(api, owner, manager, alice, org, week):
    assert api(alice).get("/api/lock-date/").json() == {"lock_date": None}
    assert (
        api(manager).put("/api/lock-date/", {"lock_date": "2026-11-09"}, format="json").status_code
        == 403
    )
    r = api(owner).put("/api/lock-date/", {"lock_date": "2026-11-09"}, format="json")
    assert r.json() == {"lock_date": "2026-11-09", "unapproved_locked": 1}
    r = api(alice).patch(f"/api/entries/{week[0].pk}/", {"description": "x"}, format="json")
    assert r.status_code == 400
    assert "locked" in r.json()["fields"]["date"][0]
    r = api(owner).put("/api/lock-date/", {"lock_date": None}, format="json")
    assert r.status_code == 400
    assert "reason" in r.json()["fields"]
    r = api(owner).put("/api/lock-date/", {"lock_date": None, "reason": "fix"}, format="json")
    assert r.json()["lock_date"] is None


def test_openapi_schema_lists_approval_endpoints(api, owner):
    schema = api(owner).get("/api/openapi.json").json()
    for p in (
        "/api/approvals/approve/",
        "/api/lock-date/",
        "/api/audit-log/",
        "/api/reports/audit/",
    ):
        assert p in schema["paths"]
    assert set(schema["paths"]["/api/audit-log/"]) == {"get"}


def test_approval_settings_api(api, owner, manager, org):
    assert api(manager).get("/api/approval-settings/").json() == {
        "reminder_frequency": "off",
        "approved_unbilled_days": 30,
    }
    assert (
        api(manager)
        .patch("/api/approval-settings/", {"reminder_frequency": "daily"}, format="json")
        .status_code
        == 403
    )
    r = api(owner).patch("/api/approval-settings/", {"approved_unbilled_days": 400}, format="json")
    assert r.status_code == 400
    assert "approved_unbilled_days" in r.json()["fields"]
    r = api(owner).patch("/api/approval-settings/", {"reminder_frequency": "weekly"}, format="json")
    assert r.json() == {"reminder_frequency": "weekly", "approved_unbilled_days": 30}
