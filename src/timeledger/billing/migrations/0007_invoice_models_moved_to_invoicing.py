"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0006_detach_invoice_models_state"),
        ("clients", "0003_tax_category_in_invoicing"),
        ("invoicing", "0001_initial"),
        ("payments", "0002_invoice_in_invoicing"),
        ("projects", "0004_contract_models_moved_to_contracts"),
        ("timesheets", "0004_invoice_line_in_invoicing"),
    ]

    state_operations = [
        migrations.AlterField(
            model_name="milestonerelease",
            name="invoice_line",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="milestone_release",
                to="invoicing.invoiceline",
            ),
        ),
        migrations.RemoveField(
            model_name="invoicesequence",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="recurringschedule",
            name="client",
        ),
        migrations.RemoveField(
            model_name="recurringschedule",
            name="created_by",
        ),
        migrations.RemoveField(
            model_name="recurringschedule",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="recurringschedule",
            name="project",
        ),
        migrations.RemoveField(
            model_name="recurringschedule",
            name="tax_category",
        ),
        migrations.RemoveField(
            model_name="taxcategory",
            name="organisation",
        ),
        migrations.DeleteModel(
            name="Invoice",
        ),
        migrations.DeleteModel(
            name="InvoiceLine",
        ),
        migrations.DeleteModel(
            name="InvoiceSequence",
        ),
        migrations.DeleteModel(
            name="RecurringSchedule",
        ),
        migrations.DeleteModel(
            name="TaxCategory",
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
