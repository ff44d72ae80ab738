"""On PostgreSQL, issued invoices and their lines are immutable at the database level too.

The services refuse, the model/queryset guards refuse (``billing.guards``); these triggers refuse
raw SQL as well. After issue only the collection columns move (status among the issued states,
amounts paid/credited, sent/viewed/void stamps, the PDF once) and the foreign keys Django nulls on
deletes elsewhere (issued_by, billing_run; a line's phase/task/member). SQLite gets no trigger;
the model guards hold there.
"""

from django.db import migrations

EDITABLE = "('draft', 'on_hold')"
FROZEN_INVOICE = [
    "organisation_id",
    "client_id",
    "project_id",
    "kind",
    "currency",
    "series",
    "number",
    "issue_date",
    "due_date",
    "period_start",
    "period_end",
    "net_total",
    "tax_total",
    "gross_total",
    "notes",
    "tax_note",
    "seller",
    "buyer",
    "credited_invoice_id",
    "payment_terms_days",
    "public_token",
    "issued_at",
    "grouping",
    "include_timesheet",
    "estimate_note",
    "hold_reason",
    "summary",
    "converted_from_id",
    "recurring_schedule_id",
    "release_entries",
]
FROZEN_LINE = [
    "invoice_id",
    "position",
    "kind",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "net_amount",
    "tax_category_id",
    "tax_rate",
    "note",
    "credited_line_id",
]


def _row(prefix, cols):
    return "(" + ", ".join(f"{prefix}.{c}" for c in cols) + ")"


CREATE = f"""
CREATE OR REPLACE FUNCTION billing_invoice_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN {EDITABLE} THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'invoice % is issued and cannot be deleted', OLD.number;
    END IF;
    IF NEW.status IN {EDITABLE}
       OR {_row("NEW", FROZEN_INVOICE)} IS DISTINCT FROM {_row("OLD", FROZEN_INVOICE)}
       OR (OLD.pdf <> '' AND NEW.pdf IS DISTINCT FROM OLD.pdf) THEN
        RAISE EXCEPTION 'invoice % is issued and cannot be changed', OLD.number;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER billing_invoice_immutable BEFORE UPDATE OR DELETE ON billing_invoice
    FOR EACH ROW EXECUTE FUNCTION billing_invoice_immutable();

CREATE OR REPLACE FUNCTION billing_invoiceline_immutable() RETURNS trigger AS $$
DECLARE
    parent_status text;
BEGIN
    IF TG_OP = 'UPDATE'
       AND {_row("NEW", FROZEN_LINE)} IS NOT DISTINCT FROM {_row("OLD", FROZEN_LINE)} THEN
        RETURN NEW;  -- e.g. a phase/task/member deleted elsewhere: the FK is nulled
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT status INTO parent_status FROM billing_invoice WHERE id = OLD.invoice_id;
        IF parent_status IS NOT NULL AND parent_status NOT IN {EDITABLE} THEN
            RAISE EXCEPTION 'lines of issued invoice % cannot change', OLD.invoice_id;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT status INTO parent_status FROM billing_invoice WHERE id = NEW.invoice_id;
        IF parent_status IS NOT NULL AND parent_status NOT IN {EDITABLE} THEN
            RAISE EXCEPTION 'lines of issued invoice % cannot change', NEW.invoice_id;
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER billing_invoiceline_immutable BEFORE INSERT OR UPDATE OR DELETE
    ON billing_invoiceline FOR EACH ROW EXECUTE FUNCTION billing_invoiceline_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS billing_invoice_immutable ON billing_invoice;
DROP FUNCTION IF EXISTS billing_invoice_immutable();
DROP TRIGGER IF EXISTS billing_invoiceline_immutable ON billing_invoiceline;
DROP FUNCTION IF EXISTS billing_invoiceline_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("billing", "0004_billing_engine")]
    operations = [migrations.RunPython(forwards, backwards)]
