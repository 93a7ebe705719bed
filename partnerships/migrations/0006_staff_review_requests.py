from django.db import migrations

from accounts.role_permissions import grant_app_permissions


def grant(apps, schema_editor):
    # The project office works on requests and their threads in the admin too.
    grant_app_permissions(apps, "partnerships", "Project office staff")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_partnership_requests"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
