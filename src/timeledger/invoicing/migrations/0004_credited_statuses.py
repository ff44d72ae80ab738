"""Invoices settled by credit notes alone were stored as paid (or partially paid): give them the
statuses that say so, ``credited`` and ``partially_credited``."""

from django.db import migrations, models


def forward(apps, schema_editor):
    Invoice = apps.get_model("invoicing", "Invoice")
    no_payment = Invoice.objects.filter(amount_paid=0, amount_credited__gt=0)
    no_payment.filter(status="paid").update(status="credited")
    no_payment.filter(status="partially_paid").update(status="partially_credited")


def backward(apps, schema_editor):
    Invoice = apps.get_model("invoicing", "Invoice")
    Invoice.objects.filter(status="credited").update(status="paid")
    Invoice.objects.filter(status="partially_credited").update(status="partially_paid")


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0003_amounts_three_decimals")]

    operations = [
        migrations.AlterField(
            model_name="invoice",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("on_hold", "On hold"),
                    ("issued", "Issued"),
                    ("sent", "Sent"),
                    ("partially_paid", "Partially paid"),
                    ("partially_credited", "Partially credited"),
                    ("paid", "Paid"),
                    ("credited", "Credited"),
                    ("void", "Void"),
                ],
                default="draft",
                max_length=20,
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
