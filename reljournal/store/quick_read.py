"""Issue 18, round 3: a journal opened only to read, without sqlite-utils.

``open_database`` (``reljournal.store.database``) builds on sqlite-utils and the schema's
migrations, whose import costs more than a command such as ``search`` spends reading. A
journal that is already at this version's schema needs none of it to be read: this module
connects with SQLCipher alone and makes the same checks (the key opens the file, the file
is a journal, every migration of this version and no other is applied). Anything else
(a wrong key, a file to migrate or from a newer version, a locked or damaged file) gives
None, and the caller opens the journal the full way, which migrates it or says what is
wrong in the usual words.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

import sqlcipher3

from reljournal.store.connecting import _check_key, _connect, check_journal_file
from reljournal.store.key_values import JournalKey

log = logging.getLogger(__name__)

APPLICATION_ID: Final = 0x524A524E  # = reljournal.store.schema.APPLICATION_ID
MIGRATION_SET: Final = "reljournal"  # = reljournal.store.schema.MIGRATION_SET
# The migrations of this version (reljournal.store.schema; a test checks they agree). A
# migration added there and not here only sends every read the full way.
CURRENT_MIGRATIONS: Final = frozenset(
    {
        "0001_initial",
        "0002_fts_update_triggers_on_text_only",
        "0003_contact_points",
        "0004_statements",
        "0005_meetings",
        "0006_sync",
        "0009_classifier",
        "0010_reread_on_names",
    }
)


def open_current_journal(path: Path, key: JournalKey) -> sqlcipher3.Connection | None:
    """A connection that can only read the journal at ``path``, keyed with ``key``
    (as given: no key derivation), if it opens a journal at exactly this version's
    schema; else None."""
    try:
        check_journal_file(path)
        conn = _connect(path, key)
    except Exception:
        log.debug("quick read: not opened", exc_info=True)
        return None
    try:
        _check_key(conn, path)  # closes the connection when the key is wrong
    except Exception:
        log.debug("quick read: the key does not open it", exc_info=True)
        return None
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.close()
            return None
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)
            )
        }
        if applied != CURRENT_MIGRATIONS:
            conn.close()
            return None
        conn.execute("PRAGMA query_only = 1")
    except Exception:
        log.debug("quick read: not a current journal", exc_info=True)
        conn.close()
        return None
    return conn
