"""Countries as people write them: names in many languages, old names, regions, near misses."""

import pytest

from gazetteer.countries import read_country


@pytest.mark.parametrize(
    ("written", "code", "region"),
    [
        ("Germany", "DE", ""),
        ("Германия", "DE", ""),
        ("Deutschland", "DE", ""),
        ("DEU", "DE", ""),
        ("de", "DE", ""),
        ("England, United Kingdom", "GB", "England"),
        ("Scotland", "GB", "Scotland"),
        ("Wales", "GB", "Wales"),
        ("Шотландия", "GB", "Scotland"),
        ("Georgia (country)", "GE", ""),
        ("Republic of Ireland", "IE", ""),
        ("People's Republic of China", "CN", ""),
        ("Republic of Macedonia", "MK", ""),
        ("Cape Verde", "CV", ""),
        ("Moldavia", "MD", ""),
        ("Kosovo", "XK", ""),
        ("Korea, Republic of", "KR", ""),
        ("Южная Корея", "KR", ""),
        ("Côte d’Ivoire", "CI", ""),
        ("Бирма", "MM", ""),
        ("Россия", "RU", ""),
        ("  россия ", "RU", ""),
    ],
)
def test_a_country_is_read_from_the_way_people_write_it(written, code, region):
    reading = read_country(written)
    assert (reading.code, reading.region) == (code, region)


def test_a_territory_named_beside_its_country_is_kept():
    reading = read_country("Åland Islands, Finland")
    assert (reading.code, reading.also) == ("FI", ("AX",))


def test_a_state_that_split_up_is_ambiguous_and_lists_its_successors():
    reading = read_country("USSR")
    assert reading.code is None
    assert {"RU", "UA", "BY", "KZ"} <= set(reading.candidates)
    assert set(read_country("Yugoslavia").candidates) >= {"RS", "HR", "SI", "BA"}


def test_a_name_as_written_wins_over_one_taken_out_of_a_longer_name():
    # Russian «Конго» is the Republic of the Congo; «Конго (Демократическая Республика)» is not it.
    assert read_country("Конго").code == "CG"
    assert read_country("Демократическая Республика Конго").code == "CD"


def test_a_near_miss_is_only_a_suggestion():
    reading = read_country("Kazakhstah")
    assert reading.code is None and reading.suggestion == "KZ"


def test_an_unknown_name_has_neither_code_nor_suggestion():
    for nonsense in ("Нарния", "Narnia", "12345"):
        reading = read_country(nonsense)
        assert reading.code is None and reading.suggestion is None and not reading.candidates


def test_an_empty_cell_reads_as_nothing():
    assert read_country("").code is None and read_country(None).code is None


def test_staff_aliases_come_first():
    assert read_country("Грециа", aliases={"грециа": "GR"}).code == "GR"
    assert read_country("Германия", aliases={"германия": "AT"}).code == "AT"
