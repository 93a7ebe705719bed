"""A record number read from a request is a short run of ASCII digits, or nothing."""

import pytest

from mechanisms.parameters import record_number


@pytest.mark.parametrize(("value", "number"), [("42", 42), (" 7 ", 7), (15, 15), ("0", 0)])
def test_digits_are_a_number(value, number):
    assert record_number(value) == number


@pytest.mark.parametrize("value", ["", None, "²", "٣", "4\x00", "-1", "1.5", "x", "9" * 5000])
def test_anything_else_is_none(value):
    assert record_number(value) is None
