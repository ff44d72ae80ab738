"""Data: the content types (and so the permissions) of the models that moved from ``projects`` follow
them to ``contracts``. A fresh database has none to move."""

from django.db import migrations

MOVED = [
    "changeorder",
    "projectterms",
    "capacceptance",
    "budgetalert",
    "paymentinstalment",
    "retainer",
    "retainerperiod",
]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label="contracts").values_list("model", flat=True))
    ContentType.objects.filter(app_label="projects", model__in=MOVED).exclude(
        model__in=taken
    ).update(app_label="contracts")


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="contracts", model__in=MOVED).update(app_label="projects")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("contracts", "0002_initial_relations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
