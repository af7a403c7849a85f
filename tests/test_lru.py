"""The LRU behind the site's caches: bounded by count and by bytes."""

from __future__ import annotations

import pytest

from service.lru import LRU


def test_the_least_recently_used_goes_first():
    kept: LRU[str] = LRU(2)
    kept.put("a", "A")
    kept.put("b", "B")
    assert kept.get("a") == "A"  # "a" is now the most recent
    kept.put("c", "C")
    assert kept.get("b") is None
    assert (kept.get("a"), kept.get("c")) == ("A", "C")
    assert (kept.hits, kept.misses) == (3, 1)


def test_the_byte_cap_drops_the_oldest_until_the_rest_fit():
    kept: LRU[bytes] = LRU(100, max_bytes=10, weigh=len)
    for key in "abcd":
        kept.put(key, b"xxxx")
    assert len(kept) == 2 and kept.bytes == 8
    assert kept.get("a") is None and kept.get("d") == b"xxxx"


def test_a_value_heavier_than_the_cap_is_not_kept_and_replaces_nothing():
    kept: LRU[bytes] = LRU(100, max_bytes=10, weigh=len)
    kept.put("small", b"x")
    kept.put("huge", b"x" * 11)
    assert kept.get("huge") is None and kept.get("small") == b"x" and kept.bytes == 1


def test_putting_a_key_again_counts_its_bytes_once():
    kept: LRU[bytes] = LRU(100, max_bytes=10, weigh=len)
    for _ in range(5):
        kept.put("a", b"xxxx")
    assert len(kept) == 1 and kept.bytes == 4


def test_clear_forgets_everything():
    kept: LRU[bytes] = LRU(100, max_bytes=10, weigh=len)
    kept.put("a", b"xx")
    kept.get("a")
    kept.clear()
    assert (len(kept), kept.bytes, kept.hits, kept.misses) == (0, 0, 0, 0)


def test_a_byte_cap_needs_a_weight():
    with pytest.raises(ValueError):
        LRU(10, max_bytes=10)
