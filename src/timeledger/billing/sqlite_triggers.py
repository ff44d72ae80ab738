"""SQLite triggers keeping issued invoices and their lines immutable: the same rule and the same
frozen columns as the PostgreSQL triggers of migration 0005, registered with ``core.sqlite``
(created after every ``migrate``). Deletes pass only while the whole database is flushed."""

from __future__ import annotations

import importlib

from timeledger.core import sqlite

_pg = importlib.import_module("timeledger.billing.migrations.0005_issued_invoice_immutable_trigger")
EDITABLE, FROZEN_INVOICE, FROZEN_LINE = _pg.EDITABLE, _pg.FROZEN_INVOICE, _pg.FROZEN_LINE


def _changed(cols) -> str:
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in cols)


def _issued(ref: str) -> str:
    return f"(SELECT status FROM billing_invoice WHERE id = {ref}) NOT IN {EDITABLE}"


TRIGGERS = {
    "billing_invoice_immutable_update": f"""CREATE TRIGGER billing_invoice_immutable_update
    BEFORE UPDATE ON billing_invoice
    WHEN OLD.status NOT IN {EDITABLE} AND (NEW.status IN {EDITABLE} OR {_changed(FROZEN_INVOICE)}
        OR (OLD.pdf <> '' AND NEW.pdf IS NOT OLD.pdf))
    BEGIN SELECT RAISE(ABORT, 'invoice is issued and cannot be changed'); END""",
    "billing_invoice_immutable_delete": f"""CREATE TRIGGER billing_invoice_immutable_delete
    BEFORE DELETE ON billing_invoice WHEN OLD.status NOT IN {EDITABLE} AND tl_guarded()
    BEGIN SELECT RAISE(ABORT, 'invoice is issued and cannot be deleted'); END""",
    "billing_invoiceline_immutable_insert": f"""CREATE TRIGGER billing_invoiceline_immutable_insert
    BEFORE INSERT ON billing_invoiceline WHEN {_issued("NEW.invoice_id")}
    BEGIN SELECT RAISE(ABORT, 'lines of an issued invoice cannot change'); END""",
    "billing_invoiceline_immutable_update": f"""CREATE TRIGGER billing_invoiceline_immutable_update
    BEFORE UPDATE ON billing_invoiceline
    WHEN ({_changed(FROZEN_LINE)}) AND ({_issued("OLD.invoice_id")} OR {_issued("NEW.invoice_id")})
    BEGIN SELECT RAISE(ABORT, 'lines of an issued invoice cannot change'); END""",
    "billing_invoiceline_immutable_delete": f"""CREATE TRIGGER billing_invoiceline_immutable_delete
    BEFORE DELETE ON billing_invoiceline WHEN {_issued("OLD.invoice_id")} AND tl_guarded()
    BEGIN SELECT RAISE(ABORT, 'lines of an issued invoice cannot change'); END""",
}


def install() -> None:
    sqlite.register(TRIGGERS)
