"""Idempotency-Key on the POSTs that create money or time: a repeat replays the first answer."""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from timeledger.accounts.roles import Role
from timeledger.core.models import IdempotencyKey
from timeledger.payments.models import Payment
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

PAYMENT = {"amount": "150.00", "date": "2026-11-10", "reference": "INV-7"}


def keyed(c, key):
    c.credentials(HTTP_AUTHORIZATION=c._credentials["HTTP_AUTHORIZATION"], HTTP_IDEMPOTENCY_KEY=key)
    return c


def test_same_key_and_body_records_one_payment(api, accountant, client_):
    c = keyed(api(accountant), "pay-1")
    body = {**PAYMENT, "client": client_.pk}
    first = c.post("/api/payments/", body, format="json")
    again = c.post("/api/payments/", body, format="json")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Payment.objects.filter(client=client_).count() == 1


def test_same_key_other_body_is_422(api, accountant, client_):
    c = keyed(api(accountant), "pay-2")
    assert c.post("/api/payments/", {**PAYMENT, "client": client_.pk}).status_code == 201
    r = c.post("/api/payments/", {**PAYMENT, "client": client_.pk, "amount": "151.00"})
    assert r.status_code == 422
    assert r.json()["error"] == "idempotency_key_reused"
    assert Payment.objects.filter(client=client_).count() == 1


def test_keys_belong_to_one_token(api, accountant, client_):
    body = {**PAYMENT, "client": client_.pk}
    assert keyed(api(accountant), "k").post("/api/payments/", body).status_code == 201
    assert keyed(api(accountant), "k").post("/api/payments/", body).status_code == 201
    assert Payment.objects.filter(client=client_).count() == 2


def test_without_a_key_every_post_creates(api, accountant, client_):
    c = api(accountant)
    body = {**PAYMENT, "client": client_.pk}
    assert c.post("/api/payments/", body).status_code == 201
    assert c.post("/api/payments/", body).status_code == 201
    assert Payment.objects.filter(client=client_).count() == 2


def test_entries_and_timer_are_idempotent(api, alice, project):
    c = keyed(api(alice), "e-1")
    body = {"project": project.pk, "date": "2026-11-10", "duration": "1:30", "is_billable": True}
    assert c.post("/api/entries/", body).status_code == 201
    assert c.post("/api/entries/", body).status_code == 201
    assert TimeEntry.objects.filter(member=alice).count() == 1
    c = keyed(api(alice), "t-start")
    start = c.post("/api/timer/start/", {"project": project.pk, "is_billable": True})
    assert start.status_code == 201
    assert c.post("/api/timer/start/", {"project": project.pk, "is_billable": True}).json() == (
        start.json()
    )
    c = keyed(c, "t-stop")
    stop = c.post("/api/timer/stop/", {})
    assert stop.status_code == 200
    assert c.post("/api/timer/stop/", {}).json() == stop.json()
    assert TimeEntry.objects.filter(member=alice).count() == 2


def test_a_failed_request_leaves_no_key(api, accountant, client_):
    c = keyed(api(accountant), "bad")
    assert (
        c.post("/api/payments/", {**PAYMENT, "client": client_.pk, "date": "x"}).status_code == 400
    )
    assert not IdempotencyKey.objects.filter(key="bad").exists()
    assert c.post("/api/payments/", {**PAYMENT, "client": client_.pk}).status_code == 201


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency on PostgreSQL")
def test_concurrent_repeats_create_one_payment(transactional_db):
    org = f.organisation("Race Pay", slug="race-pay")
    accountant = f.member(org, Role.ACCOUNTANT)
    client = f.client(org, code="RACE", currency="EUR")
    token = f.token(accountant)
    threads, barrier = 8, threading.Barrier(8)
    results = [None] * threads

    def run(i):
        try:
            c = APIClient()
            c.credentials(HTTP_AUTHORIZATION=f"Token {token}", HTTP_IDEMPOTENCY_KEY="race")
            barrier.wait(timeout=10)
            r = c.post("/api/payments/", {**PAYMENT, "client": client.pk}, format="json")
            results[i] = (r.status_code, r.json())
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=60)
    assert Payment.objects.filter(client=client).count() == 1
    assert {r[0] for r in results} == {201}, results
    assert len({r[1]["id"] for r in results}) == 1


def test_the_hourly_job_forgets_keys_older_than_a_day_and_keeps_newer_ones(
    api, accountant, client_
):
    import datetime as dt

    from django.utils import timezone

    from timeledger.cli import main

    # given two keys answered: one 25 hours ago, one just now
    body = {**PAYMENT, "client": client_.pk}
    c = api(accountant)
    assert keyed(c, "old").post("/api/payments/", body).status_code == 201
    assert keyed(c, "new").post("/api/payments/", body).status_code == 201
    IdempotencyKey.objects.filter(key="old").update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    # when the periodic job runs (as cron's `timeledger tick` runs it)
    assert main(["tick", "--only", "idempotency_keys"]) == 0
    # then only the old key is gone: its repeat is new work, the fresh one still replays
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    replay = keyed(c, "new").post("/api/payments/", body)
    assert replay["Idempotent-Replayed"] == "true"
    assert keyed(c, "old").post("/api/payments/", body).status_code == 201
    assert Payment.objects.filter(client=client_).count() == 3
