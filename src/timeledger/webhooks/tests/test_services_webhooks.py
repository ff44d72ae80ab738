"""Webhooks end to end: events stored with the action, sent after commit to a real loopback
receiver that verifies signatures with the ``standardwebhooks`` library; retries on schedule,
the delivery log, auto-disabling with an e-mail to the admins, replay, secret rotation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction

from timeledger.accounts.roles import Role
from timeledger.core import events, timeutil
from timeledger.core.models import AuditLog
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services as payments
from timeledger.testing import factories as f
from timeledger.webhooks import rules, services
from timeledger.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from timeledger.webhooks.tasks import run_due
from timeledger.webhooks.tests.receiver import Receiver

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.INVOICE_PDF_ON_ISSUE = False  # PDFs are not what these tests are about


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def admin(org):
    return f.member(org, Role.ADMIN, email="admin@example.com")


def _endpoint(admin, receiver, types=()):
    endpoint = services.create_endpoint(by=admin, url=receiver.url, event_types=types)
    receiver.secrets.append(endpoint.secret)
    return endpoint


def _issue(accountant, client_, amount="100"):
    tax = inv.taxes(accountant.organisation)
    return inv.issued(accountant, client_, [("Work", "1", amount, tax["Z"])])


def test_issuing_sends_a_signed_event_after_commit(admin, accountant, client_, receiver):
    _endpoint(admin, receiver, ["invoice.issued"])
    invoice = _issue(accountant, client_)
    # stored with the action, nothing sent during it (embedded default: tick sends)
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.event.event_type == "invoice.issued"

    assert run_due() == {"overdue_events": 0, "attempts": 1, "succeeded": 1, "failed": 0}

    (got,) = receiver.received
    assert all(got.verified.values()) and got.verified
    assert got.headers["webhook-id"] == delivery.event.event_id
    assert got.payload["type"] == "invoice.issued"
    data = got.payload["data"]
    assert data["number"] == invoice.number and data["gross_total"] == "100.00"
    assert data["currency"] == "EUR" and data["client"]["code"] == "ACME"
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.last_status_code == 200
    assert [(a.number, a.status_code, a.is_success) for a in delivery.log.all()] == [(1, 200, True)]
    assert run_due()["attempts"] == 0  # delivered once


def test_an_endpoint_hears_only_the_events_it_chose(admin, accountant, client_, receiver):
    _endpoint(admin, receiver, ["payment.recorded"])
    invoice = _issue(accountant, client_)
    payments.pay_invoice(invoice, by=accountant, amount="100", date=dt.date(2026, 3, 5))
    run_due()
    assert [r.payload["type"] for r in receiver.received] == ["payment.recorded"]
    assert receiver.received[0].payload["data"]["allocations"][0]["amount"] == "100.00"


def test_payment_events_paid_and_reversed(admin, accountant, client_, receiver):
    _endpoint(admin, receiver, [t for t in events.EVENT_TYPES if t != "invoice.overdue"])
    invoice = _issue(accountant, client_)
    payment = payments.pay_invoice(invoice, by=accountant, amount="100", date=dt.date(2026, 3, 5))
    payments.reverse_payment(payment, by=accountant, reason="bounced")
    run_due()
    types = [r.payload["type"] for r in receiver.received]
    assert types == ["invoice.issued", "invoice.paid", "payment.recorded", "payment.reversed"]
    assert receiver.received[-1].payload["data"]["reversal_reason"] == "bounced"


def test_no_event_when_the_action_rolls_back(admin, org, receiver):
    _endpoint(admin, receiver)
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit(org, "invoice.overdue", data={"x": 1})
        raise RuntimeError("the action failed")
    assert not WebhookEvent.objects.exists() and not WebhookDelivery.objects.exists()


def test_failures_are_retried_on_schedule_and_logged(admin, accountant, client_, receiver):
    _endpoint(admin, receiver, ["invoice.issued"])
    receiver.codes = [500, 503]
    _issue(accountant, client_)
    t0 = timeutil.now()
    assert run_due(now=t0)["failed"] == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at == t0 + dt.timedelta(seconds=5)
    assert run_due(now=t0 + dt.timedelta(seconds=4))["attempts"] == 0  # not yet due
    t1 = t0 + dt.timedelta(seconds=5)
    assert run_due(now=t1)["failed"] == 1
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == t1 + dt.timedelta(minutes=5)
    assert run_due(now=t1 + dt.timedelta(minutes=4))["attempts"] == 0
    assert run_due(now=t1 + dt.timedelta(minutes=5))["succeeded"] == 1
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.endpoint.consecutive_failures == 0
    assert [(a.number, a.status_code, a.is_success) for a in delivery.log.all()] == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    # the same message each time: receivers dedupe on webhook-id
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


def test_a_dead_receiver_never_fails_the_action(admin, accountant, client_):
    endpoint = services.create_endpoint(
        by=admin, url="http://127.0.0.1:18599/nothing-here", event_types=["invoice.issued"]
    )
    invoice = _issue(accountant, client_)  # the action succeeds
    assert invoice.number
    run_due()
    attempt = WebhookDelivery.objects.get(endpoint=endpoint).log.get()
    assert attempt.status_code is None and "refused" in attempt.error.lower()


def test_schedule_gives_up_after_eight_attempts():
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    waits = []
    n = 1
    while (nxt := rules.next_attempt(n, at)) is not None:
        waits.append(nxt - at)
        n += 1
    assert [w.total_seconds() for w in waits] == [5, 300, 1800, 7200, 18000, 36000, 36000]
    assert n == rules.MAX_ATTEMPTS == 8


def test_repeated_failures_disable_the_endpoint_and_mail_the_admins(
    admin, owner, accountant, client_, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(admin, receiver, ["invoice.issued"])
    receiver.codes = [500] * rules.MAX_ATTEMPTS
    _issue(accountant, client_)
    _issue(accountant, client_, "50")
    now = timeutil.now()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(rules.MAX_ATTEMPTS):
            run_due(now=now)
            now += dt.timedelta(hours=11)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_at is not None
    assert endpoint.consecutive_failures == rules.DISABLE_AFTER_FAILURES
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"failed"}
    (message,) = mail.outbox
    assert "disabled" in message.subject and receiver.url in message.body
    assert sorted(message.to) == sorted([admin.user.email, owner.user.email])
    assert AuditLog.objects.filter(action="disable", object_id=str(endpoint.pk)).exists()

    # replay is refused while disabled; enabled again, a replay delivers the same message
    delivery = WebhookDelivery.objects.order_by("id").first()
    with pytest.raises(Exception, match="disabled"):
        services.replay(delivery, by=admin)
    services.update_endpoint(endpoint, {"is_active": True}, by=admin)
    services.replay(delivery, by=admin)
    assert run_due()["succeeded"] == 1
    delivery.refresh_from_db()
    assert delivery.status == "succeeded"
    assert receiver.received[-1].headers["webhook-id"] == delivery.event.event_id
    # the log keeps every attempt: the failed round and the replay
    assert [a.is_success for a in delivery.log.all()][-2:] == [False, True]


def test_rotation_signs_with_both_secrets_for_a_day(admin, accountant, client_, receiver):
    endpoint = _endpoint(admin, receiver, ["invoice.issued"])
    old = endpoint.secret
    endpoint = services.rotate_secret(endpoint, by=admin)
    receiver.secrets.append(endpoint.secret)
    assert endpoint.secret != old and endpoint.previous_secret == old
    _issue(accountant, client_)
    run_due()
    (got,) = receiver.received
    assert got.verified == {old: True, endpoint.secret: True}
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    # after the grace period only the new secret signs
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_expires_at=timeutil.now() - dt.timedelta(seconds=1)
    )
    _issue(accountant, client_, "20")
    run_due()
    assert receiver.received[-1].verified == {old: False, endpoint.secret: True}


def test_overdue_is_announced_once(admin, accountant, client_, receiver):
    _endpoint(admin, receiver, ["invoice.overdue"])
    invoice = _issue(accountant, client_)  # issued 2026-03-02: long overdue by now
    assert run_due()["overdue_events"] == 1
    assert run_due()["overdue_events"] == 0
    (got,) = receiver.received
    assert got.payload["type"] == "invoice.overdue"
    today = timeutil.local_date(timeutil.now(), admin.organisation.time_zone)
    assert got.payload["data"]["days_overdue"] == (today - invoice.due_date).days
    assert got.payload["data"]["number"] == invoice.number


def test_only_admins_manage_endpoints(accountant):
    with pytest.raises(Exception, match="owners and admins"):
        services.create_endpoint(by=accountant, url="https://example.com/hook")


def test_signature_matches_the_spec_example():
    # The example of the Standard Webhooks specification (spec/standard-webhooks.md).
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert (
        rules.signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )
