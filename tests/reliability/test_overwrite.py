"""``--db`` (and a restore's target) never overwrites a file that is not a journal.

``init`` refuses any existing file; ``restore --force`` replaces a journal (kept
as a backup first) or a damaged one (its bytes kept), but refuses text, a plain
SQLite file, an encrypted database of another program and files with a known
header, leaving them as they were.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from reljournal.cli import main
from reljournal.store.backups.backup import backup_journal
from reljournal.store.keys import key_from_recovery
from tests.reliability.journal_checks import check_journal


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, recovery_key: str) -> None:
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", recovery_key)
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")


@pytest.fixture
def backup(journal: object, tmp_path: Path) -> Path:
    return backup_journal(journal.db, tmp_path / "good-backup.db", journal.key)  # type: ignore[attr-defined]


def _plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _foreign_encrypted(path: Path, pragma: str) -> None:
    conn = sqlcipher3.connect(str(path))
    conn.execute(pragma)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


NOT_JOURNALS = {
    "notes.txt": lambda p: p.write_text("My notes\n" * 1000, encoding="utf-8"),
    "short.txt": lambda p: p.write_text("hello", encoding="utf-8"),
    "report.pdf": lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(5000)),
    "sheet.xlsx": lambda p: p.write_bytes(b"PK\x03\x04" + os.urandom(5000)),
    "plain.db": _plain_sqlite,
}


@pytest.mark.parametrize("name", sorted(NOT_JOURNALS))
def test_init_and_restore_never_overwrite_a_non_journal(
    name: str, tmp_path: Path, backup: Path, cli: None, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / name
    NOT_JOURNALS[name](target)
    before = target.read_bytes()
    assert main(["init", "--db", str(target)]) == 1
    assert main(["restore", str(backup), "--force", "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert target.read_bytes() == before
    assert err.count("reljournal: ") == 2 and "Traceback" not in err
    assert not list(tmp_path.glob(f".{name}.restoring-*"))


def test_restore_refuses_an_encrypted_database_that_opens_but_is_no_journal(
    tmp_path: Path, backup: Path, cli: None, recovery_key: str
) -> None:
    """(One whose key is unknown cannot be told from a damaged journal: it is replaced
    and its bytes kept, as in the test below.)"""
    target = tmp_path / "other.db"
    _foreign_encrypted(target, key_from_recovery(recovery_key).pragma())
    before = target.read_bytes()
    assert main(["restore", str(backup), "--force", "--db", str(target)]) == 1
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    "damage", ["random", "truncated", "empty", "zeroed"], ids=lambda d: f"journal-{d}"
)
def test_restore_replaces_a_damaged_journal_and_keeps_its_bytes(
    damage: str, journal_path: Path, backup: Path, cli: None, recovery_key: str
) -> None:
    data = journal_path.read_bytes()
    damaged = {
        "random": os.urandom(len(data)),
        "truncated": data[: len(data) // 3],
        "empty": b"",
        "zeroed": data[:4096] + bytes(len(data) - 4096),
    }[damage]
    journal_path.write_bytes(damaged)
    assert main(["restore", str(backup), "--force", "--db", str(journal_path)]) == 0
    check_journal(journal_path, key_from_recovery(recovery_key))
    if damaged:
        kept = list((journal_path.parent / "backups").glob("journal-replaced-*.db"))
        assert [p.read_bytes() for p in kept] == [damaged]


OUTPUT_COMMANDS = [
    ["export", "{out}"],
    ["export-csv", "{out}", "--kind", "accounts"],
    ["export-vcard", "{out}"],
    ["export-md", "{out}"],
    ["calendar", "-o", "{out}"],
    ["brief", "Acme", "--format", "md", "-o", "{out}"],
    ["brief", "Acme", "--format", "pdf", "-o", "{out}"],
]


@pytest.fixture
def acme(journal_path: Path, cli: None, tmp_path: Path) -> Path:
    doc = tmp_path / "acme.json"
    doc.write_text('{"format": "reljournal", "version": 1, "accounts": [{"name": "Acme"}]}')
    assert main(["import", str(doc), "--db", str(journal_path)]) == 0
    return journal_path


@pytest.mark.parametrize("target", ["journal", "wal", "backup"])
@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_no_export_writes_over_a_journal_or_backup(
    command: list[str],
    target: str,
    acme: Path,
    recovery_key: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``reljournal export journal.db`` used to replace the journal with its JSON."""
    key = key_from_recovery(recovery_key)
    backup = acme.parent / "kept-backup.db"
    wal = acme.parent / "copy-of-wal"
    if target == "backup":
        from reljournal.store.database import open_database

        db = open_database(acme, key)
        backup_journal(db, backup, key)
        db.conn.close()
    elif target == "wal":
        wal.write_bytes(os.urandom(8192))
    out = {"journal": acme, "wal": wal, "backup": backup}[target]
    before = out.read_bytes()
    argv = [a.replace("{out}", str(out)) for a in command] + ["--db", str(acme)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "never writes an export over it" in err or "choose another name" in err, err
    assert out.read_bytes() == before
    check_journal(acme, key)


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_exports_replace_text_files_and_are_owner_only(
    command: list[str], acme: Path, tmp_path: Path
) -> None:
    out = tmp_path / "old-export.txt"
    out.write_text("an older export\n")
    os.chmod(out, 0o644)
    argv = [a.replace("{out}", str(out)) for a in command] + ["--db", str(acme)]
    assert main(argv) == 0
    assert out.read_bytes() != b"an older export\n"
    assert out.stat().st_mode & 0o777 == 0o600
