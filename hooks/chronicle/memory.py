"""Garbage-collector settings for building many long-lived objects at once.

Loading thousands of entries creates millions of small objects that all stay
alive. CPython's cyclic collector is triggered by allocation counts, so while
they pile up it walks the growing heap again and again: at 10,000 entries
that repeated walking costs about a third of the load time. Raising the
first threshold while bulk work runs keeps collections rare; garbage cycles
are still collected, only in larger batches.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLDS = (100_000, 50, 100)
"""Collector thresholds during bulk work; CPython's defaults are (700, 10, 10)."""


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Collect garbage less often while the block runs; restore the previous thresholds after it."""
    previous = gc.get_threshold()
    gc.set_threshold(*BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
