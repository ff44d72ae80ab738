"""Projects made before teams existed were open to everyone; they stay so until a team is set."""

from django.db import migrations


def open_to_all(apps, schema_editor):
    apps.get_model("projects", "Project").objects.update(is_open_to_all=True)


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_project_teams")]

    operations = [migrations.RunPython(open_to_all, migrations.RunPython.noop)]
