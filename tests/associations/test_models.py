"""Invariants of the outreach records, in forms and in the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from associations.models import Contact, FollowUp
from tests.factories import AssociationFactory, FollowUpFactory


@pytest.mark.django_db
def test_follow_up_owner_must_be_project_office_staff(olga):
    follow_up = FollowUp(
        association=AssociationFactory(), owner=olga, due_on=datetime.date.today(), task="x"
    )
    with pytest.raises(ValidationError) as refused:
        follow_up.full_clean()
    assert "owner" in refused.value.error_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    "due_on",
    [
        datetime.date(1999, 12, 31),
        datetime.date.today().replace(year=datetime.date.today().year + 11),
    ],
)
def test_follow_up_dates_before_2000_or_over_ten_years_ahead_are_refused(alice, due_on):
    follow_up = FollowUp(association=AssociationFactory(), owner=alice, due_on=due_on, task="x")
    with pytest.raises(ValidationError) as refused:
        follow_up.full_clean()
    assert "due_on" in refused.value.error_dict


@pytest.mark.django_db
def test_database_refuses_follow_ups_before_2000_even_without_the_form(alice):
    with pytest.raises(IntegrityError):
        FollowUpFactory(owner=alice, due_on=datetime.date(1995, 1, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "12345"), ("phone", "8 (495) 123-45-67"), ("email", "not-an-email")],
)
def test_contact_phone_must_be_international_and_email_valid(field, value):
    contact = Contact(association=AssociationFactory(), full_name="Test", **{field: value})
    with pytest.raises(ValidationError) as refused:
        contact.full_clean()
    assert field in refused.value.error_dict


@pytest.mark.django_db
def test_contact_phone_in_international_format_is_kept_normalised():
    contact = Contact(
        association=AssociationFactory(), full_name="Test", phone="+7 (495) 241-65-59"
    )
    contact.full_clean()
    contact.save()
    contact.refresh_from_db()
    assert contact.phone.as_e164 == "+74952416559"


@pytest.mark.django_db
def test_names_are_bilingual_with_fallback():
    from django.utils import translation

    association = AssociationFactory(name_ru="Союз городов", name_en="")
    with translation.override("en"):
        assert association.name == "Союз городов"
    association.name_en = "Union of Cities"
    with translation.override("en"):
        assert association.name == "Union of Cities"
    with translation.override("ru"):
        assert association.name == "Союз городов"
