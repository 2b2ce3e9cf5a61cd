"""``open_database``: files that are not journals, damaged or unreadable ones, and the
pragmas every connection gets. Failures are StorageErrors with a reason for the user."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from reljournal.core.errors import (
    JournalExistsError,
    JournalMissingError,
    NotAJournalError,
    StorageError,
    WrongKeyError,
)
from reljournal.store.database import (
    current_schema,
    open_database,
    schema_version,
    storage_errors,
)
from reljournal.store.keys import JournalKey, key_from_recovery, load_from_keychain
from reljournal.store.opening import unlock_journal
from reljournal.store.schema import APPLICATION_ID


def key_of(path: Path) -> JournalKey:
    key = load_from_keychain(path)
    assert key is not None
    return key


def one_line(err: BaseException) -> str:
    message = str(err)
    assert "\n" not in message and "Traceback" not in message
    return message


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make ``paths`` read-only, even for root (which ignores permission bits): chmod,
    then the immutable attribute if the process can still write."""
    modes = {p: p.stat().st_mode for p in paths}
    immutable: list[Path] = []
    try:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        for p in paths:
            if os.access(p, os.W_OK):
                done = shutil.which("chattr") and subprocess.run(
                    ["chattr", "+i", str(p)], capture_output=True
                )
                if not done or done.returncode != 0:
                    pytest.skip("running as root and chattr +i is not available here")
                immutable.append(p)
        yield
    finally:
        for p in immutable:
            subprocess.run(["chattr", "-i", str(p)], check=True)
        for p, mode in modes.items():
            p.chmod(mode)


# ---------------------------------------------------------------- what every connection gets


def test_pragmas_of_every_connection(db: object) -> None:
    execute = db.execute  # type: ignore[attr-defined]
    assert execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert execute("PRAGMA busy_timeout").fetchone()[0] == 8000
    assert execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert schema_version(db) == current_schema()  # type: ignore[arg-type]


def test_foreign_keys_are_enforced(db: object) -> None:
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute(  # type: ignore[attr-defined]
            "INSERT INTO answers (entry_id, question_text, answer, said_on) "
            "VALUES (999, 'q', 'a', '2026-01-01')"
        )


# ---------------------------------------------------------------- files that are not journals


def test_missing_file_is_never_created(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with pytest.raises(JournalMissingError, match="There is no journal at"):
        open_database(path, JournalKey(raw=b"\0" * 32))
    assert not path.exists()


def test_create_refuses_an_existing_file(journal_path: Path) -> None:
    before = journal_path.read_bytes()
    with pytest.raises(JournalExistsError):
        open_database(journal_path, key_of(journal_path), create=True)
    assert journal_path.read_bytes() == before


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.touch()
    with pytest.raises(NotAJournalError, match="is empty"):
        open_database(path, JournalKey(raw=b"\0" * 32))


def test_garbage_bytes(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    data = os.urandom(64 * 1024)
    path.write_bytes(data)
    with pytest.raises(WrongKeyError) as caught:
        open_database(path, JournalKey(raw=b"\0" * 32))
    assert "damaged or is not a journal" in one_line(caught.value)
    assert path.read_bytes() == data


def _plain_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE accounts (name TEXT)")
    connection.commit()
    connection.close()


def test_plain_unencrypted_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    _plain_sqlite(path)
    with pytest.raises(NotAJournalError, match="unencrypted SQLite file, not a RelJournal journal"):
        open_database(path, JournalKey(raw=b"\0" * 32))


def test_plain_sqlite_file_is_named_as_such_before_any_key_is_asked_for(tmp_path: Path) -> None:
    # the keychain has no entry for it: "use your recovery key" would send the user astray
    path = tmp_path / "journal.db"
    _plain_sqlite(path)
    with pytest.raises(NotAJournalError, match="unencrypted SQLite file"):
        unlock_journal(path)
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(NotAJournalError, match="is empty"):
        unlock_journal(empty)
    with pytest.raises(JournalMissingError):
        unlock_journal(tmp_path / "missing.db")


def test_encrypted_database_that_is_not_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    key = JournalKey(raw=b"\x07" * 32)
    connection = sqlcipher3.connect(str(path))
    connection.execute(key.pragma())
    connection.execute("CREATE TABLE x (a)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAJournalError, match="encrypted database, but not a RelJournal journal"):
        open_database(path, key)


@pytest.mark.parametrize("keep", [100, 4096, 3 * 4096, 0.5, -4096])
def test_truncated_journal(journal_path: Path, keep: float) -> None:
    data = journal_path.read_bytes()
    size = int(len(data) * keep) if isinstance(keep, float) else keep % len(data)
    journal_path.write_bytes(data[:size])
    with pytest.raises(StorageError) as caught:
        journal = unlock_journal(journal_path)
        journal.db.execute("SELECT count(*) FROM entries_fts").fetchall()
    assert "damaged" in one_line(caught.value)


def test_damaged_page_is_a_storage_error_when_read(journal_path: Path) -> None:
    from reljournal.core.formats.interchange import loads, parse_document
    from reljournal.store.transfer.json_export import export_document
    from reljournal.store.transfer.json_import import import_document

    golden = Path(__file__).parents[1] / "data" / "interchange" / "full.json"
    journal = unlock_journal(journal_path)
    import_document(journal.db, parse_document(loads(golden.read_bytes())))
    journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = journal.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'")
    page = root.fetchone()[0] - 1  # the entries table's one page (it holds six rows)
    journal.close()
    data = bytearray(journal_path.read_bytes())
    data[page * 4096 + 100 : page * 4096 + 164] = os.urandom(64)
    journal_path.write_bytes(bytes(data))
    journal = unlock_journal(journal_path)  # the schema is intact: it opens
    try:
        with pytest.raises(StorageError) as caught:
            export_document(journal.db)
    finally:
        journal.close()
    assert (
        one_line(caught.value)
        == "Could not read the journal: the file is damaged or is not a journal."
    )


# ---------------------------------------------------------------- read-only places


def test_journal_in_a_read_only_directory(journal_path: Path) -> None:
    with read_only(journal_path.parent), pytest.raises(StorageError) as caught:
        unlock_journal(journal_path).close()
    assert "may write there" in one_line(caught.value)


def test_creating_in_a_read_only_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder), pytest.raises(StorageError) as caught:
        open_database(folder / "journal.db", JournalKey(raw=b"\0" * 32), create=True)
    assert one_line(caught.value).startswith("Could not open the journal: ")
    assert not (folder / "journal.db").exists()


def test_backup_into_a_read_only_folder_fails_cleanly(journal_path: Path, tmp_path: Path) -> None:
    from reljournal.store.backups.backup import backup_journal

    folder = tmp_path / "backups"
    folder.mkdir()
    journal = unlock_journal(journal_path)
    try:
        with read_only(folder), pytest.raises(StorageError, match="The backup to .* failed"):
            backup_journal(journal.db, folder / "b.db", journal.key)
    finally:
        journal.close()
    assert list(folder.iterdir()) == []  # no half-written file


def test_backup_reports_progress_and_opens_with_the_same_key(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    from reljournal.store.backups.backup import backup_journal

    journal = unlock_journal(journal_path)
    steps: list[tuple[int, int]] = []
    try:
        dest = backup_journal(
            journal.db,
            tmp_path / "b.db",
            journal.key,
            progress=lambda done, total: steps.append((done, total)),
            pages_per_step=10,
        )
    finally:
        journal.close()
    assert len(steps) > 1 and steps[-1][0] == steps[-1][1]
    copy = open_database(dest, key_from_recovery(recovery_key))
    try:
        assert schema_version(copy) == current_schema()
    finally:
        copy.conn.close()


# ---------------------------------------------------------------- storage_errors


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (sqlcipher3.OperationalError("database is locked"), "another program is writing"),
        (sqlcipher3.OperationalError("database or disk is full"), "the disk is full"),
        (sqlcipher3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlcipher3.DatabaseError("database disk image is malformed"), "damaged"),
        (sqlcipher3.OperationalError("disk I/O error"), "the disk reported an error"),
        (PermissionError(13, "Permission denied"), "Permission denied"),
    ],
)
def test_environment_failures_become_storage_errors(error: Exception, reason: str) -> None:
    with pytest.raises(StorageError) as caught, storage_errors("save the entry"):
        raise error
    message = one_line(caught.value)
    assert message.startswith("Could not save the entry: ") and reason in message


@pytest.mark.parametrize(
    "error",
    [
        sqlcipher3.OperationalError("no such table: acounts"),
        sqlcipher3.IntegrityError("FOREIGN KEY constraint failed"),
        ValueError("a bug"),
    ],
)
def test_programming_errors_propagate(error: Exception) -> None:
    with pytest.raises(type(error)), storage_errors("save the entry"):
        raise error


def test_a_real_lock_is_reported_as_another_program_writing(journal_path: Path) -> None:
    first = unlock_journal(journal_path)
    second = unlock_journal(journal_path)
    try:
        first.db.execute("BEGIN IMMEDIATE")
        second.db.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(StorageError, match="another program is writing"):
            with storage_errors("save the account"):
                second.db.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        first.db.execute("ROLLBACK")
    finally:
        second.close()
        first.close()


def test_journal_opened_with_the_recovery_key_of_another_journal(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    from reljournal.store.opening import create_journal

    other = create_journal(tmp_path / "other.db")
    other.close()
    assert other.recovery_key is not None
    with pytest.raises(WrongKeyError):
        open_database(journal_path, key_from_recovery(other.recovery_key))
    open_database(journal_path, key_from_recovery(recovery_key)).conn.close()


_MEMORY_PROBE = """
import sys
from pathlib import Path
from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey
db = open_database(Path(sys.argv[1]), JournalKey(passphrase="correct horse battery staple"), create=True)
print(db.execute("PRAGMA cipher_memory_security").fetchone()[0])
"""


@pytest.mark.parametrize(("wanted", "setting"), [("1", "1"), ("", "0")])
def test_memory_security_on_when_asked_for(tmp_path: Path, wanted: str, setting: str) -> None:
    """``RELJOURNAL_MEMORY_SECURITY=1`` turns SQLCipher's memory wiping on for every
    connection (in a process of its own: once on, it stays on for the process)."""
    env = {k: v for k, v in os.environ.items() if k != "RELJOURNAL_MEMORY_SECURITY"}
    env["RELJOURNAL_MEMORY_SECURITY"] = wanted
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(tmp_path / "j.db")],
        capture_output=True, text=True, env=env, cwd=Path(__file__).parents[2], timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == setting, result.stderr
