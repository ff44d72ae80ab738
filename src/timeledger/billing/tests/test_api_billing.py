"""Billing API: runs, preview, drafts and their edits; tenancy and roles."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.billing.tests.helpers import approved
from timeledger.invoicing.models import Invoice
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date


@pytest.fixture
def entries(project, alice):
    return [
        approved(alice, project, day=D(2026, 3, 2), hours="2.00", rate="150.00"),
        approved(alice, project, day=D(2026, 3, 3), hours="1.50", rate="150.00"),
    ]


def test_preview_then_run_then_edit(api, accountant, entries):
    client = api(accountant)
    preview = client.get("/api/billing/preview/", {"until": "2026-03-31"})
    assert preview.status_code == 200
    assert preview.json()["projects"][0]["net"] == "525.00"
    assert Invoice.objects.count() == 0

    run = client.post("/api/billing/runs/", {"up_to": "2026-03-31"}, format="json")
    assert run.status_code == 201, run.json()
    draft_id = run.json()["projects"][0]["invoice"]

    detail = client.get(f"/api/billing/drafts/{draft_id}/").json()
    assert detail["net_total"] == "525.00"
    assert sorted(detail["lines"][0]["entries"]) == sorted(e.pk for e in entries)

    removed = client.post(
        f"/api/billing/drafts/{draft_id}/remove-entries/",
        {"entries": [entries[0].pk]},
        format="json",
    )
    assert removed.status_code == 200
    assert removed.json()["net_total"] == "225.00"
    assert TimeEntry.objects.get(pk=entries[0].pk).status == EntryStatus.APPROVED

    bad = client.post(f"/api/billing/drafts/{draft_id}/lines/", {"description": "x"}, format="json")
    assert bad.status_code == 400 and "unit_price" in bad.json()["fields"]

    deleted = client.delete(f"/api/billing/drafts/{draft_id}/")
    assert deleted.json() == {"released_entries": 1}


def test_over_estimate_approval_needs_note(api, accountant, entries, project):
    project.estimate_amount = Decimal("100.00")
    project.save()
    client = api(accountant)
    draft_id = client.post("/api/billing/runs/", {"up_to": "2026-03-31"}, format="json").json()[
        "projects"
    ][0]["invoice"]
    refused = client.post(f"/api/billing/drafts/{draft_id}/approve/", {}, format="json")
    assert refused.status_code == 400
    assert "estimate_note" in refused.json()["fields"]
    ok = client.post(
        f"/api/billing/drafts/{draft_id}/approve/", {"estimate_note": "Scope grew"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["approved_at"]


def test_member_cannot_run_billing(api, alice, entries):
    assert api(alice).post("/api/billing/runs/", {}, format="json").status_code == 403
    assert api(alice).get("/api/billing/preview/").status_code == 403


def test_outsider_sees_no_drafts(api, accountant, outsider, entries):
    draft_id = (
        api(accountant)
        .post("/api/billing/runs/", {"up_to": "2026-03-31"}, format="json")
        .json()["projects"][0]["invoice"]
    )
    other = api(outsider)
    assert other.get("/api/billing/drafts/").json()["results"] == []
    assert other.get(f"/api/billing/drafts/{draft_id}/").status_code == 404
    assert other.get("/api/billing/preview/", {"until": "2026-03-31"}).json()["projects"] == []


def test_schedule_validation(api, manager, project):
    client = api(manager)
    bad = client.post(
        "/api/billing/schedules/", {"project": project.pk, "day_of_month": 40}, format="json"
    )
    assert bad.status_code == 400 and "day_of_month" in bad.json()["fields"]
    ok = client.post(
        "/api/billing/schedules/",
        {
            "project": project.pk,
            "trigger": "schedule",
            "frequency": "monthly",
            "day_of_month": 15,
            "grouping": "member",
        },
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    dup = client.post("/api/billing/schedules/", {"project": project.pk}, format="json")
    assert dup.status_code == 400
