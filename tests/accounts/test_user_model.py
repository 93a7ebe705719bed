"""The user model: e-mail login, roles as groups, preferred language."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError

from accounts.models import User
from accounts.roles import CITY_OFFICIAL, PROJECT_OFFICE_STAFF


@pytest.mark.django_db
def test_roles_exist_with_their_permissions():
    staff = Group.objects.get(name=PROJECT_OFFICE_STAFF)
    assert staff.permissions.filter(codename="view_user").exists()
    assert Group.objects.filter(name=CITY_OFFICIAL).exists()


def test_staff_means_the_group_not_the_admin_flag(alice, olga, charlie):
    assert alice.is_project_staff
    assert not olga.is_project_staff
    charlie.is_staff = True
    charlie.save()
    assert not User.objects.get(pk=charlie.pk).is_project_staff
    assert olga.is_city_official


@pytest.mark.django_db
def test_email_is_unique_whatever_its_case():
    User.objects.create_user("Person@Example.org", "x")
    with pytest.raises(IntegrityError):
        User.objects.create(email="PERSON@example.org")


@pytest.mark.django_db
def test_new_users_prefer_russian():
    assert User.objects.create_user("new@example.org", "x").preferred_language == "ru"
