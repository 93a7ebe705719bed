"""The roadmap in Django admin: lists, history, and the same checks as the staff pages."""

import pytest
from django.urls import reverse

from roadmap.models import Milestone
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db


def test_admin_lists_and_forms_open(staff_client, overall):
    milestone = make_milestone(overall)
    for url in (
        reverse("admin:roadmap_roadmap_changelist"),
        reverse("admin:roadmap_roadmap_change", args=[overall.pk]),
        reverse("admin:roadmap_milestone_changelist"),
        reverse("admin:roadmap_milestone_add"),
        reverse("admin:roadmap_milestone_change", args=[milestone.pk]),
        reverse("admin:roadmap_milestone_history", args=[milestone.pk]),
        reverse("admin:roadmap_calendartoken_changelist"),
    ):
        assert staff_client.get(url).status_code == 200, url


def test_the_overall_roadmap_cannot_be_deleted_in_admin(staff_client, overall):
    response = staff_client.get(reverse("admin:roadmap_roadmap_delete", args=[overall.pk]))
    assert response.status_code == 403


def test_admin_refuses_a_dependency_cycle(staff_client, overall):
    first, second = make_milestone(overall), make_milestone(overall)
    second.depends_on.add(first)
    data = {
        "roadmap": overall.pk,
        "title_ru": first.title_ru,
        "title_en": "",
        "kind": "visit",
        "status": "planned",
        "planned_start_on": "2027-05-10",
        "planned_end_on": "2027-05-12",
        "depends_on": [second.pk],
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(reverse("admin:roadmap_milestone_change", args=[first.pk]), data)
    assert response.status_code == 200
    assert "круг" in response.content.decode()
    assert not first.depends_on.exists()


def test_admin_saves_a_milestone_with_history(staff_client, overall, alice):
    data = {
        "roadmap": overall.pk,
        "title_ru": "Из админки",
        "title_en": "",
        "kind": "forum",
        "status": "planned",
        "planned_start_on": "2027-05-10",
        "planned_end_on": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(reverse("admin:roadmap_milestone_add"), data)
    assert response.status_code == 302
    milestone = Milestone.objects.get(title_ru="Из админки")
    assert milestone.planned_end_on == milestone.planned_start_on
    assert milestone.history.first().history_user == alice
