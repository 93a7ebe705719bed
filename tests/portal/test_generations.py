"""Cache generations: a write makes every value cached before it stale, at once and at commit."""

import pytest

from urc_portal.generations import CacheGeneration


@pytest.mark.django_db
def test_values_are_computed_once_per_generation(django_capture_on_commit_callbacks):
    generation = CacheGeneration("test-generation")
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert generation.cached("kind", ("a",), compute) == 1
    assert generation.cached("kind", ("a",), compute) == 1
    assert generation.cached("kind", ("b",), compute) == 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generation.changed()
        # Stale at once, inside the writing transaction ...
        assert generation.cached("kind", ("a",), compute) == 3
    # ... and again when it commits: what a reader cached in between is not served.
    for callback in callbacks:
        callback()
    assert generation.cached("kind", ("a",), compute) == 4
    assert generation.cached("kind", ("a",), compute) == 4


@pytest.mark.django_db
def test_generations_are_independent():
    registry, roadmap = CacheGeneration("test-one"), CacheGeneration("test-two")
    registry.cached("kind", (), lambda: "kept")
    roadmap.changed()
    assert registry.cached("kind", (), lambda: "recomputed") == "kept"
