"""Dates in imported files: the accepted range does not depend on how long the machine has been up."""

import datetime

import pytest

from partnerships.importing import values
from partnerships.models import DatePrecision


@pytest.fixture
def fresh_process(monkeypatch):
    """A process that has not looked the year up yet, on a machine booted seconds ago."""
    monkeypatch.setitem(values._latest_year, "checked", None)
    monkeypatch.setitem(values._latest_year, "year", 0)
    monkeypatch.setattr(values.time, "monotonic", lambda: 42.0)
    values.partial_date.cache_clear()
    yield
    values.partial_date.cache_clear()


def test_dates_are_accepted_right_after_boot(fresh_process):
    assert values.partial_date("12.05.1972") == (datetime.date(1972, 5, 12), DatePrecision.DAY)
    assert values.partial_date("1999") == (datetime.date(1999, 1, 1), DatePrecision.YEAR)
    assert values.latest_year() == datetime.date.today().year + 10


def test_the_range_still_holds_right_after_boot(fresh_process):
    with pytest.raises(ValueError, match="1899"):
        values.partial_date("1899")
    with pytest.raises(ValueError, match=str(datetime.date.today().year + 11)):
        values.partial_date(str(datetime.date.today().year + 11))
