"""Demo accounts exist only on a development portal and are created once."""

import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_OFFICIAL_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD
from accounts.models import User


@pytest.mark.django_db
def test_demo_accounts_are_created_idempotently(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    assert User.objects.count() == 2
    staff = User.objects.get(email=DEMO_STAFF_EMAIL)
    assert staff.is_project_staff and staff.is_staff
    assert staff.check_password(DEMO_STAFF_PASSWORD)
    assert User.objects.get(email=DEMO_OFFICIAL_EMAIL).is_city_official


@pytest.mark.django_db
def test_demo_accounts_are_refused_under_production_settings(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_accounts")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_migrations_create_no_accounts():
    assert not User.objects.exists()
