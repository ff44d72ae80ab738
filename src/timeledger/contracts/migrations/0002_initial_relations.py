"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        ("contracts", "0001_initial"),
        ("invoicing", "0001_initial"),
        ("projects", "0004_contract_models_moved_to_contracts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.AddField(
            model_name="changeorder",
            name="invoice_line",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="change_order",
                to="invoicing.invoiceline",
            ),
        ),
        migrations.AddField(
            model_name="changeorder",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="changeorder",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="change_orders",
                to="projects.project",
            ),
        ),
        migrations.AddField(
            model_name="changeorder",
            name="requested_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="paymentinstalment",
            name="invoice_line",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="instalment",
                to="invoicing.invoiceline",
            ),
        ),
        migrations.AddField(
            model_name="paymentinstalment",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="paymentinstalment",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="instalments",
                to="projects.project",
            ),
        ),
        migrations.AddField(
            model_name="projectterms",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="projectterms",
            name="project",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="terms",
                to="projects.project",
            ),
        ),
        migrations.AddField(
            model_name="retainer",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="retainer",
            name="project",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="retainer",
                to="projects.project",
            ),
        ),
        migrations.AddField(
            model_name="retainerperiod",
            name="fee_invoice_line",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="invoicing.invoiceline",
            ),
        ),
        migrations.AddField(
            model_name="retainerperiod",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="retainerperiod",
            name="overage_invoice_line",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="invoicing.invoiceline",
            ),
        ),
        migrations.AddField(
            model_name="retainerperiod",
            name="retainer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="periods",
                to="contracts.retainer",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetalert",
            constraint=models.UniqueConstraint(
                fields=("project", "metric", "threshold"), name="budget_alert_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="paymentinstalment",
            constraint=models.UniqueConstraint(
                fields=("project", "position"), name="instalment_unique_position"
            ),
        ),
        migrations.AddConstraint(
            model_name="retainerperiod",
            constraint=models.UniqueConstraint(
                fields=("retainer", "start"), name="retainer_period_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="retainerperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__gte", models.F("start"))), name="retainer_period_end"
            ),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
