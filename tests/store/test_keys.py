"""Key handling: keychain present (raw key under service "reljournal"), keychain absent
(passphrase), wrong keys, the recovery key, plaintext keyring backends, and what the
journal file gives away on disk (nothing)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import pytest

from reljournal.core.errors import (
    JournalExistsError,
    KeychainError,
    StorageError,
    WrongKeyError,
)
from reljournal.core.formats.interchange import parse_document
from reljournal.store.database import open_database
from reljournal.store.keys import (
    SERVICE,
    JournalKey,
    key_from_recovery,
    keychain_available,
    keychain_name,
    load_from_keychain,
    new_recovery_key,
    normalize_recovery_key,
    passphrase_strength,
    store_in_keychain,
)
from reljournal.store.opening import create_journal, rotate_recovery_key, unlock_journal
from reljournal.store.transfer.json_import import import_document
from tests.helpers.keyrings import MemoryKeyring, NoKeyring

FIXED_RECOVERY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
SECRET_NOTE = "Zebra-quartz marmalade 7731: the CFO hates Tuesdays"


def account_count(path: Path, **secret: str) -> int:
    journal = unlock_journal(path, **secret)
    try:
        return int(journal.db.execute("SELECT count(*) FROM accounts").fetchone()[0])
    finally:
        journal.close()


def add_account(journal: object, name: str) -> None:
    doc = parse_document({"format": "reljournal", "version": 1, "accounts": [{"name": name}]})
    import_document(journal.db, doc)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- JournalKey and recovery keys


def test_journal_key_holds_exactly_one_secret() -> None:
    with pytest.raises(ValueError):
        JournalKey()
    with pytest.raises(ValueError):
        JournalKey(raw=b"\0" * 32, passphrase="x")
    with pytest.raises(ValueError):
        JournalKey(raw=b"\0" * 16)


def test_journal_key_never_shows_its_secret() -> None:
    raw = JournalKey(raw=bytes(range(32)))
    phrase = JournalKey(passphrase="hunter22hunter")
    assert "hunter22" not in repr(phrase) and "hunter22" not in str(phrase)
    assert bytes(range(32)).hex() not in repr(raw)


def test_raw_key_pragma_is_a_raw_key_and_passphrase_quotes_are_escaped() -> None:
    assert JournalKey(raw=b"\xab" * 32).pragma() == f"PRAGMA key = \"x'{'ab' * 32}'\""
    assert JournalKey(passphrase="it's").pragma() == "PRAGMA key = 'it''s'"


def test_new_recovery_keys_are_eight_groups_of_five_and_differ() -> None:
    keys = {new_recovery_key() for _ in range(20)}
    assert len(keys) == 20
    for key in keys:
        groups = key.split("-")
        assert len(groups) == 8 and all(len(g) == 5 for g in groups)  # 4 + a check character
        assert set(key) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-")
        assert len(normalize_recovery_key(key)) == 20


@pytest.mark.parametrize(
    "typed",
    [
        "abcd-efgh-ijkl-mnop-qrst-uvwx-yz23-4567",
        "ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        "  abcd efgh-ijklmnop qrst\tuvwx yz23 4567\n",
        "ABCD-EFGH-1JKL-MN0P-QRST-UVWX-YZ23-4567",  # 1 for I, 0 for O
    ],
)
def test_recovery_key_however_typed_gives_the_same_key(typed: str) -> None:
    assert key_from_recovery(typed) == key_from_recovery(FIXED_RECOVERY)


@pytest.mark.parametrize(
    "typed",
    ["", "hello", "ABCD-EFGH", FIXED_RECOVERY + "-ABCD", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456"],
)
def test_malformed_recovery_keys_are_wrong_key_errors(typed: str) -> None:
    with pytest.raises(WrongKeyError, match="not a recovery key"):
        key_from_recovery(typed)


def test_recovery_key_derivation_is_stable() -> None:
    # journals and backups made today must open with the same recovery key tomorrow
    assert key_from_recovery(FIXED_RECOVERY).raw == bytes.fromhex(
        key_from_recovery(FIXED_RECOVERY.lower()).raw.hex()  # type: ignore[union-attr]
    )
    assert key_from_recovery(FIXED_RECOVERY) != key_from_recovery(new_recovery_key())


@pytest.mark.parametrize(
    ("passphrase", "score", "hint"),
    [
        ("short", 0, "too_short"),
        ("password", 0, "weak"),
        ("passwordpassword", 0, "weak"),  # length alone rated it "good" (issue 17)
        ("hunter22hunter", 2, "fair"),
        ("startup timing", 3, "good"),
        ("correct horse battery staple", 4, "strong"),
        ("Tr0ub4dor&3-xyzzy", 4, "strong"),
    ],
)
def test_passphrase_strength(passphrase: str, score: int, hint: str) -> None:
    assert passphrase_strength(passphrase) == (score, hint)


# ---------------------------------------------------------------- which keychains count


def test_memory_keychain_counts() -> None:
    assert keychain_available()


def alt_backend(module: str = "keyrings.alt.file", name: str = "PlaintextKeyring") -> object:
    """A backend that looks like one of keyrings.alt's (files on disk, in the clear or
    under a key kept beside them); works, so only its origin makes it unacceptable."""
    backend_class = type(name, (MemoryKeyring,), {"__module__": module})
    return backend_class()


@pytest.mark.parametrize(
    "backend",
    [
        keyring.backends.fail.Keyring(),
        keyring.backends.null.Keyring(),
        alt_backend("keyrings.alt.file", "PlaintextKeyring"),
        alt_backend("keyrings.alt.file", "EncryptedKeyring"),
        alt_backend("keyrings.alt.Windows", "RegistryKeyring"),
        NoKeyring(),
    ],
    ids=["fail", "null", "alt-plaintext", "alt-encrypted-file", "alt-registry", "raising"],
)
def test_plaintext_and_failing_backends_are_no_keychain(backend: object) -> None:
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    assert not keychain_available()


def test_real_keyrings_alt_backends_are_no_keychain() -> None:
    alt_file = pytest.importorskip("keyrings.alt.file")
    keyring.set_keyring(alt_file.PlaintextKeyring())
    assert not keychain_available()


def _chain(*backends: object) -> object:
    class ChainerBackend(keyring.backends.chainer.ChainerBackend):
        pass

    ChainerBackend.backends = list(backends)  # type: ignore[misc]
    return ChainerBackend()


def test_a_chain_counts_only_when_writes_go_to_a_real_keychain() -> None:
    keyring.set_keyring(_chain(alt_backend()))  # type: ignore[arg-type]
    assert not keychain_available()
    keyring.set_keyring(_chain(MemoryKeyring(), alt_backend()))  # type: ignore[arg-type]
    assert keychain_available()
    # the chain writes to its first backend: a plaintext file first means the key
    # would be written to disk in the clear
    keyring.set_keyring(_chain(alt_backend(), MemoryKeyring()))  # type: ignore[arg-type]
    assert not keychain_available()


def test_locked_keychain_and_the_opt_out_variable_are_no_keychain(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.fail = True
    assert not keychain_available()
    memory_keyring.fail = False
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    assert not keychain_available()


# ---------------------------------------------------------------- keychain present


def test_create_keeps_a_raw_key_in_the_keychain_and_reopens_without_a_secret(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path)
    assert journal.recovery_key is not None
    add_account(journal, "Acme Dental")
    journal.close()

    stored = memory_keyring.items[(SERVICE, str(path.resolve()))]
    assert stored == key_from_recovery(journal.recovery_key).raw.hex()  # type: ignore[union-attr]
    assert len(bytes.fromhex(stored)) == 32
    assert account_count(path) == 1
    # another path to the same file finds the same keychain entry
    (tmp_path / "sub").mkdir()
    assert account_count(tmp_path / "sub" / ".." / "journal.db") == 1


def test_each_journal_has_its_own_key(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    first = create_journal(tmp_path / "a.db")
    second = create_journal(tmp_path / "b.db")
    first.close()
    second.close()
    assert first.key != second.key
    assert first.recovery_key != second.recovery_key
    assert len(memory_keyring.items) == 2


def test_create_never_replaces_an_existing_file(
    journal_path: Path, memory_keyring: MemoryKeyring
) -> None:
    before = journal_path.read_bytes()
    entry = dict(memory_keyring.items)
    with pytest.raises(JournalExistsError, match="never overwrites"):
        create_journal(journal_path)
    with pytest.raises(JournalExistsError):
        create_journal(journal_path, passphrase="a passphrase here")
    assert journal_path.read_bytes() == before
    assert memory_keyring.items == entry


def test_create_stores_nothing_when_the_keychain_refuses(tmp_path: Path) -> None:
    class Refusing(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringError("denied")

    keyring.set_keyring(Refusing())
    path = tmp_path / "journal.db"
    with pytest.raises(KeychainError, match="refused to store"):
        create_journal(path)
    assert not path.exists()


def test_failed_create_removes_the_keychain_entry(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        create_journal(blocker / "journal.db")
    assert memory_keyring.items == {}


def test_wrong_raw_key_is_refused_and_changes_nothing(
    journal_path: Path, memory_keyring: MemoryKeyring
) -> None:
    before = journal_path.read_bytes()
    with pytest.raises(WrongKeyError, match="does not open this journal"):
        open_database(journal_path, JournalKey(raw=b"\x01" * 32))
    # a wrong key in the keychain is refused the same way
    store_in_keychain(journal_path, JournalKey(raw=b"\x02" * 32))
    with pytest.raises(WrongKeyError):
        unlock_journal(journal_path)
    assert journal_path.read_bytes() == before


def test_keychain_entry_that_is_not_a_key_is_no_key(
    journal_path: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.items[(SERVICE, keychain_name(journal_path))] = "not hex"
    assert load_from_keychain(journal_path) is None
    with pytest.raises(KeychainError, match="recovery key"):
        unlock_journal(journal_path)


def test_keychain_that_fails_on_reading_the_entry(journal_path: Path) -> None:
    class LockedEntries(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            if username == "reljournal-probe":
                return None
            raise keyring.errors.KeyringError("locked")

    keyring.set_keyring(LockedEntries())
    with pytest.raises(KeychainError, match="could not be read; unlock it"):
        unlock_journal(journal_path)


def test_deleting_a_keychain_entry_never_fails(
    journal_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from reljournal.store.keys import delete_from_keychain

    delete_from_keychain(journal_path)
    assert memory_keyring.items == {}
    delete_from_keychain(journal_path)  # already gone
    keyring.set_keyring(NoKeyring())
    delete_from_keychain(journal_path)  # no keychain at all


# ---------------------------------------------------------------- the recovery key


def test_recovery_key_opens_the_journal_and_puts_the_key_back(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path)
    recovery = journal.recovery_key
    assert recovery is not None
    add_account(journal, "Acme")
    journal.close()

    memory_keyring.items.clear()  # the keychain entry is lost (new machine, reset keychain)
    with pytest.raises(KeychainError, match="recovery key"):
        unlock_journal(path)
    typed = recovery.lower().replace("-", " ")
    assert account_count(path, recovery_key=typed) == 1
    assert memory_keyring.items[(SERVICE, str(path.resolve()))] == journal.key.raw.hex()  # type: ignore[union-attr]
    assert account_count(path) == 1  # and the keychain opens it again


def test_wrong_recovery_key_never_replaces_the_keychain_entry(
    journal_path: Path, memory_keyring: MemoryKeyring
) -> None:
    entry = dict(memory_keyring.items)
    with pytest.raises(WrongKeyError):
        unlock_journal(journal_path, recovery_key=new_recovery_key())
    assert memory_keyring.items == entry
    assert account_count(journal_path) == 0


def test_recovery_key_works_without_a_keychain(
    journal_path: Path, recovery_key: str, no_keychain: NoKeyring
) -> None:
    assert account_count(journal_path, recovery_key=recovery_key) == 0


def test_rotating_the_recovery_key(
    journal_path: Path, recovery_key: str, memory_keyring: MemoryKeyring
) -> None:
    journal = unlock_journal(journal_path)
    add_account(journal, "Acme")
    new = rotate_recovery_key(journal)
    journal.close()
    assert new != recovery_key
    with pytest.raises(WrongKeyError):
        unlock_journal(journal_path, recovery_key=recovery_key)
    assert account_count(journal_path) == 1  # the keychain holds the new key
    memory_keyring.items.clear()
    assert account_count(journal_path, recovery_key=new) == 1


# ---------------------------------------------------------------- keychain absent: passphrase


def test_without_keychain_create_asks_for_a_passphrase(
    tmp_path: Path, no_keychain: NoKeyring
) -> None:
    path = tmp_path / "journal.db"
    with pytest.raises(KeychainError, match="choose a passphrase"):
        create_journal(path)
    assert not path.exists()
    with pytest.raises(StorageError, match="empty"):
        create_journal(path, passphrase="")


def test_passphrase_journal(tmp_path: Path, no_keychain: NoKeyring) -> None:
    path = tmp_path / "journal.db"
    passphrase = 'it\'s a "quoted" pässphrase; DROP TABLE x'
    journal = create_journal(path, passphrase=passphrase)
    assert journal.recovery_key is None and journal.key.is_passphrase
    add_account(journal, "Acme")
    journal.close()
    before = path.read_bytes()

    with pytest.raises(KeychainError, match="passphrase is needed"):
        unlock_journal(path)
    with pytest.raises(WrongKeyError):
        unlock_journal(path, passphrase=passphrase.replace("'", ""))
    assert path.read_bytes() == before  # never a new journal over the old one
    assert account_count(path, passphrase=passphrase) == 1


def test_passphrase_journal_does_not_open_with_a_recovery_key(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path, passphrase="long enough passphrase")
    with pytest.raises(StorageError, match="passphrase"):
        rotate_recovery_key(journal)
    journal.close()
    assert memory_keyring.items == {}  # a passphrase never goes into the keychain
    with pytest.raises(WrongKeyError):
        unlock_journal(path, recovery_key=FIXED_RECOVERY)


# ---------------------------------------------------------------- what the file gives away


def test_plain_sqlite_cannot_read_the_journal(journal_path: Path) -> None:
    connection = sqlite3.connect(journal_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            connection.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        connection.close()
    assert not journal_path.read_bytes().startswith(b"SQLite format 3")


def _journal_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def test_no_known_plaintext_on_disk(journal_path: Path, tmp_path: Path) -> None:
    from reljournal.store.backups.backup import backup_journal

    journal = unlock_journal(journal_path)
    doc = {
        "format": "reljournal",
        "version": 1,
        "accounts": [
            {
                "name": "Quixotic Vendor Zed",
                "entries": [{"date": "2026-03-04", "notes": SECRET_NOTE, "title": "Budget talk"}],
            }
        ],
    }
    import_document(journal.db, parse_document(doc))
    hits = journal.db.execute(
        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'marmalade'"
    )
    assert hits.fetchone()[0] == 1  # the text is really in the journal
    needles = [SECRET_NOTE.encode(), b"marmalade", b"Quixotic Vendor Zed", b"CREATE TABLE"]
    files = _journal_files(journal_path)
    assert Path(f"{journal_path}-wal") in files  # the write went to the WAL
    for file in files:
        data = file.read_bytes()
        assert not any(n in data for n in needles), file.name
    backup = backup_journal(journal.db, tmp_path / "backup.db", journal.key)
    journal.close()
    for file in [*_journal_files(journal_path), backup]:
        data = file.read_bytes()
        assert not any(n in data for n in needles), file.name


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_journal_files_are_owner_only(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        path = tmp_path / "journal.db"
        journal = create_journal(path)
        add_account(journal, "Acme")
        files = _journal_files(path)
        assert len(files) == 3  # the journal, its WAL and shared memory, while open
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
        journal.close()
    finally:
        os.umask(old)


def test_a_very_long_passphrase_is_rated_not_refused() -> None:
    """zxcvbn 4.5 refuses input over 72 characters; a long passphrase is still rated."""
    from reljournal.store.keys import passphrase_strength

    score, _code = passphrase_strength("tide pool lantern " * 12)
    assert score >= 3
