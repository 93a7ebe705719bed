"""Forms of the registry app, one module per concern."""

from .registry import MunicipalityForm, PartnershipForm

__all__ = ["MunicipalityForm", "PartnershipForm"]
