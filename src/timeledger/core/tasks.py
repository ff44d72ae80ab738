"""Periodic work of the core (``timeledger.periodic``): Idempotency-Key rows past their 24 hours
are deleted, so the table holds one day of keys instead of every key ever sent."""

from celery import shared_task

from timeledger.core import idempotency


def purge_idempotency_keys(now=None) -> dict:
    return {"idempotency_keys_deleted": idempotency.purge_expired(now)}


@shared_task(name="core.purge_idempotency_keys")
def run_purge_idempotency_keys() -> dict:
    return purge_idempotency_keys()
