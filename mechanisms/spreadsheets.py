"""
Spreadsheet safety: cells that a spreadsheet would run as a formula.

Every export writes text through ``escape_formula``, so a value beginning
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return opens as text in
Excel and LibreOffice, never as a formula; imports drop the guard again
(``unescape_formula``), so an export re-imports unchanged.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def unescape_formula(text):
    """The cell as it was before ``escape_formula``."""
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:]
    return text
