from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0012_carry_forward_amount_three_decimals"),
    ]

    operations = [
        migrations.AddField(
            model_name="billingrun",
            name="kind",
            field=models.CharField(
                choices=[("normal", "Billing run"), ("final", "Final invoice of a project")],
                default="normal",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="billingrun",
            name="totals",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Net billed per currency, {currency: amount}: never summed across currencies.",
            ),
        ),
    ]
