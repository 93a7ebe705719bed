"""Merging duplicate municipalities: links move, conflicts stop the merge."""

import pytest
from django.urls import reverse

from associations.models import NationalAssociation
from partnerships.models import Municipality, OfficialProfile, Partnership
from partnerships.services import MergeConflict, municipality_merge
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


def test_merge_moves_ties_officials_and_memberships_and_keeps_history(olga):
    portland = municipality("US", name_en="Portland", name_ru="")
    portland_maine = municipality(
        "US", name_en="Portland, Maine", name_ru="Портленд", geonames_id=4975802
    )
    volgograd, kazan = municipality("RU"), municipality("RU")
    tie(volgograd, portland)
    moved = tie(kazan, portland_maine)
    profile = OfficialProfile.objects.create(user=olga, municipality=portland_maine)
    association = NationalAssociation.objects.first()
    portland_maine.associations.add(association)

    municipality_merge(survivor=portland, absorbed=portland_maine)

    assert not Municipality.objects.filter(pk=portland_maine.pk).exists()
    moved.refresh_from_db()
    assert moved.municipality_b == portland
    profile.refresh_from_db()
    assert profile.municipality == portland
    assert association in portland.associations.all()
    portland.refresh_from_db()
    assert portland.name_ru == "Портленд"  # filled from the absorbed record where empty
    assert portland.geonames_id == 4975802
    assert "объединён с" in portland.history.first().history_change_reason
    assert Municipality.history.filter(id=portland_maine.pk, history_type="-").exists()


def test_two_ties_with_one_partner_become_one_tie_keeping_both_sides_facts(alice):
    import datetime

    from partnerships.models import PartnershipDocument
    from tests.partnerships.conftest import upload

    portland, portland_maine, volgograd = municipality("US"), municipality("US"), municipality("RU")
    kept = tie(volgograd, portland, kind="twinning", areas={"culture"}, is_public=False)
    collided = tie(
        portland_maine,
        volgograd,
        kind="memorandum",
        signed_on=datetime.date(1988, 1, 1),
        signed_on_precision="year",
        areas={"youth"},
        source="Wikipedia",
        is_public=True,
    )
    document = PartnershipDocument.objects.create(
        partnership=collided, title="Agreement", file=upload("agreement.pdf"), uploaded_by=alice
    )
    municipality_merge(survivor=portland, absorbed=portland_maine)
    assert list(Partnership.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.kind == "twinning" and kept.signed_display == "1988"
    assert set(kept.areas) == {"culture", "youth"} and kept.source == "Wikipedia"
    assert kept.is_public
    document.refresh_from_db()
    assert document.partnership == kept
    assert Partnership.history.filter(id=collided.pk, history_type="-").exists()


def test_merge_refuses_a_tie_that_would_join_a_municipality_to_itself():
    portland, portland_maine = municipality("US"), municipality("US")
    tie(portland, portland_maine)
    with pytest.raises(MergeConflict):
        municipality_merge(survivor=portland, absorbed=portland_maine)
    assert Municipality.objects.filter(pk=portland_maine.pk).exists()


def test_admin_merge_action_asks_which_one_to_keep_then_merges(staff_client):
    portland, portland_maine = (
        municipality("US", name_en="Portland"),
        municipality("US", name_en="Portland, ME"),
    )
    url = reverse("admin:partnerships_municipality_changelist")
    selected = {"action": "merge_selected", "_selected_action": [portland.pk, portland_maine.pk]}
    response = staff_client.post(url, selected)
    assert response.status_code == 200
    assert "survivor" in response.content.decode()
    response = staff_client.post(url, {**selected, "survivor": portland.pk})
    assert response.status_code == 302
    assert list(Municipality.objects.filter(pk__in=[portland.pk, portland_maine.pk])) == [portland]


def test_admin_merge_with_conflicts_changes_nothing_and_says_why(staff_client):
    portland, portland_maine = municipality("US"), municipality("US")
    volgograd = portland
    tie(portland, portland_maine)
    url = reverse("admin:partnerships_municipality_changelist")
    response = staff_client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": [portland.pk, portland_maine.pk],
            "survivor": portland.pk,
        },
        follow=True,
    )
    text = response.content.decode()
    assert str(volgograd) in text
    assert Municipality.objects.filter(pk=portland_maine.pk).exists()
