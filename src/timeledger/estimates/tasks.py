"""Periodic work of estimates (``timeledger.periodic``): sent estimates past their validity are
marked expired. Accepting checks the date itself; this only keeps the lists true."""

from celery import shared_task
from django.utils import timezone

from timeledger.accounts.models import Organisation
from timeledger.estimates import services


def expire_due(now=None) -> dict:
    today = timezone.localdate(now) if now else timezone.localdate()
    return {"expired": sum(services.expire_due(org, today) for org in Organisation.objects.all())}


@shared_task(name="estimates.expire_due")
def run_expire_due() -> dict:
    return expire_due()
