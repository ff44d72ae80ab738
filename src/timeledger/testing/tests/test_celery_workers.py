"""The shared worker fixture (``timeledger.testing.celery``) runs tasks in real Celery workers."""

import pytest
from pypdf import PdfReader

from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing.celery import wait_until


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_issuing_hands_the_documents_to_a_worker_on_redis(
    celery_workers, org, accountant, client_, tmp_path
):
    workers = celery_workers(2)
    tax = inv.taxes(org)
    issued = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])

    stored = wait_until(
        lambda: Invoice.objects.filter(pk=issued.pk, documents_stored_at__isnull=False).first(),
        message="the workers did not store the documents",
    )
    path = tmp_path / "doc.pdf"
    path.write_bytes(stored.pdf.read())
    assert issued.number in PdfReader(str(path)).pages[0].extract_text()
    assert "invoicing.store_documents" in workers.logs()
    assert all(p.poll() is None for p in workers.processes)
