"""
The roadmap's cache generation: feeds, timeline data and filter forms are
cached until the roadmap next changes.

Every save or delete of a roadmap or a milestone, and every change of a
milestone's links, bumps one number (``roadmap.receivers`` connects the
signals); cached values carry the number in their keys, so a change makes
them all stale at once (``urc_portal.generations``).
"""

from urc_portal.generations import CacheGeneration

ROADMAP = CacheGeneration("roadmap")

roadmap_version = ROADMAP.version
roadmap_changed = ROADMAP.changed
cached = ROADMAP.cached
