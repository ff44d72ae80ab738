"""Money-moving requests refuse fields they do not know (``StrictFieldsMixin``): a typo such as
``ammount`` is a 400 naming the field, in the one error shape, and nothing is written."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice
from timeledger.payments.models import Payment
from timeledger.payments.services import record_payment
from timeledger.rates.models import Rate
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import TimeEntry

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def draft(owner, client_, project):
    return drafts.create_draft(
        client_,
        by=owner,
        project=project,
        lines=[drafts.LineInput(description="Design", quantity=Decimal(1), unit_price=Decimal(80))],
    )


def _bodies(client_, project, draft, payment):
    line = draft.lines.first()
    return [
        (
            "post",
            "/api/payments/",
            {"client": client_.pk, "amount": "10.00", "date": str(YESTERDAY), "ammount": "9"},
            "ammount",
        ),
        (
            "post",
            "/api/payments/",
            {
                "client": client_.pk,
                "amount": "10.00",
                "date": str(YESTERDAY),
                "allocations": [{"invoice": draft.pk, "amount": "1.00", "amout": "1"}],
            },
            "allocations.0.amout",
        ),
        ("post", f"/api/payments/{payment.pk}/reverse/", {"reason": "x", "force": True}, "force"),
        (
            "post",
            f"/api/payments/{payment.pk}/allocate/",
            {"invoice": draft.pk, "amount": "1.00", "note": "x"},
            "note",
        ),
        ("post", "/api/invoices/", {"client": client_.pk, "currency": "USD"}, "currency"),
        (
            "post",
            "/api/invoices/",
            {
                "client": client_.pk,
                "lines": [{"description": "x", "quantity": "1", "unit_price": "5", "vat": "21"}],
            },
            "lines.0.vat",
        ),
        (
            "patch",
            f"/api/invoices/{draft.pk}/",
            {"notes": "n", "due_date": "2026-01-01"},
            "due_date",
        ),
        (
            "post",
            f"/api/invoices/{draft.pk}/lines/",
            {"description": "x", "quantity": "1", "unit_price": "5", "price": "5"},
            "price",
        ),
        ("patch", f"/api/invoice-lines/{line.pk}/", {"quantity": "2", "qty": "2"}, "qty"),
        ("post", f"/api/invoices/{draft.pk}/issue/", {"issue_dat": "2026-01-01"}, "issue_dat"),
        ("post", f"/api/invoices/{draft.pk}/credit/", {"reason": "r", "amount": "5"}, "amount"),
        ("post", "/api/billing/runs/", {"dry_run": True, "until": "2026-01-01"}, "until"),
        (
            "post",
            f"/api/billing/drafts/{draft.pk}/lines/",
            {"description": "x", "unit_price": "5", "tax": "1"},
            "tax",
        ),
        ("post", f"/api/billing/drafts/{draft.pk}/discount/", {"percent": "5", "pct": "5"}, "pct"),
        ("post", f"/api/billing/drafts/{draft.pk}/approve/", {"note": "ok"}, "note"),
        ("post", "/api/invoices/final/", {"project": project.pk, "upto": "2026-01-01"}, "upto"),
        (
            "post",
            "/api/rates/",
            {"level": "organisation", "amount": "100", "currency": "EUR", "effectve_from": "x"},
            "effectve_from",
        ),
        (
            "post",
            "/api/expenses/",
            {"project": project.pk, "amount": "5", "date": str(YESTERDAY), "amount_vat": "1"},
            "amount_vat",
        ),
    ]


def test_unknown_fields_in_money_moving_requests_are_400(api, owner, client_, project, draft):
    payment = record_payment(client_, by=owner, amount=Decimal("20.00"), date=YESTERDAY)
    c = api(owner)
    before = (Payment.objects.count(), Invoice.objects.count(), Rate.objects.count())
    for method, path, body, field in _bodies(client_, project, draft, payment):
        r = getattr(c, method)(path, body, format="json")
        body = assert_error(r, 400, field)
        assert body["fields"][field] == ["Unknown field."], (path, body)
    assert (Payment.objects.count(), Invoice.objects.count(), Rate.objects.count()) == before


def test_read_only_fields_sent_back_are_not_unknown(api, owner, org):
    """A client may PATCH back what it read: ``id`` and ``source`` of a rate are known fields."""
    rate = f.rate(org, "100.00")
    c = api(owner)
    read = c.get(f"/api/rates/{rate.pk}/").json()
    r = c.patch(f"/api/rates/{rate.pk}/", {**read, "amount": "120.00"}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["amount"] == "120.00"


def test_time_requests_refuse_unknown_fields_too(api, owner, project):
    """Entries and timer starts: ``billabel`` is a 400, not an entry with the default flag."""
    c = api(owner)
    entry = {"project": project.pk, "date": str(YESTERDAY), "duration": "1:00", "billabel": False}
    assert_error(c.post("/api/entries/", entry, format="json"), 400, "billabel")
    timer = {"project": project.pk, "descripton": "typo"}
    assert_error(c.post("/api/timer/start/", timer, format="json"), 400, "descripton")
    assert not TimeEntry.objects.exists()
    entry.pop("billabel")
    created = c.post("/api/entries/", entry, format="json")
    assert created.status_code == 201, created.json()
    # read-only fields a client read are known, not unknown
    read = created.json()
    echo = {k: read[k] for k in ("id", "hours", "is_running", "project_code")}
    back = c.patch(f"/api/entries/{read['id']}/", {**echo, "description": "x"}, format="json")
    assert back.status_code == 200, back.json()
