"""The cyclic garbage collector paused while an extraction runs.

An extraction makes tens of thousands of small objects (tokens, mentions, matches) and no reference
cycles: reference counting frees all of it, yet the collector would walk those objects every 700
allocations, about a tenth of the extraction's time for nothing.

``gc.disable()`` is process-wide, so the pause is shared and counted: the first extraction to start
pauses the collector, the last to finish resumes it, and only if it was running before. While it is
paused, other threads' cyclic garbage waits (it is not lost: the collector takes it on resuming). If
extractions overlap without a break, the one that finishes collects once enough allocations have
piled up, so the waiting garbage stays bounded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations (the collector's youngest count) after which an extraction that finishes while others
#: still run collects, as the collector would have.
CATCH_UP = 100_000

_lock = threading.Lock()
_running = 0
_resume = False


@contextmanager
def paused() -> Iterator[None]:
    global _running, _resume
    with _lock:
        if _running == 0:
            _resume = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _resume:
                gc.enable()
            catch_up = _running > 0 and _resume and gc.get_count()[0] > CATCH_UP
        if catch_up:
            gc.collect()  # outside the lock: a finaliser it runs may start an extraction
