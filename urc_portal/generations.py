"""
Cache generations: cached views of some data that every write makes stale at once.

A generation is one number in the shared cache. Cached values carry it in
their keys; a write bumps it, so every value cached before is never read
again (and expires on its own). The number is bumped at the change and again
when its transaction commits: a reader between the two may have cached the
old state under the first new number, never under the second.

    REGISTRY = CacheGeneration("registry")
    page = REGISTRY.cached("directory-page", (language, filters), render_page)
    REGISTRY.changed()  # from the signal receivers, or after a bulk write
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

DEFAULT_TIMEOUT = 24 * 3600


class CacheGeneration:
    def __init__(self, name, *, timeout=DEFAULT_TIMEOUT):
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout

    def version(self):
        version = cache.get(self.version_key)
        if version is None:
            version = time.time_ns()
            cache.add(self.version_key, version, None)  # another process may have won
            version = cache.get(self.version_key, version)
        return version

    def _bump(self):
        cache.set(self.version_key, time.time_ns(), None)

    def changed(self):
        """Make every value of this generation stale, now and once the transaction commits."""
        self._bump()
        transaction.on_commit(self._bump)

    def cached(self, kind, parts, compute, timeout=None):
        """The cached value for (kind, parts) in the current generation, computed on a miss."""
        digest = hashlib.sha1(
            "|".join(str(part) for part in parts).encode(), usedforsecurity=False
        ).hexdigest()
        key = f"{self.name}:{self.version()}:{kind}:{digest}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, self.timeout if timeout is None else timeout)
        return value
