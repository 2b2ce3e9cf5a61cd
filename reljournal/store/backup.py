"""Consistent encrypted copies of a journal through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from reljournal.store.errors import StorageError
from reljournal.store.keys import JournalKey

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def backup_journal(
    db: Database,
    dest: Path,
    key: JournalKey,
    *,
    progress: Progress | None = None,
    pages_per_step: int = 4096,
) -> Path:
    """Copy the open journal ``db`` to ``dest`` (encrypted with the same key).

    The copy is written beside ``dest`` and renamed into place only when complete,
    so an interrupted backup never leaves a half-written file under that name.
    """
    dest = Path(dest).expanduser()
    partial = dest.with_name(dest.name + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
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
        os.replace(partial, dest)
    except (sqlcipher3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        log.warning("backup to %s failed", dest, exc_info=True)
        raise StorageError(f"The backup to {dest} failed: {exc}.") from exc
    return dest
