"""Restore validates a backup before replacing anything and keeps the replaced journal;
a backup opens on another machine with the recovery key."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import keyring
import pytest

from reljournal.core.errors import StorageError, WrongKeyError
from reljournal.store.accounts import create_account
from reljournal.store.backups.automatic import KIND_REPLACED, backup_now, list_backups
from reljournal.store.backups.restore import restore_journal
from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey, key_from_recovery
from reljournal.store.opening import create_journal, unlock_journal
from tests.helpers.keyrings import MemoryKeyring, NoKeyring


def names(path: Path, key: JournalKey) -> list[str]:
    db = open_database(path, key, migrate=False)
    try:
        return [r[0] for r in db.execute("SELECT name FROM accounts ORDER BY name")]
    finally:
        db.conn.close()


@pytest.fixture
def backup(journal: Any, tmp_path: Path) -> Path:
    """A backup holding the account "In the backup"; the journal then moves on."""
    create_account(journal.db, "In the backup")
    path = backup_now(journal, tmp_path / "saved" / "backup.db")
    create_account(journal.db, "Added after")
    journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_restore_replaces_the_journal_and_keeps_the_replaced_one(
    journal: Any, backup: Path
) -> None:
    journal.close()
    result = restore_journal(backup, journal.path)
    assert names(journal.path, journal.key) == ["In the backup"]
    assert result.replaced_backup is not None
    assert names(result.replaced_backup, journal.key) == ["Added after", "In the backup"]
    assert [b.path for b in list_backups(journal.path, KIND_REPLACED)] == [result.replaced_backup]
    journal.db = open_database(journal.path, journal.key)  # for the fixture's close


def _unchanged_after(journal: Any, bad: Path, error: type[Exception], match: str | None) -> None:
    journal.close()
    before = journal.path.read_bytes()
    with pytest.raises(error, match=match):
        restore_journal(bad, journal.path)
    assert journal.path.read_bytes() == before
    assert names(journal.path, journal.key) == ["Added after", "In the backup"]
    assert not [p for p in journal.path.parent.iterdir() if ".restoring-" in p.name]
    journal.db = open_database(journal.path, journal.key)


def test_a_file_that_is_not_a_journal_changes_nothing(journal: Any, tmp_path: Path) -> None:
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(os.urandom(64 * 1024))
    create_account(journal.db, "In the backup")
    create_account(journal.db, "Added after")
    _unchanged_after(journal, bad, StorageError, "key or passphrase|damaged")


def test_a_damaged_backup_changes_nothing(journal: Any, backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = os.urandom(4096)
    backup.write_bytes(bytes(data))
    _unchanged_after(journal, backup, StorageError, "damaged|not a journal")


def test_a_truncated_backup_changes_nothing(journal: Any, backup: Path) -> None:
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 3])
    _unchanged_after(journal, backup, StorageError, None)


def test_a_backup_with_another_key_changes_nothing(
    journal: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    stranger = create_journal(tmp_path / "stranger.db", passphrase="not ours")
    path = backup_now(stranger, tmp_path / "stranger-backup.db")
    stranger.close()
    create_account(journal.db, "In the backup")
    create_account(journal.db, "Added after")
    _unchanged_after(journal, path, WrongKeyError, "recovery key|passphrase|key")


def test_a_backup_from_a_newer_version_changes_nothing(journal: Any, backup: Path) -> None:
    newer = open_database(backup, journal.key, migrate=False)
    newer.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('reljournal', '9999_from_the_future', '2099-01-01')"
    )
    newer.conn.commit()
    newer.conn.close()
    _unchanged_after(journal, backup, StorageError, "newer version")


def test_restore_on_another_machine_with_the_recovery_key(
    journal: Any, backup: Path, recovery_key: str, tmp_path: Path
) -> None:
    other_machine = tmp_path / "other-machine"
    other_machine.mkdir()
    copied = shutil.copyfile(backup, other_machine / "from-usb-stick.db")
    target = other_machine / "data" / "journal.db"
    keyring.set_keyring(NoKeyring())  # the other machine has no keychain at all
    with pytest.raises(WrongKeyError):
        restore_journal(Path(copied), target)
    assert not target.exists()
    result = restore_journal(Path(copied), target, recovery_key=recovery_key.lower())
    assert result.replaced_backup is None
    assert names(target, key_from_recovery(recovery_key)) == ["In the backup"]
    opened = unlock_journal(target, recovery_key=recovery_key)
    opened.close()
    # a machine with a keychain keeps the key there after the restore
    fresh = MemoryKeyring()
    keyring.set_keyring(fresh)
    target.unlink()
    restore_journal(Path(copied), target, recovery_key=recovery_key)
    unlock_journal(target).close()
    assert fresh.items
