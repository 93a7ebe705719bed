"""
Values read from requests and forms, taken as what they claim to be or not at all.

A record number in a URL or a form is a short string of ASCII digits; anything
else (a NUL byte, a superscript digit that ``str.isdigit`` accepts and ``int``
refuses, five thousand digits) is no number, never an error.
"""

MAX_DIGITS = 11


def record_number(value):
    """The number ``value`` names, or None when it names none."""
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return None
