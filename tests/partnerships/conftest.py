"""
Fixtures of the registry tests, and the people and places of the partnership-request tests.

``olga`` (tests/conftest.py) becomes the approved official of Volgograd here
(``volgograd_official``); ``boris`` is an approved official of another
Russian municipality; ``lahti`` and ``kemi`` are Finnish partners.
"""

import pytest
from django.utils import timezone

from accounts.roles import CITY_OFFICIAL
from partnerships.models import FederalSubject, OfficialProfile, PartnershipRequest
from partnerships.personal_data import CONSENT_VERSION
from tests.conftest import make_user
from tests.registry import municipality

UPLOADS = "tests/data/uploads/"


def approve(user, place, *, by=None, consented=True):
    now = timezone.now()
    return OfficialProfile.objects.create(
        user=user,
        municipality=place,
        position="Начальник отдела внешних связей",
        approved_at=now,
        approved_by=by,
        personal_data_consent_at=now if consented else None,
        personal_data_consent_version=CONSENT_VERSION if consented else "",
    )


@pytest.fixture
def volgograd(db):
    return municipality("RU", name_ru="Волгоград", name_en="Volgograd")


@pytest.fixture
def kazan(db):
    return municipality("RU", name_ru="Казань", name_en="Kazan")


@pytest.fixture
def lahti(db):
    return municipality("FI", name_ru="Лахти", name_en="Lahti")


@pytest.fixture
def kemi(db):
    return municipality("FI", name_ru="Кеми", name_en="Kemi")


@pytest.fixture
def volgograd_official(olga, volgograd):
    approve(olga, volgograd)
    return olga


@pytest.fixture
def boris(db, password, kazan):
    user = make_user(
        "boris@example.org",
        password,
        group=CITY_OFFICIAL,
        full_name="Борис Казанский",
        preferred_language="ru",
    )
    approve(user, kazan)
    return user


@pytest.fixture
def boris_client(client, boris):
    client.force_login(boris)
    return client


def make_request(municipality, by, *, status=PartnershipRequest.Status.DRAFT, **fields):
    """A complete request written straight to the database (tests of what follows)."""
    values = {
        "partner_country": "FI",
        "kind": "twinning",
        "areas": {"culture", "youth"},
        "rationale": "Общая история и молодёжные обмены.",
        "first_steps": "Обмен делегациями в 2026 году.",
        "contact_name": "Ольга Иванова",
        "contact_position": "Начальник отдела",
        "contact_email": "olga@example.org",
    }
    values.update(fields)
    if "partner_municipality" in values and values["partner_municipality"] is not None:
        values["partner_country"] = values["partner_municipality"].country
    now = timezone.now()
    submitted = status != PartnershipRequest.Status.DRAFT
    return PartnershipRequest.objects.create(
        municipality=municipality,
        created_by=by,
        status=status,
        submitted_at=now if submitted else None,
        **values,
    )


def form_data(**overrides):
    """A valid POST of the request form."""
    data = {
        "partner_country": "FI",
        "partner_municipality": "",
        "partner_region": "",
        "partner_association": "",
        "kind": "twinning",
        "areas": ["culture", "youth"],
        "rationale": "Общая история и молодёжные обмены.",
        "first_steps": "Обмен делегациями в 2026 году.",
        "contact_name": "Ольга Иванова",
        "contact_position": "Начальник отдела",
        "contact_email": "olga@example.org",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def upload(name, *, as_name=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with open(UPLOADS + name, "rb") as sample:
        return SimpleUploadedFile(as_name or name, sample.read())


@pytest.fixture
def registry():
    volgograd = municipality(
        "RU",
        name_ru="Волгоград",
        name_en="Volgograd",
        oktmo="18701000",
        federal_subject=FederalSubject.objects.get(name_ru="Волгоградская область"),
    )
    cologne = municipality("DE", name_ru="Кёльн", name_en="Cologne")
    return volgograd, cologne
