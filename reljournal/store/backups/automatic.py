"""Rolling automatic backups, manual "back up now", and the list of backups.

Backups live in ``<journal folder>/backups`` (for the default journal that is
``data_dir()/backups``), encrypted with the journal's own key and made with
SQLite's online backup API (``backup_journal``), so a backup is consistent even
while the app writes. Their names say what they are and when they were made:

- ``journal-auto-20240301-091500.db``: automatic, at most one a day; only the
  newest ``keep`` are kept (``prune_backups``),
- ``journal-backup-20240301-091500.db``: made by the user; never pruned,
- ``journal-before-<migration>-…db`` and ``journal-replaced-…db``: made before a
  schema upgrade and before a restore; never pruned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import sqlcipher3

from reljournal.core.errors import StorageError
from reljournal.store.backups.backup import backup_journal
from reljournal.store.kdf import file_salt
from reljournal.store.keys import JournalKey
from reljournal.store.opening import OpenJournal

log = logging.getLogger(__name__)

DEFAULT_KEEP: Final = 7
KIND_AUTO: Final = "auto"
KIND_MANUAL: Final = "backup"
KIND_BEFORE: Final = "before"
KIND_REPLACED: Final = "replaced"
_STAMP: Final = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<kind>auto|backup|before-.+|replaced)-(?P<stamp>\d{8}-\d{6})\.db$")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # KIND_AUTO, KIND_MANUAL, KIND_BEFORE or KIND_REPLACED
    made_at: dt.datetime
    size: int


def backups_dir(journal_path: Path) -> Path:
    """Where the journal's backups are kept: a ``backups`` folder beside it."""
    return Path(journal_path).expanduser().parent / "backups"


def list_backups(journal_path: Path, kind: str | None = None) -> list[BackupInfo]:
    """The journal's backups (of one kind, or all), newest first."""
    journal_path = Path(journal_path).expanduser()
    folder = backups_dir(journal_path)
    found: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(
            f"The backups folder {folder} cannot be read: {exc.strerror or exc}."
        ) from exc
    prefix = journal_path.stem + "-"
    for path in entries:
        if not path.name.startswith(prefix):
            continue
        match = _NAME.match(path.name[len(prefix) :])
        if match is None or not path.is_file():
            continue
        if kind is not None and match["kind"].split("-")[0] != kind:
            continue
        try:
            made_at = dt.datetime.strptime(match["stamp"], _STAMP)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(path, match["kind"].split("-")[0], made_at, size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def prune_backups(
    journal_path: Path, keep: int = DEFAULT_KEEP, *, spare: Path | None = None
) -> list[Path]:
    """Delete automatic backups beyond the newest ``keep``; others are never touched.

    ``spare`` (the backup just made) is always among those kept: after the clock was
    set back, backups stamped in the future look newer than it."""
    removed = []
    autos = [b for b in list_backups(journal_path, KIND_AUTO) if b.path != spare]
    kept = max(keep, 1) - (1 if spare is not None else 0)
    for info in autos[kept:]:
        try:
            info.path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("could not remove old backup %s", info.path, exc_info=True)
            continue
        removed.append(info.path)
    return removed


def _backup_path(journal_path: Path, kind: str, now: dt.datetime) -> Path:
    folder = backups_dir(journal_path)
    path = folder / f"{journal_path.stem}-{kind}-{now.strftime(_STAMP)}.db"
    second = 1
    while path.exists():  # two backups in the same second
        later = now + dt.timedelta(seconds=second)
        path = folder / f"{journal_path.stem}-{kind}-{later.strftime(_STAMP)}.db"
        second += 1
    return path


def backup_now(
    journal: OpenJournal,
    dest: Path | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """A backup the user asked for: to ``dest``, or into the backups folder."""
    moment = now or dt.datetime.now()
    target = Path(dest).expanduser() if dest else _backup_path(journal.path, KIND_MANUAL, moment)
    return backup_journal(journal.db, target, journal.key, progress=progress)


def maybe_auto_backup(
    journal: OpenJournal,
    keep: int = DEFAULT_KEEP,
    now: dt.datetime | None = None,
    *,
    progress: Progress | None = None,
) -> Path | None:
    """Make today's automatic backup unless there is one already, then keep only
    the newest ``keep``. Returns the new backup, or None when none was due.

    Raises ``StorageError`` when the backup cannot be written; the app should log
    that and tell the user without stopping.
    """
    moment = now or dt.datetime.now()
    if any(b.made_at.date() == moment.date() for b in list_backups(journal.path, KIND_AUTO)):
        return None  # (any, not the newest: the clock may have been set back)
    if keep < 1:
        raise StorageError("Keep at least one automatic backup.")
    path = backup_journal(
        journal.db, _backup_path(journal.path, KIND_AUTO, moment), journal.key, progress=progress
    )
    removed = prune_backups(journal.path, keep, spare=path)
    log.info("automatic backup %s (%d old ones removed)", path.name, len(removed))
    return path


@dataclass(frozen=True)
class RekeyedBackups:
    rekeyed: list[Path]  # now encrypted under the new key
    left: list[Path]  # not under the old key (an earlier one, or damaged): left as they are


def rekey_backups(journal_path: Path, old: JournalKey, new: JournalKey) -> RekeyedBackups:
    """Re-encrypt the backups in the journal's backups folder that the old key opens,
    under the new key, so that a replaced (perhaps leaked) recovery key or passphrase
    opens none of them any more. Each is re-encrypted in a copy beside it that then
    takes its name: a crash leaves either the old or the new backup, never half of one.
    Backups saved elsewhere are out of reach and keep the old key."""
    rekeyed: list[Path] = []
    left: list[Path] = []
    new = new.for_new_file()  # once: every backup takes the journal's new salt
    for info in list_backups(journal_path):
        try:
            if _rekey_backup(info.path, old, new):
                rekeyed.append(info.path)
            else:
                left.append(info.path)
        except (sqlcipher3.Error, OSError):
            log.warning("could not re-encrypt the backup %s", info.path.name, exc_info=True)
            left.append(info.path)
    log.info("re-encrypted %d backups (%d left as they were)", len(rekeyed), len(left))
    return RekeyedBackups(rekeyed, left)


def _connect_with(path: Path, key: JournalKey) -> sqlcipher3.Connection | None:
    """A connection to the backup at ``path`` keyed with ``key`` (a passphrase stretched
    for the backup's own salt, or PBKDF2 for one made before), or None if it does not
    open it."""
    for candidate in key.candidates(file_salt(path)):
        conn = sqlcipher3.connect(str(path))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(candidate.pragma())
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            conn.close()
            continue
        return conn
    return None


def _rekey_backup(path: Path, old: JournalKey, new: JournalKey) -> bool:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".rekey", dir=path.parent)
    partial = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            shutil.copyfileobj(src, out)
        conn = _connect_with(partial, old)
        if conn is None:
            return False  # not under the old key
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute(f"PRAGMA rekey = {new.pragma_value()}")
        finally:
            conn.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)
        return True
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
