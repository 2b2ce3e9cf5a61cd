"""Finding, creating, unlocking and restoring journals: each gives a ``Journal``.

Nothing here ever creates a journal over an existing file, and a wrong key is an error,
never an empty journal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reljournal.core.errors import ValidationError
from reljournal.environment import (
    ENV_PASSPHRASE,
    ENV_RECOVERY,
    environment_secret,
    take_environment_secrets,
)
from reljournal.journal.facade import Journal
from reljournal.paths import data_dir, default_journal_path
from reljournal.store import opening as store_opening
from reljournal.store.backups.automatic import (
    BackupInfo,
    RekeyedBackups,
    backups_dir,
    list_backups,
)
from reljournal.store.keys import (
    ENV_NO_KEYCHAIN,
    JournalKey,
    delete_from_keychain,
    keychain_available,
    passphrase_acceptable,
    passphrase_strength,
)

if TYPE_CHECKING:  # issue 18: the import code (phone numbers…) loads only for an import
    from reljournal.store.transfer.json_import import ImportSummary

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]

__all__ = [
    "ENV_NO_KEYCHAIN",
    "ENV_PASSPHRASE",
    "ENV_RECOVERY",
    "RekeyedBackups",
    "change_passphrase",
    "environment_secret",
    "new_passphrase_problem",
    "passphrase_acceptable",
    "take_environment_secrets",
    "BackupInfo",
    "Journal",
    "backups_dir",
    "create",
    "create_demo",
    "data_dir",
    "default_journal_path",
    "forget_keychain_entry",
    "keychain_available",
    "list_backups",
    "passphrase_strength",
    "restore",
    "unlock",
]


def new_passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` may not protect a journal (in the user's words), or None:
    the one rule of the CLI and the app (zxcvbn's estimate, ``passphrase_acceptable``)."""
    if not passphrase:
        return "The passphrase is empty."
    score, code = passphrase_strength(passphrase)
    if code == "too_short":
        return "That passphrase is too short: use at least 8 characters, best a few words."
    if not passphrase_acceptable(passphrase):
        return (
            "That passphrase is too easy to guess (rated "
            + code
            + "): use a few unrelated words, or a longer phrase of your own."
        )
    return None


def change_passphrase(journal: Journal, current: str, new: str) -> RekeyedBackups:
    """See ``Journal.change_passphrase``."""
    return journal.change_passphrase(current, new)


def forget_keychain_entry(path: Path) -> None:
    """Remove this machine's keychain entry for the journal at ``path`` (if any)."""
    delete_from_keychain(path)


def create(path: Path, passphrase: str | None = None) -> Journal:
    """A new journal at ``path``: a random key in the keychain (with a recovery key, in
    ``Journal.recovery_key``) or, given one, a passphrase."""
    return Journal(store_opening.create_journal(path, passphrase=passphrase))


def unlock(
    path: Path, *, passphrase: str | None = None, recovery_key: str | None = None
) -> Journal:
    """The existing journal at ``path``, opened with the recovery key, the passphrase, or
    the keychain (in that order); ``KeychainError`` when no secret is at hand."""
    return Journal(
        store_opening.unlock_journal(path, passphrase=passphrase, recovery_key=recovery_key)
    )


def create_demo(
    path: Path,
    *,
    accounts: int,
    entries: int | None,
    seed: int,
    create_journal: Callable[[Path], Journal],
    open_existing: Callable[[], Journal],
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportSummary:
    """Fill a new (or an empty existing) journal with the demo portfolio."""
    from reljournal.core.formats.interchange import parse_document
    from reljournal.demo.generator import build_demo_document

    journal = open_existing() if path.exists() else create_journal(path)
    try:
        if journal.account_names():
            raise ValidationError(
                f"The journal at {path} already has accounts; the demo needs a new journal."
            )
        journal.mark_as_demo()  # before the import: a cancelled demo is still a demo
        data = build_demo_document(accounts=accounts, entries=entries, seed=seed)
        doc = parse_document(data)
        del data  # the demo is validated exactly as an imported file would be
        return journal.import_document(doc, progress=progress, should_cancel=should_cancel)
    finally:
        journal.close()


@dataclass(frozen=True)
class Restored:
    replaced_backup: Path | None  # where the journal it replaced is kept
    needs_recovery_key: bool  # no keychain here: the restored journal opens with its recovery key


def restore(
    src: Path,
    target: Path,
    *,
    recovery_key: str | None = None,
    secret: JournalKey | None = None,
    passphrase: str | None = None,
) -> Restored:
    """Replace the (closed) journal at ``target`` with the backup ``src``, after checking
    it opens, is intact and has a schema this version knows; the replaced journal is kept
    as a backup. ``secret``: the key of the journal being replaced (the app's own)."""
    from reljournal.store.backups.restore import restore_journal

    if passphrase is None:
        passphrase = secret.passphrase if secret is not None else environment_secret(ENV_PASSPHRASE)
    result = restore_journal(src, target, recovery_key=recovery_key, passphrase=passphrase)
    _after_restore(target, result.key)  # issue 16
    return Restored(
        replaced_backup=result.replaced_backup,
        needs_recovery_key=result.key.raw is not None and not keychain_available(),
    )


# --- issue 16: device sync ------------------------------------------------------------------
def join_sync(
    folder: Path,
    target: Path,
    *,
    recovery_key: str | None = None,
    passphrase: str | None = None,
) -> tuple[Journal, Restored]:
    """Make ``target`` this computer's copy of the journal synced through ``folder``: the
    shared copy replaces it (a journal already there is kept as a backup), opened with
    the recovery key (a keychain journal) or the passphrase; then a first exchange."""
    from reljournal.journal.sync import join_as_new_device
    from reljournal.store.sync.tables import SNAPSHOT_NAME

    folder = Path(folder).expanduser()
    snapshot = folder / SNAPSHOT_NAME
    if not snapshot.is_file():
        raise ValidationError(
            f"{folder} holds no synced journal to join (set sync up on the first computer "
            "with `reljournal sync setup --folder DIR`, and let the folder sync here)."
        )
    if not recovery_key and passphrase is None:
        raise ValidationError(
            "Joining needs the journal's recovery key (or its passphrase, for a journal "
            "protected by one)."
        )
    restored = restore(snapshot, target, recovery_key=recovery_key, passphrase=passphrase)
    journal = unlock(target, recovery_key=recovery_key, passphrase=passphrase)
    try:
        join_as_new_device(journal._db(), folder)  # noqa: SLF001 - the facade's own connection
        journal.sync_now()
    except BaseException:
        journal.close()
        raise
    return journal, restored


def _after_restore(target: Path, key: JournalKey) -> None:
    """A synced journal restored from a backup numbers its new rows past the ids it gave
    after the backup was made (they come back with its own change files)."""
    from reljournal.store.database import close_database, open_database
    from reljournal.store.sync.capture import skip_ids_after_restore

    db = open_database(target, key)
    try:
        if skip_ids_after_restore(db):
            log.info("restored a synced journal: new ids start past the ones given since")
    finally:
        close_database(db)
