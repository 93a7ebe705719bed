"""Admin of the registry app; each module registers its models."""

from . import (
    registry,  # noqa: F401
    requests,  # noqa: F401
)
