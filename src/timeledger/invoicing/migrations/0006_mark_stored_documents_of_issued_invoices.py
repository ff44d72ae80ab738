"""Invoices issued before documents were tracked: those with a stored PDF count as stored, so the
``documents`` job does not revisit them; those without are finished by it (as the first download
would have)."""

from django.db import migrations


def forwards(apps, schema_editor):
    # Raw SQL: the column is a collection field, free on issued rows (guards and triggers agree).
    schema_editor.execute(
        "UPDATE billing_invoice SET documents_stored_at = issued_at "
        "WHERE documents_stored_at IS NULL AND issued_at IS NOT NULL AND pdf <> ''"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0005_issued_template_version_frozen_trigger"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
