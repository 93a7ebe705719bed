"""
The demo knowledge base of a developer's portal: entries on all six themes,
in Russian, in English or in both, written as the project office would write
them. Every entry is invented and says so, in its title and its source; none
states a fact about a real association, city or person. Where the demo
registry and the demo outreach pipeline are loaded, some entries link to
their (also invented) ties and associations.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.demo import DEMO_STAFF_EMAIL
from accounts.models import User
from associations.models import NationalAssociation

from . import services
from .models import Entry, Theme

DEMO_SOURCE = "Демонстрационные данные · demo data"

# (theme slug, kind, title ru, title en, summary ru, summary en, body ru, body en, date, extra)
ENTRIES = [
    (
        "economic",
        Entry.Kind.PRACTICE,
        "Как города-партнёры открывают рынки малому бизнесу (демо)",
        "How partner cities open markets to small business (demo)",
        "Совместные ярмарки, бизнес-миссии и обмен контактами торгово-промышленных палат.",
        "Joint fairs, business missions and chambers of commerce sharing contacts.",
        "## Что сработало\n\n"
        "1. **Совместная ярмарка** в городе-партнёре: местные производители везут "
        "образцы, администрация берёт на себя площадку.\n"
        "2. **Бизнес-миссия** из 10–15 предпринимателей с заранее согласованными встречами.\n"
        "3. **Обмен контактами** торгово-промышленных палат по итогам миссии.\n\n"
        "## Чего избегать\n\n"
        "Поездок без подготовленной программы встреч: они остаются протокольными.",
        "## What worked\n\n"
        "1. **A joint fair** in the partner city: local producers bring samples, "
        "the city provides the venue.\n"
        "2. **A business mission** of 10–15 entrepreneurs with meetings agreed beforehand.\n"
        "3. **Chambers of commerce** exchanging contacts after the mission.\n\n"
        "## What to avoid\n\n"
        "Trips without a prepared programme of meetings: they stay ceremonial.",
        datetime.date(2024, 3, 14),
        {"countries": ["BY", "AM"]},
    ),
    (
        "economic",
        Entry.Kind.ARTICLE,
        "Муниципальные инвестиционные паспорта: зачем они партнёрам (демо)",
        "",
        "Короткий паспорт территории на двух языках помогает зарубежному партнёру понять, "
        "с чем город приходит к сотрудничеству.",
        "",
        "Инвестиционный паспорт — это 4–6 страниц: площадки, льготы, логистика, контакты. "
        "Для зарубежных городов-партнёров его стоит готовить **на двух языках** и обновлять "
        "раз в год.\n\n> Паспорт без контакта ответственного сотрудника не работает.",
        "",
        datetime.date(2023, 11, 2),
        {},
    ),
    (
        "economic",
        Entry.Kind.EVENT_REPORT,
        "",
        "Round table on municipal investment climate: notes (demo)",
        "",
        "Notes from an invented round table on what foreign partners ask about first.",
        "",
        "Partners asked first about **land plots and utilities**, then about tax incentives, "
        "and only then about labour. Cities that answered with one document and one contact "
        "person moved to a second meeting more often.",
        datetime.date(2025, 2, 20),
        {"visibility": Entry.Visibility.STAFF},
    ),
    (
        "social",
        Entry.Kind.PRACTICE,
        "Молодёжные обмены между городами-побратимами (демо)",
        "Youth exchanges between twin towns (demo)",
        "Летние школы, волонтёрские смены и спортивные турниры как начало побратимства.",
        "Summer schools, volunteer camps and sports tournaments as the start of twinning.",
        "Молодёжный обмен — самый быстрый способ наполнить соглашение о побратимстве "
        "содержанием.\n\n- летняя школа языка и культуры;\n- волонтёрская смена;\n"
        "- турнир школьных команд.\n\nБюджет обмена обычно делят пополам: дорога — "
        "за отправляющей стороной, проживание — за принимающей.",
        "A youth exchange is the quickest way to give a twinning agreement some content.\n\n"
        "- a language and culture summer school;\n- a volunteer camp;\n"
        "- a school sports tournament.\n\nThe cost is usually shared: travel by the "
        "sending side, accommodation by the host.",
        datetime.date(2024, 6, 1),
        {"countries": ["FI", "KR"]},
    ),
    (
        "social",
        Entry.Kind.ARTICLE,
        "Социальная поддержка пожилых жителей: обмен опытом (демо)",
        "Social support for older residents: sharing experience (demo)",
        "Что города-партнёры перенимают друг у друга в работе со старшим поколением.",
        "What partner cities take from each other in their work with older people.",
        "Чаще всего перенимают **центры активного долголетия**, волонтёрскую помощь на дому "
        "и курсы цифровой грамотности.",
        "Most often cities adopt **active ageing centres**, volunteer help at home and "
        "digital literacy courses.",
        datetime.date(2023, 9, 18),
        {},
    ),
    (
        "social",
        Entry.Kind.EVENT_REPORT,
        "Фестиваль культуры городов-партнёров: итоги (демо)",
        "",
        "Отчёт о вымышленном фестивале: программа, участники, что повторить.",
        "",
        "Фестиваль прошёл за три дня: концерты, выставка ремёсел, кухня городов-партнёров. "
        "Повторить стоит формат **открытых мастер-классов**; отказаться — от вечерних "
        "приёмов без программы.",
        "",
        datetime.date(2025, 5, 30),
        {"state": Entry.State.DRAFT},
    ),
    (
        "legal",
        Entry.Kind.LEGAL_ACT,
        "Международные связи муниципальных образований: что говорит закон (демо)",
        "International ties of municipalities: what the law says (demo)",
        "Обзор: в каких пределах муниципальные образования ведут международное и "
        "внешнеэкономическое сотрудничество.",
        "An overview of the limits within which municipalities carry out international "
        "and external economic cooperation.",
        "Муниципальные образования участвуют в международном сотрудничестве в пределах своих "
        "полномочий и с учётом требований федерального и регионального законодательства. "
        "Соглашения с зарубежными партнёрами, как правило, **регистрируются** в порядке, "
        "установленном субъектом Российской Федерации.\n\n"
        "*Демонстрационный обзор: сверяйтесь с действующими текстами законов.*",
        "Municipalities take part in international cooperation within their powers and "
        "subject to federal and regional law. Agreements with foreign partners are usually "
        "**registered** in the way the constituent entity of the Russian Federation sets.\n\n"
        "*A demo overview: check the laws in force.*",
        datetime.date(2024, 1, 22),
        {"countries": ["RU"]},
    ),
    (
        "legal",
        Entry.Kind.DOCUMENT,
        "Типовое соглашение о побратимстве: структура (демо)",
        "Model twinning agreement: structure (demo)",
        "Из каких разделов обычно состоит соглашение о побратимских связях.",
        "The sections a twinning agreement usually has.",
        "| Раздел | Содержание |\n|---|---|\n| Стороны | полные наименования городов |\n"
        "| Цели | области сотрудничества |\n| Формы | обмены, проекты, консультации |\n"
        "| Срок | бессрочно или на 5 лет |\n| Языки | русский и язык партнёра |",
        "| Section | Content |\n|---|---|\n| Parties | the cities' full names |\n"
        "| Aims | areas of cooperation |\n| Forms | exchanges, projects, consultations |\n"
        "| Term | open-ended or five years |\n| Languages | Russian and the partner's |",
        datetime.date(2023, 4, 10),
        {"attachment": True},
    ),
    (
        "legal",
        Entry.Kind.ARTICLE,
        "",
        "Registering a municipal cooperation agreement: checklist (demo)",
        "",
        "A checklist before a city signs an agreement with a foreign municipality.",
        "",
        "- the draft is agreed with the regional authorities;\n"
        "- both language versions are equally authentic;\n"
        "- the signatories' powers are confirmed;\n- a contact person is named on each side.",
        datetime.date(2025, 3, 3),
        {},
    ),
    (
        "strategic-development",
        Entry.Kind.PRACTICE,
        "Международное сотрудничество в стратегии развития города (демо)",
        "International cooperation in a city's development strategy (demo)",
        "Как записать цели международного сотрудничества в стратегию "
        "социально-экономического развития территории.",
        "How to write the aims of international cooperation into a territory's social "
        "and economic development strategy.",
        "Цели стоит формулировать **измеримо**: число совместных проектов, обменов, "
        "привлечённых партнёров. Раздел о международных связях связывают с отраслевыми "
        "разделами стратегии — туризмом, образованием, промышленностью.",
        "Aims should be **measurable**: the number of joint projects, exchanges and "
        "partners. The section on international ties is linked to the strategy's sector "
        "sections: tourism, education, industry.",
        datetime.date(2024, 10, 7),
        {},
    ),
    (
        "strategic-development",
        Entry.Kind.ARTICLE,
        "Городская среда: чему учатся у зарубежных партнёров (демо)",
        "Urban environment: what cities learn from foreign partners (demo)",
        "Благоустройство набережных, общественные пространства и участие жителей.",
        "Waterfronts, public spaces and residents' participation.",
        "Самые переносимые решения — **соучаствующее проектирование** с жителями и "
        "временные пространства, которые проверяют идею до капитальной стройки.",
        "The most portable ideas are **participatory design** with residents and temporary "
        "spaces that test an idea before construction.",
        datetime.date(2025, 4, 15),
        {"countries": ["FI", "TR"]},
    ),
    (
        "strategic-development",
        Entry.Kind.EVENT_REPORT,
        "",
        "Seminar on agglomerations and cross-border cooperation (demo)",
        "",
        "An invented seminar: how neighbouring municipalities plan together.",
        "",
        "Participants compared **joint transport planning** and shared services of "
        "neighbouring municipalities, and agreed to collect cases for the knowledge base.",
        datetime.date(2023, 12, 12),
        {"countries": ["KG", "BY"]},
    ),
    (
        "interfaith-interethnic",
        Entry.Kind.PRACTICE,
        "Дома дружбы народов в многонациональных городах (демо)",
        "Houses of friendship of peoples in multi-ethnic cities (demo)",
        "Как муниципальные центры национальных культур поддерживают межнациональное согласие.",
        "How municipal centres of national cultures support inter-ethnic harmony.",
        "Дом дружбы объединяет национально-культурные автономии под одной крышей: общие "
        "праздники, языковые курсы, консультации для приезжих. Работает, когда у "
        "автономий есть **своё расписание**, а не только общие мероприятия.",
        "A house of friendship brings national and cultural autonomies under one roof: "
        "shared festivals, language courses, advice for newcomers. It works when the "
        "autonomies have **their own schedule**, not only joint events.",
        datetime.date(2024, 5, 21),
        {},
    ),
    (
        "interfaith-interethnic",
        Entry.Kind.ARTICLE,
        "Межконфессиональные советы при главе города (демо)",
        "",
        "Совещательный орган, где представители религиозных организаций обсуждают "
        "городские вопросы.",
        "",
        "Совет собирается раз в квартал; повестку готовят вместе с религиозными "
        "организациями. Полезны **совместные социальные проекты**: помощь нуждающимся, "
        "благоустройство.",
        "",
        datetime.date(2023, 7, 5),
        {},
    ),
    (
        "interfaith-interethnic",
        Entry.Kind.DOCUMENT,
        "",
        "Guide for the integration of newcomers: a municipal template (demo)",
        "",
        "A template guide for people who move to a city: services, language, contacts.",
        "",
        "The guide fits on eight pages: **where to register**, schools and clinics, "
        "language courses, community organisations and an emergency page.",
        datetime.date(2025, 1, 28),
        {"visibility": Entry.Visibility.STAFF},
    ),
    (
        "twinning",
        Entry.Kind.PRACTICE,
        "Как найти город-побратим: пошаговое руководство (демо)",
        "How to find a twin town: a step-by-step guide (demo)",
        "От выбора критериев до первого визита: порядок действий для администрации.",
        "From choosing criteria to the first visit: steps for a city administration.",
        "## Шаги\n\n1. Определите **критерии**: размер, отрасли, история связей.\n"
        "2. Запросите кандидатов через национальные ассоциации и Международную "
        "ассоциацию «Породненные города».\n3. Проведите видеовстречу.\n"
        "4. Подготовьте протокол о намерениях.\n5. Организуйте первый визит.\n\n"
        "Побратимские связи крепче, когда у них есть **жители-участники**, а не только "
        "официальные делегации.",
        "## Steps\n\n1. Set the **criteria**: size, industries, shared history.\n"
        "2. Ask for candidates through national associations and the International "
        "Association “Twin Cities”.\n3. Hold a video meeting.\n"
        "4. Prepare a protocol of intent.\n5. Organise the first visit.\n\n"
        "Twinning ties are stronger when **residents** take part, not only official "
        "delegations.",
        datetime.date(2024, 9, 9),
        {"link_ties": 2},
    ),
    (
        "twinning",
        Entry.Kind.ARTICLE,
        "Побратимские связи российских городов: с чего начинали (демо)",
        "Twinning ties of Russian cities: how it began (demo)",
        "Краткий рассказ о движении породнённых городов и его формах.",
        "A short account of the twin cities movement and its forms.",
        "Движение породнённых городов объединяет муниципалитеты разных стран через "
        "культурные, образовательные и деловые обмены. Сегодня побратимство дополняют "
        "**соглашения о партнёрстве** с конкретными проектами.",
        "The twin cities movement connects municipalities of different countries through "
        "cultural, educational and business exchanges. Today twinning is complemented by "
        "**partnership agreements** with concrete projects.",
        datetime.date(2023, 5, 16),
        {"link_associations": 2},
    ),
    (
        "twinning",
        Entry.Kind.EVENT_REPORT,
        "Визит делегации города-партнёра: памятка организатору (демо)",
        "A partner city's delegation visit: organiser's memo (demo)",
        "Что подготовить за месяц, за неделю и в день приезда делегации.",
        "What to prepare a month, a week and the day before a delegation arrives.",
        "**За месяц:** программа, переводчик, подарки. **За неделю:** подтверждения "
        "встреч, транспорт. **В день приезда:** встреча, краткий брифинг, контакты "
        "ответственных.",
        "**A month before:** programme, interpreter, gifts. **A week before:** confirmed "
        "meetings, transport. **On the day:** welcome, short briefing, contacts of those "
        "in charge.",
        datetime.date(2025, 6, 11),
        {"link_ties": 1, "countries": ["TR", "KG"]},
    ),
]


def _memo_docx():
    """A small DOCX attachment, so the demo shows an attached file's text being found."""
    from docx import Document

    document = Document()
    document.add_heading("Типовое соглашение о побратимстве (демо)", level=1)
    for line in (
        "Стороны договорились развивать побратимские связи между городами.",
        "Формы сотрудничества: молодёжные обмены, культурные проекты, деловые миссии.",
        "Соглашение составлено на русском и английском языках.",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("tipovoe-soglashenie-demo.docx", buffer.getvalue())


@transaction.atomic
def demo_knowledge_create():
    """Create the demo entries; running it again adds nothing. Returns how many were added."""
    from partnerships.demo import DEMO_SOURCE as DEMO_TIES_SOURCE
    from partnerships.models import Partnership

    author = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    ties = list(
        Partnership.objects.filter(source=DEMO_TIES_SOURCE, is_public=True)
        .select_related("municipality_a", "municipality_b")
        .order_by("pk")[:3]
    )
    demo_associations = list(
        NationalAssociation.objects.filter(name_ru__endswith="(демо)").order_by("pk")[:2]
    )
    created = 0
    for (
        slug,
        kind,
        title_ru,
        title_en,
        summary_ru,
        summary_en,
        body_ru,
        body_en,
        day,
        extra,
    ) in ENTRIES:
        if Entry.objects.filter(source=DEMO_SOURCE, title_ru=title_ru, title_en=title_en).exists():
            continue
        extra = dict(extra)
        attach = extra.pop("attachment", False)
        link_ties = ties[: extra.pop("link_ties", 0)]
        link_associations = demo_associations[: extra.pop("link_associations", 0)]
        entry = services.entry_create(
            author=author,
            kind=kind,
            title_ru=title_ru,
            title_en=title_en,
            summary_ru=summary_ru,
            summary_en=summary_en,
            body_ru=body_ru,
            body_en=body_en,
            themes=[themes[slug]],
            source=DEMO_SOURCE,
            published_on=day,
            state=extra.pop("state", Entry.State.PUBLISHED),
            visibility=extra.pop("visibility", Entry.Visibility.PUBLIC),
            partnerships=link_ties,
            municipalities=[
                m for tie in link_ties for m in (tie.municipality_a, tie.municipality_b)
            ],
            associations=link_associations,
            **extra,
        )
        if attach:
            attachment = services.attachment_add(entry=entry, file=_memo_docx(), uploaded_by=author)
            # Read now, so the demo is searchable by the file's text at once.
            services.attachment_text_extract(attachment=attachment)
        created += 1
    return created
