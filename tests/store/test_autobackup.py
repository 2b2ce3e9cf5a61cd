"""Rolling automatic backups: once a day, keep the newest N, never touch other backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.errors import StorageError
from reljournal.store.accounts import create_account
from reljournal.store.backups.automatic import (
    KIND_AUTO,
    KIND_MANUAL,
    backup_now,
    backups_dir,
    list_backups,
    maybe_auto_backup,
    prune_backups,
)
from reljournal.store.database import open_database

DAY1 = dt.datetime(2024, 3, 1, 9, 15, 0)


def test_one_automatic_backup_a_day(journal: Any) -> None:
    create_account(journal.db, "Acme")
    first = maybe_auto_backup(journal, now=DAY1)
    assert first is not None and first.parent == backups_dir(journal.path)
    assert first.name == "journal-auto-20240301-091500.db"
    assert maybe_auto_backup(journal, now=DAY1 + dt.timedelta(hours=8)) is None
    second = maybe_auto_backup(journal, now=DAY1 + dt.timedelta(days=1, hours=-9))
    assert second is not None and second != first
    assert [b.path for b in list_backups(journal.path, KIND_AUTO)] == [second, first]
    copy = open_database(first, journal.key, migrate=False)
    try:
        assert copy.execute("SELECT name FROM accounts").fetchall() == [("Acme",)]
    finally:
        copy.conn.close()
    assert first.stat().st_mode & 0o077 == 0  # owner only


def test_keeps_the_newest_n_and_never_prunes_other_backups(journal: Any) -> None:
    manual = backup_now(journal, now=DAY1 - dt.timedelta(days=30))
    folder = backups_dir(journal.path)
    before = folder / "journal-before-0002_something-20200101-000000.db"
    replaced = folder / "journal-replaced-20200101-000000.db"
    other = folder / "other-auto-20200101-000000.db"
    for path in (before, replaced, other):
        path.write_bytes(b"x")
    made = [maybe_auto_backup(journal, keep=3, now=DAY1 + dt.timedelta(days=i)) for i in range(6)]
    autos = list_backups(journal.path, KIND_AUTO)
    assert [b.path for b in autos] == [made[5], made[4], made[3]]
    assert all(p.exists() for p in (manual, before, replaced, other))
    kinds = {b.kind for b in list_backups(journal.path)}
    assert kinds == {KIND_AUTO, KIND_MANUAL, "before", "replaced"}
    assert (
        prune_backups(journal.path, keep=1) == [made[4].resolve(), made[3].resolve()]
        or len(list_backups(journal.path, KIND_AUTO)) == 1
    )


def test_backup_now_goes_to_the_backups_folder_or_where_asked(journal: Any, tmp_path: Path) -> None:
    path = backup_now(journal, now=DAY1)
    assert path.name == "journal-backup-20240301-091500.db"
    again = backup_now(journal, now=DAY1)  # same second: a new name, nothing overwritten
    assert again != path and again.exists() and path.exists()
    chosen = backup_now(journal, tmp_path / "elsewhere" / "copy.db")
    assert chosen.exists()


def test_keep_must_be_positive(journal: Any) -> None:
    with pytest.raises(StorageError):
        maybe_auto_backup(journal, keep=0, now=DAY1)


def test_backup_is_consistent_while_another_connection_writes(journal: Any) -> None:
    create_account(journal.db, "Committed")
    writer = open_database(journal.path, journal.key)
    try:
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute(
            "INSERT INTO accounts (name, name_key, created_at, updated_at) "
            "VALUES ('Uncommitted', 'uncommitted', '', '')"
        )
        path = maybe_auto_backup(journal, now=DAY1)
        writer.conn.execute("ROLLBACK")
    finally:
        writer.conn.close()
    assert path is not None
    copy = open_database(path, journal.key, migrate=False)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT name FROM accounts").fetchall() == [("Committed",)]
    finally:
        copy.conn.close()


def test_a_failing_backup_is_a_storage_error(journal: Any) -> None:
    backups_dir(journal.path).parent.joinpath("backups").write_bytes(b"a file, not a folder")
    with pytest.raises(StorageError, match="backups folder"):
        maybe_auto_backup(journal, now=DAY1)
    with pytest.raises(StorageError, match="backup"):
        backup_now(journal, backups_dir(journal.path) / "inside-a-file.db")
