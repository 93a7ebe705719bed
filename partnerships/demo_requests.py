"""
Demo partnership requests of a developer's portal.

The demo official (official@example.org) becomes the approved official of a
large Russian municipality of the demo registry, and that municipality gets
requests in every state of the workflow, each with the steps that led there.
Every request says in its rationale that it is demo data. No e-mail is sent:
the steps are written as they would have been recorded.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.demo import DEMO_OFFICIAL_EMAIL, DEMO_STAFF_EMAIL
from accounts.models import User

from .models import (
    RUSSIA,
    Municipality,
    OfficialProfile,
    Partnership,
    PartnershipRequest,
    RequestMessage,
    RequestTransition,
)
from .models.requests import TRANSITIONS
from .personal_data import CONSENT_VERSION
from .services.requests import partnership_for_request

DEMO_MARK = "[Демонстрационная заявка · demo request] "
PREFERRED_CITIES = ("Volgograd", "Kazan", "Yekaterinburg")

# (target state, the steps that lead there, wished partner country, areas)
STORIES = [
    ("draft", [], "FI", {"education", "youth"}),
    ("submitted", ["submit"], "KR", {"economy", "tourism"}),
    ("under_review", ["submit", "start_review"], "BY", {"culture", "sport"}),
    ("needs_information", ["submit", "start_review", "request_information"], "AM", {"culture"}),
    ("approved", ["submit", "start_review", "approve"], "TR", {"economy", "industry"}),
    ("rejected", ["submit", "start_review", "reject"], "DE", {"urban"}),
    ("withdrawn", ["submit", "withdraw"], "KG", {"agriculture"}),
    ("submitted", ["submit"], "CN", {"economy", "transport"}),  # names only a country
]

COMMENTS = {
    "request_information": (
        "Приложите, пожалуйста, решение городской думы о намерении установить связи."
    ),
    "reject": "Партнёр уже связан с другим городом региона; предлагаем рассмотреть другой город.",
    "approve": "Одобрено: готовим проект соглашения.",
    "withdraw": "Отзываем: глава поручил сначала подготовить программу визита.",
}


def _demo_municipality():
    russian = Municipality.objects.filter(country=RUSSIA, geonames_id__isnull=False)
    for name in PREFERRED_CITIES:
        found = russian.filter(name_en=name).first()
        if found:
            return found
    return russian.order_by("-population").first()


@transaction.atomic
def demo_requests_create():
    """Link the demo official and add the demo requests; running it again adds nothing."""
    try:
        official = User.objects.get(email=DEMO_OFFICIAL_EMAIL)
        staff = User.objects.get(email=DEMO_STAFF_EMAIL)
    except User.DoesNotExist as missing:
        raise RuntimeError("Create the demo accounts first: manage.py create_demo_accounts") from (
            missing
        )
    home = _demo_municipality()
    if home is None:
        raise RuntimeError("Load the demo registry first: manage.py load_demo_registry")

    now = timezone.now()
    OfficialProfile.objects.update_or_create(
        user=official,
        defaults={
            "municipality": home,
            "position": "Начальник управления внешних связей",
            "municipality_name_given": home.name_ru or home.name_en,
            "approved_by": staff,
            "approved_at": now,
            "personal_data_consent_at": now,
            "personal_data_consent_version": CONSENT_VERSION,
            "deactivated_at": None,
        },
    )
    if PartnershipRequest.objects.filter(rationale__startswith=DEMO_MARK).exists():
        return 0

    # Partners the municipality has no tie with yet, so approval shows a new planned tie.
    used = set()
    for tie in Partnership.objects.filter(Q(municipality_a=home) | Q(municipality_b=home)):
        used.update((tie.municipality_a_id, tie.municipality_b_id))
    created = 0
    for index, (target, steps, country, areas) in enumerate(STORIES):
        named = index != len(STORIES) - 1
        partner = None
        if named:
            partner = (
                Municipality.objects.filter(country=country)
                .exclude(pk__in=used)
                .order_by("-population")
                .first()
            )
            if partner is None:
                continue
            used.add(partner.pk)
        started = now - datetime.timedelta(days=40 - index * 4)
        request = PartnershipRequest.objects.create(
            municipality=home,
            partner_municipality=partner,
            partner_country=country,
            kind=Partnership.Kind.TWINNING if index % 2 else Partnership.Kind.PARTNERSHIP,
            areas=areas,
            rationale=DEMO_MARK
            + "Схожая экономика и история, интерес молодёжи и деловых кругов к обменам.",
            first_steps="Обмен письмами глав, визит делегации, совместный молодёжный форум.",
            contact_name=official.full_name,
            contact_position="Начальник управления внешних связей",
            contact_email=official.email,
            created_by=official,
            status_changed_at=started,
        )
        _replay(request, steps, official=official, staff=staff, started=started)
        assert request.status == target
        created += 1
    return created


def _replay(request, steps, *, official, staff, started):
    """Write the steps as the workflow would have recorded them, a few days apart."""
    moment = started
    for action in steps:
        transition = TRANSITIONS[action]
        moment += datetime.timedelta(days=3)
        by = staff if transition.role == "staff" else official
        if action == "approve":
            request.partnership = partnership_for_request(request)
        RequestTransition.objects.create(
            request=request,
            action=action,
            from_status=request.status,
            to_status=transition.target,
            by=by,
            at=moment,
            comment=COMMENTS.get(action, ""),
        )
        request.status = transition.target
        request.status_changed_at = moment
        if transition.target == "submitted" and request.submitted_at is None:
            request.submitted_at = moment
        if transition.role == "staff" and request.reviewer is None:
            request.reviewer = staff
        if transition.target in ("approved", "rejected"):
            request.decided_at = moment
    request.save()
    if request.status in ("under_review", "needs_information"):
        RequestMessage.objects.create(
            request=request,
            author=staff,
            is_from_staff=True,
            body="Добрый день! Уточните, пожалуйста, кто будет контактным лицом "
            "со стороны партнёра.",
            created_at=moment + datetime.timedelta(hours=2),
        )
