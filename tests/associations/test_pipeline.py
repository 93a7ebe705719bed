"""The pipeline board and list: grouped by stage, filtered, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory, AssociationFactory, FollowUpFactory


def test_board_groups_associations_by_stage_with_counts(staff_client):
    AssociationFactory.create_batch(3, stage="contacted")
    AssociationFactory(stage="declined", name_ru="Отказавшийся союз")
    response = staff_client.get(reverse("associations:pipeline"))
    columns = {column["stage"]: column for column in response.context["columns"]}
    assert columns["contacted"]["count"] == 3
    assert columns["declined"]["count"] == 1
    # The seven associations of the data migration are there too.
    assert columns["agreement_signed"]["count"] == 6
    assert columns["joint_work"]["count"] == 1
    assert "Отказавшийся союз" in response.content.decode()


def test_filters_by_country_stage_text_owner_and_overdue(staff_client, alice):
    mongolia = AssociationFactory(country="MN", stage="contacted", name_ru="Союз степных городов")
    serbia = AssociationFactory(country="RS", stage="in_dialogue", name_en="Serbian towns")
    FollowUpFactory(
        association=serbia, owner=alice, due_on=timezone.localdate() - datetime.timedelta(days=2)
    )

    def names(**params):
        response = staff_client.get(reverse("associations:list"), params)
        return {a.pk for a in response.context["page"]}

    assert names(country="MN") == {mongolia.pk}
    assert names(stage="in_dialogue") == {serbia.pk}
    assert names(q="степных") == {mongolia.pk}
    assert names(q="serbian") == {serbia.pk}
    assert names(owner=alice.pk) == {serbia.pk}
    assert names(overdue="true") == {serbia.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"country": "ZZ"},
        {"owner": "abc"},
        {"stage": "nonsense"},
        {"page": "xyz"},
        {"overdue": "maybe"},
    ],
)
def test_garbage_filter_parameters_never_break_the_page(staff_client, params):
    assert staff_client.get(reverse("associations:pipeline"), params).status_code == 200
    assert staff_client.get(reverse("associations:list"), params).status_code == 200


def test_pipeline_runs_the_same_number_of_queries_whatever_the_data(
    staff_client, alice, django_assert_num_queries
):
    def populate(n):
        for association in AssociationFactory.create_batch(n, stage="in_dialogue"):
            ActivityFactory.create_batch(2, association=association)
            FollowUpFactory(association=association, owner=alice)

    populate(3)
    staff_client.get(reverse("associations:pipeline"))  # warm the session
    with django_assert_num_queries(6):
        staff_client.get(reverse("associations:pipeline"))
    populate(30)
    with django_assert_num_queries(6):
        staff_client.get(reverse("associations:pipeline"))
    with django_assert_num_queries(6):
        staff_client.get(reverse("associations:list"))
