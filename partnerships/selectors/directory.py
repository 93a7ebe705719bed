"""Reads behind the public directory, the map, the statistics and the home page."""

from collections import Counter

from django.db import connection
from django.db.models import Count, Q

from mechanisms.placenames import normalize_name, transliterate

from ..models import FederalSubject, Municipality, Partnership


def municipalities_matching(text):
    """
    Municipalities whose name in either language or script contains ``text``,
    or on PostgreSQL resembles it closely enough to forgive a typo (pg_trgm).
    None when the text says nothing.
    """
    key = normalize_name(text)[:100]
    if len(key) < 2:
        return None
    keys = {key, normalize_name(transliterate(key))}
    query = Q()
    for value in keys:
        query |= Q(search_name__contains=value)
    if connection.vendor == "postgresql" and len(key) >= 4:
        query |= Q(search_name__trigram_word_similar=key)
    return Municipality.objects.filter(query).values("pk")


# The registry's own view: ties with a Russian side. Ties between two foreign
# municipalities (world lists) are kept too, and shown only when asked for.
RUSSIAN_TIES = Q(municipality_a__country="RU") | Q(municipality_b__country="RU")
SCOPES = ("russia", "world", "all")


def in_scope(ties, scope):
    """Ties of Russian municipalities ("russia", the default), of foreign ones only, or all."""
    if scope == "all":
        return ties
    if scope == "world":
        return ties.exclude(RUSSIAN_TIES)
    return ties.filter(RUSSIAN_TIES)


def directory_queryset(user):
    queryset = Partnership.objects.select_related(
        "municipality_a__federal_subject", "municipality_b__federal_subject"
    ).only(
        "id",
        "kind",
        "status",
        "signed_on",
        "signed_on_precision",
        "is_public",
        "areas",
        "municipality_a__id",
        "municipality_a__name_ru",
        "municipality_a__name_en",
        "municipality_a__country",
        "municipality_a__federal_subject__short_name_ru",
        "municipality_a__federal_subject__name_ru",
        "municipality_a__federal_subject__name_en",
        "municipality_a__region",
        "municipality_b__id",
        "municipality_b__name_ru",
        "municipality_b__name_en",
        "municipality_b__country",
        "municipality_b__federal_subject__short_name_ru",
        "municipality_b__federal_subject__name_ru",
        "municipality_b__federal_subject__name_en",
        "municipality_b__region",
    )
    if not (user.is_authenticated and user.is_project_staff):
        queryset = queryset.filter(is_public=True)
    return queryset.order_by("-signed_on", "-id")


def map_points(ties):
    """
    Municipalities that have a tie in ``ties``, as compact rows for the map:
    [id, latitude, longitude, name_ru, name_en, ties].
    """
    # Counted by the database, one side at a time: two grouped queries return one
    # row per municipality instead of one per tie.
    counts = Counter()
    for side in ("municipality_a_id", "municipality_b_id"):
        counts.update(dict(ties.order_by().values_list(side).annotate(n=Count("pk"))))
    points = []
    for pk, lat, lon, name_ru, name_en in (
        Municipality.objects.filter(latitude__isnull=False, longitude__isnull=False)
        .values_list("pk", "latitude", "longitude", "name_ru", "name_en")
        .iterator(chunk_size=20_000)
    ):
        if pk in counts:
            points.append(
                [pk, round(float(lat), 3), round(float(lon), 3), name_ru, name_en, counts[pk]]
            )
    return points


def ties_of_point(pk, ties):
    """The partners of one municipality among ``ties``, with coordinates, for the map's lines."""
    partners = []
    for tie_id, a, b in ties.filter(Q(municipality_a_id=pk) | Q(municipality_b_id=pk)).values_list(
        "pk", "municipality_a_id", "municipality_b_id"
    ):
        partners.append((tie_id, b if a == pk else a))
    places = Municipality.objects.in_bulk([other for _tie, other in partners])
    return [
        [
            tie_id,
            other,
            round(float(places[other].latitude), 3),
            round(float(places[other].longitude), 3),
        ]
        for tie_id, other in partners
        if other in places and places[other].latitude is not None
    ]


def statistics(ties):
    """The figures of the statistics page, from public ties only (or all, for staff)."""
    by_kind = dict(ties.order_by().values_list("kind").annotate(n=Count("pk")))
    by_status = dict(ties.order_by().values_list("status").annotate(n=Count("pk")))
    by_year = dict(
        ties.filter(signed_on__isnull=False)
        .order_by()
        .values_list("signed_on__year")
        .annotate(n=Count("pk"))
    )
    countries = Counter()
    subjects = Counter()
    for a_country, b_country, a_subject, b_subject in ties.values_list(
        "municipality_a__country",
        "municipality_b__country",
        "municipality_a__federal_subject_id",
        "municipality_b__federal_subject_id",
    ).iterator(chunk_size=20_000):
        for country in {a_country, b_country} - {"RU"}:
            countries[country] += 1
        for subject in {a_subject, b_subject} - {None}:
            subjects[subject] += 1
    subject_names = FederalSubject.objects.in_bulk(list(subjects))
    return {
        "total": sum(by_kind.values()),
        "by_kind": by_kind,
        "by_status": by_status,
        "by_year": dict(sorted(by_year.items())),
        "by_country": countries,
        "by_subject": [
            (subject_names[pk], n) for pk, n in subjects.most_common(15) if pk in subject_names
        ],
    }


def headline_numbers(ties):
    municipalities = set()
    for a, b in ties.values_list("municipality_a_id", "municipality_b_id").iterator(
        chunk_size=20_000
    ):
        municipalities.update((a, b))
    countries = set(
        Municipality.objects.filter(pk__in=ties.values("municipality_b")).values_list(
            "country", flat=True
        )
    ) | set(
        Municipality.objects.filter(pk__in=ties.values("municipality_a")).values_list(
            "country", flat=True
        )
    )
    return {
        "ties": ties.count(),
        "municipalities": len(municipalities),
        "countries": len(countries - {"RU"}),
    }
