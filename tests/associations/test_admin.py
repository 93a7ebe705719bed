"""Admin: every model listed, searchable, with history that can be reverted."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import PROJECT_OFFICE_STAFF
from associations.models import AssociationDocument, NationalAssociation
from reminders.services import reminders_claim
from tests.factories import ActivityFactory, AssociationFactory, ContactFactory, FollowUpFactory

MODELS = ["nationalassociation", "contact", "outreachactivity", "followup", "associationdocument"]


@pytest.fixture
def filled(alice):
    association = AssociationFactory()
    ContactFactory(association=association)
    ActivityFactory(association=association)
    follow_up = FollowUpFactory(association=association, owner=alice)
    AssociationDocument.objects.create(
        association=association, title="Соглашение", file=ContentFile(b"%PDF-1.4", name="s.pdf")
    )
    reminders_claim(model=type(follow_up), object_ids=[follow_up.pk], kind="test", period="once")
    return association


@pytest.mark.django_db
def test_staff_group_holds_the_association_permissions():
    staff = Group.objects.get(name=PROJECT_OFFICE_STAFF)
    codenames = set(staff.permissions.values_list("codename", flat=True))
    assert {"change_nationalassociation", "add_followup", "view_reminderlog"} <= codenames


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_add_and_change_page_opens_for_staff(staff_client, filled, model):
    assert (
        staff_client.get(reverse(f"admin:associations_{model}_changelist"), {"q": "а"}).status_code
        == 200
    )
    assert staff_client.get(reverse(f"admin:associations_{model}_add")).status_code == 200
    obj = {
        "nationalassociation": filled,
        "contact": filled.contacts.first(),
        "outreachactivity": filled.activities.first(),
        "followup": filled.follow_ups.first(),
        "associationdocument": filled.documents.first(),
    }[model]
    assert (
        staff_client.get(reverse(f"admin:associations_{model}_change", args=[obj.pk])).status_code
        == 200
    )
    assert (
        staff_client.get(reverse(f"admin:associations_{model}_history", args=[obj.pk])).status_code
        == 200
    )


def test_reminder_log_is_visible_in_admin(staff_client, filled):
    response = staff_client.get(reverse("admin:reminders_reminderlog_changelist"))
    assert response.status_code == 200
    assert "test" in response.content.decode()


def test_changes_are_recorded_with_who_and_can_be_reverted(staff_client, alice):
    association = AssociationFactory(name_en="Before")
    staff_client.post(
        reverse("associations:stage_change", args=[association.pk]), {"stage": "contacted"}
    )
    association.refresh_from_db()
    assert association.stage == "contacted"
    first = association.history.earliest()
    latest = association.history.latest()
    assert latest.history_user == alice

    revert_url = reverse(
        "admin:associations_nationalassociation_simple_history",
        args=[association.pk, first.history_id],
    )
    form = staff_client.get(revert_url)
    assert form.status_code == 200
    data = {
        "kind": first.kind,
        "name_ru": first.name_ru,
        "name_en": first.name_en,
        "acronym": "",
        "country": first.country,
        "scope": first.scope,
        "website": "",
        "description_ru": "",
        "description_en": "",
        "stage": first.stage,
        "agreement_signed_on": "",
    }
    response = staff_client.post(revert_url, data)
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.stage == "prospect"
    assert association.history.count() == 3


def test_admin_is_closed_to_city_officials(client, olga):
    olga.is_staff = False
    client.force_login(olga)
    response = client.get(reverse("admin:associations_nationalassociation_changelist"))
    assert response.status_code == 302
    assert NationalAssociation.objects.exists()
