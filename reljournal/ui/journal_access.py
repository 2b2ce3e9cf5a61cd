"""How the review views reach the journal: the GUI thread's connection for quick reads
and a factory that opens a new connection for a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from sqlite_utils import Database

from reljournal.store.database import open_database
from reljournal.store.journal import OpenJournal


@dataclass(frozen=True)
class JournalAccess:
    db: Database  # the GUI thread's connection: only for reads of a few milliseconds
    connect: Callable[[], Database]  # a new connection, for one worker thread

    @classmethod
    def for_journal(cls, journal: OpenJournal) -> JournalAccess:
        """Access to an unlocked journal; workers open it with the same key."""
        return cls(journal.db, partial(open_database, journal.path, journal.key, migrate=False))
