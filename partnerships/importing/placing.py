"""
Which municipality each side of a row names: one in the registry, one the
import will create from the gazetteer, or none for certain (the row is set
aside, with the reason and the candidates staff may choose from).

The order, for a side written "Kolpino (Saint Petersburg)", "Moscow",
«Гатчинский район» or "Varna, Bulgaria":

1. the country cell is read (``gazetteer.countries``); a name carrying its
   country after a comma gives it there;
2. an OKTMO code finds a registry municipality outright;
3. a name staff tied to a municipality (``MunicipalityAlias``) finds it;
4. the form of the name (``gazetteer.nameforms``): a region, a district, a
   part of a city, or a place;
5. a place: the registry by name in the country (narrowed by federal subject
   or region), then the gazetteer's rules (``gazetteer.choosing``), whose
   place is the registry's municipality of that GeoNames id or a new one;
   a place of a disputed area, or found only under the other country of a
   disputed area, is set aside with both readings.

Everything the rules need is loaded in a few queries before the first row
(``Placer.prepare``); placing a side is then work in memory, once per
distinct side of the file.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.utils.translation import gettext as _

from gazetteer.choosing import LARGER, capital_names, choose_place, distance_km
from gazetteer.countries import read_country
from gazetteer.disputes import disputed_area_of, disputed_areas, disputed_areas_claimed_by
from gazetteer.models import CountryAlias, GazetteerName, PlaceAlias
from gazetteer.nameforms import DISTRICT, PART, PLACE, REGION, NameForm, read_name
from gazetteer.regions import region_codes, region_name
from gazetteer.search import Place, names_with_keys, names_with_skeletons, places_with_ids
from mechanisms.placenames import has_cyrillic, name_skeleton, normalize_name, transliterate

from ..models import FederalSubject, Municipality, MunicipalityAlias, Partnership
from ..models.registry import search_name_of
from ..places import federal_subject_of
from .outcomes import Reason

RUSSIA = "RU"
TIE_FIELDS = (
    "kind",
    "status",
    "signed_on",
    "signed_on_precision",
    "ended_on",
    "ended_on_precision",
    "areas",
    "description_ru",
    "description_en",
    "source",
    "is_public",
)
# Endings of the adjective a Russian district is named with ("Gatchinsky", «Гатчинский»,
# once transliterated), and the endings its centre's name may have after the stem
# (Gatchin-a, Tuaps-e, Kolom-na, Lyuber-tsy, Krym-sk).
DISTRICT_ENDINGS = ("skiy", "skoy", "skoi", "sky", "ski")
CENTRE_ENDINGS = ("", "a", "e", "i", "o", "y", "ya", "na", "tsy", "sk")


@dataclass(frozen=True, slots=True)
class Side:
    """One municipality as a row names it."""

    name: str
    country_text: str
    region: str
    oktmo: str | None
    coordinates: tuple | None
    default_country: str | None  # RU for the first side, whose country cell may be empty


class RegistryEntry(NamedTuple):
    pk: int
    country: str
    subject_id: int | None
    region_key: str
    kind: str
    geonames_id: int | None
    label: str
    population: int | None = None


class RegistryIndex:
    """The registry's municipalities and ties, loaded once for a whole file."""

    def __init__(self):
        self.by_oktmo = {}
        self.by_geonames = {}
        self.by_name = defaultdict(list)
        self.entries = {}
        self.regions_by_subject = {}
        for row in Municipality.objects.values_list(
            "pk",
            "country",
            "federal_subject_id",
            "region",
            "kind",
            "geonames_id",
            "name_ru",
            "name_en",
            "oktmo",
            "population",
        ).iterator(chunk_size=10_000):
            pk, country, subject_id, region, kind, geonames_id, name_ru, name_en, oktmo, size = row
            label = name_ru or name_en
            entry = RegistryEntry(
                pk, country, subject_id, normalize_name(region), kind, geonames_id, label, size
            )
            self.add(entry, name_ru, name_en, oktmo)
        self.ties = {}
        for row in Partnership.objects.values_list(
            "pk", "municipality_a_id", "municipality_b_id", *TIE_FIELDS
        ).iterator(chunk_size=10_000):
            pk, a, b, *state = row
            self.ties[frozenset((a, b))] = (pk, dict(zip(TIE_FIELDS, state, strict=True)))

    def add(self, entry, name_ru, name_en, oktmo):
        self.entries[entry.pk] = entry
        if oktmo:
            self.by_oktmo[oktmo] = entry.pk
        if entry.geonames_id:
            self.by_geonames[entry.geonames_id] = entry.pk
        if entry.kind == Municipality.Kind.REGION and entry.subject_id:
            self.regions_by_subject[entry.subject_id] = entry.pk
        keys = {normalize_name(name_ru), normalize_name(name_en)}
        if name_ru:
            keys.add(normalize_name(transliterate(name_ru)))
        for key in keys - {""}:
            self.by_name[(entry.country, key)].append(entry)


@dataclass(eq=False)
class NewMunicipality:
    """A municipality the import will create; several rows may name the same one."""

    key: tuple
    name: str
    country: str
    kind: str = Municipality.Kind.CITY
    subject: FederalSubject | None = None
    region: str = ""
    oktmo: str | None = None
    place: Place | None = None
    coordinates: tuple | None = None
    pk: int | None = None  # once written
    _description: str | None = None

    def fields(self):
        """The new municipality's field values (attnames), from the file and its place."""
        name_ru = self.name if has_cyrillic(self.name) else ""
        subject = self.subject
        values = {
            "name_ru": name_ru,
            "name_en": "" if name_ru else self.name,
            "country": self.country,
            "region": "" if subject else self.region,
            "oktmo": self.oktmo,
            "kind": self.kind,
            "latitude": self.coordinates[0] if self.coordinates else None,
            "longitude": self.coordinates[1] if self.coordinates else None,
            "population": None,
            "geonames_id": None,
        }
        place = self.place
        if place is not None:
            values["name_en"] = values["name_en"] or place.name
            if not name_ru and place.country_code == RUSSIA:
                values["name_ru"] = place.russian_name_suggestion
            values.update(
                geonames_id=place.geonames_id,
                latitude=place.latitude,
                longitude=place.longitude,
                population=place.population or None,
            )
            if self.country == RUSSIA and subject is None:
                subject = federal_subject_of(place)
            if self.country != RUSSIA and not values["region"]:
                values["region"] = region_name(place.country_code, place.admin1_code)
        values["federal_subject_id"] = subject.pk if subject else None
        values["search_name"] = search_name_of(values["name_ru"], values["name_en"])
        return values

    def build(self):
        return Municipality(**self.fields())

    @cached_property
    def label(self):
        return self.name if self.place is None or has_cyrillic(self.name) else self.place.name

    def describe(self):
        """What the preview says about the municipality to create (worded once)."""
        if self._description is None:
            self._description = self._describe()
        return self._description

    def _describe(self):
        kind = Municipality.Kind(self.kind).label
        where = self.subject.name if self.subject else self.region
        if self.place is None:
            return _("«%(name)s» (%(country)s), %(kind)s%(where)s: created from the file") % {
                "name": self.name,
                "country": self.country,
                "kind": kind,
                "where": f", {where}" if where else "",
            }
        place = self.place
        return _(
            "«%(name)s» (%(country)s) from the gazetteer: %(place)s · %(region)s · %(population)s"
        ) % {
            "name": self.name,
            "country": self.country,
            "place": place.name,
            "region": where or region_name(place.country_code, place.admin1_code),
            "population": f"{place.population:,}",
        }


@dataclass(slots=True)
class Placement:
    """Where a side landed: a registry pk or a NewMunicipality, or set aside (target None)."""

    target: object = None
    country: str = ""
    note: str = ""
    reason: str = ""
    message: str = ""
    name: str = ""
    candidates: list = field(default_factory=list)
    column: str = ""  # "region", "country" ... when a cell of its own is at fault

    @property
    def is_placed(self):
        return self.target is not None

    @property
    def is_russian(self):
        return self.country == RUSSIA


def _aside(reason, message, *, name="", country="", candidates=(), column=""):
    return Placement(None, country, "", reason, str(message), name, list(candidates), column=column)


def _not_in_registry(name, country, candidates=()):
    return _aside(
        Reason.NOT_IN_REGISTRY,
        _(
            "“%(name)s” (%(country)s) is not in the registry. "
            "Tick “create missing municipalities” or add it first."
        )
        % {"name": name, "country": country},
        name=name,
        country=country,
        candidates=candidates,
    )


def place_candidate(place, coordinates=None):
    """A gazetteer place as the resolve page lists it (with its distance to the file's point)."""
    return {
        "geonames_id": place.geonames_id,
        "name": place.name,
        "name_ru": place.russian_name_suggestion,
        "country": place.country_code,
        "region": region_name(place.country_code, place.admin1_code),
        "population": place.population,
        "latitude": str(place.latitude),
        "longitude": str(place.longitude),
        "capital": normalize_name(place.name) == capital_names().get(place.country_code),
        "distance_km": (
            round(distance_km(*coordinates, place.latitude, place.longitude))
            if coordinates
            else None
        ),
    }


def registry_candidate(entry):
    return {"municipality": entry.pk, "name": entry.label, "country": entry.country}


class Placer:
    """Places the sides of a file's rows (see the module's docstring)."""

    def __init__(self, registry, *, source="", create_missing=False):
        self.registry = registry
        self.source = source or ""
        self.create_missing = create_missing
        self.subjects = list(FederalSubject.objects.all())
        self.subjects_by_pk = {s.pk: s for s in self.subjects}
        self.subject_lookup = FederalSubject.lookup_table(self.subjects)
        self.subject_cache = {}
        self.new_by_key = {}
        self.new_by_oktmo = {}
        self.placed = {}
        self.readings = {}
        self.exact = defaultdict(list)  # (country, key) -> places
        self.anywhere = defaultdict(list)  # key -> places of every country
        self.by_skeleton = defaultdict(list)  # (country, skeleton) -> places
        self.place_alias = {}
        self.municipality_alias = {}
        self.country_aliases = {}
        self.places_by_id = {}
        self.stem_subjects = {}

    # --- loading ------------------------------------------------------------------
    def prepare(self, sides):
        """Load what placing ``sides`` needs: aliases, country readings, gazetteer places."""
        self._load_aliases()
        keys, pairs = set(), set()
        for side in sides:
            form = read_name(side.name)
            names = {form.written, form.base, form.parent, *_comma_parts(side.name)}
            side_keys = {normalize_name(n) for n in names} - {""}
            keys |= side_keys
            reading = self._country(side)
            if reading.code:
                pairs.update(
                    (code, key) for key in side_keys for code in (reading.code, *reading.also)
                )
        self._load_places(keys, pairs)

    def _load_aliases(self):
        sources = {self.source, ""}
        for alias in CountryAlias.objects.filter(source__in=sources).order_by("-source"):
            self.country_aliases.setdefault(alias.normalized, alias.country.code)
        for alias in PlaceAlias.objects.filter(source__in=sources).order_by("-source"):
            self.place_alias.setdefault((alias.country.code, alias.normalized), alias.geonames_id)
        for alias in MunicipalityAlias.objects.filter(source__in=sources).order_by("-source"):
            key = (alias.country.code, alias.normalized)
            self.municipality_alias.setdefault(key, alias.municipality_id)

    def _load_places(self, keys, pairs):
        found = set()
        for place_id, key, country in names_with_keys(keys):
            self.exact[(country, key)].append(place_id)
            self.anywhere[key].append(place_id)
            found.add((country, key))
        skeletons = defaultdict(set)
        for country, key in pairs - found:
            skeleton = name_skeleton(key)
            if skeleton:
                skeletons[country].add(skeleton)
        if skeletons:
            wanted = {skeleton for group in skeletons.values() for skeleton in group}
            for place_id, skeleton, country in names_with_skeletons(wanted, skeletons):
                if skeleton in skeletons[country]:
                    self.by_skeleton[(country, skeleton)].append(place_id)
        ids = {i for group in (self.exact, self.by_skeleton) for ids in group.values() for i in ids}
        ids |= set(self.place_alias.values())
        # Registry homonyms are told apart by their own places.
        for country, key in pairs:
            entries = self.registry.by_name.get((country, key), ())
            if len(entries) > 1:
                ids.update(entry.geonames_id for entry in entries if entry.geonames_id)
        self._fetch_places(ids)

    def _fetch_places(self, ids):
        missing = {i for i in ids if i not in self.places_by_id}
        if missing:
            for place in places_with_ids(missing):
                self.places_by_id[place.geonames_id] = place

    def _places(self, ids):
        unique = dict.fromkeys(ids)
        return [self.places_by_id[i] for i in unique if i in self.places_by_id]

    # --- countries and regions ----------------------------------------------------
    def _country(self, side):
        text = side.country_text
        if not text.strip():
            parts = _comma_parts(side.name)
            text = parts[-1] if len(parts) > 1 else ""
        if text not in self.readings:
            self.readings[text] = read_country(text, aliases=self.country_aliases)
        return self.readings[text]

    def _subject(self, text):
        key = normalize_name(text)
        if key not in self.subject_cache:
            self.subject_cache[key] = self.subject_lookup(text) if key else None
        return self.subject_cache[key]

    # --- placing ------------------------------------------------------------------
    def place(self, side):
        """The Placement of one side; each distinct side is placed once."""
        if side not in self.placed:
            self.placed[side] = self._place(side)
        return self.placed[side]

    def _place(self, side):
        name = side.name
        reading = self._country(side)
        if not normalize_name(side.country_text):
            parts = _comma_parts(name)
            if len(parts) > 1 and reading.is_certain:
                name = ", ".join(parts[:-1])
            elif side.default_country:
                reading = read_country(side.default_country)
        elif (parts := _comma_parts(name)) and len(parts) > 1:
            tail = read_country(parts[-1], aliases=self.country_aliases)
            if tail.code and tail.code in (reading.code, *reading.also):
                name = ", ".join(parts[:-1])
        if not reading.is_certain:
            return self._country_aside(side, reading)
        country = reading.code
        if side.oktmo:
            if country != RUSSIA:
                return _aside(
                    Reason.BAD_VALUE,
                    _("Only Russian municipalities have an OKTMO code."),
                    column="oktmo",
                )
            if side.oktmo in self.registry.by_oktmo:
                return Placement(self.registry.by_oktmo[side.oktmo], country)
            if side.oktmo in self.new_by_oktmo:
                # An OKTMO code names one municipality, however the rows spell it.
                return Placement(self.new_by_oktmo[side.oktmo], country)
        if not normalize_name(name):
            return _aside(Reason.BAD_VALUE, _("The municipality's name is missing."), column="name")
        alias = self.municipality_alias.get((country, normalize_name(name)))
        if alias and alias in self.registry.entries:
            return Placement(alias, country, _("as staff decided"))
        form = read_name(name)
        region = side.region or reading.region
        if form.kind != PLACE and country != RUSSIA and self._named_so(country, name):
            # "Hennef (Sieg)", "Norfolk County", "Kuala Krai": GeoNames' own name of a place.
            form = NameForm(PLACE, form.written, form.written)
        parts = _comma_parts(name)
        if not side.region and len(parts) > 1:
            # "Rostov, Yaroslavl Oblast": a place, then its region.
            tail = ", ".join(parts[1:])
            if self._subject(tail) if country == RUSSIA else region_codes(country, tail):
                form, region = read_name(parts[0]), tail
        if form.kind == REGION:
            return self._place_region(form, country)
        if form.kind == DISTRICT:
            return self._place_district(form, country, region, side)
        if form.kind == PART:
            return self._place_part(form, country, region, side, reading.also)
        return self._place_plain(form.written, country, region, side, also=reading.also)

    def _named_so(self, country, name):
        return bool(self.exact.get((country, normalize_name(name))))

    def _country_aside(self, side, reading):
        text = side.country_text or side.default_country or ""
        if not normalize_name(text):
            return _aside(
                Reason.BAD_VALUE, _("The partner's country is missing."), column="country"
            )
        if reading.candidates:
            return _aside(
                Reason.AMBIGUOUS_COUNTRY,
                _("“%(value)s” may be any of these countries: %(codes)s.")
                % {"value": text, "codes": ", ".join(reading.candidates)},
                name=text,
                candidates=[{"country": code} for code in reading.candidates],
                column="country",
            )
        message = _("Unknown country: “%(value)s”.") % {"value": text}
        candidates = []
        if reading.suggestion:
            message += " " + _("Perhaps %(code)s?") % {"code": reading.suggestion}
            candidates = [{"country": reading.suggestion}]
        return _aside(
            Reason.UNKNOWN_COUNTRY, message, name=text, candidates=candidates, column="country"
        )

    def _region_filter(self, country, region, *, from_file):
        """(federal subject, admin1 codes, problem) for a region cell."""
        if not region:
            return None, frozenset(), None
        if country == RUSSIA:
            subject = self._subject(region)
            if subject is None and from_file:
                return (
                    None,
                    frozenset(),
                    _aside(
                        Reason.BAD_VALUE,
                        _("Unknown federal subject: “%(value)s”.") % {"value": region},
                        column="region",
                    ),
                )
            codes = (
                frozenset({subject.geonames_admin1})
                if subject and subject.geonames_admin1
                else frozenset()
            )
            return subject, codes, None
        return None, region_codes(country, region), None

    def _registry_named(self, country, key, subject=None, region=""):
        entries = self.registry.by_name.get((country, key), [])
        if subject is not None:
            entries = [e for e in entries if e.subject_id == subject.pk] or [
                e for e in entries if e.subject_id is None
            ]
        elif region and country != RUSSIA:
            region_key = normalize_name(region)
            entries = [e for e in entries if e.region_key == region_key] or entries
        return entries

    def _gazetteer_candidates(self, country, key, also=()):
        alias = self.place_alias.get((country, key))
        if alias and alias in self.places_by_id:
            return [self.places_by_id[alias]], True
        for code in (country, *also):
            places = self._places(self.exact.get((code, key), ()))
            if not places:
                places = self._places(self.by_skeleton.get((code, name_skeleton(key)), ()))
            if places:
                return places, False
        return [], False

    def _place_plain(self, name, country, region, side, *, also=()):
        key = normalize_name(name)
        from_file = bool(region) and region == side.region
        subject, admin1, problem = self._region_filter(country, region, from_file=from_file)
        if problem:
            return problem
        entries = self._registry_named(country, key, subject, region)
        if len(entries) == 1:
            return Placement(entries[0].pk, country)
        if entries:
            return self._among_homonyms(name, country, entries, side)
        candidates, by_staff = self._gazetteer_candidates(country, key, also)
        place_country = candidates[0].country_code if candidates else country
        choice = choose_place(
            candidates,
            name=name,
            country=place_country,
            admin1_codes=admin1 or None,
            coordinates=side.coordinates,
        )
        if choice.place is not None:
            return self._placed_at(choice, name, country, entries, side, subject, by_staff)
        if entries:
            return self._homonyms(name, country, entries)
        if choice.candidates:
            return _aside(
                Reason.AMBIGUOUS_PLACE,
                _("“%(name)s” may be any of several places in %(country)s: %(places)s.")
                % {"name": name, "country": country, "places": _listed(choice.candidates)},
                name=name,
                country=country,
                candidates=[place_candidate(p, side.coordinates) for p in choice.candidates[:12]],
            )
        disputed = self._disputed_elsewhere(name, key, country)
        if disputed:
            return disputed
        if side.coordinates and self.create_missing and (country != RUSSIA or subject):
            return Placement(self._new_from_file(name, country, subject, region, side), country)
        return _aside(
            Reason.NOT_FOUND,
            _("“%(name)s” is not in the gazetteer for %(country)s.")
            % {"name": name, "country": country},
            name=name,
            country=country,
        )

    def _among_homonyms(self, name, country, entries, side):
        """
        Several registry municipalities bear the name (the three Sovetsks): the
        gazetteer's rules choose among their own places only (Kirov over Kirov
        of Kaluga Oblast, sixteen times smaller). Where one of them has no
        place, nothing tells them apart.
        """
        if any(entry.geonames_id is None for entry in entries):
            return self._homonyms(name, country, entries)
        self._fetch_places([entry.geonames_id for entry in entries])
        if any(entry.geonames_id not in self.places_by_id for entry in entries):
            return self._homonyms(name, country, entries)
        # The registry's own population where it has one: GeoNames leaves some at 0.
        places = [
            self.places_by_id[entry.geonames_id]._replace(
                population=entry.population or self.places_by_id[entry.geonames_id].population
            )
            for entry in entries
        ]
        choice = choose_place(places, name=name, country=country, coordinates=side.coordinates)
        if choice.place is None:
            return self._homonyms(name, country, entries)
        return Placement(
            self.registry.by_geonames[choice.place.geonames_id], country, choice.describe()
        )

    def _placed_at(self, choice, name, country, entries, side, subject, by_staff):
        place = choice.place
        note = _("as staff decided") if by_staff else choice.describe(only=False)
        area = disputed_area_of(place.country_code, place.admin1_code)
        if area is not None and not by_staff and area.other in (RUSSIA, ""):
            # GeoNames' reading, where Russia's reading (Crimea) or a state few recognise
            # (Abkhazia) is the other one: staff decide.
            return self._disputed(name, country, place, area)
        pk = self.registry.by_geonames.get(place.geonames_id)
        if pk is not None:
            return Placement(pk, place.country_code, note)
        if entries:
            return self._homonyms(name, country, entries)
        if not self.create_missing:
            return _not_in_registry(name, country, [place_candidate(place, side.coordinates)])
        new = self._new_from_place(place, name, subject, side.oktmo)
        return Placement(new, place.country_code, note)

    def _homonyms(self, name, country, entries):
        return _aside(
            Reason.REGISTRY_HOMONYMS,
            _(
                "“%(name)s” matches several municipalities in the registry: %(names)s. "
                "Give the OKTMO code or the region."
            )
            % {
                "name": name,
                "names": "; ".join(
                    _("«%(name)s» (no. %(id)s)") % {"name": e.label, "id": e.pk} for e in entries
                ),
            },
            name=name,
            country=country,
            candidates=[registry_candidate(e) for e in entries],
        )

    def _disputed(self, name, country, place, area):
        readings = [area.country, area.other] if area.other else [area.country]
        return _aside(
            Reason.DISPUTED,
            _(
                "“%(name)s” lies in %(area)s, a disputed territory. The file says %(country)s; "
                "GeoNames files it under %(geonames)s; the other reading: %(other)s."
            )
            % {
                "name": name,
                "area": area.name,
                "country": country_name(country),
                "geonames": country_name(area.country),
                "other": area.description,
            },
            name=name,
            country=country,
            candidates=[place_candidate(place), *({"country": code} for code in readings)],
        )

    def _disputed_elsewhere(self, name, key, country):
        """A name found only in an area another country files while ``country`` claims it."""
        areas = disputed_areas_claimed_by(country) + [
            area for area in disputed_areas() if area.country == country and not area.admin1
        ]
        if not areas:
            return None
        for place in self._places(self.anywhere.get(key, ())):
            for area in areas:
                if place.country_code in (area.country, area.other) and area.admin1 in (
                    "",
                    place.admin1_code,
                ):
                    return self._disputed(name, country, place, area)
        return None

    # --- regions, districts and parts ------------------------------------------------
    def _place_region(self, form, country):
        key = normalize_name(form.written)
        entries = [
            e for e in self._registry_named(country, key) if e.kind == Municipality.Kind.REGION
        ]
        if len(entries) == 1:
            return Placement(entries[0].pk, country)
        if country == RUSSIA:
            subject = self._subject(form.written) or self._subject(form.base)
            if subject is None:
                return _aside(
                    Reason.NOT_FOUND,
                    _("“%(name)s” is no federal subject of Russia.") % {"name": form.written},
                    name=form.written,
                    country=country,
                )
            pk = self.registry.regions_by_subject.get(subject.pk)
            if pk:
                return Placement(pk, country)
            return self._new_or_aside(
                form.written,
                country,
                ("region", subject.pk),
                kind=Municipality.Kind.REGION,
                subject=subject,
            )
        codes = region_codes(country, form.written) or region_codes(country, form.base)
        if len(codes) != 1:
            return _aside(
                Reason.NOT_FOUND,
                _("“%(name)s” is not a region of %(country)s known to GeoNames.")
                % {"name": form.written, "country": country},
                name=form.written,
                country=country,
            )
        code = next(iter(codes))
        return self._new_or_aside(
            form.written,
            country,
            ("region", code),
            kind=Municipality.Kind.REGION,
            region=region_name(country, code),
        )

    def _place_district(self, form, country, region, side):
        key = normalize_name(form.written)
        entries = self._registry_named(country, key)
        if len(entries) == 1:
            return Placement(entries[0].pk, country)
        subject, admin1, problem = self._region_filter(country, region, from_file=bool(side.region))
        if problem:
            return problem
        if country == RUSSIA:
            subject = subject or self._district_subject(form.base)
            if subject is None:
                return self._district_aside(form, country)
            return self._new_or_aside(
                form.written,
                country,
                (subject.pk, key, Municipality.Kind.MUNICIPAL_DISTRICT),
                kind=Municipality.Kind.MUNICIPAL_DISTRICT,
                subject=subject,
            )
        own_region = region_codes(country, form.written) or region_codes(country, form.base)
        if len(own_region) == 1 and not region:
            # A county that is a first-level region ("Primorje-Gorski Kotar County").
            return self._place_region(form, country)
        code = next(iter(admin1)) if len(admin1) == 1 else self._seat_region(form.base, country)
        if not code:
            return self._district_aside(form, country)
        return self._new_or_aside(
            form.written,
            country,
            (code, key, Municipality.Kind.DISTRICT),
            kind=Municipality.Kind.DISTRICT,
            region=region_name(country, code),
        )

    def _district_aside(self, form, country):
        return _aside(
            Reason.DISTRICT,
            _(
                "“%(name)s” is a district, and the file does not say in which region: "
                "give the region, or say which municipality it is."
            )
            % {"name": form.written},
            name=form.written,
            country=country,
        )

    def _district_subject(self, base):
        """
        A Russian district is named with the adjective of its centre ("Gatchinsky"
        after Gatchina, "Kolomensky" after Kolomna). The centre is the place whose
        name is the adjective's stem (less up to two letters) with a short ending;
        the district lies in the federal subject of the centre, or of the one ten
        times larger than the others. None when no such centre decides it, or
        when a place bears the adjective itself (Beloyarsky District may be
        named after the town of Beloyarsky, not after Beloyarsk).
        """
        key = normalize_name(transliterate(base)).replace(" ", "")
        stem = next((key[: -len(e)] for e in DISTRICT_ENDINGS if key.endswith(e)), None)
        if not stem or len(stem) < 3:
            return None
        if GazetteerName.objects.filter(skeleton=name_skeleton(key), country_code=RUSSIA).exists():
            return None
        for shorter in (stem, stem[:-1], stem[:-2]):
            if len(shorter) < 3:
                break
            if shorter not in self.stem_subjects:
                self.stem_subjects[shorter] = self._centre_subject(shorter)
            found, subject = self.stem_subjects[shorter]
            if found:
                return subject
        return None

    def _centre_subject(self, stem):
        """(any centre found, its federal subject or None) for one stem."""
        skeletons = {name_skeleton(stem + ending) for ending in CENTRE_ENDINGS} - {""}
        ids = set(
            GazetteerName.objects.filter(
                skeleton__in=list(skeletons), country_code=RUSSIA
            ).values_list("place_id", flat=True)
        )
        self._fetch_places(ids)
        # The centre's own name, not one of its alternates, is the district's root.
        centres = _by_population(
            [
                self.places_by_id[i]
                for i in ids
                if i in self.places_by_id and name_skeleton(self.places_by_id[i].name) in skeletons
            ]
        )
        if not centres:
            return False, None
        subjects = {federal_subject_of(p) for p in centres}
        if len(subjects) == 1:
            return True, subjects.pop()
        largest = centres[0]
        if all(largest.population >= LARGER * max(p.population, 1) for p in centres[1:]):
            return True, federal_subject_of(largest)
        return True, None

    def _seat_region(self, base, country):
        """
        A foreign district named after its seat ("Olsztyn County"): the region of
        the place of that name the gazetteer's rules choose, or None.
        """
        places, _by_staff = self._gazetteer_candidates(country, normalize_name(base))
        own = [p for p in places if normalize_name(p.name) == normalize_name(base)]
        choice = choose_place(own, name=base, country=country)
        return choice.place.admin1_code if choice.place is not None else None

    def _place_part(self, form, country, region, side, also):
        parent = self._parent_of(form.parent, country, region, side, also)
        if parent is None:
            # The qualifier names no place ("Oberursel (Taunus)"): the name alone decides.
            return self._place_plain(form.base, country, region, side, also=also)
        if not parent.is_placed:
            return parent
        subject, admin1, parent_place = self._where(parent)
        key = normalize_name(form.base)
        entries = self._registry_named(country, key, subject, region="")
        if subject is not None:
            entries = [e for e in entries if e.subject_id == subject.pk]
        if len(entries) == 1:
            return Placement(entries[0].pk, country)
        candidates, _by_staff = self._gazetteer_candidates(country, key)
        candidates = [p for p in candidates if p.admin1_code == admin1 and p is not parent_place]
        kind = Municipality.Kind.INTRACITY if country == RUSSIA else Municipality.Kind.DISTRICT
        choice = choose_place(
            candidates, name=form.base, country=country, coordinates=side.coordinates
        )
        note = _("part of %(parent)s, as the file says") % {"parent": form.parent}
        if choice.place is not None:
            pk = self.registry.by_geonames.get(choice.place.geonames_id)
            if pk is not None:
                return Placement(pk, country, note)
            if not self.create_missing:
                return self._new_or_aside(form.base, country, (), kind=kind)
            new = self._new_from_place(choice.place, form.base, subject, None)
            if country == RUSSIA:
                new.kind = kind
            return Placement(new, country, note)
        if choice.candidates:
            return _aside(
                Reason.AMBIGUOUS_PLACE,
                _("“%(name)s” may be any of several places: %(places)s.")
                % {"name": form.written, "places": _listed(choice.candidates)},
                name=form.written,
                country=country,
                candidates=[place_candidate(p) for p in choice.candidates[:12]],
            )
        if country == RUSSIA and subject is None:
            return _aside(
                Reason.PART,
                _("“%(name)s” is part of “%(parent)s”, whose federal subject is unknown.")
                % {"name": form.written, "parent": form.parent},
                name=form.written,
                country=country,
            )
        placement = self._new_or_aside(
            form.base,
            country,
            (subject.pk if subject else admin1, key, kind),
            kind=kind,
            subject=subject,
            region="" if subject else region_name(country, admin1),
        )
        if placement.is_placed:
            placement.note = note
        return placement

    def _parent_of(self, parent_text, country, region, side, also):
        """The parent's Placement; None where the qualifier names no place or region."""
        if country == RUSSIA and (subject := self._subject(parent_text)) is not None:
            if subject.kind == FederalSubject.Kind.FEDERAL_CITY:
                parent = self._place_plain(parent_text, country, "", side, also=also)
                if parent.is_placed:
                    return parent
            return Placement(("subject", subject), country)
        parent_side = Side(parent_text, side.country_text, region, None, None, side.default_country)
        pending = set(self.new_by_key)
        parent = self._place_plain(parent_text, country, region, parent_side, also=also)
        # The parent only locates the part: it is created only if a row names it itself.
        for key in set(self.new_by_key) - pending:
            del self.new_by_key[key]
        if parent.is_placed:
            return parent
        if parent.reason == Reason.NOT_FOUND:
            return None
        return parent

    def _where(self, parent):
        """(federal subject, admin1 code, gazetteer place) of a placed parent."""
        target = parent.target
        if isinstance(target, tuple):
            subject = target[1]
            return subject, subject.geonames_admin1, None
        if isinstance(target, NewMunicipality):
            place = target.place
            subject = target.subject or (federal_subject_of(place) if place else None)
            return subject, place.admin1_code if place else None, place
        entry = self.registry.entries[target]
        subject = self.subjects_by_pk.get(entry.subject_id)
        place = None
        if entry.geonames_id:
            self._fetch_places([entry.geonames_id])
            place = self.places_by_id.get(entry.geonames_id)
        admin1 = place.admin1_code if place else (subject.geonames_admin1 if subject else None)
        return subject, admin1, place

    # --- new municipalities ------------------------------------------------------------
    def _new_or_aside(self, name, country, key, *, kind, subject=None, region=""):
        if not self.create_missing:
            return _not_in_registry(name, country)
        full_key = (country, *key) if key else (country, normalize_name(name), kind)
        new = self.new_by_key.get(full_key)
        if new is None:
            new = NewMunicipality(full_key, name, country, kind, subject, region)
            self.new_by_key[full_key] = new
        return Placement(new, country)

    def _new_from_place(self, place, name, subject, oktmo):
        key = ("place", place.geonames_id)
        new = self.new_by_key.get(key)
        if new is None:
            written = name if has_cyrillic(name) or place.country_code != RUSSIA else place.name
            new = NewMunicipality(key, written, place.country_code, subject=subject, place=place)
            self.new_by_key[key] = new
        taken = oktmo in self.registry.by_oktmo or oktmo in self.new_by_oktmo
        if oktmo and not new.oktmo and not taken:
            new.oktmo = oktmo
            self.new_by_oktmo[oktmo] = new
        return new

    def _new_from_file(self, name, country, subject, region, side):
        key = (
            country,
            subject.pk if subject else normalize_name(region),
            normalize_name(name),
            "file",
        )
        new = self.new_by_key.get(key)
        if new is None:
            new = NewMunicipality(
                key,
                name,
                country,
                subject=subject,
                region="" if subject else region,
                oktmo=side.oktmo if side.oktmo not in self.new_by_oktmo else None,
                coordinates=side.coordinates,
            )
            self.new_by_key[key] = new
            if new.oktmo:
                self.new_by_oktmo[new.oktmo] = new
        return new


def country_name(code):
    """A country's name in the active language, for messages."""
    from django_countries import countries

    return str(countries.name(code)) or code


def _by_population(places):
    return sorted(places, key=lambda p: (-p.population, p.geonames_id))


def _comma_parts(name):
    if not name or "," not in name:
        return [name] if name and name.strip() else []
    return [part.strip() for part in name.split(",") if part.strip()]


def _listed(places):
    return "; ".join(
        f"{p.name} ({region_name(p.country_code, p.admin1_code)}, {p.population:,}, "
        f"GeoNames {p.geonames_id})"
        for p in places[:8]
    )
