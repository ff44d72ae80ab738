"""Python's cycle collector paused while a piece of work holds many objects.

Each full pass of the collector walks every object alive, and a pass is triggered by allocation
counts: work that builds hundreds of thousands of objects, none of them garbage (an import's rows,
a billing batch's groups and lines, a report's rows), pays for several passes over all of them —
15–20 % of a 100,000-row import, 0.5–0.9 s of the 2 s pipeline report on the large workload
(BENCHMARKS.md). Reference counting still frees everything at once; the collector runs again
after. It is process-wide: for the duration, another thread's cycles wait too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """``with without_cycle_collection(): …`` or as a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
