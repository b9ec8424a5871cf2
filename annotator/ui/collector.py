"""Opening a document builds tens of thousands of small objects at once (spans, their
looks, index entries); Python's cycle collector would run dozens of times meanwhile,
each pass walking every object of the window. `collector_paused` holds it off for such
a burst: nothing is lost, cycles made meanwhile are collected at its next run."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector for the block (left as found if already off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
