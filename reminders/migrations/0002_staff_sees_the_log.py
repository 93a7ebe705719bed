from django.db import migrations

from accounts.role_permissions import grant_app_permissions


def grant(apps, schema_editor):
    grant_app_permissions(apps, "reminders", "Project office staff", actions=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
