"""
Models of the registry app, one module per concern:

- ``registry``: federal subjects, municipalities, ties, their documents, officials' profiles;
- ``gazetteer``: the GeoNames places and their names.
"""

from .gazetteer import GazetteerName, GazetteerPlace
from .registry import (
    RUSSIA,
    DatePrecision,
    FederalSubject,
    Municipality,
    OfficialProfile,
    Partnership,
    PartnershipDocument,
    format_partial_date,
)

__all__ = [
    "RUSSIA",
    "DatePrecision",
    "FederalSubject",
    "GazetteerName",
    "GazetteerPlace",
    "Municipality",
    "OfficialProfile",
    "Partnership",
    "PartnershipDocument",
    "format_partial_date",
]
