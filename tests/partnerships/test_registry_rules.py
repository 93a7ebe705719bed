"""The registry's invariants hold in forms and, when forms are bypassed, in the database."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from partnerships.forms import MunicipalityForm, PartnershipForm
from partnerships.models import Municipality, Partnership
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


def municipality_data(**changes):
    data = {"name_ru": "Камышин", "name_en": "Kamyshin", "country": "RU", "kind": "urban_okrug"}
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("oktmo", "1234"),
        ("oktmo", "123456789"),
        ("oktmo", "18a15000"),
        ("latitude", "91"),
        ("longitude", "-181"),
    ],
)
def test_municipality_form_refuses_bad_values(field, value):
    form = MunicipalityForm(data=municipality_data(**{field: value}))
    assert not form.is_valid()
    assert field in form.errors
    assert not Municipality.objects.filter(name_ru="Камышин").exists()


def test_municipality_form_errors_speak_russian_by_default():
    form = MunicipalityForm(data=municipality_data(oktmo="1234"))
    form.is_valid()
    assert "8 или 11 цифр" in form.errors["oktmo"][0]


def test_oktmo_of_8_or_11_digits_is_accepted_and_unique():
    form = MunicipalityForm(data=municipality_data(oktmo="18715000"))
    assert form.is_valid(), form.errors
    form.save()
    second = MunicipalityForm(data=municipality_data(name_ru="Другой", oktmo="18715000"))
    assert not second.is_valid()
    assert "oktmo" in second.errors


def test_geonames_id_used_by_another_municipality_is_refused():
    municipality(geonames_id=472757)
    form = MunicipalityForm(data=municipality_data(geonames_id=472757))
    assert not form.is_valid()
    assert "geonames_id" in form.errors


@pytest.mark.parametrize(
    "fields",
    [
        {"oktmo": "123"},
        {"latitude": 95},
        {"longitude": 200},
        {"name_ru": "", "name_en": ""},
    ],
)
def test_database_refuses_bad_municipalities_without_the_form(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(**{**municipality_data(), **fields, "federal_subject": None})


def test_database_refuses_a_federal_subject_abroad():
    from partnerships.models import FederalSubject

    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(
            name_en="Lahti", country="FI", federal_subject=FederalSubject.objects.first()
        )


def test_the_same_pair_in_either_order_is_one_tie_in_the_form():
    a, b = municipality("RU", name_ru="Волгоград"), municipality("FI", name_en="Kemi")
    existing = tie(a, b)
    form = PartnershipForm(
        data={
            "municipality_a": b.pk,
            "municipality_b": a.pk,
            "kind": "twinning",
            "status": "active",
            "signed_on_precision": "day",
            "ended_on_precision": "day",
        }
    )
    assert not form.is_valid()
    message = form.errors["municipality_b"][0]
    assert f"№ {existing.pk}" in message or f"no. {existing.pk}" in message
    assert "Волгоград" in message


def test_the_same_pair_in_either_order_is_refused_by_the_database():
    a, b = municipality("RU"), municipality("FI")
    tie(a, b)
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(municipality_a=b, municipality_b=a)


def test_a_municipality_cannot_be_tied_to_itself():
    a = municipality("RU")
    form = PartnershipForm(
        data={
            "municipality_a": a.pk,
            "municipality_b": a.pk,
            "kind": "twinning",
            "status": "active",
            "signed_on_precision": "day",
            "ended_on_precision": "day",
        }
    )
    assert not form.is_valid()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(municipality_a=a, municipality_b=a)


def test_a_tie_cannot_end_before_it_was_signed():
    a, b = municipality("RU"), municipality("FI")
    form = PartnershipForm(
        data={
            "municipality_a": a.pk,
            "municipality_b": b.pk,
            "kind": "twinning",
            "status": "terminated",
            "signed_on": "2010-05-01",
            "ended_on": "2009-01-01",
            "signed_on_precision": "day",
            "ended_on_precision": "day",
        }
    )
    assert not form.is_valid()
    assert "ended_on" in form.errors
    with pytest.raises(IntegrityError), transaction.atomic():
        tie(a, b, signed_on=datetime.date(2010, 5, 1), ended_on=datetime.date(2009, 1, 1))


def test_a_bare_year_is_shown_as_the_year():
    partnership = tie(signed_on=datetime.date(1972, 1, 1), signed_on_precision="year")
    assert partnership.signed_display == "1972"
    partnership = tie(signed_on=datetime.date(1972, 5, 1), signed_on_precision="month")
    assert partnership.signed_display == "05.1972"
    assert tie(signed_on=datetime.date(1972, 5, 12)).signed_display == "12.05.1972"


def test_search_name_holds_both_names_and_the_transliteration():
    city = municipality("RU", name_ru="Волгоград", name_en="Volgograd")
    assert "волгоград" in city.search_name
    assert "volgograd" in city.search_name
    foreign = municipality("FI", name_ru="", name_en="Lahti")
    assert foreign.search_name == "lahti"
