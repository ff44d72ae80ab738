"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0001_initial"),
        ("payments", "0001_initial"),
    ]

    state_operations = [
        migrations.AlterField(
            model_name="paymentallocation",
            name="invoice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="allocations",
                to="invoicing.invoice",
            ),
        ),
        migrations.AlterField(
            model_name="reminderlog",
            name="invoice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="invoicing.invoice",
            ),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
