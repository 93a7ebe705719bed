"""
The demo registry of a developer's portal, built from the gazetteer.

Real places (their names, coordinates and populations come from GeoNames)
joined by invented ties. Every tie says in its source that it is demo data,
so no one mistakes it for a record of the Union. Foreign cities of the six
agreement countries are recorded as members of those countries' associations.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Q

from associations.models import NationalAssociation
from gazetteer.models import GazetteerPlace

from .areas import Area
from .cache import registry_changed
from .models import DatePrecision, Municipality, Partnership
from .places import federal_subject_of

DEMO_SOURCE = "Демонстрационные данные (вымышленная связь) · demo data (invented tie)"
RUSSIAN_CITIES = 90
FOREIGN_CITIES = {
    # The six agreement countries, then other frequent partners of Russian cities.
    "KG": 12,
    "BY": 20,
    "AM": 10,
    "TR": 20,
    "KR": 15,
    "FI": 15,
    "KZ": 12,
    "UZ": 10,
    "CN": 25,
    "DE": 20,
    "FR": 12,
    "IT": 12,
    "RS": 8,
    "MN": 6,
    "VN": 8,
    "IN": 8,
    "US": 10,
    "BG": 6,
    "CZ": 6,
    "AZ": 6,
    "TJ": 5,
    "CU": 4,
    "EG": 4,
    "BR": 4,
    "JP": 8,
}
TIES = 420
AGREEMENT_COUNTRY = {"KG": "KG", "BY": "BY", "AM": "AM", "TR": "TR", "KR": "KR", "FI": "FI"}


def _municipality_from(place, *, kind):
    subject = federal_subject_of(place)
    municipality, _created = Municipality.objects.get_or_create(
        geonames_id=place.geonames_id,
        defaults={
            "name_en": place.name,
            "name_ru": place.russian_name_suggestion,
            "country": place.country_code,
            "federal_subject": subject,
            "kind": kind,
            "population": place.population or None,
            "latitude": place.latitude,
            "longitude": place.longitude,
        },
    )
    return municipality


@transaction.atomic
def demo_registry_create():
    """Create the demo municipalities and ties; running it again adds nothing."""
    if not GazetteerPlace.objects.exists():
        raise RuntimeError("Load the gazetteer first: python manage.py load_gazetteer")
    rng = random.Random(1972)  # noqa: S311 (the same demo set on every machine)
    russian = [
        _municipality_from(place, kind=Municipality.Kind.URBAN_OKRUG)
        for place in GazetteerPlace.objects.filter(country_code="RU").order_by("-population")[
            :RUSSIAN_CITIES
        ]
    ]
    foreign = []
    associations = {
        a.country.code: a
        for a in NationalAssociation.objects.filter(
            stage=NationalAssociation.Stage.AGREEMENT_SIGNED
        )
    }
    for country, count in FOREIGN_CITIES.items():
        places = GazetteerPlace.objects.filter(country_code=country).order_by("-population")[:count]
        for place in places:
            municipality = _municipality_from(place, kind=Municipality.Kind.CITY)
            foreign.append(municipality)
            association = associations.get(AGREEMENT_COUNTRY.get(country))
            if association:
                municipality.associations.add(association)

    existing = set()
    for a_id, b_id in Partnership.objects.values_list("municipality_a_id", "municipality_b_id"):
        existing.add(frozenset((a_id, b_id)))
    if len(existing) >= TIES:
        return 0
    kinds = list(Partnership.Kind.values)
    statuses = [Partnership.Status.ACTIVE] * 6 + [
        Partnership.Status.PLANNED,
        Partnership.Status.SUSPENDED,
        Partnership.Status.TERMINATED,
    ]
    areas = list(Area.values)
    created = []
    attempts = 0
    while len(existing) < TIES and attempts < TIES * 20:
        attempts += 1
        # Large Russian cities have more partners, as in life.
        a = russian[min(int(rng.expovariate(1 / 18)), len(russian) - 1)]
        b = rng.choice(foreign)
        pair = frozenset((a.pk, b.pk))
        if pair in existing:
            continue
        existing.add(pair)
        year = rng.randint(1956, 2025)
        precise = rng.random() < 0.6
        signed_on = (
            datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if precise
            else datetime.date(year, 1, 1)
        )
        status = rng.choice(statuses)
        ended_on = None
        if status == Partnership.Status.TERMINATED:
            ended_on = datetime.date(min(year + rng.randint(3, 30), 2025), 1, 1)
        created.append(
            Partnership(
                municipality_a=a,
                municipality_b=b,
                kind=rng.choice(kinds),
                status=status,
                signed_on=signed_on,
                signed_on_precision=DatePrecision.DAY if precise else DatePrecision.YEAR,
                ended_on=ended_on,
                ended_on_precision=DatePrecision.YEAR,
                areas=set(rng.sample(areas, rng.randint(1, 4))),
                source=DEMO_SOURCE,
                is_public=rng.random() < 0.92,
            )
        )
    Partnership.objects.bulk_create(created)
    registry_changed()
    return len(created)


def demo_registry_exists():
    return Partnership.objects.filter(Q(source=DEMO_SOURCE)).exists()
