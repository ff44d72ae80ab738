"""The expenses API: receipts (types, size, privacy), workflow, tenancy, error shape."""

import datetime as dt

import pytest

from timeledger.accounts.roles import Role
from timeledger.core.models import AuditLog
from timeledger.expenses import rules
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import PDF, PNG, category, log, receipt
from timeledger.testing import factories as f

D = dt.date


@pytest.fixture
def travel(org):
    return category(org, "Travel")


@pytest.fixture
def bob(org):
    return f.member(org, Role.MEMBER, email="bob@example.com")


def _post(api, m, project, travel, **extra):
    body = {
        "project": project.pk,
        "category": travel.pk,
        "date": "2026-03-03",
        "amount": "121.00",
        "vat_amount": "21.00",
        "markup_percent": "15",
        "supplier": "NS",
        **extra,
    }
    return api(m).post("/api/expenses/", body, format="multipart")


def test_member_logs_expense_with_receipt_and_reads_it_back(api, alice, project, travel):
    r = _post(api, alice, project, travel, receipt=receipt(PNG, "IMG_0001.png", "image/png"))
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["amount"] == "121.00" and body["billable_amount"] == "115.00 EUR"
    assert body["has_receipt"] and body["receipt_type"] == "image/png"
    got = api(alice).get(f"/api/expenses/{body['id']}/receipt/")
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == PNG
    assert got["Content-Type"] == "image/png" and got["Cache-Control"] == "private, no-store"
    stored = Expense.objects.get(pk=body["id"])
    assert stored.receipt.name.startswith(f"receipts/{alice.organisation_id}/")
    assert "IMG_0001" not in stored.receipt.name  # random, unguessable name


def test_receipt_of_wrong_type_is_refused_with_a_field_error(api, alice, project, travel):
    fake = receipt(b"MZ\x90\x00" + b"\x00" * 100, "receipt.pdf", "application/pdf")
    r = _post(api, alice, project, travel, receipt=fake)
    assert r.status_code == 400
    assert r.json()["fields"]["receipt"] == [
        "A receipt is a PDF or an image (JPEG, PNG, WebP, HEIC)."
    ]
    assert not Expense.objects.exists()


def test_receipt_too_large_is_refused(api, alice, project, travel, monkeypatch):
    monkeypatch.setattr(rules, "MAX_RECEIPT_BYTES", 1024)
    r = _post(api, alice, project, travel, receipt=receipt(PDF + b"0" * 2000))
    assert r.status_code == 400
    assert "at most" in r.json()["fields"]["receipt"][0]
    assert not Expense.objects.exists()


def test_member_never_reads_another_members_receipt(api, alice, bob, manager, project, travel):
    mine = log(bob, project, travel, receipt=receipt())
    assert api(alice).get(f"/api/expenses/{mine.pk}/receipt/").status_code == 404
    assert api(alice).get(f"/api/expenses/{mine.pk}/").status_code == 404
    assert api(alice).get("/api/expenses/").json()["results"] == []
    assert api(bob).get(f"/api/expenses/{mine.pk}/receipt/").status_code == 200
    # Managers (who approve and read all time) may.
    assert api(manager).get(f"/api/expenses/{mine.pk}/receipt/").status_code == 200


def test_outsider_sees_nothing(api, alice, outsider, project, travel):
    e = log(alice, project, travel, receipt=receipt())
    assert api(outsider).get(f"/api/expenses/{e.pk}/receipt/").status_code == 404
    assert api(outsider).get("/api/expenses/").json()["results"] == []
    r = _post(api, outsider, project, travel)
    assert r.status_code == 400 and set(r.json()["fields"]) >= {"project", "category"}


def test_foreign_currency_needs_a_recorded_rate(api, alice, project, travel):
    r = _post(api, alice, project, travel, currency="USD", vat_amount="0")
    assert r.status_code == 400
    assert r.json()["fields"]["exchange_rate"][0].startswith("Record the rate: 1 USD in EUR")
    r = _post(api, alice, project, travel, currency="USD", vat_amount="0", exchange_rate="0.92")
    assert (
        r.status_code == 201 and r.json()["billable_amount"] == "128.02 EUR"
    )  # 121.00 × 0.92 = 111.32; × 1.15 = 128.018


def test_bad_amounts_are_field_errors(api, alice, project, travel):
    r = _post(api, alice, project, travel, amount="10.001")
    assert r.status_code == 400 and "at most 2 decimals" in r.json()["fields"]["amount"][0]
    r = _post(api, alice, project, travel, amount="10.00", vat_amount="11.00")
    assert r.status_code == 400 and "vat_amount" in r.json()["fields"]


def test_submit_approve_lock_and_reject(api, alice, manager, project, travel):
    project.lead = manager
    project.save()
    e = log(alice, project, travel)
    r = api(alice).post("/api/expenses/submit/", {"week": "2026-03-02"}, format="json")
    assert r.status_code == 200 and r.json()["expenses"] == [e.pk]
    row = AuditLog.objects.get(action="submit", object_type="expenses.expense")
    assert (row.object_id, row.before, row.after["status"]) == (
        str(e.pk),
        {"status": "draft"},
        "submitted",
    )
    # A member cannot approve their own.
    r = api(alice).post("/api/expenses/approve/", {"expenses": [e.pk]}, format="json")
    assert r.status_code == 403
    r = api(manager).post("/api/expenses/approve/", {"expenses": [e.pk]}, format="json")
    assert r.status_code == 200
    e.refresh_from_db()
    assert e.status == ExpenseStatus.APPROVED
    # Locked once approved.
    r = api(alice).patch(f"/api/expenses/{e.pk}/", {"amount": "1.00"}, format="json")
    assert r.status_code == 400 and "approved and locked" in r.json()["message"]
    # Reject needs a reason; reopen brings it back to draft.
    r = api(manager).post("/api/expenses/reopen/", {"expenses": [e.pk]}, format="json")
    assert r.status_code == 400 and "reason" in r.json()["fields"]


def test_lock_date_applies(api, alice, project, travel, org):
    org.lock_date = D(2026, 3, 10)
    org.save()
    r = _post(api, alice, project, travel)
    assert r.status_code == 400 and "locked" in r.json()["fields"]["date"][0]


def test_reimbursements_per_member_and_currency(api, alice, bob, manager, project, travel):
    mgr = manager
    a1 = log(alice, project, travel, amount="20.00")
    a2 = log(alice, project, travel, amount="5.50")
    log(alice, project, travel, amount="99.00", is_reimbursable=False)  # company card
    b1 = log(bob, project, travel, amount="7.00")
    Expense.objects.filter(pk__in=[a1.pk, a2.pk, b1.pk]).update(status=ExpenseStatus.APPROVED)
    Expense.objects.filter(is_reimbursable=False).update(status=ExpenseStatus.APPROVED)
    q = "/api/expenses/reimbursements/?date_from=2026-03-01&date_to=2026-03-31"
    rows = api(mgr).get(q).json()["results"]
    assert [(r["member"], r["amount"], r["expenses"]) for r in rows] == [
        (alice.pk, "25.50", 2),
        (bob.pk, "7.00", 1),
    ]
    mine = api(alice).get(q).json()["results"]
    assert [(r["member"], r["amount"]) for r in mine] == [(alice.pk, "25.50")]
    assert api(alice).get(q + f"&member={bob.pk}").status_code == 403
