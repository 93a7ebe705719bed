"""
Reads of partnership requests: who may see which, with the joins already right.

Officials see the requests of their own municipality and nothing else; the
project office sees every request that was ever submitted (drafts stay with
the officials). A request outside a person's scope does not exist for them:
the views answer 404.
"""

import datetime
from itertools import chain

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import CITY_OFFICIAL, staff_members
from mechanisms.placenames import normalize_name

from ..models import (
    RUSSIA,
    Municipality,
    OfficialProfile,
    PartnershipRequest,
    RequestAttachment,
)
from ..models.requests import OFFICIAL, STAFF, WAITING_FOR_STAFF


def official_profile_of(user):
    """The user's approved official's profile (with its municipality), or None."""
    if not (user.is_authenticated and user.is_city_official):
        return None
    profile = (
        OfficialProfile.objects.select_related("municipality__federal_subject")
        .filter(user=user)
        .first()
    )
    return profile if profile is not None and profile.is_approved else None


def request_role(user, partnership_request):
    """``"staff"``, ``"official"`` (of the request's municipality) or None."""
    if not user.is_authenticated:
        return None
    if user.is_project_staff:
        return STAFF
    profile = official_profile_of(user)
    if profile is not None and profile.municipality_id == partnership_request.municipality_id:
        return OFFICIAL
    return None


def _with_list_joins(queryset):
    return queryset.select_related(
        "municipality__federal_subject", "partner_municipality", "partner_association"
    )


def requests_of_municipality(municipality):
    """Every request of one municipality, drafts included, newest change first."""
    return _with_list_joins(PartnershipRequest.objects.filter(municipality=municipality)).order_by(
        "-status_changed_at", "-pk"
    )


def requests_for_staff():
    """What the project office reviews: every request that was submitted at least once."""
    return _with_list_joins(PartnershipRequest.objects.filter(submitted_at__isnull=False))


def request_queue(queryset):
    """The review queue's order: the longest waiting first."""
    return queryset.order_by("status_changed_at", "pk")


def request_detail(queryset, pk):
    """One request with what its page shows; raises DoesNotExist outside ``queryset``."""
    return (
        queryset.select_related(
            "municipality__federal_subject",
            "partner_municipality",
            "partner_association",
            "created_by",
            "reviewer",
            "partnership",
        )
        .prefetch_related("attachments")
        .get(pk=pk)
    )


def request_for_official(pk, profile):
    return request_detail(PartnershipRequest.objects.filter(municipality=profile.municipality), pk)


def request_for_staff(pk):
    return request_detail(requests_for_staff(), pk)


def attachment_visible_to(pk, user):
    """An attachment, if the user may see its request; raises DoesNotExist otherwise."""
    attachments = RequestAttachment.objects.select_related("request")
    if user.is_authenticated and user.is_project_staff:
        return attachments.filter(request__submitted_at__isnull=False).get(pk=pk)
    profile = official_profile_of(user)
    if profile is None or not profile.has_consented:
        raise RequestAttachment.DoesNotExist
    return attachments.get(pk=pk, request__municipality_id=profile.municipality_id)


def request_timeline(partnership_request):
    """Transitions and messages of a request, oldest first, as (kind, entry) pairs."""
    transitions = partnership_request.transitions.select_related("by")
    messages = partnership_request.messages.select_related("author")
    entries = chain(
        (("transition", t.at, t.pk, t) for t in transitions),
        (("message", m.created_at, m.pk, m) for m in messages),
    )
    return [(kind, entry) for kind, _at, _pk, entry in sorted(entries, key=lambda e: e[1:3])]


def staff_recipients():
    return list(User.objects.filter(staff_members()).distinct().order_by("pk"))


def official_recipients(municipality_id):
    """The active, approved officials of a municipality."""
    return list(
        User.objects.filter(
            is_active=True,
            groups__name=CITY_OFFICIAL,
            official_profile__municipality_id=municipality_id,
            official_profile__approved_at__isnull=False,
        )
        .distinct()
        .order_by("pk")
    )


def waiting_since_cutoff(*, today, days):
    """Requests whose status changed before this moment have waited over ``days`` on ``today``."""
    start_of_day = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time())
    return timezone.make_aware(start_of_day)


def requests_for_digest(*, today, days):
    """Requests the project office owes an answer on for more than ``days`` days."""
    return (
        PartnershipRequest.objects.filter(
            status__in=WAITING_FOR_STAFF,
            status_changed_at__lt=waiting_since_cutoff(today=today, days=days),
        )
        .select_related("municipality", "partner_municipality")
        .order_by("status_changed_at", "pk")
    )


def officials_awaiting_approval():
    """Profiles of people who signed up (and confirmed their address) and wait for staff."""
    return (
        OfficialProfile.objects.filter(approved_at__isnull=True, user__is_active=True)
        .select_related("user")
        .annotate(verified=Count("user__emailaddress", filter=Q(user__emailaddress__verified=True)))
        .order_by("pk")
    )


def officials_approved():
    return (
        OfficialProfile.objects.filter(approved_at__isnull=False)
        .select_related("user", "municipality", "approved_by")
        .order_by("-user__is_active", "municipality__name_ru", "user__email")
    )


# Words of a municipality's official name that do not tell one municipality from another.
KIND_WORDS = {"город", "городской", "округ", "муниципальный", "район", "поселение", "город-курорт"}


def _distinctive_words(name):
    return {w for w in normalize_name(name).split() if len(w) >= 4 and w not in KIND_WORDS}


def municipality_candidates(names, limit=10):
    """
    For each name given at sign-up, the Russian municipalities whose names share
    a distinctive word with it (at most ``limit``, by name): one query for all.
    """
    words = {name: _distinctive_words(name) for name in names}
    every_word = set().union(*words.values())
    if not every_word:
        return {name: [] for name in names}
    matches = Q()
    for word in every_word:
        matches |= Q(search_name__contains=word)
    found = list(
        Municipality.objects.filter(country=RUSSIA)
        .filter(matches)
        .select_related("federal_subject")
        .order_by("name_ru", "pk")
    )
    return {
        name: [m for m in found if any(word in m.search_name for word in name_words)][:limit]
        for name, name_words in words.items()
    }
