"""
Models of the registry app, one module per concern:

- ``registry``: federal subjects, municipalities, ties, their documents, officials' profiles;
- ``imports``: import jobs and saved column mappings;
- ``requests``: partnership requests from city officials, their workflow and thread.
"""

from .imports import ColumnMapping, ImportJob, SetAsideRow
from .registry import (
    RUSSIA,
    DatePrecision,
    FederalSubject,
    Municipality,
    MunicipalityAlias,
    OfficialProfile,
    Partnership,
    PartnershipDocument,
    format_partial_date,
)
from .requests import (
    TRANSITIONS,
    PartnershipRequest,
    RequestAttachment,
    RequestMessage,
    RequestStatus,
    RequestTransition,
)

__all__ = [
    "RUSSIA",
    "TRANSITIONS",
    "ColumnMapping",
    "DatePrecision",
    "FederalSubject",
    "ImportJob",
    "Municipality",
    "MunicipalityAlias",
    "OfficialProfile",
    "Partnership",
    "PartnershipDocument",
    "PartnershipRequest",
    "RequestAttachment",
    "RequestMessage",
    "RequestStatus",
    "RequestTransition",
    "SetAsideRow",
    "format_partial_date",
]
