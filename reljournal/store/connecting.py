"""Issue 18, round 3: connecting to a journal file, and SQLite's errors in the user's
terms, without sqlite-utils (``reljournal.store.database`` builds on these; a command
that only reads, such as ``search``, opens its connection with them alone)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import sqlcipher3

from reljournal.core.errors import (
    JournalMissingError,
    NotAJournalError,
    StorageError,
    WrongKeyError,
)
from reljournal.store.key_values import JournalKey

log = logging.getLogger("reljournal.store.database")

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

    With it on (SQLCipher 4.19, bundled by sqlcipher3), every allocation SQLite makes is
    locked out of swap (``mlock``) and overwritten and unlocked (``munlock``) when freed:
    two system calls per allocation, and a search allocates per match (FTS5 ranks every
    match through ``sqlite3_malloc``, which no lookaside serves): about 20,000 pairs for a
    prefix matching 5,754 notes. It is a setting of the whole process that cannot be turned
    off again. Measured (tests/benchmarks/bench_memory_goals.py, bench_memory_security.py,
    bench_memory_security_parts.py): search about 10x slower, the dashboard about 2x, so
    search as you type and the dashboard miss their goals; a larger lookaside, a
    preallocated page cache, a ``bm25()`` query shape or the GUI alone do not bring them
    back (SECURITY.md). So it is off unless asked for. SQLCipher wipes the key's own
    buffers either way."""
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
