"""
Fixtures of the roadmap tests: the overall roadmap (made by the data
migration), a roadmap for one association with a Finnish member city, and a
builder of milestones written straight to the database.
"""

import datetime
import itertools

import pytest

from roadmap.models import Milestone, Roadmap
from tests.factories import AssociationFactory
from tests.registry import municipality

_numbers = itertools.count(1)
DAY = datetime.timedelta(days=1)


def make_milestone(roadmap=None, *, municipalities=(), associations=(), partnerships=(), **fields):
    n = next(_numbers)
    start = fields.pop("planned_start_on", datetime.date(2027, 5, 10))
    values = {
        "roadmap": roadmap or Roadmap.objects.get(is_overall=True),
        "title_ru": f"Этап №{n}",
        "title_en": f"Milestone No. {n}",
        "kind": Milestone.Kind.VISIT,
        "planned_start_on": start,
        "planned_end_on": fields.pop("planned_end_on", start + 2 * DAY),
    }
    values.update(fields)
    milestone = Milestone.objects.create(**values)
    milestone.municipalities.set(municipalities)
    milestone.associations.set(associations)
    milestone.partnerships.set(partnerships)
    return milestone


@pytest.fixture
def overall(db):
    return Roadmap.objects.get(is_overall=True)


@pytest.fixture
def finnish_association(db):
    return AssociationFactory(
        name_ru="Ассоциация финских местных властей (тест)",
        name_en="Finnish local authorities (test)",
        country="FI",
    )


@pytest.fixture
def lahti(db, finnish_association):
    place = municipality("FI", name_ru="Лахти", name_en="Lahti")
    place.associations.add(finnish_association)
    return place


@pytest.fixture
def kemi(db):
    """A Finnish city that is not a member of the association."""
    return municipality("FI", name_ru="Кеми", name_en="Kemi")


@pytest.fixture
def volgograd(db):
    return municipality("RU", name_ru="Волгоград", name_en="Volgograd")


@pytest.fixture
def volgograd_official(olga, volgograd):
    """Olga, the approved official of Volgograd (as in the partnership-request tests)."""
    from tests.partnerships.conftest import approve

    approve(olga, volgograd)
    return olga


@pytest.fixture
def finnish_roadmap(db, finnish_association):
    return Roadmap.objects.create(
        title_ru="Дорожная карта с финскими городами",
        title_en="Roadmap with Finnish cities",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        association=finnish_association,
    )
