"""
Grant an app's model permissions to a role, from a data migration.

Django creates permissions after all migrations have run, so a migration that
wants to hand them to a group creates them first. Each app's own migration
calls ``grant_app_permissions`` for its models; the roles themselves come
from accounts' migrations.
"""

from django.contrib.auth.management import create_permissions


def grant_app_permissions(apps, app_label, group_name, actions=("add", "change", "delete", "view")):
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(content_type__app_label=app_label).filter(
        codename__regex=r"^({})_".format("|".join(actions))
    )
    group.permissions.add(*permissions)
