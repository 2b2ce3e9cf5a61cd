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
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import sqlcipher3
from sqlite_utils import Database

from reljournal.core.errors import (
    JournalExistsError,
    JournalMissingError,
    NotAJournalError,
    StorageError,
    WrongKeyError,
)
from reljournal.paths import make_private_folder
from reljournal.store.kdf import file_salt
from reljournal.store.keys import JournalKey
from reljournal.store.schema import APPLICATION_ID, MIGRATION_SET, migrations

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS: Final = 8000
SQLITE_HEADER: Final = b"SQLite format 3\x00"


def _connect(path: Path, key: JournalKey) -> sqlcipher3.Connection:
    try:
        conn = sqlcipher3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    except sqlcipher3.OperationalError as exc:
        raise StorageError(
            f"The journal at {path} could not be opened: {_reason(exc, path)}"
        ) from exc
    conn.execute("PRAGMA cipher_log_level = NONE")
    if memory_security_wanted():  # before the key, so that its buffers are covered too
        conn.execute("PRAGMA cipher_memory_security = ON")
    conn.execute(key.pragma())
    return conn


# --- issue 17: SQLCipher's memory security --------------------------------------------------
ENV_MEMORY_SECURITY: Final = "RELJOURNAL_MEMORY_SECURITY"


def memory_security_wanted() -> bool:
    """Whether to turn on SQLCipher's memory security (``RELJOURNAL_MEMORY_SECURITY=1``).

    With it on, every allocation SQLite makes is locked out of swap (``mlock``) and wiped
    and unlocked (``munlock``) when freed: two system calls per allocation, about 4,000 pairs
    per full-text search (FTS5 allocates through ``sqlite3_malloc``, which no lookaside
    absorbs). It is a setting of the whole process that cannot be turned off again. Measured
    (tests/benchmarks/bench_memory_security.py): search 9x slower, the dashboard's read and
    the brief 2.6x, saving an entry 1.7x, a JSON import 5.7x, so the search-as-you-type and
    dashboard goals are missed; a larger lookaside or page cache does not change it. So it
    is off unless asked for. SQLCipher wipes the key's own buffers either way."""
    return os.environ.get(ENV_MEMORY_SECURITY) == "1"


def _no_space_left(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _reason(exc: BaseException, path: Path | None = None) -> str:
    """A user-facing reason for an SQLite error (``path``: the journal, if known).

    A full disk shows as "disk I/O error" when SQLite cannot even make the journal's
    shared-memory file, so that error is told as a full disk when no space is left."""
    text = str(exc).lower()
    if "disk i/o" in text and path is not None and _no_space_left(path.parent):
        return "the disk is full; free some space and try again"
    if "locked" in text or "busy" in text:
        return "another program is writing to it; try again in a moment"
    if "full" in text:
        return "the disk is full; free some space and try again"
    if "readonly" in text or "read-only" in text:
        return "the file or its folder is read-only"
    if "unable to open" in text:
        return "the file or its folder cannot be opened (check it exists and you may write there)"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "the file is damaged or is not a journal"
    if "disk i/o" in text:
        return "the disk reported an error"
    return str(exc)


_ENV_ERRORS = re.compile(
    r"locked|busy|full|readonly|read-only|unable to open|not a database|malformed|corrupt|disk i/o"
)


@contextlib.contextmanager
def storage_errors(action: str) -> Iterator[None]:
    """Turn environment failures during ``action`` into ``StorageError``."""
    try:
        yield
    except (sqlcipher3.OperationalError, sqlcipher3.DatabaseError) as exc:
        if isinstance(exc, sqlcipher3.IntegrityError) or not _ENV_ERRORS.search(str(exc).lower()):
            raise
        log.warning("storage failure while %s", action, exc_info=True)
        raise StorageError(f"Could not {action}: {_reason(exc)}.") from exc
    except OSError as exc:
        log.warning("file system failure while %s", action, exc_info=True)
        reason = exc.strerror or str(exc)
        raise StorageError(f"Could not {action}: {reason}.") from exc


def check_journal_file(path: Path) -> None:
    """Refuse, before any key is asked for, a path that cannot be a journal: missing,
    empty, or a plain (unencrypted) SQLite file."""
    if not path.is_file():
        raise JournalMissingError(f"There is no journal at {path}.")
    if path.stat().st_size == 0:
        raise NotAJournalError(f"{path} is empty; it is not a journal.")
    with path.open("rb") as handle:
        if handle.read(16) == SQLITE_HEADER:
            raise NotAJournalError(
                f"{path} is an unencrypted SQLite file, not a RelJournal journal."
            )


def _check_key(conn: sqlcipher3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        text = str(exc).lower()
        if "not a database" not in text:
            raise StorageError(
                f"The journal at {path} could not be read: {_reason(exc, path)}."
            ) from exc
        with contextlib.suppress(OSError), path.open("rb") as handle:
            if handle.read(16) == SQLITE_HEADER:
                raise NotAJournalError(
                    f"{path} is an unencrypted SQLite file, not a RelJournal journal."
                ) from exc
        raise WrongKeyError(
            "The key or passphrase does not open this journal (or the file is damaged "
            "or is not a journal)."
        ) from exc


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
            db = JournalDatabase(conn)
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
