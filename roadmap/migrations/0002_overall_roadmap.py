"""
The Union's overall roadmap, which every portal has from the start, and the
project office's permissions on the roadmap's records.

The round table of 1 November 2017 decided to compose the roadmap; its period
starts with 2018. The end is a planning horizon staff can move in admin.
"""

import datetime

from django.db import migrations

from accounts.role_permissions import grant_app_permissions

STAFF = "Project office staff"


def create_overall_roadmap(apps, schema_editor):
    Roadmap = apps.get_model("roadmap", "Roadmap")
    if not Roadmap.objects.filter(is_overall=True).exists():
        Roadmap.objects.create(
            is_overall=True,
            title_ru="Дорожная карта сотрудничества российских городов с городами стран — "
            "партнёров Союза российских городов",
            title_en="Roadmap of cooperation between Russian cities and cities of the "
            "Union of Russian Cities' partner countries",
            description_ru="Составлена по решению круглого стола «Муниципальная дипломатия: "
            "механизмы и формы взаимодействия» (Волгоград, 1 ноября 2017 года).",
            description_en="Composed as decided by the round table “Municipal diplomacy: "
            "mechanisms and forms of interaction” (Volgograd, 1 November 2017).",
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2030, 12, 31),
        )


def grant_staff_permissions(apps, schema_editor):
    grant_app_permissions(apps, "roadmap", STAFF)


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(create_overall_roadmap, migrations.RunPython.noop),
        migrations.RunPython(grant_staff_permissions, migrations.RunPython.noop),
    ]
