"""How the review views reach the journal: the GUI thread's connection for quick reads
and a factory that opens a new connection for a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlite_utils import Database

from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey
from reljournal.store.opening import OpenJournal

READER_CACHE_KIB = 16 * 1024  # a reader's page cache: repeated portfolio reads stay fast


def open_reader(path: Path, key: JournalKey) -> Database:
    """A read-only connection for a worker thread (the GUI connection ran migrations)."""
    db = open_database(path, key, migrate=False)
    db.conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
    db.conn.execute("PRAGMA query_only = 1")
    return db


@dataclass(frozen=True)
class JournalAccess:
    db: Database  # the GUI thread's connection: only for reads of a few milliseconds
    connect: Callable[[], Database]  # a new connection, for one worker thread

    @classmethod
    def for_journal(cls, journal: OpenJournal) -> JournalAccess:
        """Access to an unlocked journal; workers open it with the same key."""
        return cls(journal.db, partial(open_reader, journal.path, journal.key))
