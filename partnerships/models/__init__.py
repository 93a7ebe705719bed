"""
Models of the registry app, one module per concern:

- ``registry``: federal subjects, municipalities, ties, their documents, officials' profiles;
- ``gazetteer``: the GeoNames places and their names;
- ``imports``: import jobs and saved column mappings.
"""

from .gazetteer import GazetteerName, GazetteerPlace
from .imports import ColumnMapping, ImportJob
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
    "ColumnMapping",
    "DatePrecision",
    "FederalSubject",
    "GazetteerName",
    "GazetteerPlace",
    "ImportJob",
    "Municipality",
    "OfficialProfile",
    "Partnership",
    "PartnershipDocument",
    "format_partial_date",
]
