"""Expense screens: log with a receipt (the file input a phone's camera fills), inline errors,
submit, approve, receipt privacy."""

import datetime as dt
from decimal import Decimal

from django.test import Client

from timeledger.accounts.roles import Role
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import PNG, category, log, receipt
from timeledger.testing import factories as f


def login(member) -> Client:
    c = Client()
    c.force_login(member.user)
    return c


def _form(project, cat, **extra):
    return {
        "project": project.pk,
        "category": cat.pk,
        "date": "2026-03-03",
        "amount": "24.20",
        "vat_amount": "4.20",
        "markup_percent": "10",
        "supplier": "Taxi",
        "is_billable": "on",
        "is_reimbursable": "on",
        **extra,
    }


def test_page_offers_the_camera_and_logs_with_a_receipt(alice, project):
    cat = category(alice.organisation)
    c = login(alice)
    page = c.get("/expenses/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'accept="image/*,application/pdf"' in page
    r = c.post("/expenses/", _form(project, cat, receipt=receipt(PNG, "photo.png", "image/png")))
    assert r.status_code == 302
    e = Expense.objects.get()
    assert (e.amount, e.receipt_type, e.member_id) == (Decimal("24.20"), "image/png", alice.pk)
    page = c.get("/expenses/").content.decode()
    assert "22.00 EUR" in page  # (24.20 − 4.20) × 1.10
    assert c.get(f"/expenses/{e.pk}/receipt/").status_code == 200


def test_wrong_receipt_shows_inline_error(alice, project):
    cat = category(alice.organisation)
    bad = receipt(b"<html><script>", "r.pdf", "application/pdf")
    r = login(alice).post("/expenses/", _form(project, cat, receipt=bad))
    assert r.status_code == 200
    assert "A receipt is a PDF or an image" in r.content.decode()
    assert not Expense.objects.exists()


def test_other_member_gets_404_for_receipt(org, alice, project):
    bob = f.member(org, Role.MEMBER, email="bob@example.com")
    e = log(bob, project, category(org), receipt=receipt())
    assert login(alice).get(f"/expenses/{e.pk}/receipt/").status_code == 404


def test_submit_then_lead_approves(org, alice, manager):
    project = f.project(org, lead=manager)
    e = log(alice, project, category(org), day=dt.date.today())
    c = login(alice)
    c.post("/expenses/submit/", {"week": dt.date.today().isoformat()})
    e.refresh_from_db()
    assert e.status == ExpenseStatus.SUBMITTED
    m = login(manager)
    assert str(e.pk) in m.get("/expenses/approve/").content.decode()
    r = m.post("/expenses/approve/", {"expense": [e.pk], "action": "approve"})
    assert r.status_code == 302
    e.refresh_from_db()
    assert e.status == ExpenseStatus.APPROVED
