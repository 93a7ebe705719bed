"""
The associations named in the resolution of 1 November 2017 (Volgograd).

Russian names verbatim from the resolution, English renderings, home
countries as the brief gives them. Nothing else is known for certain, so
dates, people and addresses stay empty.
"""

from django.db import migrations

from accounts.role_permissions import grant_app_permissions

STAFF = "Project office staff"

AGREEMENT_PARTNERS = [
    {
        "name_ru": "Государственное агентство по делам местного самоуправления и межэтнических "
        "отношений при Правительстве Кыргызской Республики",
        "name_en": "State Agency for Local Self-Government and Interethnic Relations under the "
        "Government of the Kyrgyz Republic",
        "country": "KG",
        "kind": "national",
        "scope": "national",
    },
    {
        "name_ru": "Совет по взаимодействию органов местного самоуправления при Совете Республики "
        "Национального собрания Республики Беларусь",
        "name_en": "Council for Interaction of Local Self-Government Bodies under the Council of the "
        "Republic of the National Assembly of the Republic of Belarus",
        "country": "BY",
        "kind": "national",
        "scope": "national",
    },
    {
        "name_ru": "Союз общин Республики Армения",
        "name_en": "Union of Communities of the Republic of Armenia",
        "country": "AM",
        "kind": "national",
        "scope": "national",
    },
    {
        "name_ru": "Союз Муниципалитетов Тюркского Мира",
        "name_en": "Union of Turkic World Municipalities",
        "country": "TR",
        "kind": "international",
        "scope": "international",
    },
    {
        "name_ru": "Национальная ассоциация мэров Республики Корея",
        "name_en": "National Association of Mayors of the Republic of Korea",
        "country": "KR",
        "kind": "national",
        "scope": "national",
    },
    {
        "name_ru": "Ассоциация финских местных и региональных властей",
        "name_en": "Association of Finnish Local and Regional Authorities",
        "country": "FI",
        "kind": "national",
        "scope": "national",
    },
]

TWIN_CITIES = {
    "name_ru": "Международная ассоциация «Породненные города»",
    "name_en": "International Association “Twin Cities”",
    "country": "",
    "kind": "international",
    "scope": "international",
}


def seed(apps, schema_editor):
    NationalAssociation = apps.get_model("associations", "NationalAssociation")
    for partner in AGREEMENT_PARTNERS:
        NationalAssociation.objects.update_or_create(
            name_ru=partner["name_ru"], defaults={**partner, "stage": "agreement_signed"}
        )
    NationalAssociation.objects.update_or_create(
        name_ru=TWIN_CITIES["name_ru"], defaults={**TWIN_CITIES, "stage": "joint_work"}
    )
    grant_app_permissions(apps, "associations", STAFF)


def unseed(apps, schema_editor):
    NationalAssociation = apps.get_model("associations", "NationalAssociation")
    names = [p["name_ru"] for p in AGREEMENT_PARTNERS] + [TWIN_CITIES["name_ru"]]
    NationalAssociation.objects.filter(name_ru__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
