"""
The demo roadmap of a developer's portal: milestones over several years in
every status and of every kind, so the timeline is full on a first look.

Everything here is invented and says so: every demo milestone's title ends in
«(демо)» / "(demo)". Milestones take part on the overall roadmap and on a demo
roadmap for one country; participants come from the demo registry when it is
loaded (real places, invented plans). The resolution's associations get no
invented milestone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_STAFF_EMAIL
from accounts.models import User
from partnerships.models import RUSSIA, Municipality

from .models import Milestone, Roadmap
from .services import milestone_save, overall_roadmap

DEMO_MARK = " (демо)"
DEMO_MARK_EN = " (demo)"
DEMO_NOTE = (
    "Демонстрационная запись: все сведения вымышлены. Demo record: everything here is invented."
)
COUNTRY = "AM"

S = Milestone.Status
K = Milestone.Kind

# (months from today, length in days, kind, status, public, Russian title, English title)
OVERALL = [
    (
        -40,
        1,
        K.AGREEMENT_SIGNING,
        S.DONE,
        True,
        "Подписание соглашения о побратимстве",
        "Twinning agreement signed",
    ),
    (-36, 4, K.VISIT, S.DONE, True, "Визит делегации мэрии", "Visit of a city hall delegation"),
    (
        -33,
        3,
        K.FORUM,
        S.DONE,
        True,
        "Форум муниципальной дипломатии",
        "Forum of municipal diplomacy",
    ),
    (
        -30,
        1,
        K.WEBINAR,
        S.CANCELLED,
        False,
        "Вебинар о муниципальных закупках",
        "Webinar on municipal procurement",
    ),
    (-27, 60, K.EXCHANGE, S.DONE, True, "Обмен молодёжными группами", "Youth group exchange"),
    (
        -24,
        1,
        K.PUBLICATION,
        S.DONE,
        True,
        "Сборник лучших практик побратимства",
        "Collection of twinning best practices",
    ),
    (
        -20,
        180,
        K.JOINT_PROJECT,
        S.DONE,
        False,
        "Совместный проект по благоустройству набережных",
        "Joint embankment improvement project",
    ),
    (
        -16,
        5,
        K.VISIT,
        S.POSTPONED,
        False,
        "Ответный визит делегации",
        "Return visit of the delegation",
    ),
    (-12, 2, K.FORUM, S.DONE, True, "Конференция городов-побратимов", "Conference of twin cities"),
    (
        -9,
        1,
        K.AGREEMENT_SIGNING,
        S.DONE,
        True,
        "Подписание протокола о сотрудничестве в туризме",
        "Protocol on tourism cooperation signed",
    ),
    (
        -7,
        30,
        K.EXCHANGE,
        S.CANCELLED,
        False,
        "Стажировка специалистов ЖКХ",
        "Internship of housing and utilities specialists",
    ),
    (
        -5,
        240,
        K.JOINT_PROJECT,
        S.IN_PROGRESS,
        True,
        "Совместный проект «Цифровой муниципалитет»",
        "Joint project “Digital municipality”",
    ),
    (
        -3,
        1,
        K.WEBINAR,
        S.PLANNED,
        False,
        "Вебинар о привлечении инвестиций",
        "Webinar on attracting investment",
    ),
    (
        -2,
        45,
        K.PUBLICATION,
        S.IN_PROGRESS,
        False,
        "Доклад о муниципальной дипломатии",
        "Report on municipal diplomacy",
    ),
    (-1, 3, K.VISIT, S.IN_PROGRESS, True, "Визит деловой миссии", "Visit of a business mission"),
    (
        0,
        1,
        K.WEBINAR,
        S.PLANNED,
        True,
        "Вебинар для городов-партнёров",
        "Webinar for partner cities",
    ),
    (
        1,
        3,
        K.FORUM,
        S.PLANNED,
        True,
        "Международный муниципальный форум",
        "International municipal forum",
    ),
    (
        2,
        1,
        K.AGREEMENT_SIGNING,
        S.PLANNED,
        False,
        "Подписание соглашения о партнёрстве",
        "Partnership agreement signing",
    ),
    (
        4,
        90,
        K.EXCHANGE,
        S.PLANNED,
        True,
        "Летняя школа для молодёжи городов-партнёров",
        "Summer school for the youth of partner cities",
    ),
    (6, 5, K.VISIT, S.POSTPONED, False, "Визит глав городов", "Visit of the mayors"),
    (
        8,
        1,
        K.OTHER,
        S.PLANNED,
        False,
        "Заседание рабочей группы по побратимству",
        "Meeting of the twinning working group",
    ),
    (
        11,
        365,
        K.JOINT_PROJECT,
        S.PLANNED,
        True,
        "Совместный проект по энергосбережению",
        "Joint energy saving project",
    ),
    (
        14,
        2,
        K.FORUM,
        S.PLANNED,
        True,
        "Форум «Города-побратимы: новые горизонты»",
        "Forum “Twin cities: new horizons”",
    ),
    (
        18,
        1,
        K.PUBLICATION,
        S.PLANNED,
        False,
        "Каталог проектов городов-партнёров",
        "Catalogue of partner cities' projects",
    ),
    (
        22,
        4,
        K.VISIT,
        S.PLANNED,
        False,
        "Визит делегации в рамках юбилея побратимства",
        "Delegation visit for the twinning anniversary",
    ),
    (
        26,
        1,
        K.WEBINAR,
        S.CANCELLED,
        False,
        "Вебинар о городском транспорте",
        "Webinar on urban transport",
    ),
    (
        30,
        3,
        K.FORUM,
        S.PLANNED,
        True,
        "Конференция по итогам дорожной карты",
        "Conference on the roadmap's results",
    ),
]
COUNTRY_PLAN = [
    (
        -14,
        1,
        K.AGREEMENT_SIGNING,
        S.DONE,
        True,
        "Соглашение о сотрудничестве с городом Армении",
        "Cooperation agreement with an Armenian city",
    ),
    (-6, 5, K.VISIT, S.DONE, True, "Визит делегации в Армению", "Delegation visit to Armenia"),
    (
        -1,
        60,
        K.EXCHANGE,
        S.IN_PROGRESS,
        True,
        "Обмен опытом в сфере культуры",
        "Exchange of experience in culture",
    ),
    (
        3,
        1,
        K.WEBINAR,
        S.PLANNED,
        True,
        "Вебинар о туристических маршрутах",
        "Webinar on tourist routes",
    ),
    (
        9,
        3,
        K.FORUM,
        S.POSTPONED,
        False,
        "Российско-армянский форум городов",
        "Russian-Armenian forum of cities",
    ),
    (
        15,
        1,
        K.OTHER,
        S.CANCELLED,
        False,
        "Совещание по программе обменов",
        "Meeting on the exchange programme",
    ),
]


def _month_shift(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    return datetime.date(year, month % 12 + 1, min(day.day, 28))


def _places(country=None):
    """Russian municipalities and foreign ones (of ``country`` if given) of the demo registry."""
    russian = list(Municipality.objects.filter(country=RUSSIA, geonames_id__isnull=False)[:12])
    foreign = Municipality.objects.exclude(country=RUSSIA).filter(geonames_id__isnull=False)
    if country:
        foreign = foreign.filter(country=country)
    return russian, list(foreign[:12])


def _add(roadmap, plan, *, owner, russian, foreign, today):
    created = []
    for index, (months, days, kind, status, public, title_ru, title_en) in enumerate(plan):
        start = _month_shift(today, months)
        end = start + datetime.timedelta(days=days - 1)
        actual_start = actual_end = None
        if status == S.DONE:
            actual_start, actual_end = start, end
        elif status == S.IN_PROGRESS:
            actual_start = start
        milestone = Milestone(
            roadmap=roadmap,
            title_ru=title_ru + DEMO_MARK,
            title_en=title_en + DEMO_MARK_EN,
            description_ru=DEMO_NOTE,
            description_en=DEMO_NOTE,
            kind=kind,
            status=status,
            planned_start_on=start,
            planned_end_on=end,
            actual_start_on=actual_start,
            actual_end_on=actual_end,
            responsible=owner if index % 4 else None,
            outcome_notes="Итоги: договорённости достигнуты (демо)." if status == S.DONE else "",
            is_public=public,
        )
        participants = []
        if russian:
            participants.append(russian[index % len(russian)])
        if foreign:
            participants.append(foreign[index % len(foreign)])
        # Each signing leads to what follows it: the next milestone depends on it.
        depends_on = [created[-1]] if created and created[-1].kind == K.AGREEMENT_SIGNING else []
        created.append(
            milestone_save(
                milestone=milestone, municipalities=participants, depends_on=depends_on, by=owner
            )
        )
    return len(created)


@transaction.atomic
def demo_roadmap_create():
    """Add the demo milestones once; a second call adds nothing. Returns how many were added."""
    if Milestone.objects.filter(title_ru__endswith=DEMO_MARK).exists():
        return 0
    owner = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    if owner is not None and not owner.is_project_staff:
        owner = None
    today = timezone.localdate()
    russian, foreign = _places()
    created = _add(
        overall_roadmap(), OVERALL, owner=owner, russian=russian, foreign=foreign, today=today
    )
    country_roadmap, _new = Roadmap.objects.get_or_create(
        title_ru="Дорожная карта сотрудничества с городами Армении" + DEMO_MARK,
        defaults={
            "title_en": "Roadmap of cooperation with Armenian cities" + DEMO_MARK_EN,
            "description_ru": DEMO_NOTE,
            "description_en": DEMO_NOTE,
            "country": COUNTRY,
            "starts_on": _month_shift(today, -18).replace(day=1),
            "ends_on": _month_shift(today, 24).replace(day=1),
        },
    )
    _russian, armenian = _places(COUNTRY)
    created += _add(
        country_roadmap, COUNTRY_PLAN, owner=owner, russian=russian, foreign=armenian, today=today
    )
    return created
