"""Data: the content types (and so the permissions) of the models that moved from ``billing`` follow
them to ``invoicing``. A fresh database has none to move."""

from django.db import migrations

MOVED = ["invoice", "invoiceline", "taxcategory", "invoicesequence", "recurringschedule"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label="invoicing").values_list("model", flat=True))
    ContentType.objects.filter(app_label="billing", model__in=MOVED).exclude(
        model__in=taken
    ).update(app_label="invoicing")


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="invoicing", model__in=MOVED).update(app_label="billing")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("invoicing", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
