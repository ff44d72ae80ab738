"""Webhooks delivered by real Celery workers on Redis (``timeledger.testing.celery``): issuing an
invoice queues the delivery after commit; a worker POSTs it, signed, to a loopback receiver that
verifies it with the independent ``standardwebhooks`` library; the receiver's first answer is a
500, so the worker retries on the schedule (5 s later, the same ``webhook-id``), and the delivery
log shows both attempts with their response codes."""

import datetime as dt

import pytest

from timeledger.accounts.roles import Role
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.celery import wait_until
from timeledger.webhooks import rules, services
from timeledger.webhooks.models import WebhookAttempt, WebhookDelivery
from timeledger.webhooks.tests.receiver import Receiver

RECEIVER_PORTS = range(8166, 8170)  # this work's loopback range


@pytest.fixture
def receiver():
    r = Receiver(codes=[500], ports=RECEIVER_PORTS).start()
    yield r
    r.stop()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_signs_retries_on_schedule_and_logs_each_attempt(
    celery_workers, org, accountant, client_, receiver
):
    admin = f.member(org, Role.ADMIN, email="admin@example.com")
    endpoint = services.create_endpoint(by=admin, url=receiver.url, event_types=["invoice.issued"])
    receiver.secrets.append(endpoint.secret)
    workers = celery_workers(2)
    tax = inv.taxes(org)
    invoice = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])

    delivery = wait_until(
        lambda: WebhookDelivery.objects.filter(
            endpoint=endpoint, status=WebhookDelivery.Status.SUCCEEDED
        ).first(),
        timeout=60,
        message="the workers did not deliver the webhook",
    )
    first, second = receiver.received
    assert first.verified == {endpoint.secret: True} and second.verified == {endpoint.secret: True}
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.event.event_id
    assert second.payload["type"] == "invoice.issued"
    assert second.payload["data"]["number"] == invoice.number
    attempts = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("number"))
    assert [(a.number, a.status_code, a.is_success) for a in attempts] == [
        (1, 500, False),
        (2, 200, True),
    ]
    # the retry waited for the schedule's first delay (5 s), not less
    assert attempts[1].created_at - attempts[0].created_at >= rules.RETRY_DELAYS[0]
    assert attempts[1].created_at - attempts[0].created_at < dt.timedelta(minutes=5)
    assert "webhooks.deliver" in workers.logs() and "Retry in" in workers.logs()
    assert (delivery.attempts, delivery.last_status_code) == (2, 200)
