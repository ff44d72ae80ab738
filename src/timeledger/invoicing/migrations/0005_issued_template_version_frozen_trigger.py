"""On PostgreSQL, the template version of an issued invoice is frozen at the database level too
(the model guards refuse it everywhere; SQLite has no trigger, the guards hold there). A separate
trigger next to ``billing_invoice_immutable`` (billing 0005) so that one stays as it was."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION invoicing_template_version_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status NOT IN ('draft', 'on_hold')
       AND NEW.template_version_id IS DISTINCT FROM OLD.template_version_id THEN
        RAISE EXCEPTION 'invoice % is issued: its template version cannot be changed', OLD.number;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER invoicing_template_version_frozen BEFORE UPDATE ON billing_invoice
    FOR EACH ROW EXECUTE FUNCTION invoicing_template_version_frozen();
"""

DROP = """
DROP TRIGGER IF EXISTS invoicing_template_version_frozen ON billing_invoice;
DROP FUNCTION IF EXISTS invoicing_template_version_frozen();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0004_invoice_documents_stored_at_invoice_template_version"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
