"""A keychain that fails in the middle of a session.

The open journal keeps working (the key is already in hand); the next unlock says
what to do in one line; changing the recovery key never leaves the journal under
a key that nobody holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import keyring
import pytest
from keyring.errors import KeyringError

from reljournal.cli import main
from reljournal.core.errors import KeychainError
from reljournal.core.model import Entry
from reljournal.store.entries import save_entry
from reljournal.store.keys import key_from_recovery
from reljournal.store.opening import rotate_recovery_key, unlock_journal
from tests.helpers.keyrings import MemoryKeyring
from tests.reliability.journal_checks import check_journal


class RefusingWrites(MemoryKeyring):
    """Reads work, writes are refused (a keychain locked half-way)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("keychain locked")


def test_open_journal_keeps_saving_when_the_keychain_fails(
    journal: object, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.fail = True
    save_entry(journal.db, Entry(at=dt.datetime(2024, 1, 1, 9), notes="still saved"))  # type: ignore[attr-defined]
    count = journal.db.execute("SELECT count(*) FROM entries").fetchone()[0]  # type: ignore[attr-defined]
    assert count == 1


def test_next_unlock_with_a_failing_keychain_is_one_clear_line(
    journal_path: Path,
    memory_keyring: MemoryKeyring,
    recovery_key: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    memory_keyring.fail = True
    assert main(["accounts", "--db", str(journal_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reljournal: "), err
    assert "Traceback" not in err
    # the recovery key still opens it, and nothing was lost
    check_journal(journal_path, key_from_recovery(recovery_key))


def test_new_recovery_key_refused_by_the_keychain_changes_nothing(
    journal_path: Path, memory_keyring: MemoryKeyring, recovery_key: str
) -> None:
    journal = unlock_journal(journal_path)
    refusing = RefusingWrites()
    refusing.items = dict(memory_keyring.items)
    keyring.set_keyring(refusing)
    with pytest.raises(KeychainError):
        rotate_recovery_key(journal)
    journal.close()
    check_journal(journal_path, key_from_recovery(recovery_key))  # the old key still opens it
    unlock_journal(journal_path).close()  # and so does the keychain's


def test_new_recovery_key_opens_the_journal_and_the_keychain_follows(
    journal_path: Path, memory_keyring: MemoryKeyring, recovery_key: str
) -> None:
    journal = unlock_journal(journal_path)
    new = rotate_recovery_key(journal)
    journal.close()
    check_journal(journal_path, key_from_recovery(new))
    unlock_journal(journal_path).close()


def test_new_recovery_key_while_another_program_has_the_journal_open(
    journal_path: Path, recovery_key: str
) -> None:
    from reljournal.core.errors import StorageError

    other = unlock_journal(journal_path)
    other.db.execute("SELECT count(*) FROM entries").fetchone()
    journal = unlock_journal(journal_path)
    try:
        with pytest.raises(StorageError):
            rotate_recovery_key(journal)
    finally:
        journal.close()
        other.close()
    check_journal(journal_path, key_from_recovery(recovery_key))
    unlock_journal(journal_path).close()
