"""One connection per thread to the open journal, opened on first use in that thread.

A connection never crosses threads: every facade call runs on the calling thread's own
connection. The thread that unlocked the journal keeps the connection made then (which
ran the migrations); any other thread opens its own without migrating. A reader thread
asks for ``read_only`` first (``query_only`` and a larger page cache). Another thread may
interrupt a thread's running query (``sqlite3_interrupt`` is thread-safe).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Final

from sqlite_utils import Database

from reljournal.store.database import close_database, open_database_keyed
from reljournal.store.keys import JournalKey

log = logging.getLogger(__name__)

READER_CACHE_KIB: Final = 16 * 1024  # a reader's page cache: repeated portfolio reads stay fast


class Connections:
    """The journal's connections, one per thread."""

    def __init__(self, path: Path, key: JournalKey, first: Database | None = None) -> None:
        self.path = path
        self.key = key
        self._lock = threading.Lock()
        self._by_thread: dict[int, Database] = {}
        self._closed = False
        if first is not None:
            self._by_thread[threading.get_ident()] = first

    def current(self) -> Database:
        """This thread's connection (opened now if it has none)."""
        ident = threading.get_ident()
        with self._lock:
            db = self._by_thread.get(ident)
            if self._closed:
                raise RuntimeError("the journal is closed")
        if db is None:
            db, key = open_database_keyed(self.path, self.key, migrate=False)
            with self._lock:
                self._by_thread[ident] = db
                self.key = key  # a passphrase stretched for the file: the next thread's is quick
        return db

    def read_only(self) -> Database:
        """This thread's connection, made a reader: it can only query."""
        db = self.current()
        db.conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
        db.conn.execute("PRAGMA query_only = 1")
        return db

    def interrupt(self, thread_id: int) -> None:
        """Stop the query running on that thread's connection, if any."""
        with self._lock:
            db = self._by_thread.get(thread_id)
        if db is None:
            return
        try:
            db.conn.interrupt()
        except Exception:  # a closed connection: nothing to interrupt
            log.debug("interrupt failed", exc_info=True)

    def close_current(self) -> None:
        """Close this thread's connection (a worker thread ending)."""
        with self._lock:
            db = self._by_thread.pop(threading.get_ident(), None)
        if db is not None:
            close_database(db)

    def close(self) -> None:
        """Close this thread's connection and refuse new ones. Other threads close their
        own as they end (a connection is only ever closed by the thread that uses it)."""
        self.close_current()
        with self._lock:
            self._closed = True
            left = len(self._by_thread)
        if left:
            log.debug("%d worker connection(s) still open at close", left)
