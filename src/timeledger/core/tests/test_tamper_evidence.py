"""SQLite refuses raw writes to issued invoices and the audit log like PostgreSQL does, and the
audit log's hash chain shows the first row someone changed or removed behind the app's back."""

import pytest
from django.db import DatabaseError, connection, transaction

from timeledger.cli import main
from timeledger.core import audit
from timeledger.core.audit import record
from timeledger.core.models import AuditLog
from timeledger.invoicing.tests import factories as inv


@pytest.fixture
def issued(org, accountant, client_):
    tax = inv.taxes(org)
    return inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, list(params))


def test_raw_update_of_an_issued_invoice_is_refused(issued):
    with pytest.raises(DatabaseError, match="issued"):
        raw("UPDATE billing_invoice SET gross_total = 1 WHERE id = %s", [issued.pk])
    with pytest.raises(DatabaseError, match="issued"):
        raw("UPDATE billing_invoiceline SET quantity = 1 WHERE invoice_id = %s", [issued.pk])
    with pytest.raises(DatabaseError, match="issued"):
        raw("DELETE FROM billing_invoiceline WHERE invoice_id = %s", [issued.pk])
    with pytest.raises(DatabaseError, match="issued"):
        raw("DELETE FROM billing_invoice WHERE id = %s", [issued.pk])
    # collection columns still move
    raw("UPDATE billing_invoice SET viewed_at = CURRENT_TIMESTAMP WHERE id = %s", [issued.pk])


def test_raw_update_or_delete_of_the_audit_log_is_refused(org, owner):
    row = record(organisation=org, actor=owner.user, action="create", obj=org)
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE core_auditlog SET reason = 'x' WHERE id = %s", [row.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM core_auditlog WHERE id = %s", [row.pk])


def _tamper(sql, params):
    """Change the log as someone with database access would: triggers off, then the write."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET LOCAL session_replication_role = replica")
        else:
            cur.execute("DROP TRIGGER core_auditlog_no_update")
            cur.execute("DROP TRIGGER core_auditlog_no_delete")
        cur.execute(sql, params)


def test_chain_links_rows_and_verify_finds_the_first_changed_one(org, owner, outsider_org):
    rows = [
        record(organisation=org, actor=owner.user, action=f"a{i}", obj=org, after={"n": i})
        for i in range(5)
    ]
    record(organisation=outsider_org, actor=None, action="x", obj=outsider_org)
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert audit.verify_chain(org).ok and audit.verify_chain().checked >= 6
    _tamper("UPDATE core_auditlog SET reason = 'nothing happened' WHERE id = %s", [rows[2].pk])
    report = audit.verify_chain(org)
    assert (report.broken_id, report.problem) == (rows[2].pk, "content changed")


def test_verify_finds_a_deleted_row(org, owner):
    rows = [record(organisation=org, actor=owner.user, action="a", obj=org) for _ in range(3)]
    _tamper("DELETE FROM core_auditlog WHERE id = %s", [rows[1].pk])
    report = audit.verify_chain(org)
    assert (report.broken_id, report.problem) == (rows[2].pk, "links to a missing row")


def test_cli_audit_verify(org, owner, capsys):
    rows = [record(organisation=org, actor=owner.user, action="a", obj=org) for _ in range(3)]
    args = ["--user", owner.user.email, "audit", "verify"]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("audit log intact: ")
    _tamper("UPDATE core_auditlog SET action = 'b' WHERE id = %s", [rows[0].pk])
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"timeledger: error: audit log broken at row {rows[0].pk}: content changed "
        f"(1 rows checked before it)"
    )
    assert AuditLog.objects.filter(pk=rows[0].pk).exists()
