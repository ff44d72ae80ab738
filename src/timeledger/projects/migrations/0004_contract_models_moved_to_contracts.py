"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0001_initial"),
        ("projects", "0003_billing_terms_budgets_retainers"),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name="capacceptance",
            name="accepted_by",
        ),
        migrations.RemoveField(
            model_name="capacceptance",
            name="entry",
        ),
        migrations.RemoveField(
            model_name="capacceptance",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="changeorder",
            name="decided_by",
        ),
        migrations.RemoveField(
            model_name="changeorder",
            name="invoice_line",
        ),
        migrations.RemoveField(
            model_name="changeorder",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="changeorder",
            name="project",
        ),
        migrations.RemoveField(
            model_name="changeorder",
            name="requested_by",
        ),
        migrations.RemoveField(
            model_name="paymentinstalment",
            name="invoice_line",
        ),
        migrations.RemoveField(
            model_name="paymentinstalment",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="paymentinstalment",
            name="project",
        ),
        migrations.RemoveField(
            model_name="projectterms",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="projectterms",
            name="project",
        ),
        migrations.RemoveField(
            model_name="retainer",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="retainer",
            name="project",
        ),
        migrations.RemoveField(
            model_name="retainerperiod",
            name="retainer",
        ),
        migrations.RemoveField(
            model_name="retainerperiod",
            name="fee_invoice_line",
        ),
        migrations.RemoveField(
            model_name="retainerperiod",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="retainerperiod",
            name="overage_invoice_line",
        ),
        migrations.AlterField(
            model_name="project",
            name="default_tax_category",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="invoicing.taxcategory",
            ),
        ),
        migrations.DeleteModel(
            name="BudgetAlert",
        ),
        migrations.DeleteModel(
            name="CapAcceptance",
        ),
        migrations.DeleteModel(
            name="ChangeOrder",
        ),
        migrations.DeleteModel(
            name="PaymentInstalment",
        ),
        migrations.DeleteModel(
            name="ProjectTerms",
        ),
        migrations.DeleteModel(
            name="Retainer",
        ),
        migrations.DeleteModel(
            name="RetainerPeriod",
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
