"""
Reads of the registry app, one module per concern. The registry's own are
re-exported here: ``from partnerships.selectors import partnerships_visible_to``.
"""

from .registry import municipality_visible_to, partnerships_visible_to, ties_of

__all__ = ["municipality_visible_to", "partnerships_visible_to", "ties_of"]
