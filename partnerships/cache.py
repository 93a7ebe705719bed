"""
The registry's cache generation: public pages of the registry are cached until the next write.

Every change to a municipality or a tie bumps one number (signals do it for
saves and deletes; bulk writes of the import and the demo call
``registry_changed()`` themselves). Cached counts, statistics, map data and
rendered directory pages carry the number in their keys, so a write makes all
of them stale at once and nothing is ever served out of date
(``urc_portal.generations``).
"""

from urc_portal.generations import CacheGeneration

REGISTRY = CacheGeneration("registry")

registry_version = REGISTRY.version
registry_changed = REGISTRY.changed
cached = REGISTRY.cached
