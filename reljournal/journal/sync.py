"""Device sync in the application layer: set up, join, exchange, status (issue 16).

The exchange itself runs in a child process (the sync worker, ``reljournal.store.sync.
worker``) that opens the journal with apsw, which has SQLite's session extension; this
process keeps to its own driver. The journal's key goes to the worker over a pipe.
An exchange with nothing to send and nothing new in the folder is decided here, without
starting the worker.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlite_utils import Database

from reljournal.core.errors import StorageError, ValidationError
from reljournal.store import kdf
from reljournal.store.backups.backup import backup_journal
from reljournal.store.database import current_schema, storage_errors
from reljournal.store.keys import JournalKey
from reljournal.store.sync import capture
from reljournal.store.sync.capture import SyncConflict, SyncStatus
from reljournal.store.sync.tables import SNAPSHOT_NAME, parse_change_file_name

log = logging.getLogger(__name__)

WORKER_TIMEOUT_S: Final = 600
SHARED_COPY_MAX_AGE_S: Final = 7 * 24 * 3600  # the shared copy is written again weekly
UPDATE_NEEDED: Final = (
    "Another computer uses a newer version of RelJournal: its changes are kept in the "
    "sync folder until you update RelJournal on this computer."
)

__all__ = ["SyncConflict", "SyncReport", "SyncStatus", "SyncOverview"]


class SyncError(StorageError):
    """Sync could not be set up or could not exchange (the message says why)."""


@dataclass(frozen=True)
class SyncReport:
    """What one exchange did."""

    sent: int = 0  # rows sent
    received_files: int = 0
    received_rows: int = 0
    conflicts: int = 0
    refused: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    waiting: int = 0
    ran: bool = False  # False: there was nothing to do

    @property
    def changed(self) -> bool:
        return self.received_rows > 0

    @property
    def message(self) -> str | None:
        """A problem the user must hear of, in their words, or None."""
        if self.held:
            return UPDATE_NEEDED
        if self.refused:
            return (
                f"{len(self.refused)} file(s) in the sync folder are damaged, incomplete or "
                "not from this journal; they were not applied: " + ", ".join(self.refused[:5])
            )
        return None


@dataclass(frozen=True)
class SyncOverview:
    """``reljournal sync status``: the journal's sync state and what the folder holds."""

    status: SyncStatus
    devices: list[int]  # every computer seen in the folder (this one included)
    pending_files: int  # files in the folder not applied here yet
    folder_present: bool


# --- the folder -----------------------------------------------------------------------------
def _folder_files(folder: Path) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        parsed = parse_change_file_name(name)
        if parsed is not None:
            found.setdefault(parsed[0], []).append(parsed[1])
    return found


def _check_folder(folder: Path) -> Path:
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise ValidationError(f"The sync folder {folder} does not exist or is not a folder.")
    if not os.access(folder, os.W_OK):
        raise ValidationError(f"RelJournal may not write in the sync folder {folder}.")
    return folder.resolve()


# --- set up ---------------------------------------------------------------------------------
def setup(db: Database, path: Path, key: JournalKey, folder: Path) -> SyncStatus:
    """Make this journal the first computer syncing through ``folder``: its copy for the
    other computers to join from is written there (encrypted with the journal's key)."""
    folder = _check_folder(folder)
    if capture.sync_config(db) is not None:
        raise ValidationError(
            "This journal is already synced; `reljournal sync status` shows the folder."
        )
    if (folder / SNAPSHOT_NAME).exists() or _folder_files(folder):
        raise ValidationError(
            f"{folder} already holds a synced journal: join it from this computer with "
            "`reljournal sync join`, or choose an empty folder."
        )
    if Path(path).resolve().parent == folder:
        raise ValidationError("Choose a sync folder other than the folder of the journal.")
    with storage_errors("set up sync"):
        capture.enable_sync(db, folder)
        backup_journal(db, folder / SNAPSHOT_NAME, key)
    status = capture.sync_status(db)
    assert status is not None
    return status


def refresh_shared_copy(db: Database, key: JournalKey) -> bool:
    """Write the folder's shared copy again from this journal (after its key changed,
    so that the new recovery key or passphrase joins): False when not synced or the
    folder is not there."""
    config = capture.sync_config(db)
    if config is None or not config.folder.is_dir():
        return False
    fresh = config.folder / f".{SNAPSHOT_NAME}.{os.getpid()}.new"
    with storage_errors("refresh the sync folder's copy of the journal"):
        fresh.unlink(missing_ok=True)
        backup_journal(db, fresh, key)
        os.replace(fresh, config.folder / SNAPSHOT_NAME)
    return True


def shared_copy_is_old(db: Database, max_age_s: float = SHARED_COPY_MAX_AGE_S) -> bool:
    """Whether the folder's shared copy is older than ``max_age_s`` (a computer joining
    from it would apply every change file made since)."""
    config = capture.sync_config(db)
    if config is None:
        return False
    try:
        age = time.time() - (config.folder / SNAPSHOT_NAME).stat().st_mtime
    except OSError:
        return config.folder.is_dir()  # missing: write it again
    return age > max_age_s


def shared_copy_is_weaker(db: Database, key: JournalKey) -> bool:
    """Whether the folder's shared copy is protected less well than this journal (issue
    17): the journal's passphrase is stretched with Argon2id, the copy's with SQLCipher's
    own PBKDF2 (written before this computer moved the journal over) or with weaker
    Argon2id parameters. The folder is the most exposed place the journal lives in."""
    if key.stretched is None:
        return False
    config = capture.sync_config(db)
    if config is None:
        return False
    salt = kdf.file_salt(config.folder / SNAPSHOT_NAME)
    if salt is None:
        return False  # missing or unreadable: shared_copy_is_old says so
    ours = kdf.parameters_of(key.stretched.salt)
    theirs = kdf.parameters_of(salt)
    return ours is not None and (theirs is None or theirs.weaker_than(ours))


def join_as_new_device(db: Database, folder: Path) -> None:
    """The journal just copied from ``folder`` becomes this computer's."""
    taken = set(_folder_files(folder))
    copied_from = capture.sync_config(db)  # the computer that wrote the shared copy
    if copied_from is not None:
        taken |= {copied_from.device, *capture.sync_status_devices(db)}
    with storage_errors("join the sync"):
        capture.become_new_device(db, folder.resolve(), taken)


# --- exchange -------------------------------------------------------------------------------
def nothing_to_do(db: Database, config: capture.SyncConfig) -> bool:
    """True when nothing is waiting to be sent and the folder has nothing new (so the
    worker is not started): the common case, every few minutes while the app is open."""
    pending = db.execute(
        "SELECT EXISTS (SELECT 1 FROM sync_log) OR EXISTS (SELECT 1 FROM sync_outbox)"
    ).fetchone()[0]
    if pending:
        return False
    applied = {int(d): int(s) for d, s in db.execute("SELECT device, seq FROM sync_applied")}
    row = db.execute("SELECT value FROM sync_state WHERE key = 'held'").fetchone()
    kept = set(json.loads(row[0])) if row else set()  # held until RelJournal is updated
    for device, seqs in _folder_files(config.folder).items():
        for seq in seqs:
            if seq > applied.get(device, 0) and f"{device:07d}-{seq:09d}.rjsync" not in kept:
                return False
    return True


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "--sync-worker"]
    return [sys.executable, "-m", "reljournal.store.sync.worker"]


def _worker_key(key: JournalKey) -> dict[str, str]:
    """The key as the worker gives it to SQLCipher: a raw key; a passphrase stretched
    with Argon2id (issue 17) as the raw key with the file's salt, so the worker runs no
    key derivation of its own; the passphrase itself only for a journal still keyed by
    SQLCipher's own PBKDF2 (made before, not moved over yet)."""
    if key.raw is not None:
        return {"raw": key.raw.hex()}
    if key.stretched is not None:
        return {"raw": (key.stretched.raw + key.stretched.salt).hex()}
    assert key.passphrase is not None
    return {"passphrase": key.passphrase}


def run_worker(path: Path, key: JournalKey, folder: Path | None = None) -> dict[str, Any]:
    """Run one exchange in the sync worker; its reply."""
    secret = _worker_key(key)
    request = {
        "path": str(path),
        "key": secret,
        "folder": str(folder) if folder else None,
        "schema": current_schema(),
    }
    try:
        done = subprocess.run(
            worker_command(),
            input=json.dumps(request) + "\n",
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("sync worker could not run", exc_info=True)
        raise SyncError(f"The exchange could not run: {exc}") from exc
    if done.stderr.strip():
        log.warning("sync worker said: %s", done.stderr.strip()[-4000:])
    try:
        reply: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise SyncError(
            "The exchange stopped before it finished; nothing was lost, try again."
        ) from exc
    if "error" in reply:
        if "detail" in reply:
            log.warning("sync worker failed: %s", reply["detail"])
        raise SyncError(str(reply["error"]))
    return reply


def exchange(db: Database, path: Path, key: JournalKey) -> SyncReport:
    config = capture.sync_config(db)
    if config is None:
        raise ValidationError(
            "This journal is not synced yet: `reljournal sync setup --folder DIR` (or "
            "Journal → Sync… in the app) sets it up."
        )
    if not config.folder.is_dir():
        raise SyncError(f"The sync folder {config.folder} is not there (is the drive connected?).")
    if nothing_to_do(db, config):
        capture.note_exchange(db)
        return SyncReport()
    reply = run_worker(path, key)
    return SyncReport(
        sent=int(reply["sent"]),
        received_files=int(reply["applied_files"]),
        received_rows=int(reply["received_rows"]),
        conflicts=int(reply["conflicts"]),
        refused=list(reply["refused"]),
        held=list(reply["held"]),
        waiting=int(reply["waiting"]),
        ran=True,
    )


def overview(db: Database) -> SyncOverview | None:
    status = capture.sync_status(db)
    if status is None:
        return None
    files = _folder_files(status.folder)
    pending = sum(1 for d, seqs in files.items() for s in seqs if s > status.applied.get(d, 0))
    devices = set(files) | set(status.applied) | {status.device}
    if (status.folder / SNAPSHOT_NAME).exists():
        devices.add(0)  # the first computer, whose copy the others joined from
    return SyncOverview(status, sorted(devices), pending, status.folder.is_dir())
