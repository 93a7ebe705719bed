"""
The roadmap's cache generation: feeds, timeline data and filter forms are
cached until the roadmap next changes.

Every save or delete of a roadmap or a milestone, and every change of a
milestone's links, bumps one number (``roadmap.receivers`` connects the
signals); cached values carry the number in their keys, so a change makes
them all stale at once. The number is bumped at the change and again when
its transaction commits: a reader between the two may have cached the old
state under the first new number, never under the second.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "roadmap:version"
TIMEOUT = 24 * 3600


def roadmap_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def _bump():
    cache.set(VERSION_KEY, time.time_ns(), None)


def roadmap_changed():
    """Make every cached view of the roadmap stale, now and once the transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def cached(kind, parts, compute, timeout=TIMEOUT):
    """The cached value for (kind, parts) in the current generation, computed on a miss."""
    digest = hashlib.sha1(
        "|".join(str(part) for part in parts).encode(), usedforsecurity=False
    ).hexdigest()
    key = f"roadmap:{roadmap_version()}:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
