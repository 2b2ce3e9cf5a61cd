"""Restore a journal from a backup without ever leaving a half-restored journal.

The backup is copied beside the journal and checked there first (it opens with
the key, passes ``PRAGMA integrity_check``, and its schema is one this version
knows; older schemas are migrated on the copy). Only then is the current
journal kept as a backup and the checked copy renamed over it in one step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from reljournal.core.errors import NotAJournalError, StorageError, WrongKeyError
from reljournal.paths import make_private_folder
from reljournal.store.backups.backup import backup_beside, free_backup_path
from reljournal.store.database import close_database, open_database_keyed, storage_errors
from reljournal.store.files import is_foreign_file
from reljournal.store.keys import (
    JournalKey,
    key_from_recovery,
    keychain_available,
    load_from_keychain,
    passphrase_variants,
    store_in_keychain,
)

log = logging.getLogger(__name__)


@dataclass
class RestoreResult:
    key: JournalKey
    replaced_backup: Path | None


def candidate_keys(
    src: Path, target: Path, recovery_key: str | None, passphrase: str | None
) -> list[JournalKey]:
    keys: list[JournalKey] = []
    if recovery_key:
        keys.append(key_from_recovery(recovery_key))
    if passphrase:
        keys.extend(JournalKey(passphrase=form) for form in passphrase_variants(passphrase))
    for path in (target, src):
        with contextlib.suppress(StorageError):
            found = load_from_keychain(path)
            if found is not None and found not in keys:
                keys.append(found)
    return keys


def _open_any(
    path: Path, keys: Iterable[JournalKey], *, migrate: bool
) -> tuple[object, JournalKey]:
    last: StorageError | None = None
    for key in keys:
        try:
            return open_database_keyed(path, key, migrate=migrate, backup_before_migrating=False)
        except WrongKeyError as exc:
            last = exc
    raise last or WrongKeyError(
        "No key for this backup is known here; give its recovery key (or passphrase)."
    )


def restore_journal(
    src: Path,
    target: Path,
    *,
    recovery_key: str | None = None,
    passphrase: str | None = None,
) -> RestoreResult:
    src, target = Path(src).expanduser(), Path(target).expanduser()
    if not src.is_file():
        raise StorageError(f"There is no backup at {src}.")
    if src.resolve() == target.resolve():
        raise StorageError("The backup and the journal are the same file.")
    keys = candidate_keys(src, target, recovery_key, passphrase)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    staging = target.with_name(f".{target.name}.restoring-{stamp}")
    with storage_errors("restore the backup"):
        make_private_folder(target.parent)
        try:
            shutil.copyfile(src, staging)
            os.chmod(staging, 0o600)
            db, key = _open_any(staging, keys, migrate=True)
            from sqlite_utils import Database

            assert isinstance(db, Database)
            try:
                check = db.execute("PRAGMA integrity_check").fetchone()[0]
                if check != "ok":
                    raise StorageError(
                        f"The backup {src} is damaged ({check}); nothing was changed."
                    )
                fk = db.execute("PRAGMA foreign_key_check").fetchall()
                if fk:
                    raise StorageError(f"The backup {src} is inconsistent; nothing was changed.")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.execute("PRAGMA journal_mode = DELETE")
            finally:
                db.conn.close()
            replaced = _set_aside(target, keys + [key]) if target.exists() else None
            os.replace(staging, target)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(str(target) + suffix)
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(str(staging) + suffix)
    if key.raw is not None and keychain_available():
        with contextlib.suppress(StorageError):
            store_in_keychain(target, key)
    log.info("restored %s over %s", src, target)
    return RestoreResult(key=key, replaced_backup=replaced)


def _set_aside(target: Path, keys: list[JournalKey]) -> Path:
    """Keep the journal about to be replaced as a backup and empty its WAL, so the
    restored file never meets a stale WAL."""
    try:
        db, key = _open_any(target, keys, migrate=False)
    except StorageError as exc:
        empty = target.stat().st_size == 0  # nothing in it to lose
        if not empty and (isinstance(exc, NotAJournalError) or is_foreign_file(target)):
            raise StorageError(
                f"{target} is not a RelJournal journal, so it is not replaced; "
                "restore to another place."
            ) from exc
        # a journal unreadable here (damaged, or unknown key): keep its files as they are
        dest = free_backup_path(target, "replaced")
        make_private_folder(dest.parent, tighten=True)
        for suffix in ("", "-wal"):
            source = Path(str(target) + suffix)
            if source.exists():
                fd = os.open(str(dest) + suffix, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with source.open("rb") as src, os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(src, out)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(str(target) + "-wal")
        return dest
    from sqlite_utils import Database

    assert isinstance(db, Database)
    try:
        try:  # leaving WAL mode needs the only connection: is the journal open elsewhere?
            db.conn.execute("PRAGMA journal_mode = DELETE")
        except sqlcipher3.OperationalError as exc:
            raise StorageError(
                f"The journal {target} is open in another program (a RelJournal window or "
                "command); close it and restore again. Nothing was changed."
            ) from exc
        dest = backup_beside(db, target, "replaced", key)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database(db)
    return dest
