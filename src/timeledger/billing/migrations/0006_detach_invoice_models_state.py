"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0005_issued_invoice_immutable_trigger"),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name="invoice",
            name="approved_by",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="billing_run",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="client",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="converted_from",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="credited_invoice",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="hold_released_by",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="issued_by",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="project",
        ),
        migrations.RemoveField(
            model_name="invoice",
            name="recurring_schedule",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="invoice",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="credited_line",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="member",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="milestone",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="phase",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="task",
        ),
        migrations.RemoveField(
            model_name="invoiceline",
            name="tax_category",
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
