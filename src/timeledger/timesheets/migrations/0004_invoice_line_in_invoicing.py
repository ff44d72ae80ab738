"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0001_initial"),
        ("timesheets", "0003_lean_indexes"),
    ]

    state_operations = [
        migrations.AlterField(
            model_name="timeentry",
            name="invoice_line",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="entries",
                to="invoicing.invoiceline",
            ),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
