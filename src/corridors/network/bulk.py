"""Building large networks: what loading and graph building share."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building millions of acyclic objects.

    Each collection would walk everything built so far, again and again: that more than
    doubles the time to decode, check and index a large network. Reference counting still
    frees whatever is dropped; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
