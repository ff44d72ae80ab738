"""Payments: partial, full, over-payment as credit, one payment across invoices, refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from timeledger.core.models import AuditLog
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services
from timeledger.payments.models import Payment, PaymentAllocation
from timeledger.payments.selectors import aging, aging_totals, client_credit
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def tax(org):
    return inv.taxes(org)


def _issued(accountant, client_, tax, amount, on=dt.date(2026, 3, 2)):
    return inv.issued(accountant, client_, [("Work", "1", amount, tax["Z"])], on=on)


def test_partial_then_full_payment(accountant, client_, tax):
    invoice = _issued(accountant, client_, tax, "1000")
    services.record_payment(
        client_,
        by=accountant,
        amount="400.00",
        date=dt.date(2026, 3, 10),
        reference="TX1",
        allocations={invoice.pk: D("400.00")},
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTIALLY_PAID
    assert invoice.balance_due == D("600.00")
    services.record_payment(client_, by=accountant, amount="600.00", date=dt.date(2026, 3, 20))
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert invoice.amount_paid == D("1000.00")


def test_one_payment_across_several_invoices_oldest_due_first(accountant, client_, tax):
    older = _issued(accountant, client_, tax, "300", on=dt.date(2026, 1, 5))
    newer = _issued(accountant, client_, tax, "500", on=dt.date(2026, 2, 5))
    payment = services.record_payment(
        client_, by=accountant, amount="650", date=dt.date(2026, 3, 1)
    )
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.status == InvoiceStatus.PAID
    assert newer.amount_paid == D("350.00") and newer.status == InvoiceStatus.PARTIALLY_PAID
    assert sorted(payment.allocations.values_list("amount", flat=True)) == [
        D("300.00"),
        D("350.00"),
    ]
    assert payment.unapplied == D("0.00")


def test_over_payment_is_kept_as_client_credit_and_applied_later(accountant, client_, tax):
    first = _issued(accountant, client_, tax, "100")
    payment = services.record_payment(
        client_, by=accountant, amount="150", date=dt.date(2026, 3, 3)
    )
    first.refresh_from_db()
    assert first.status == InvoiceStatus.PAID
    payment.refresh_from_db()
    assert payment.unapplied == D("50.00")
    assert client_credit(client_) == D("50.00")
    second = _issued(accountant, client_, tax, "80")
    services.allocate_credit(payment, second, D("50.00"), by=accountant)
    second.refresh_from_db()
    assert second.balance_due == D("30.00")
    assert client_credit(client_) == D("0.00")


def test_paying_a_draft_is_refused_with_a_clear_message(accountant, client_, tax):
    draft = inv.draft(accountant, client_, [("Work", "1", "100", tax["S"])])
    with pytest.raises(ValidationError, match="is a draft; issue it before recording a payment"):
        services.record_payment(
            client_,
            by=accountant,
            amount="10",
            date=dt.date(2026, 3, 3),
            allocations={draft.pk: D("10")},
        )
    assert not Payment.objects.exists()


def test_allocations_above_the_payment_or_the_balance_are_refused(accountant, client_, tax):
    a = _issued(accountant, client_, tax, "100")
    b = _issued(accountant, client_, tax, "100")
    with pytest.raises(ValidationError, match="more than the payment"):
        services.record_payment(
            client_,
            by=accountant,
            amount="100",
            date=dt.date(2026, 3, 3),
            allocations={a.pk: D("60"), b.pk: D("60")},
        )
    with pytest.raises(ValidationError, match="100.00 EUR open"):
        services.record_payment(
            client_,
            by=accountant,
            amount="150",
            date=dt.date(2026, 3, 3),
            allocations={a.pk: D("150")},
        )
    assert not Payment.objects.exists()


def test_database_holds_allocated_within_amount(org, client_):
    payment = Payment.objects.create(
        organisation=org, client=client_, amount=D("10"), currency="EUR", date=dt.date(2026, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(allocated=D("11"))


def test_other_clients_invoice_and_other_currency_are_refused(org, accountant, client_, tax):
    other = f.client(org, currency="USD")
    theirs = inv.issued(accountant, other, [("Work", "1", "100", tax["Z"])])
    with pytest.raises(ValidationError, match="another client"):
        services.record_payment(
            client_,
            by=accountant,
            amount="10",
            date=dt.date(2026, 3, 3),
            allocations={theirs.pk: D("10")},
        )


def test_reversing_a_payment_reopens_the_invoice_and_keeps_the_row(accountant, client_, tax):
    invoice = _issued(accountant, client_, tax, "100")
    payment = services.record_payment(
        client_, by=accountant, amount="150", date=dt.date(2026, 3, 3)
    )
    services.reverse_payment(payment, by=accountant, reason="bounced")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED and invoice.amount_paid == D("0.00")
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.is_reversed and payment.reversal_reason == "bounced"
    assert payment.reversed_by == accountant.user and payment.reversed_at is not None
    assert payment.unapplied == D("0.00")  # its credit went back with it
    # the allocation stays as history of what it had paid
    assert list(PaymentAllocation.objects.values_list("invoice_id", "amount")) == [
        (invoice.pk, D("100.000"))
    ]
    log = AuditLog.objects.get(action="reverse", object_id=str(payment.pk))
    assert log.reason == "bounced" and log.after["reversal_reason"] == "bounced"


def test_a_reversed_payment_is_not_reversed_twice_nor_allocated(accountant, client_, tax):
    invoice = _issued(accountant, client_, tax, "100")
    payment = services.record_payment(
        client_, by=accountant, amount="50", date=dt.date(2026, 3, 3), allocations={}
    )
    services.reverse_payment(payment, by=accountant, reason="mistake")
    with pytest.raises(ValidationError, match="reversed already"):
        services.reverse_payment(payment, by=accountant, reason="again")
    with pytest.raises(ValidationError, match="takes no allocations"):
        services.allocate_credit(payment, invoice, D("10"), by=accountant)
    with pytest.raises(ValidationError, match="Give the reason"):
        services.reverse_payment(payment, by=accountant, reason=" ")


def test_aging_buckets_per_client(org, accountant, client_, tax):
    client_.payment_terms_days = 0
    client_.save()
    today = dt.date(2026, 6, 30)
    for days, amount in (
        (0, "1"),
        (1, "10"),
        (30, "20"),
        (31, "40"),
        (60, "80"),
        (61, "160"),
        (91, "320"),
    ):
        _issued(accountant, client_, tax, amount, on=today - dt.timedelta(days=days))
    paid = _issued(accountant, client_, tax, "1000", on=today - dt.timedelta(days=100))
    services.record_payment(
        client_, by=accountant, amount="1000", date=today, allocations={paid.pk: D("1000")}
    )
    rows = aging(org, today=today)
    assert len(rows) == 1
    assert rows[0].buckets == {
        "current": D("1.00"),
        "1-30": D("30.00"),
        "31-60": D("120.00"),
        "61-90": D("160.00"),
        "90+": D("320.00"),
    }
    assert rows[0].total == D("631.00")
    assert aging_totals(rows)["EUR"]["90+"] == D("320.00")


def test_outsider_sees_no_aging(outsider_org, org, accountant, client_, tax):
    _issued(accountant, client_, tax, "100")
    assert aging(outsider_org, today=dt.date(2027, 1, 1)) == []


def test_credit_note_after_full_payment_leaves_a_refund(accountant, client_, tax):
    invoice = _issued(accountant, client_, tax, "100")
    services.record_payment(client_, by=accountant, amount="100", date=dt.date(2026, 3, 3))
    credit = issuing.create_credit_note(Invoice.objects.get(pk=invoice.pk), by=accountant)
    credit = issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 3, 4))
    assert credit.status == InvoiceStatus.ISSUED
    assert credit.balance_due == D("-100.00")


def test_reminder_levels_are_configurable_via_api(api, accountant, outsider):
    from timeledger.testing.api import assert_error

    c = api(accountant)
    levels = c.get("/api/reminder-levels/").json()["results"]
    assert [lvl["days_overdue"] for lvl in levels] == [7, 14, 30]
    r = c.post(
        "/api/reminder-levels/", {"days_overdue": 60, "name": "Collection notice"}, format="json"
    )
    assert r.status_code == 201, r.content
    body = assert_error(
        c.post("/api/reminder-levels/", {"days_overdue": 14, "name": "Again"}, format="json"),
        400,
        "days_overdue",
    )
    assert "already a reminder at 14 days" in body["message"]
    assert [
        lvl["days_overdue"] for lvl in api(outsider).get("/api/reminder-levels/").json()["results"]
    ] == [7, 14, 30]


def test_reverse_payment_via_api(api, accountant, client_, tax):
    invoice = _issued(accountant, client_, tax, "100")
    payment = services.record_payment(
        client_, by=accountant, amount="100", date=dt.date(2026, 3, 3)
    )
    c = api(accountant)
    r = c.post(f"/api/payments/{payment.pk}/reverse/", {"reason": "bounced"}, format="json")
    assert r.status_code == 200
    assert r.json()["reversal_reason"] == "bounced" and r.json()["reversed_at"]
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    again = c.post(f"/api/payments/{payment.pk}/reverse/", {"reason": "x"}, format="json")
    assert again.status_code == 400 and "reversed already" in again.json()["message"]
    assert c.get(f"/api/payments/{payment.pk}/").json()["reversed_by"] == accountant.user.pk
