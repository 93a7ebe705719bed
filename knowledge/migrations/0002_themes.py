"""
The six themes of the resolution of 1 November 2017, decision 1: «собирать
информацию ... по экономическим, социальным, нормативно-правовым аспектам, по
вопросам стратегического развития территорий, по вопросам межконфессионального
и межнационального взаимодействия, а также по вопросам создания побратимских
связей между муниципальными образованиями». Staff get the app's permissions.
"""

from django.db import migrations

from accounts.role_permissions import grant_app_permissions

PROJECT_OFFICE_STAFF = "Project office staff"

THEMES = [
    (
        "economic",
        "Экономические аспекты",
        "Economic aspects",
        "Экономика муниципальных образований: инвестиции, малый и средний бизнес, "
        "муниципальные финансы, внешнеэкономические связи городов.",
        "The economy of municipalities: investment, small and medium business, "
        "municipal finance, cities' external economic ties.",
    ),
    (
        "social",
        "Социальные аспекты",
        "Social aspects",
        "Образование, здравоохранение, культура, молодёжная политика и социальная "
        "поддержка жителей; гуманитарные обмены между городами.",
        "Education, health, culture, youth policy and social support for residents; "
        "humanitarian exchanges between cities.",
    ),
    (
        "legal",
        "Нормативно-правовые аспекты",
        "Legal and regulatory aspects",
        "Законодательство о местном самоуправлении и о международных и внешнеэкономических "
        "связях муниципальных образований, типовые соглашения, правовая практика.",
        "Law on local self-government and on the international and external economic ties "
        "of municipalities, model agreements, legal practice.",
    ),
    (
        "strategic-development",
        "Стратегическое развитие территорий",
        "Strategic development of territories",
        "Стратегии социально-экономического развития, территориальное планирование, "
        "городская среда и агломерации.",
        "Strategies of social and economic development, spatial planning, the urban "
        "environment and agglomerations.",
    ),
    (
        "interfaith-interethnic",
        "Межконфессиональное и межнациональное взаимодействие",
        "Inter-faith and inter-ethnic interaction",
        "Гармонизация межнациональных и межконфессиональных отношений в городах, "
        "адаптация мигрантов, национально-культурные автономии.",
        "Harmonious inter-ethnic and inter-faith relations in cities, integration of "
        "migrants, national and cultural autonomies.",
    ),
    (
        "twinning",
        "Создание побратимских связей",
        "Creating twinning ties",
        "Как города становятся побратимами и партнёрами: поиск партнёра, соглашения, "
        "совместные проекты, опыт Международной ассоциации «Породненные города».",
        "How cities become twins and partners: finding a partner, agreements, joint "
        "projects, the experience of the International Association “Twin Cities”.",
    ),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("knowledge", "Theme")
    for position, (slug, name_ru, name_en, description_ru, description_en) in enumerate(
        THEMES, start=1
    ):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name_ru": name_ru,
                "name_en": name_en,
                "description_ru": description_ru,
                "description_en": description_en,
                "position": position,
            },
        )
    grant_app_permissions(apps, "knowledge", PROJECT_OFFICE_STAFF)


def remove_themes(apps, schema_editor):
    apps.get_model("knowledge", "Theme").objects.filter(
        slug__in=[theme[0] for theme in THEMES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(create_themes, remove_themes)]
