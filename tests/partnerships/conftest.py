"""Fixtures of the registry tests."""

import pytest

from partnerships.models import FederalSubject
from tests.registry import municipality


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
