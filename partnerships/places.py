"""
The gazetteer seen from the registry: which federal subject a GeoNames place
lies in, and place suggestions labelled with it for the staff autocomplete.
"""

from dataclasses import dataclass
from functools import cache

from gazetteer.models import GazetteerPlace
from gazetteer.search import gazetteer_search

from .models import FederalSubject


@cache
def _subjects_by_admin1():
    return {s.geonames_admin1: s for s in FederalSubject.objects.exclude(geonames_admin1=None)}


def federal_subject_of(place):
    """The federal subject a Russian GeoNames place lies in, when GeoNames' code says so."""
    if place.country_code != "RU":
        return None
    return _subjects_by_admin1().get(place.admin1_code)


@dataclass
class Suggestion:
    place: GazetteerPlace
    federal_subject: FederalSubject | None

    @property
    def label(self):
        region = self.federal_subject.short_name if self.federal_subject else self.place.admin1_code
        parts = [self.place.name, region, self.place.country_code, f"{self.place.population:,}"]
        return " · ".join(part for part in parts if part)

    def as_json(self):
        place = self.place
        return {
            "geonames_id": place.geonames_id,
            "label": self.label,
            "name_en": place.name,
            "name_ru_suggestion": place.russian_name_suggestion,
            "country": place.country_code,
            "federal_subject": self.federal_subject.pk if self.federal_subject else None,
            "latitude": str(place.latitude),
            "longitude": str(place.longitude),
            "population": place.population,
        }


def place_suggestions(query, *, country=None, limit=10):
    """The autocomplete's places for ``query``, each with its federal subject."""
    return [
        Suggestion(place, federal_subject_of(place))
        for place in gazetteer_search(query, country=country, limit=limit)
    ]
