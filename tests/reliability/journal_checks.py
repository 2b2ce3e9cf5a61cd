"""What must hold of a journal after anything (a kill, a fault, hostile input):
it opens with its key, SQLite and the FTS indexes find no damage, and its
content can be fingerprinted to prove that a failed operation changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlite_utils import Database

from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey
from reljournal.store.schema import FTS_COLUMNS


def assert_consistent(db: Database) -> None:
    """integrity_check ok, no foreign key violation, every FTS index agrees with its table."""
    conn = db.conn
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    assert integrity == ["ok"], integrity
    violations = conn.execute("PRAGMA foreign_key_check").fetchall()
    assert violations == [], violations
    try:
        for table in FTS_COLUMNS:
            # rank=1: also compare the index with the external-content table
            conn.execute(
                f"INSERT INTO [{table}_fts]([{table}_fts], rank) VALUES ('integrity-check', 1)"
            )
    finally:
        conn.rollback()


def check_journal(path: Path, key: JournalKey) -> None:
    """Open ``path`` as the app does (without migrating) and assert it is consistent."""
    db = open_database(path, key, migrate=False)
    try:
        assert_consistent(db)
    finally:
        db.conn.close()


def _content_tables(db: Database) -> list[str]:
    shadow = tuple(f"{t}_fts" for t in FTS_COLUMNS)
    return sorted(
        name
        for (name,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(("sqlite_", *shadow))
    )


def fingerprint(db: Database) -> str:
    """A hash of every row of every content table (FTS shadow tables aside)."""
    digest = hashlib.sha256()
    for table in _content_tables(db):
        digest.update(table.encode())
        for row in db.conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2"):
            digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def journal_fingerprint(path: Path, key: JournalKey) -> str:
    db = open_database(path, key, migrate=False)
    try:
        return fingerprint(db)
    finally:
        db.conn.close()


def raw_bytes(path: Path) -> bytes:
    """The file's bytes plus those of its WAL, if any."""
    data = path.read_bytes()
    wal = Path(str(path) + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data
