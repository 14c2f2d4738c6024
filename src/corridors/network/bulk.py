"""Building large networks: what loading and graph building share."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_ABOVE = 100_000  # objects built: a large network's (the bundled one leaves about 5,000)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building millions of acyclic objects, and none after.

    Each collection would walk everything built so far, again and again: that more than
    doubles the time to decode, check and index a large network. Reference counting still
    frees whatever is dropped. When many objects were built, they are frozen on the way
    out (gc.freeze: moved where the collector never looks) rather than swept: the records
    of a network live as long as it does and hold no cycles, so a sweep would walk them
    all (a second or so on 100,000 places) to free nothing. A small build leaves the
    collector as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if gc.get_count()[0] > FREEZE_ABOVE:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
