"""Saving without a pause of the cyclic garbage collector in the middle of it.

Saving an entry to a large account weighs every statement of the account again: tens
of thousands of short-lived objects, which make Python's collector run (and now and
then walk the whole heap, tens of milliseconds on a journal's caches) inside the save.
``collector_paused`` holds the automatic collector off for the length of one save or
delete; it runs again with the next allocation after it, between the rep's actions,
as the app's GUI-thread collector (``ui/work/gui_gc.py``) runs it. Nothing is lost:
the garbage a save makes is freed by reference counting as it goes, and cycles are
collected right after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The automatic collector held off for the ``with`` block (re-entrant; a collector
    already switched off, as in the app, stays off)."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
