"""Concurrent payments on one invoice (PostgreSQL): never more allocated than is owed."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from timeledger.accounts.roles import Role
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services
from timeledger.payments.models import PaymentAllocation
from timeledger.testing import factories as f

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_twelve_parallel_payments_of_ten_on_a_hundred(transactional_db, settings):
    settings.INVOICE_PDF_ON_ISSUE = False
    org = f.organisation("Pay Co", slug="payco")
    accountant = f.member(org, Role.ACCOUNTANT)
    client = f.client(org)
    tax = inv.taxes(org)
    invoice = inv.issued(accountant, client, [("A", "1", "100", tax["Z"])])
    start = threading.Barrier(12)
    refused = []

    def pay(_):
        start.wait(timeout=60)
        try:
            services.record_payment(
                client,
                by=accountant,
                amount="10.00",
                date=dt.date(2026, 3, 3),
                allocations={invoice.pk: Decimal("10.00")},
            )
        except ValidationError as exc:
            refused.append(" ".join(exc.messages))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(pay, range(12)))

    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.amount_paid == Decimal("100.00")
    assert invoice.status == InvoiceStatus.PAID
    assert PaymentAllocation.objects.filter(invoice=invoice).count() == 10
    assert len(refused) == 2 and all("paid already" in r for r in refused)
