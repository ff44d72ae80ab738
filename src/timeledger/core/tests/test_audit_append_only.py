import pytest
from django.db import connection, transaction

from timeledger.core.audit import record
from timeledger.core.models import AuditLog


@pytest.fixture
def row(org, owner):
    return record(organisation=org, actor=owner.user, action="create", obj=org, after={"a": 1})


def test_audit_row_cannot_be_saved_again(row):
    row.reason = "tampered"
    with pytest.raises(PermissionError):
        row.save()


def test_audit_rows_cannot_be_deleted_or_bulk_updated(row):
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.update(reason="x")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL only")
def test_database_refuses_raw_update_on_postgresql(row):
    from django.db import DatabaseError

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE core_auditlog SET reason = 'x' WHERE id = %s", [row.id])


def test_snapshot_records_a_file_field_by_its_stored_name(org, client_):
    from timeledger.core.audit import snapshot
    from timeledger.invoicing.models import Invoice

    invoice = Invoice(organisation=org, client=client_, currency="EUR")
    invoice.pdf.name = "invoices/2026/INV-2026-00001.pdf"
    assert snapshot(invoice, ["pdf"]) == {"pdf": "invoices/2026/INV-2026-00001.pdf"}
    invoice.pdf.name = None
    assert snapshot(invoice, ["pdf"]) == {"pdf": ""}
