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

import sqlcipher3
from sqlite_utils import Database

from reljournal.core.errors import KeychainError, StorageError, WrongKeyError
from reljournal.paths import data_dir, default_journal_path
from reljournal.store import kdf
from reljournal.store.database import (
    check_journal_file,
    close_database,
    open_database,
    open_database_keyed,
    storage_errors,
)
from reljournal.store.keys import (
    JournalKey,
    delete_from_keychain,
    key_from_recovery,
    keychain_available,
    load_from_keychain,
    new_recovery_key,
    normalize_passphrase,
    passphrase_variants,
    recovery_key_is_checked,
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
        db, key = open_database_keyed(
            path, JournalKey(passphrase=normalize_passphrase(passphrase)), create=True
        )
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
        key = key_from_recovery(recovery_key)  # a typo is named here, before any open
        try:
            db = open_database(path, key)
        except WrongKeyError as exc:
            raise WrongKeyError(_wrong_recovery_key_message(recovery_key)) from exc
        if keychain_available():
            with contextlib.suppress(KeychainError):
                store_in_keychain(path, key)
        return OpenJournal(path, db, key)
    if passphrase is not None:
        return _unlock_with_passphrase(path, passphrase)
    key_or_none = load_from_keychain(path)
    if key_or_none is None:
        if keychain_available():
            raise KeychainError(
                "This machine's keychain holds no key for this journal; "
                "open it with its recovery key or passphrase."
            )
        raise KeychainError("No system keychain is available; the journal's passphrase is needed.")
    return OpenJournal(path, open_database(path, key_or_none), key_or_none)


def open_with_key(path: Path, key: JournalKey) -> OpenJournal:
    """Open the journal at ``path`` with a key already read and checked (issue 18: the
    app's first window read it from the keychain before this layer was loaded)."""
    path = Path(path).expanduser()
    return OpenJournal(path, open_database(path, key), key)


def _wrong_recovery_key_message(recovery_key: str) -> str:
    if recovery_key_is_checked(recovery_key):
        return (
            "That recovery key is typed correctly (its check characters match) but does "
            "not open this journal: it belongs to another journal, or it was replaced by a "
            "newer recovery key."
        )
    return (
        "That recovery key does not open this journal: check each group of 4 characters, "
        "or it belongs to another journal."
    )


def _unlock_with_passphrase(path: Path, passphrase: str) -> OpenJournal:
    """Open with the passphrase: stretched with Argon2id for the file's salt, or, for a
    journal made before, by SQLCipher's own PBKDF2 (in NFC, else as typed or in NFD: a
    journal made before passphrases were normalised). A journal opened any other way than
    with its NFC passphrase stretched with today's parameters (``kdf.CURRENT``) is moved
    over now: re-encrypted under the new key and a new salt."""
    if not passphrase:  # SQLCipher refuses an empty key outright
        raise WrongKeyError("That passphrase does not open this journal.")
    variants = passphrase_variants(passphrase)
    last: WrongKeyError | None = None
    for form in variants:
        try:
            db, key = open_database_keyed(path, JournalKey(passphrase=form))
        except WrongKeyError as exc:
            last = exc
            continue
        opened = OpenJournal(path, db, key)
        if form != variants[0] or key.needs_stretching:
            _move_over(opened, JournalKey(passphrase=variants[0]))
        return opened
    assert last is not None
    raise WrongKeyError("That passphrase does not open this journal.") from last


def _move_over(opened: OpenJournal, key: JournalKey) -> None:
    """Re-encrypt a journal just unlocked under its NFC passphrase stretched with today's
    parameters (its backups keep their key and still open with the passphrase). A journal
    open elsewhere is left as it is, for the next unlock."""
    try:
        rekey(opened, key)
        log.info("journal moved over to its passphrase stretched with %s", kdf.CURRENT)
    except StorageError:
        log.info("journal not yet moved over (open elsewhere); it will be at the next unlock")


def rekey(journal: OpenJournal, key: JournalKey) -> None:
    """Re-encrypt the open journal under ``key`` (the WAL is emptied first: SQLCipher
    rekeys only a journal outside WAL mode, which needs the only connection, so a
    journal open in another window or command is refused with nothing changed). A
    passphrase is stretched with a fresh salt, which the file takes."""
    key = key.for_new_file()
    conn = journal.db.conn
    with storage_errors("re-encrypt the journal"):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlcipher3.OperationalError as exc:
            raise StorageError(
                "The journal is open in another window or command; close it and try again. "
                "Nothing was changed."
            ) from exc
        try:
            conn.execute(f"PRAGMA rekey = {key.pragma_value()}")
        finally:
            conn.execute("PRAGMA journal_mode = WAL")
    journal.key = key


def change_passphrase(journal: OpenJournal, new_passphrase: str) -> None:
    """Re-encrypt a passphrase journal under a new passphrase (NFC). The backups made
    before keep the old passphrase: they are re-encrypted too where they can be
    (``rekey_backups``)."""
    if not journal.key.is_passphrase:
        raise StorageError(
            "This journal's key is in the keychain with a recovery key; it has no passphrase."
        )
    if not new_passphrase:
        raise StorageError("The new passphrase is empty.")
    rekey(journal, JournalKey(passphrase=normalize_passphrase(new_passphrase)))
    log.info("journal re-encrypted under a new passphrase")


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
