"""
Bad input of the roadmap: a clear error in the user's language, never a 500,
nothing saved. End before start, a dependency cycle, a foreign municipality
outside the roadmap's association (or country), a dependency on another
roadmap, a responsible person outside the office.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roadmap.models import Milestone, MilestoneDocument, Roadmap
from roadmap.services import milestone_save
from tests.registry import municipality
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db
CREATE = "/en" + reverse("roadmap:milestone_create")


def form(roadmap, **overrides):
    data = {
        "roadmap": roadmap.pk,
        "title_ru": "Визит делегации",
        "title_en": "Delegation visit",
        "kind": "visit",
        "status": "planned",
        "planned_start_on": "2027-05-10",
        "planned_end_on": "2027-05-12",
        "actual_start_on": "",
        "actual_end_on": "",
        "responsible": "",
        "description_ru": "",
        "description_en": "",
        "outcome_notes": "",
    }
    data.update(overrides)
    return data


def test_a_valid_milestone_is_saved_with_its_links(staff_client, overall, volgograd, lahti, alice):
    response = staff_client.post(
        CREATE,
        form(overall, municipalities=[volgograd.pk, lahti.pk], responsible=alice.pk),
    )
    milestone = Milestone.objects.get()
    assert response.status_code == 302
    assert response["Location"] == milestone.get_absolute_url()
    assert set(milestone.municipalities.all()) == {volgograd, lahti}
    assert milestone.responsible == alice
    assert milestone.is_public is False


def test_an_end_before_the_start_is_refused_with_a_clear_message(staff_client, overall):
    response = staff_client.post(
        CREATE, form(overall, planned_start_on="2027-05-10", planned_end_on="2027-05-01")
    )
    assert response.status_code == 200
    assert "The planned end cannot be before the planned start." in response.content.decode()
    assert not Milestone.objects.exists()


def test_the_message_is_in_russian_on_russian_pages(client, alice, overall):
    client.force_login(alice)
    response = client.post(
        reverse("roadmap:milestone_create"),
        form(overall, planned_start_on="2027-05-10", planned_end_on="2027-05-01"),
    )
    assert "Плановое окончание не может быть раньше планового начала." in response.content.decode()


def test_an_actual_end_before_the_actual_start_is_refused(staff_client, overall):
    response = staff_client.post(
        CREATE, form(overall, actual_start_on="2027-05-10", actual_end_on="2027-05-09")
    )
    assert response.status_code == 200
    assert "The actual end cannot be before the actual start." in response.content.decode()
    assert not Milestone.objects.exists()


def test_garbage_dates_are_refused_not_crashed(staff_client, overall):
    response = staff_client.post(
        CREATE, form(overall, planned_start_on="31.02.2027", planned_end_on="\x00")
    )
    assert response.status_code == 200
    assert not Milestone.objects.exists()


def test_a_dependency_cycle_is_refused_and_named(staff_client, overall):
    first = make_milestone(overall, title_en="Signing")
    second = make_milestone(overall, title_en="Visit")
    second.depends_on.add(first)
    third = make_milestone(overall, title_en="Forum")
    third.depends_on.add(second)

    response = staff_client.post(
        "/en" + reverse("roadmap:milestone_edit", args=[first.pk]),
        form(overall, title_en="Signing", depends_on=[third.pk]),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "would go round in a circle" in text
    assert "«Signing» → «Forum» → «Visit» → «Signing»" in text
    assert list(first.depends_on.all()) == []
    first.refresh_from_db()
    assert first.title_ru == "Этап №1" or first.title_ru.startswith("Этап")


def test_a_milestone_cannot_depend_on_itself(overall, alice):
    milestone = make_milestone(overall)
    with pytest.raises(ValidationError) as error:
        milestone_save(milestone=milestone, depends_on=[milestone], by=alice)
    assert "depends_on" in error.value.error_dict
    assert not milestone.depends_on.exists()


def test_the_service_refuses_a_cycle_however_it_is_called(overall, alice):
    first, second = make_milestone(overall), make_milestone(overall)
    milestone_save(milestone=second, depends_on=[first], by=alice)
    with pytest.raises(ValidationError):
        milestone_save(milestone=first, depends_on=[second], by=alice)
    assert not first.depends_on.exists()


def test_a_dependency_on_another_roadmap_is_refused(overall, finnish_roadmap, alice):
    elsewhere = make_milestone(finnish_roadmap)
    milestone = Milestone(
        roadmap=overall, title_ru="Этап", planned_start_on=datetime.date(2027, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        milestone_save(milestone=milestone, depends_on=[elsewhere], by=alice)
    assert "своей дорожной карты" in str(error.value)
    assert not Milestone.objects.filter(roadmap=overall).exists()


def test_a_foreign_municipality_outside_the_association_is_refused(
    staff_client, finnish_roadmap, kemi
):
    response = staff_client.post(CREATE, form(finnish_roadmap, municipalities=[kemi.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "are not its members" in text and "Kemi" in text
    assert not Milestone.objects.exists()


def test_member_cities_and_russian_cities_take_part_freely(
    staff_client, finnish_roadmap, lahti, volgograd
):
    kazan = municipality("RU", name_ru="Казань", name_en="Kazan")
    response = staff_client.post(
        CREATE, form(finnish_roadmap, municipalities=[lahti.pk, volgograd.pk, kazan.pk])
    )
    assert response.status_code == 302
    assert Milestone.objects.get().municipalities.count() == 3


def test_a_country_roadmap_takes_foreign_municipalities_of_its_country_only(alice, volgograd):
    armenian = Roadmap.objects.create(
        title_ru="Армения",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 1, 1),
        country="AM",
    )
    gyumri = municipality("AM", name_ru="Гюмри", name_en="Gyumri")
    cologne = municipality("DE", name_ru="Кёльн", name_en="Cologne")
    milestone = Milestone(
        roadmap=armenian, title_ru="Визит", planned_start_on=datetime.date(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        milestone_save(milestone=milestone, municipalities=[gyumri, cologne, volgograd], by=alice)
    assert "Кёльн" in str(error.value) and "Гюмри" not in str(error.value)
    milestone_save(milestone=milestone, municipalities=[gyumri, volgograd], by=alice)
    assert milestone.municipalities.count() == 2


def test_moving_a_milestone_to_a_scoped_roadmap_checks_its_participants(
    staff_client, overall, finnish_roadmap, kemi
):
    milestone = make_milestone(overall, municipalities=[kemi])
    response = staff_client.post(
        "/en" + reverse("roadmap:milestone_edit", args=[milestone.pk]),
        form(finnish_roadmap, municipalities=[kemi.pk]),
    )
    assert response.status_code == 200
    milestone.refresh_from_db()
    assert milestone.roadmap == overall


def test_the_responsible_person_must_be_staff(staff_client, overall, olga):
    response = staff_client.post(CREATE, form(overall, responsible=olga.pk))
    assert response.status_code == 200
    assert "must be a member of the project office staff" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_refused_milestone_keeps_none_of_its_documents(staff_client, overall):
    from tests.partnerships.conftest import upload

    data = form(overall, planned_end_on="2027-05-01")
    data["documents"] = [upload("agreement.pdf")]
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    assert not MilestoneDocument.objects.exists()


def test_an_executable_document_is_refused_and_nothing_is_saved(staff_client, overall):
    from tests.partnerships.conftest import upload

    data = form(overall)
    data["documents"] = [upload("program.exe")]
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    assert not Milestone.objects.exists()
