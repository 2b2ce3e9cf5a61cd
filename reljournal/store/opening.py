"""Where the journal lives and how it is created and unlocked.

``create_journal`` never replaces an existing file. ``unlock_journal`` tries, in
order, a recovery key, a passphrase, then the keychain; with no usable secret
it raises ``KeychainError`` so the caller can ask the user for one.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from reljournal.core.errors import KeychainError, StorageError
from reljournal.paths import data_dir, default_journal_path
from reljournal.store.database import (
    check_journal_file,
    close_database,
    open_database,
    storage_errors,
)
from reljournal.store.keys import (
    JournalKey,
    delete_from_keychain,
    key_from_recovery,
    keychain_available,
    load_from_keychain,
    new_recovery_key,
    store_in_keychain,
)

log = logging.getLogger(__name__)

__all__ = ["OpenJournal", "create_journal", "data_dir", "default_journal_path", "unlock_journal"]


@dataclass
class OpenJournal:
    """An open journal: its path, its connection and the key that opened it."""

    path: Path
    db: Database
    key: JournalKey
    recovery_key: str | None = None  # only right after creation, to show once

    def close(self) -> None:
        close_database(self.db)


def create_journal(path: Path, passphrase: str | None = None) -> OpenJournal:
    """Create a new journal at ``path``: keychain key (with a recovery key) or passphrase."""
    path = Path(path).expanduser()
    if path.exists():
        from reljournal.core.errors import JournalExistsError

        raise JournalExistsError(
            f"A file already exists at {path}; RelJournal never overwrites it."
        )
    if passphrase is not None:
        if not passphrase:
            raise StorageError("The passphrase is empty.")
        key = JournalKey(passphrase=passphrase)
        db = open_database(path, key, create=True)
        return OpenJournal(path, db, key)
    if not keychain_available():
        raise KeychainError(
            "No system keychain is available here; choose a passphrase for the journal."
        )
    recovery = new_recovery_key()
    key = key_from_recovery(recovery)
    store_in_keychain(path, key)
    try:
        db = open_database(path, key, create=True)
    except BaseException:
        delete_from_keychain(path)
        raise
    return OpenJournal(path, db, key, recovery_key=recovery)


def unlock_journal(
    path: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> OpenJournal:
    """Open the existing journal at ``path`` with the best secret available."""
    path = Path(path).expanduser()
    with storage_errors("open the journal"):
        check_journal_file(path)  # "not a journal" before "no key for it"
    if recovery_key:
        key = key_from_recovery(recovery_key)
        db = open_database(path, key)
        if keychain_available():
            with contextlib.suppress(KeychainError):
                store_in_keychain(path, key)
        return OpenJournal(path, db, key)
    if passphrase is not None:
        key = JournalKey(passphrase=passphrase)
        return OpenJournal(path, open_database(path, key), key)
    key_or_none = load_from_keychain(path)
    if key_or_none is None:
        if keychain_available():
            raise KeychainError(
                "This machine's keychain holds no key for this journal; "
                "open it with its recovery key or passphrase."
            )
        raise KeychainError("No system keychain is available; the journal's passphrase is needed.")
    return OpenJournal(path, open_database(path, key_or_none), key_or_none)


def rotate_recovery_key(journal: OpenJournal) -> str:
    """Re-encrypt the journal under a new recovery key; return the new key (show it once).

    Older backups keep the key they were made with. The new key goes into the keychain
    first: if the keychain refuses it, nothing has changed; if re-encrypting fails, the
    old key is put back. (Re-encrypting first and then failing to store the key left
    the journal under a key nobody had.)
    """
    if journal.key.is_passphrase or journal.key.raw is None:
        raise StorageError("This journal is protected by a passphrase, not a recovery key.")
    recovery = new_recovery_key()
    key = key_from_recovery(recovery)
    assert key.raw is not None
    keychain = keychain_available()
    if keychain:
        store_in_keychain(journal.path, key)
    conn = journal.db.conn
    try:
        with storage_errors("change the recovery key"):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")
            try:
                conn.execute(f"PRAGMA rekey = \"x'{key.raw.hex()}'\"")
            finally:
                conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        if keychain:
            with contextlib.suppress(StorageError):
                store_in_keychain(journal.path, journal.key)
        raise
    journal.key = key
    log.info("journal re-encrypted under a new recovery key")
    return recovery
