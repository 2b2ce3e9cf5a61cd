"""``open_database()``: the one place every journal connection is made.

It keys SQLCipher, checks the key really opens the file, sets the pragmas
(foreign keys, WAL, busy timeout), refuses files that are not journals or come
from a newer version, and runs pending migrations (after a backup).
Environment failures become ``StorageError`` subclasses with a reason in the
user's terms; programming errors propagate.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from reljournal.core.errors import (
    JournalExistsError,
    NotAJournalError,
    StorageError,
    WrongKeyError,
)
from reljournal.paths import make_private_folder

# issue 18, round 3: these moved to reljournal.store.connecting (no sqlite-utils there)
from reljournal.store.connecting import (
    BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS,
)
from reljournal.store.connecting import (
    ENV_MEMORY_SECURITY as ENV_MEMORY_SECURITY,
)
from reljournal.store.connecting import (
    SQLITE_HEADER as SQLITE_HEADER,
)
from reljournal.store.connecting import (
    _check_key as _check_key,
)
from reljournal.store.connecting import (
    _connect as _connect,
)
from reljournal.store.connecting import (
    check_journal_file as check_journal_file,
)
from reljournal.store.connecting import (
    memory_security_wanted as memory_security_wanted,
)
from reljournal.store.connecting import (
    storage_errors as storage_errors,
)
from reljournal.store.kdf import file_salt
from reljournal.store.keys import JournalKey
from reljournal.store.schema import APPLICATION_ID, MIGRATION_SET, migrations

log = logging.getLogger(__name__)


class JournalDatabase(Database):
    """sqlite-utils' ``Database`` whose ``atomic()`` takes the write lock when the
    transaction begins (``BEGIN IMMEDIATE``), not at its first write.

    A plain ``BEGIN`` starts a read transaction; a write after a read then has to
    upgrade it, and SQLite refuses the upgrade at once with "database is locked" when
    another connection is writing or has written since (the busy timeout is not
    applied to an upgrade). Every multi-row write in the store reads first, so with
    two writers (the app and the command line, two windows) one failed instead of
    waiting its turn.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic() as db:  # a savepoint inside the outer transaction
                yield db
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def _configure(conn: sqlcipher3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode and str(mode[0]).lower() != "wal":
        log.warning("journal_mode is %s, not WAL", mode[0])
    conn.execute("PRAGMA synchronous = NORMAL")


def _known_migration_names() -> set[str]:
    return {m.name for m in migrations._migrations}


def _verify_journal(db: Database, path: Path) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise NotAJournalError(f"{path} is an encrypted database, but not a RelJournal journal.")
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - _known_migration_names()
    if unknown:
        raise StorageError(
            "This journal was written by a newer version of RelJournal; update the app to open it."
        )


def create_empty_file(path: Path) -> None:
    """Create ``path`` as an empty owner-only file; refuse if anything is there."""
    make_private_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise JournalExistsError(
            f"A file already exists at {path}; RelJournal never overwrites it."
        ) from exc
    os.close(fd)


def open_database(
    path: Path,
    key: JournalKey,
    *,
    create: bool = False,
    migrate: bool = True,
    backup_before_migrating: bool = True,
) -> Database:
    """Open (or with ``create=True`` create) the journal at ``path``."""
    return open_database_keyed(
        path, key, create=create, migrate=migrate, backup_before_migrating=backup_before_migrating
    )[0]


def open_database_keyed(
    path: Path,
    key: JournalKey,
    *,
    create: bool = False,
    migrate: bool = True,
    backup_before_migrating: bool = True,
) -> tuple[Database, JournalKey]:
    """``open_database``, and the key as it opened this file: for a passphrase, stretched
    for the file's own salt (hand that one on, so that more connections to the file, and
    backups of it, need no new Argon2id run), or not stretched if the file is keyed by
    SQLCipher's own PBKDF2 (``JournalKey.needs_stretching``: a journal made before)."""
    path = Path(path).expanduser()
    with storage_errors("open the journal"):
        if create:
            key = key.for_new_file()  # stretched before the file is made: nothing to undo
            create_empty_file(path)
            conn = _connect(path, key)
            _check_key(conn, path)
        else:
            check_journal_file(path)
            conn, key = _connect_with_any(path, key)
        try:
            # issue 18: no sqlite-utils plug-ins (the app uses none; finding them scans
            # every installed package, ~40 ms, and none is let near a decrypted journal)
            db = JournalDatabase(conn, execute_plugins=False)
            if not create:
                _verify_journal(db, path)  # before any write: not even WAL mode on a stranger
            _configure(conn)
            if create:
                _apply_migrations(db)
            else:
                if migrate:
                    _migrate(db, path, key, backup_before_migrating)
                    from reljournal.store.sync.capture import ensure_triggers  # issue 16

                    ensure_triggers(db)
        except BaseException:
            conn.close()
            raise
    return db, key


def _connect_with_any(path: Path, key: JournalKey) -> tuple[sqlcipher3.Connection, JournalKey]:
    """Connect with the first of ``key``'s candidates for the file's salt that opens it."""
    last: WrongKeyError | None = None
    for candidate in key.candidates(file_salt(path)):
        conn = _connect(path, candidate)
        try:
            _check_key(conn, path)
        except WrongKeyError as exc:
            last = exc
            continue
        return conn, candidate
    assert last is not None  # candidates() yields at least one key
    raise last


def _migrate(db: Database, path: Path, key: JournalKey, backup: bool) -> None:
    pending = migrations.pending(db)
    if not pending:
        return
    if backup:
        from reljournal.store.backups.backup import backup_beside

        dest = backup_beside(db, path, f"before-{pending[0].name}", key)
        log.info("backed up %s to %s before migrating", path, dest)
    _apply_migrations(db)


def _apply_migrations(db: Database) -> None:
    """Apply the pending migrations as SQLite's schema-change procedure asks: foreign
    keys off while tables are rebuilt (dropping a rebuilt table would otherwise fire its
    ON DELETE CASCADE and empty the tables that refer to it), then checked before the
    commit. All of them run in one transaction: a crash leaves the journal as it was."""
    db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            migrations.apply(db)
            if db.conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise StorageError(
                    "The journal could not be upgraded: its links between records are "
                    "inconsistent. Nothing was changed."
                )
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")


def schema_version(db: Database) -> list[str]:
    """The names of the migrations applied to ``db``, in order."""
    return [m.name for m in migrations.applied(db)]


def current_schema() -> list[str]:
    return [m.name for m in migrations._migrations]


def close_database(db: Database) -> None:
    with contextlib.suppress(Exception):
        db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    db.conn.close()


__all__ = [
    "MIGRATION_SET",
    "close_database",
    "current_schema",
    "open_database",
    "open_database_keyed",
    "schema_version",
    "storage_errors",
]


def inserted_id(cursor: sqlcipher3.Cursor) -> int:
    """The rowid of the row an INSERT just made."""
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("the INSERT made no row")
    return int(rowid)
