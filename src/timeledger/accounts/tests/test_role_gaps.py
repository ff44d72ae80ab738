"""Role gaps found by probing: self-approval, money for plain members, tax settings for client
viewers, and 403s that say which capability is missing."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

DAY = dt.date(2026, 11, 10)


@pytest.fixture
def viewer(org, client_):
    return f.member(org, Role.CLIENT_VIEWER, client=client_)


def test_a_manager_cannot_approve_their_own_time(api, manager, alice, owner, project):
    mine = f.entry(manager, project, day=DAY, status=EntryStatus.SUBMITTED)
    theirs = f.entry(alice, project, day=DAY, status=EntryStatus.SUBMITTED)
    r = api(manager).post("/api/approvals/approve/", {"entries": [mine.pk]}, format="json")
    assert r.status_code == 403
    assert "your own time" in r.json()["message"]
    assert TimeEntry.objects.get(pk=mine.pk).status == EntryStatus.SUBMITTED
    r = api(manager).post("/api/approvals/approve/", {"entries": [theirs.pk]}, format="json")
    assert r.status_code == 200
    r = api(owner).post("/api/approvals/approve/", {"entries": [mine.pk]}, format="json")
    assert r.status_code == 200


def test_a_plain_member_reads_no_money(api, alice, manager, project):
    project.budget_amount = Decimal("5000.00")
    project.fixed_fee = Decimal("1200.00")
    project.save()
    row = api(alice).get(f"/api/projects/{project.pk}/").json()
    assert (row["budget_amount"], row["fixed_fee"], row["estimate_amount"]) == (None, None, None)
    listed = api(alice).get("/api/projects/").json()["results"]
    assert {(p["budget_amount"], p["fixed_fee"]) for p in listed} == {(None, None)}
    r = api(alice).get(f"/api/projects/{project.pk}/budget/")
    assert r.status_code == 403
    assert "view_rates" in r.json()["message"]
    assert api(manager).get(f"/api/projects/{project.pk}/").json()["budget_amount"] == "5000.00"
    assert api(manager).get(f"/api/projects/{project.pk}/budget/").status_code == 200


def test_a_client_viewer_sees_no_tax_settings(client, api, viewer):
    client.force_login(viewer.user)
    assert client.get("/invoices/taxes/").status_code == 403
    assert api(viewer).get("/api/tax-categories/").status_code == 403


def test_403_names_the_missing_capability(api, alice):
    r = api(alice).post("/api/clients/", {"code": "X", "name": "X"}, format="json")
    assert r.status_code == 403
    body = r.json()
    assert "not a member" not in body["message"]
    assert "manage_clients" in body["message"] and "Member" in body["message"]
