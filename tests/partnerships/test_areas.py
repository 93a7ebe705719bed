"""Areas of cooperation are one bit field: bulk writes and filters stay plain."""

import pytest

from partnerships.areas import Area
from partnerships.models import Partnership
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


def test_areas_round_trip_in_their_fixed_order():
    partnership = tie(areas={"youth", "culture"})
    partnership.refresh_from_db()
    assert list(partnership.areas) == ["culture", "youth"]
    assert partnership.areas.labels() == [Area.CULTURE.label, Area.YOUTH.label]


def test_filters_any_of_and_all_of():
    culture = tie(areas={"culture"})
    both = tie(areas={"culture", "sport"})
    tie(areas={"economy"})
    assert set(Partnership.objects.filter(areas__overlaps=["culture"])) == {culture, both}
    assert set(Partnership.objects.filter(areas__contains_all=["culture", "sport"])) == {both}
    assert Partnership.objects.filter(areas__overlaps=["health", "sport"]).get() == both


def test_bulk_create_and_bulk_update_write_areas():
    a, b, c = municipality("RU"), municipality("FI"), municipality("FI")
    created = Partnership.objects.bulk_create(
        [
            Partnership(municipality_a=a, municipality_b=b, areas={"tourism"}),
            Partnership(municipality_a=a, municipality_b=c),
        ]
    )
    created[1].areas = {"health", "education"}
    Partnership.objects.bulk_update(created, ["areas"])
    assert Partnership.objects.filter(areas__overlaps=["tourism"]).count() == 1
    assert Partnership.objects.filter(areas__contains_all=["health", "education"]).count() == 1


def test_unknown_area_is_refused():
    with pytest.raises(ValueError):
        tie(areas={"astrology"})
