"""
Models of the registry app, one module per concern:

- ``registry``: federal subjects, municipalities, ties, their documents, officials' profiles;
- ``imports``: import jobs and saved column mappings;
- ``requests``: partnership requests from city officials, their workflow and thread.
"""

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
    "OfficialProfile",
    "Partnership",
    "PartnershipDocument",
    "PartnershipRequest",
    "RequestAttachment",
    "RequestMessage",
    "RequestStatus",
    "RequestTransition",
    "format_partial_date",
]
