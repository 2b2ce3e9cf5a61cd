"""Sync with passphrases stretched by Argon2id (issues 16 and 17 together): the worker
opens the journal with the stretched key, the folder's shared copy shares the journal's
salt, a joining computer derives the key for the copy's own salt, and a passphrase change
or a new recovery key writes the shared copy again AND re-encrypts the backups."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from reljournal.core.errors import WrongKeyError
from reljournal.journal import opening
from reljournal.journal.facade import Journal
from reljournal.store import kdf
from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey, key_from_recovery
from reljournal.store.sync.tables import SNAPSHOT_NAME
from tests.sync.devices import add_entry, dump, first_computer, join

PASSPHRASE = "orchard lantern velvet harbour 42"
NEW_PASSPHRASE = "copper meadow quietly spins 1977"


def _opens(path: Path, key: JournalKey) -> bool:
    try:
        open_database(path, key, migrate=False).conn.close()
    except WrongKeyError:
        return False
    return True


def _passphrase_computer(root: Path) -> tuple[Journal, Path]:
    folder = root / "folder"
    folder.mkdir(parents=True)
    journal = opening.create(root / "a" / "journal.db", passphrase=PASSPHRASE)
    journal.sync_setup(folder)
    return journal, folder


def test_a_passphrase_journal_exchanges_with_its_argon2id_key(tmp_path: Path) -> None:
    a, folder = _passphrase_computer(tmp_path)
    salt = kdf.file_salt(a.path)
    assert kdf.parameters_of(salt) == kdf.CURRENT  # stretched with Argon2id, not PBKDF2
    assert kdf.file_salt(folder / SNAPSHOT_NAME) == salt  # the copy shares the journal's salt
    entry = add_entry(a, "Acme", "under a stretched passphrase")
    report = a.sync_now()
    assert report.ran and report.sent > 0  # the worker opened the journal
    b, _restored = opening.join_sync(folder, tmp_path / "b" / "journal.db", passphrase=PASSPHRASE)
    assert kdf.parameters_of(kdf.file_salt(b.path)) == kdf.CURRENT
    add_entry(b, "Globex", "from the laptop")
    assert b.sync_now().sent > 0
    assert a.sync_now().received_rows > 0
    assert dump(a) == dump(b) and entry in [r[0] for r in dump(b)["entries"]]
    a.close()
    b.close()


def test_a_passphrase_change_writes_the_shared_copy_again_and_re_encrypts_the_backups(
    tmp_path: Path,
) -> None:
    a, folder = _passphrase_computer(tmp_path)
    add_entry(a, "Acme", "before the change")
    a.sync_now()
    backup = a.auto_backup(keep=5)
    assert backup is not None
    rekeyed = a.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    assert rekeyed.rekeyed == [backup]
    salt = kdf.file_salt(a.path)
    assert kdf.file_salt(folder / SNAPSHOT_NAME) == salt == kdf.file_salt(backup)
    for file in (folder / SNAPSHOT_NAME, backup):
        assert _opens(file, JournalKey(passphrase=NEW_PASSPHRASE))
        assert not _opens(file, JournalKey(passphrase=PASSPHRASE))
    add_entry(a, "Acme", "after the change")
    assert a.sync_now().sent > 0  # the worker opens the journal under the new key
    with pytest.raises(WrongKeyError):
        opening.join_sync(folder, tmp_path / "b" / "journal.db", passphrase=PASSPHRASE)
    b, _restored = opening.join_sync(
        folder, tmp_path / "c" / "journal.db", passphrase=NEW_PASSPHRASE
    )
    assert dump(a) == dump(b)
    a.close()
    b.close()


def test_a_new_recovery_key_writes_the_shared_copy_again_and_re_encrypts_the_backups(
    tmp_path: Path,
) -> None:
    a, old_recovery, folder = first_computer(tmp_path)
    add_entry(a, "Acme", "x")
    a.sync_now()
    backup = a.auto_backup(keep=5)
    assert backup is not None
    new_recovery = a.rotate_recovery_key()
    assert a.last_rekeyed_backups is not None and a.last_rekeyed_backups.rekeyed == [backup]
    new_key = key_from_recovery(new_recovery)
    old_key = key_from_recovery(old_recovery)
    for file in (folder / SNAPSHOT_NAME, backup):
        assert _opens(file, new_key) and not _opens(file, old_key)
    add_entry(a, "Acme", "y")
    assert a.sync_now().sent > 0
    b = join(tmp_path, "b", folder, new_recovery)
    assert dump(a) == dump(b)
    a.close()
    b.close()


def _as_before_argon2id(copy: Path, key: JournalKey) -> None:
    """The shared copy as a version before Argon2id wrote it: keyed by SQLCipher's own
    PBKDF2 of the passphrase, with an all-random salt."""
    legacy = copy.with_name("legacy.db")
    conn = sqlcipher3.connect(str(copy))
    conn.execute(key.pragma())
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    pbkdf2 = JournalKey(passphrase=PASSPHRASE).pragma_value()
    conn.execute(f"ATTACH DATABASE '{legacy}' AS legacy KEY {pbkdf2}")
    conn.execute("SELECT sqlcipher_export('legacy')")
    conn.execute(f"PRAGMA legacy.application_id = {app_id}")
    conn.execute("DETACH DATABASE legacy")
    conn.close()
    legacy.replace(copy)
    assert kdf.parameters_of(kdf.file_salt(copy)) is None


def test_a_shared_copy_still_under_pbkdf2_is_written_again_under_argon2id(
    tmp_path: Path,
) -> None:
    """A journal set up for sync before Argon2id, moved over since: its folder copy (the
    most exposed place) is written again under the stretched key of whichever computer
    exchanges next, and the passphrase joins from it before and after."""
    a, folder = _passphrase_computer(tmp_path)
    copy = folder / SNAPSHOT_NAME
    _as_before_argon2id(copy, a.secret)
    b, _restored = opening.join_sync(folder, tmp_path / "b" / "journal.db", passphrase=PASSPHRASE)
    assert kdf.file_salt(copy) == kdf.file_salt(b.path)  # b's first exchange wrote it again
    _as_before_argon2id(copy, b.secret)
    add_entry(a, "Acme", "after the update")
    a.sync_now()
    assert kdf.file_salt(copy) == kdf.file_salt(a.path)
    written = copy.stat().st_mtime_ns
    add_entry(a, "Acme", "and once more")
    a.sync_now()
    b.sync_now()
    assert copy.stat().st_mtime_ns == written  # once, not at every exchange
    c, _restored = opening.join_sync(folder, tmp_path / "c" / "journal.db", passphrase=PASSPHRASE)
    assert dump(a) == dump(b) == dump(c)
    for journal in (a, b, c):
        journal.close()
