"""The application facade over a test's open journal, one per journal, sharing its
connection on the test's thread (so store-level seeding and the UI see the same data)."""

from __future__ import annotations

from typing import Any

from reljournal.journal.facade import Journal


def facade(opened: Any) -> Journal:
    """The ``Journal`` facade of an ``OpenJournal`` (made once, then reused)."""
    made = getattr(opened, "_facade", None)
    if made is None:
        made = Journal(opened)
        opened._facade = made
    return made
