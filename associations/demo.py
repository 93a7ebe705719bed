"""
Demo outreach for a developer's portal: prospects at every stage of the
pipeline, with contacts, a timeline and follow-ups.

Everything here is invented and says so (“демо”); the seven associations of
the resolution are left exactly as the data migration made them.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_STAFF_EMAIL
from accounts.models import User

from .models import Contact, FollowUp, NationalAssociation, OutreachActivity

DEMO_NOTE = (
    "Демонстрационная запись: все сведения вымышлены. Demo record: everything here is invented."
)

PROSPECTS = [
    (
        "Ассоциация городов Монголии (демо)",
        "Association of Mongolian Cities (demo)",
        "MN",
        "in_dialogue",
    ),
    (
        "Ассоциация городов Вьетнама (демо)",
        "Association of Cities of Vietnam (demo)",
        "VN",
        "contacted",
    ),
    (
        "Постоянная конференция городов и общин Сербии (демо)",
        "Standing Conference of Towns and Municipalities of Serbia (demo)",
        "RS",
        "agreement_drafted",
    ),
    (
        "Ассоциация муниципалитетов Узбекистана (демо)",
        "Association of Municipalities of Uzbekistan (demo)",
        "UZ",
        "in_dialogue",
    ),
    ("Союз городов Казахстана (демо)", "Union of Cities of Kazakhstan (demo)", "KZ", "contacted"),
    (
        "Национальная ассоциация городов Индии (демо)",
        "National Association of Cities of India (demo)",
        "IN",
        "prospect",
    ),
    ("Ассоциация городов Китая (демо)", "Association of Chinese Cities (demo)", "CN", "prospect"),
    (
        "Ассоциация муниципалитетов Кубы (демо)",
        "Association of Cuban Municipalities (demo)",
        "CU",
        "suspended",
    ),
    (
        "Союз местных властей Египта (демо)",
        "Union of Local Authorities of Egypt (demo)",
        "EG",
        "declined",
    ),
    (
        "Национальная конфедерация муниципалитетов Бразилии (демо)",
        "National Confederation of Municipalities of Brazil (demo)",
        "BR",
        "contacted",
    ),
    (
        "Ассоциация местного самоуправления ЮАР (демо)",
        "South African Local Government Association (demo)",
        "ZA",
        "prospect",
    ),
    (
        "Ассоциация местных властей Лаоса (демо)",
        "Association of Local Authorities of Laos (demo)",
        "LA",
        "prospect",
    ),
]

TIMELINE = [
    (120, "letter", "Направлено письмо с предложением о сотрудничестве и презентацией СРГ."),
    (95, "email", "Получен ответ: ассоциация готова обсудить формы взаимодействия."),
    (
        70,
        "call",
        "Созвон с международным отделом: согласованы темы — побратимство, обмен практиками.",
    ),
    (40, "meeting", "Встреча на полях форума; переданы материалы о российских городах-партнёрах."),
    (12, "email", "Направлен проект меморандума о сотрудничестве на согласование."),
]


@transaction.atomic
def demo_outreach_create():
    """Create the demo prospects once; a second call changes nothing."""
    owner = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    today = timezone.localdate()
    created = 0
    for index, (name_ru, name_en, country, stage) in enumerate(PROSPECTS):
        association, is_new = NationalAssociation.objects.get_or_create(
            name_ru=name_ru,
            defaults={
                "name_en": name_en,
                "country": country,
                "stage": stage,
                "description_ru": DEMO_NOTE,
                "description_en": DEMO_NOTE,
            },
        )
        if not is_new:
            continue
        created += 1
        Contact.objects.create(
            association=association,
            full_name=f"Демо-контакт {index + 1}",
            position="Руководитель международного отдела (демо)",
            email=f"contact{index + 1}@demo.example.org",
            phone=f"+7 495 000-00-{index + 10:02d}",
            preferred_language="en",
            notes=DEMO_NOTE,
        )
        steps = {"prospect": 1, "contacted": 2, "in_dialogue": 4}.get(stage, len(TIMELINE))
        for days_ago, kind, summary in TIMELINE[:steps]:
            OutreachActivity.objects.create(
                association=association,
                occurred_on=today - datetime.timedelta(days=days_ago + index),
                kind=kind,
                summary=summary,
                author=owner,
            )
        if owner and stage not in {"declined", "suspended"}:
            FollowUp.objects.create(
                association=association,
                owner=owner,
                due_on=today + datetime.timedelta(days=(index % 5) * 7 - 7),
                task="Напомнить о проекте меморандума"
                if index % 2
                else "Уточнить состав делегации",
            )
    return created
