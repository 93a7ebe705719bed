"""Reads of the registry: what a person may see, with the joins already right."""

from django.db.models import Q

from ..models import Municipality, Partnership


def partnerships_visible_to(user):
    """Public ties for everyone; all ties for project office staff."""
    queryset = Partnership.objects.all()
    if not (user.is_authenticated and user.is_project_staff):
        queryset = queryset.filter(is_public=True)
    return queryset


def ties_of(municipality, user):
    return (
        partnerships_visible_to(user)
        .filter(Q(municipality_a=municipality) | Q(municipality_b=municipality))
        .select_related(
            "municipality_a",
            "municipality_b",
            "municipality_a__federal_subject",
            "municipality_b__federal_subject",
        )
        .order_by("-signed_on", "pk")
    )


def municipality_with_ties(pk, user):
    """
    A municipality and the ties the person may see, or DoesNotExist. For the
    public a municipality page exists only when it has a public tie, so an
    empty list of public ties is the same as no municipality.
    """
    municipality = (
        Municipality.objects.select_related("federal_subject")
        .prefetch_related("associations")
        .get(pk=pk)
    )
    ties = list(ties_of(municipality, user))
    if not ties and not (user.is_authenticated and user.is_project_staff):
        raise Municipality.DoesNotExist
    return municipality, ties


def suspected_duplicates():
    """
    Groups of registry municipalities that look like one place written twice:
    one name (in either language, or transliterated) in one country and one
    federal subject (or region). Two records with different GeoNames ids or
    different OKTMO codes are two places and never grouped. Each group lists
    its municipalities with their number of ties, the best candidate to keep
    first (a GeoNames id, an OKTMO code, more ties).
    """
    from collections import Counter, defaultdict

    from mechanisms.placenames import normalize_name, transliterate

    rows = list(
        Municipality.objects.values_list(
            "pk",
            "country",
            "federal_subject_id",
            "region",
            "name_ru",
            "name_en",
            "geonames_id",
            "oktmo",
        )
    )
    buckets = defaultdict(set)
    for pk, country, subject, region, name_ru, name_en, _geonames, _oktmo in rows:
        where = subject or normalize_name(region)
        names = {normalize_name(name_ru), normalize_name(name_en)}
        if name_ru:
            names.add(normalize_name(transliterate(name_ru)))
        for key in names - {""}:
            buckets[(country, where, key)].add(pk)
    codes = {pk: (geonames, oktmo) for pk, *_rest, geonames, oktmo in rows}
    groups = _joined(buckets.values(), codes)
    ids = {pk for members in groups.values() for pk in members}
    ties = Counter()
    for a, b in Partnership.objects.filter(
        Q(municipality_a__in=ids) | Q(municipality_b__in=ids)
    ).values_list("municipality_a", "municipality_b"):
        ties[a] += 1
        ties[b] += 1
    records = Municipality.objects.select_related("federal_subject").in_bulk(ids)
    result = []
    for members in groups.values():
        group = [records[pk] for pk in members if pk in records]
        for municipality in group:
            municipality.tie_count = ties[municipality.pk]
        group.sort(key=lambda m: (m.geonames_id is None, m.oktmo is None, -m.tie_count, m.pk))
        result.append(group)
    return sorted(result, key=lambda group: str(group[0]))


def _joined(buckets, codes):
    """Buckets of pks that share a key, joined where they overlap: root pk -> group of pks."""
    from collections import defaultdict

    parent = {}

    def find(pk):
        while parent.get(pk, pk) != pk:
            pk = parent[pk]
        return pk

    for members in buckets:
        members = sorted(members)
        for other in members[1:]:
            if not _distinct_places(codes[members[0]], codes[other]):
                parent[find(other)] = find(members[0])
    groups = defaultdict(list)
    for pk in parent:
        groups[find(pk)].append(pk)
    for root, members in groups.items():
        if root not in members:
            members.append(root)
    return groups


def _distinct_places(one, other):
    """Two records whose GeoNames ids (or OKTMO codes) both exist and differ are two places."""
    return any(a and b and a != b for a, b in zip(one, other, strict=True))
