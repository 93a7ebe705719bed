"""
The registry's cache generation: public pages of the registry are cached until the next write.

Every change to a municipality or a tie bumps one number (signals do it for
saves and deletes; bulk writes of the import and the demo call
``registry_changed()`` themselves). Cached counts, statistics, map data and
rendered directory pages carry the number in their keys, so a write makes all
of them stale at once and nothing is ever served out of date.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "registry:version"
TIMEOUT = 24 * 3600


def registry_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def registry_changed():
    """Make every cached view of the registry stale, once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), None))


def cache_key(kind, *parts):
    digest = hashlib.sha1(
        "|".join(str(part) for part in parts).encode(), usedforsecurity=False
    ).hexdigest()
    return f"registry:{registry_version()}:{kind}:{digest}"


def cached(kind, parts, compute, timeout=TIMEOUT):
    """The cached value for (kind, parts) in the current generation, computed on a miss."""
    key = cache_key(kind, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
