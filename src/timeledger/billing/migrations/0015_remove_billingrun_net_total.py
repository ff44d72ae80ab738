from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0014_fill_billingrun_totals"),
    ]

    operations = [
        migrations.RemoveField(model_name="billingrun", name="net_total"),
    ]
