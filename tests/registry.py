"""Small builders for registry records in tests."""

import itertools

from partnerships.models import FederalSubject, Municipality, Partnership

_numbers = itertools.count(1)


def municipality(country="RU", **fields):
    n = next(_numbers)
    defaults = {"name_ru": f"Город №{n}", "name_en": f"Town No. {n}", "country": country}
    if country == "RU" and "federal_subject" not in fields:
        defaults["federal_subject"] = FederalSubject.objects.get(name_ru="Волгоградская область")
    defaults.update(fields)
    return Municipality.objects.create(**defaults)


def tie(a=None, b=None, **fields):
    return Partnership.objects.create(
        municipality_a=a or municipality("RU"), municipality_b=b or municipality("FI"), **fields
    )
