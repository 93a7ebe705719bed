"""
Reads of the registry app, one module per concern. The registry's own are
re-exported here: ``from partnerships.selectors import partnerships_visible_to``.
"""

from .registry import municipality_with_ties, partnerships_visible_to, ties_of

__all__ = ["municipality_with_ties", "partnerships_visible_to", "ties_of"]
