"""A small least-recently-used store, shared by the site's caches.

Thread-safe: Datasette reads on several threads, so a cache shared by its
views takes a lock for each look-up. Bounded by a count of entries and,
optionally, by their total size in bytes (``weigh`` says what an entry
costs): an entry heavier than the whole budget is not kept at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class LRU(Generic[Value]):
    def __init__(self, size: int, max_bytes: int | None = None, weigh: Callable[[Value], int] | None = None) -> None:
        if max_bytes is not None and weigh is None:
            raise ValueError("a byte cap needs a weigh function")
        self.size = size
        self.max_bytes = max_bytes
        self.weigh = weigh
        self.kept: OrderedDict[Hashable, tuple[Value, int]] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self.lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.kept)

    def get(self, key: Hashable) -> Value | None:
        with self.lock:
            found = self.kept.get(key)
            if found is None:
                self.misses += 1
                return None
            self.hits += 1
            self.kept.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: Value) -> None:
        weight = self.weigh(value) if self.weigh else 0
        with self.lock:
            old = self.kept.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            if self.max_bytes is not None and weight > self.max_bytes:
                return
            self.kept[key] = (value, weight)
            self.bytes += weight
            while len(self.kept) > self.size or (self.max_bytes is not None and self.bytes > self.max_bytes):
                _, (_, dropped) = self.kept.popitem(last=False)
                self.bytes -= dropped

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
            self.bytes = self.hits = self.misses = 0
