"""The resolution's partners come from a data migration, with nothing invented."""

import pytest

from associations.models import NationalAssociation

RESOLUTION_NAMES = [
    "Государственное агентство по делам местного самоуправления и межэтнических отношений при "
    "Правительстве Кыргызской Республики",
    "Совет по взаимодействию органов местного самоуправления при Совете Республики Национального "
    "собрания Республики Беларусь",
    "Союз общин Республики Армения",
    "Союз Муниципалитетов Тюркского Мира",
    "Национальная ассоциация мэров Республики Корея",
    "Ассоциация финских местных и региональных властей",
]


@pytest.mark.django_db
def test_the_six_agreement_partners_are_seeded_verbatim_with_signed_agreements():
    partners = NationalAssociation.objects.filter(name_ru__in=RESOLUTION_NAMES)
    assert partners.count() == 6
    assert {p.country.code for p in partners} == {"KG", "BY", "AM", "TR", "KR", "FI"}
    for partner in partners:
        assert partner.stage == NationalAssociation.Stage.AGREEMENT_SIGNED
        assert partner.name_en
        # Nothing the resolution does not say: no dates, no people, no documents.
        assert partner.agreement_signed_on is None
        assert not partner.contacts.exists()
        assert not partner.documents.exists()


@pytest.mark.django_db
def test_twin_cities_is_an_international_organisation_in_joint_work():
    twin_cities = NationalAssociation.objects.get(
        name_ru="Международная ассоциация «Породненные города»"
    )
    assert twin_cities.kind == NationalAssociation.Kind.INTERNATIONAL
    assert twin_cities.scope == NationalAssociation.Scope.INTERNATIONAL
    assert twin_cities.stage == NationalAssociation.Stage.JOINT_WORK


@pytest.mark.django_db
def test_turkic_world_union_is_international():
    union = NationalAssociation.objects.get(name_ru="Союз Муниципалитетов Тюркского Мира")
    assert union.scope == NationalAssociation.Scope.INTERNATIONAL
    assert union.country.code == "TR"
