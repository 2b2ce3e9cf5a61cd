"""Consistent encrypted copies of a journal through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

import sqlcipher3
from sqlite_utils import Database

from reljournal.core.errors import StorageError
from reljournal.paths import make_private_folder
from reljournal.store.files import sqlite_side_file_of
from reljournal.store.keys import JournalKey

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
STAMP: Final = "%Y%m%d-%H%M%S"


class BackupExistsError(StorageError):
    """A backup never replaces a file that is already there."""


def backup_journal(
    db: Database,
    dest: Path,
    key: JournalKey,
    *,
    progress: Progress | None = None,
    pages_per_step: int = 4096,
) -> Path:
    """Copy the open journal ``db`` to ``dest`` (encrypted with the same key; a passphrase
    stretched for the journal's salt keys the copy with that salt too, so the passphrase
    opens it with one Argon2id run, and a journal not yet moved over to Argon2id gets a
    copy that is).

    The copy is written to a temporary file of its own beside ``dest`` and given its
    name only when complete, so an interrupted backup never leaves a half-written file
    under that name; an existing file at ``dest`` is never replaced.
    """
    dest = Path(dest).expanduser()
    key = key.for_new_file()
    partial: Path | None = None
    try:
        database = sqlite_side_file_of(dest)
        if database is not None:
            raise StorageError(
                f"{dest} is where SQLite keeps a side file of the database {database.name}; "
                "choose another file name for the backup."
            )
        make_private_folder(dest.parent, tighten=dest.parent.name == "backups")
        if os.path.lexists(dest):
            raise FileExistsError(dest)
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
        os.close(fd)
        partial = Path(name)
        target = sqlcipher3.connect(str(partial))
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(key.pragma())

            def _step(status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            db.conn.backup(target, pages=pages_per_step, progress=_step)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        _give_name(partial, dest)
    except FileExistsError as exc:
        _remove(partial)
        raise BackupExistsError(f"{dest} already exists; a backup never replaces a file.") from exc
    except (sqlcipher3.Error, OSError) as exc:
        _remove(partial)
        log.warning("backup to %s failed", dest, exc_info=True)
        raise StorageError(f"The backup to {dest} failed: {exc}.") from exc
    return dest


def _give_name(partial: Path, dest: Path) -> None:
    """Rename the finished copy to ``dest`` unless a file is there (a hard link fails
    then; where the file system has none, check and rename)."""
    try:
        os.link(partial, dest)
    except FileExistsError:
        raise
    except OSError:
        if dest.exists():
            raise FileExistsError(dest) from None
        os.replace(partial, dest)
        return
    partial.unlink()


def _remove(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()


def free_backup_path(journal_path: Path, kind: str) -> Path:
    """``backups/<journal>-<kind>-<YYYYmmdd-HHMMSS>.db`` beside the journal, a second
    later while that name is taken (two backups in one second, or a clock set back)."""
    journal_path = Path(journal_path)
    folder = journal_path.parent / "backups"
    moment = dt.datetime.now()
    for second in range(10_000):
        stamp = (moment + dt.timedelta(seconds=second)).strftime(STAMP)
        dest = folder / f"{journal_path.stem}-{kind}-{stamp}.db"
        if not dest.exists():
            return dest
    raise StorageError(f"Could not find a free name for a backup in {folder}.")


def backup_beside(db: Database, journal_path: Path, kind: str, key: JournalKey) -> Path:
    """Back up into the ``backups`` folder beside the journal under a free name
    (``free_backup_path``); an earlier backup is never replaced, even when another
    copy of the app backs up at the same moment."""
    for _ in range(100):
        try:
            return backup_journal(db, free_backup_path(journal_path, kind), key)
        except BackupExistsError:
            continue
    raise StorageError("Could not find a free name for a backup.")
