"""Issue 18, round 3: the command line's quick read of a journal whose key is in the
keychain, without the rest of the journal layer.

``search`` needs one keychain read, one SQLCipher connection and the full-text query;
``Journal`` (the facade) brings sqlite-utils, the undo history and every feature's store
module with it. When the key is in the keychain and the journal is at this version's
schema, the search runs here on a connection that can only read; otherwise (no key there,
a keychain that fails, a journal to migrate, anything unusual) this gives None and the
command opens the journal as always, which asks, migrates or says what is wrong.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reljournal.core.errors import RelJournalError
from reljournal.core.records import SearchHit

log = logging.getLogger(__name__)


def search_with_keychain(path: Path, text: str, *, limit: int) -> list[SearchHit] | None:
    """What ``Journal.search(text, limit=limit)`` finds in the journal at ``path``,
    opened with the keychain's key; None when that cannot be done quickly."""
    from reljournal.store.keys import load_from_keychain
    from reljournal.store.quick_read import open_current_journal
    from reljournal.store.search import search_connection

    try:
        key = load_from_keychain(path)
    except RelJournalError:  # the full way reports it
        return None
    if key is None:
        return None
    conn = open_current_journal(path, key)
    if conn is None:
        return None
    try:
        return search_connection(conn, text, limit=limit)
    finally:
        conn.close()
