from django.db import migrations

from accounts.role_permissions import grant_app_permissions

PROJECT_OFFICE_STAFF = "Project office staff"
CITY_OFFICIAL = "City official"


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=PROJECT_OFFICE_STAFF)
    Group.objects.get_or_create(name=CITY_OFFICIAL)
    # Staff look people up (to assign owners, approve officials) but do not
    # manage accounts; that stays with superusers.
    grant_app_permissions(apps, "accounts", PROJECT_OFFICE_STAFF, actions=("view",))


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[PROJECT_OFFICE_STAFF, CITY_OFFICIAL]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
