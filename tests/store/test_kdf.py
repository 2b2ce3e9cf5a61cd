"""Passphrases stretched with Argon2id into a raw SQLCipher key (issue 17): the salt is the
file's own first 16 bytes and names the parameters; every file (journal, backup, a copy
being restored or re-encrypted) is opened with the key derived for its own salt; journals
keyed by SQLCipher's PBKDF2 (made before) and ones stretched with weaker parameters are
moved over at their next unlock, and their backups still open."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sqlcipher3

from reljournal.core.errors import WrongKeyError
from reljournal.store import kdf
from reljournal.store.backups.automatic import list_backups, rekey_backups
from reljournal.store.backups.backup import backup_beside, backup_journal
from reljournal.store.backups.restore import restore_journal
from reljournal.store.database import open_database, open_database_keyed
from reljournal.store.keys import JournalKey
from reljournal.store.opening import change_passphrase, create_journal, unlock_journal
from tests.helpers.keyrings import NoKeyring
from tests.helpers.legacy_journals import (
    PBKDF2_FIXTURE_ACCOUNTS,
    PBKDF2_FIXTURE_PASSPHRASE,
    copy_pbkdf2_fixture,
)

PASSPHRASE = "correct horse battery staple"
OTHER = "purple elephant waltzing quietly"
CHEAP = kdf.Argon2Parameters(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def _raw_open(path: Path, pragma_value: str) -> list[str]:
    """The account names of the journal at ``path`` read with plain sqlcipher3 keyed
    with ``pragma_value``: independent of the code under test."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = {pragma_value}")
        return [r[0] for r in conn.execute("SELECT name FROM accounts ORDER BY name")]
    finally:
        conn.close()


def _argon2_key_of(path: Path, passphrase: str) -> str:
    """``x'<Argon2id(passphrase, the file's first 16 bytes)>'`` computed here with the
    parameters the salt names."""
    from argon2.low_level import Type, hash_secret_raw

    salt = path.read_bytes()[:16]
    parameters = kdf.parameters_of(salt)
    assert parameters is not None, "the file's salt names no Argon2id parameters"
    raw = hash_secret_raw(
        passphrase.encode(),
        salt,
        time_cost=parameters.time_cost,
        memory_cost=parameters.memory_kib,
        parallelism=parameters.parallelism,
        hash_len=32,
        type=Type.ID,
    )
    return f"\"x'{raw.hex()}'\""


def _opens(path: Path, passphrase: str) -> bool:
    try:
        open_database(path, JournalKey(passphrase=passphrase), migrate=False).conn.close()
    except WrongKeyError:
        return False
    return True


# ---------------------------------------------------------------- the salt


def test_a_salt_names_its_parameters_and_is_random() -> None:
    salts = {kdf.new_salt(kdf.CURRENT) for _ in range(100)}
    assert len(salts) == 100 and all(len(s) == 16 for s in salts)
    assert {kdf.parameters_of(s) for s in salts} == {kdf.CURRENT}
    assert kdf.parameters_of(kdf.new_salt(CHEAP)) == CHEAP


@pytest.mark.parametrize(
    "salt",
    [
        None,
        b"",
        os.urandom(16)[:15],
        b"RJ\x01" + bytes([30, 3, 4]) + bytes(10),  # 1 TiB of memory: a tampered header
        b"RJ\x01" + bytes([17, 0, 4]) + bytes(10),  # no pass
        b"RJ\x01" + bytes([17, 3, 0]) + bytes(10),  # no lane
        b"RJ\x02" + bytes([17, 3, 4]) + bytes(10),  # another format
        b"SQLite format 3\x00",
    ],
)
def test_what_is_not_our_salt_names_no_parameters(salt: bytes | None) -> None:
    assert kdf.parameters_of(salt) is None


def test_current_parameters_are_strong() -> None:
    # OWASP's minimum for Argon2id is 19 MiB with 2 passes; RFC 9106's second choice 64 MiB, 3
    assert kdf.CURRENT.memory_kib >= 64 * 1024 and kdf.CURRENT.time_cost >= 2
    assert not kdf.CURRENT.weaker_than(kdf.CURRENT) and CHEAP.weaker_than(kdf.CURRENT)


# ---------------------------------------------------------------- new journals


def test_a_new_passphrase_journal_is_keyed_with_argon2id_of_its_own_salt(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path, passphrase=PASSPHRASE)
    journal.db.execute(
        "INSERT INTO accounts (name, name_key, created_at, updated_at) "
        "VALUES ('Acme', 'acme', '2026-01-01', '2026-01-01')"
    )
    journal.db.conn.commit()
    journal.close()
    assert kdf.parameters_of(path.read_bytes()[:16]) == kdf.CURRENT
    # the key is Argon2id(passphrase, the file's salt), given as a raw key: plain sqlcipher3
    # opens it with that, and not with the passphrase through SQLCipher's own PBKDF2
    assert _raw_open(path, _argon2_key_of(path, PASSPHRASE)) == ["Acme"]
    with pytest.raises(sqlcipher3.DatabaseError):
        _raw_open(path, f"'{PASSPHRASE}'")
    other = tmp_path / "other.db"
    create_journal(other, passphrase=PASSPHRASE).close()
    assert other.read_bytes()[:16] != path.read_bytes()[:16]  # each journal its own salt


def test_more_connections_need_no_new_argon2id_run(
    tmp_path: Path, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path, passphrase=PASSPHRASE)
    runs: list[bytes] = []
    real = kdf.stretch
    monkeypatch.setattr(kdf, "stretch", lambda p, s: runs.append(s) or real(p, s))
    db, key = open_database_keyed(path, journal.key, migrate=False)  # another thread's
    db.conn.close()
    backup = backup_beside(journal.db, path, "backup", journal.key)
    assert runs == []
    assert backup.read_bytes()[:16] == path.read_bytes()[:16]  # the backup shares the salt
    assert _raw_open(backup, _argon2_key_of(path, PASSPHRASE)) == []
    journal.close()
    unlock_journal(path, passphrase=PASSPHRASE).close()
    assert len(runs) == 1  # an unlock: one run, no PBKDF2 tried first


def test_a_wrong_passphrase_is_refused_and_changes_nothing(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    new = tmp_path / "new.db"
    create_journal(new, passphrase=PASSPHRASE).close()
    old = copy_pbkdf2_fixture(tmp_path / "old.db")
    for path in (new, old):
        before = path.read_bytes()
        for wrong in ("correct horse battery stapler", "", "Correct horse battery staple"):
            with pytest.raises(WrongKeyError, match="does not open"):
                unlock_journal(path, passphrase=wrong)
        assert path.read_bytes() == before
        assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


# ---------------------------------------------------------------- moving journals over


def test_a_pbkdf2_journal_is_moved_over_at_its_next_unlock(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    path = copy_pbkdf2_fixture(tmp_path / "journal.db")
    (tmp_path / "backups").mkdir(mode=0o700)
    old_backup = tmp_path / "backups" / "journal-backup-20250101-120000.db"
    shutil.copyfile(path, old_backup)  # a backup made before: PBKDF2 too
    assert kdf.parameters_of(path.read_bytes()[:16]) is None
    assert _raw_open(path, f"'{PBKDF2_FIXTURE_PASSPHRASE}'") == list(PBKDF2_FIXTURE_ACCOUNTS)

    journal = unlock_journal(path, passphrase=PBKDF2_FIXTURE_PASSPHRASE)
    names = [r[0] for r in journal.db.execute("SELECT name FROM accounts ORDER BY name")]
    assert names == list(PBKDF2_FIXTURE_ACCOUNTS)
    assert not journal.key.needs_stretching
    journal.close()
    # moved over: Argon2id of a new salt, and SQLCipher's PBKDF2 no longer opens it
    assert kdf.parameters_of(path.read_bytes()[:16]) == kdf.CURRENT
    assert _raw_open(path, _argon2_key_of(path, PBKDF2_FIXTURE_PASSPHRASE)) == list(
        PBKDF2_FIXTURE_ACCOUNTS
    )
    with pytest.raises(sqlcipher3.DatabaseError):
        _raw_open(path, f"'{PBKDF2_FIXTURE_PASSPHRASE}'")
    # it opens again with the passphrase, and so does the backup made before
    unlock_journal(path, passphrase=PBKDF2_FIXTURE_PASSPHRASE).close()
    # (a journal of an older schema also gets its backup before each migration)
    backups = [b.path for b in list_backups(path)]
    assert old_backup in backups
    assert all(_opens(b, PBKDF2_FIXTURE_PASSPHRASE) for b in backups)
    # integrity after the re-encryption
    db = open_database(path, JournalKey(passphrase=PBKDF2_FIXTURE_PASSPHRASE), migrate=False)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.conn.close()


def test_raised_parameters_move_a_journal_over_at_its_next_unlock(
    tmp_path: Path, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    monkeypatch.setattr(kdf, "CURRENT", CHEAP)  # a journal made by a version with less
    create_journal(path, passphrase=PASSPHRASE).close()
    first_salt = path.read_bytes()[:16]
    assert kdf.parameters_of(first_salt) == CHEAP
    monkeypatch.undo()  # this version raised them
    unlock_journal(path, passphrase=PASSPHRASE).close()
    salt = path.read_bytes()[:16]
    assert salt != first_salt and kdf.parameters_of(salt) == kdf.CURRENT
    assert _raw_open(path, _argon2_key_of(path, PASSPHRASE)) == []


def test_stronger_parameters_of_a_newer_version_are_kept(
    tmp_path: Path, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    monkeypatch.setattr(kdf, "CURRENT", kdf.Argon2Parameters(1, 16 * 1024, 1))
    create_journal(path, passphrase=PASSPHRASE).close()
    made = path.read_bytes()[:16]
    monkeypatch.setattr(kdf, "CURRENT", CHEAP)  # an older version opens it
    journal = unlock_journal(path, passphrase=PASSPHRASE)
    backup = backup_beside(journal.db, path, "backup", journal.key)
    journal.close()
    assert path.read_bytes()[:16] == made == backup.read_bytes()[:16]  # never weakened


def test_a_journal_open_elsewhere_is_moved_over_later(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    path = copy_pbkdf2_fixture(tmp_path / "journal.db")
    other = open_database(path, JournalKey(passphrase=PBKDF2_FIXTURE_PASSPHRASE))
    other.execute("SELECT count(*) FROM accounts").fetchone()  # another window reading it
    journal = unlock_journal(path, passphrase=PBKDF2_FIXTURE_PASSPHRASE)
    assert journal.key.needs_stretching  # not moved: the other connection holds it
    journal.close()
    other.conn.close()
    assert kdf.parameters_of(path.read_bytes()[:16]) is None
    unlock_journal(path, passphrase=PBKDF2_FIXTURE_PASSPHRASE).close()
    assert kdf.parameters_of(path.read_bytes()[:16]) == kdf.CURRENT


# ---------------------------------------------------------------- backups, restore, rekey


def test_a_backup_of_a_journal_not_yet_moved_over_is_argon2id(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    path = copy_pbkdf2_fixture(tmp_path / "journal.db")
    db, key = open_database_keyed(path, JournalKey(passphrase=PBKDF2_FIXTURE_PASSPHRASE))
    assert key.needs_stretching
    backup = backup_journal(db, tmp_path / "copy.db", key)
    db.conn.close()
    assert kdf.parameters_of(backup.read_bytes()[:16]) == kdf.CURRENT
    assert _raw_open(backup, _argon2_key_of(backup, PBKDF2_FIXTURE_PASSPHRASE)) == list(
        PBKDF2_FIXTURE_ACCOUNTS
    )


def test_restore_of_old_and_new_backups(tmp_path: Path, no_keychain: NoKeyring) -> None:
    old_backup = copy_pbkdf2_fixture(tmp_path / "old-backup.db")
    target = tmp_path / "journal.db"
    journal = create_journal(target, passphrase=PBKDF2_FIXTURE_PASSPHRASE)
    new_backup = backup_journal(journal.db, tmp_path / "new-backup.db", journal.key)
    journal.close()
    # the PBKDF2 backup over the Argon2id journal: the replaced journal is kept as a backup
    result = restore_journal(old_backup, target, passphrase=PBKDF2_FIXTURE_PASSPHRASE)
    assert result.replaced_backup is not None and _opens(
        result.replaced_backup, PBKDF2_FIXTURE_PASSPHRASE
    )
    journal = unlock_journal(target, passphrase=PBKDF2_FIXTURE_PASSPHRASE)  # and moved over
    assert [r[0] for r in journal.db.execute("SELECT name FROM accounts ORDER BY name")] == list(
        PBKDF2_FIXTURE_ACCOUNTS
    )
    journal.close()
    assert kdf.parameters_of(target.read_bytes()[:16]) == kdf.CURRENT
    # the Argon2id backup back over it
    restore_journal(new_backup, target, passphrase=PBKDF2_FIXTURE_PASSPHRASE)
    journal = unlock_journal(target, passphrase=PBKDF2_FIXTURE_PASSPHRASE)
    assert journal.db.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0
    journal.close()
    with pytest.raises(WrongKeyError):
        restore_journal(new_backup, target, passphrase=OTHER)


def test_a_passphrase_change_re_encrypts_old_and_new_backups(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    path = copy_pbkdf2_fixture(tmp_path / "journal.db")
    (tmp_path / "backups").mkdir(mode=0o700)
    legacy = tmp_path / "backups" / "journal-backup-20250101-120000.db"
    shutil.copyfile(path, legacy)
    journal = unlock_journal(path, passphrase=PBKDF2_FIXTURE_PASSPHRASE)  # moved over
    argon = backup_beside(journal.db, path, "backup", journal.key)
    old_key = journal.key
    change_passphrase(journal, OTHER)
    result = rekey_backups(path, old_key, journal.key)
    journal.close()
    # (the fixture, of an older schema, also got a backup before its migrations)
    assert {legacy, argon} <= set(result.rekeyed) and result.left == []
    salt = path.read_bytes()[:16]
    for file in (path, legacy, argon):
        assert file.read_bytes()[:16] == salt  # all under the new key and salt
        assert _opens(file, OTHER) and not _opens(file, PBKDF2_FIXTURE_PASSPHRASE)
