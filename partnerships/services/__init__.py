"""
Services of the registry app, one module per concern. The registry's own are
re-exported here: ``from partnerships.services import municipality_merge``.
"""

from .registry import (
    GazetteerReport,
    MergeConflict,
    merge_conflicts,
    municipalities_fill_from_gazetteer,
    municipality_merge,
    municipality_save,
    partnership_create,
    partnership_merge,
    validation_messages,
)

__all__ = [
    "GazetteerReport",
    "MergeConflict",
    "merge_conflicts",
    "municipalities_fill_from_gazetteer",
    "municipality_merge",
    "municipality_save",
    "partnership_create",
    "partnership_merge",
    "validation_messages",
]
