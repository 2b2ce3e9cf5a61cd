"""Schema migrations: every released fixture journal opens and migrates, a backup is
taken first, a journal from a newer version is refused untouched, a failed migration
changes nothing, and a migration that rebuilds a table keeps search working."""

from __future__ import annotations

import hashlib
import runpy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from reljournal.core.errors import StorageError
from reljournal.core.formats.interchange import document_to_dict, loads, parse_document
from reljournal.store.accounts import create_account, delete_account, update_account
from reljournal.store.database import current_schema, open_database, schema_version
from reljournal.store.keys import key_from_recovery
from reljournal.store.opening import unlock_journal
from reljournal.store.schema import MIGRATION_SET, ensure_fts, migrations
from reljournal.store.search import search
from reljournal.store.transfer.json_export import export_document
from tests.helpers.keyrings import MemoryKeyring

JOURNALS = Path(__file__).parents[1] / "data" / "journals"
FIXTURES: dict[str, tuple[str, str]] = runpy.run_path(str(JOURNALS / "make_fixture.py"))["FIXTURES"]
FIXTURE_FILES = sorted(JOURNALS.glob("v*.db"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def extra_migration() -> Iterator[Callable[[str, Callable[[Database], None]], None]]:
    """Register migrations for one test (a stand-in for the next release's)."""
    before = list(migrations._migrations)

    def register(name: str, fn: Callable[[Database], None]) -> None:
        migrations(name=name)(fn)

    yield register
    migrations._migrations[:] = before


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Callable[[str], tuple[Path, str]]:
    def copy(name: str) -> tuple[Path, str]:
        path = tmp_path / "journal.db"
        shutil.copyfile(JOURNALS / name, path)
        path.chmod(0o600)
        return path, FIXTURES[name][0]

    return copy


def test_every_fixture_file_is_listed_with_its_key() -> None:
    assert FIXTURE_FILES, "no fixture journals in tests/data/journals"
    assert {p.name for p in FIXTURE_FILES} == set(FIXTURES)
    assert FIXTURES["v0001.db"][1] == "0001_initial"


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_journal_opens_migrates_and_keeps_its_data(
    fixture: Path,
    fixture_copy: Callable[[str], tuple[Path, str]],
    memory_keyring: MemoryKeyring,
) -> None:
    path, recovery = fixture_copy(fixture.name)
    last = FIXTURES[fixture.name][1]
    expected_pending = current_schema()[current_schema().index(last) + 1 :]

    journal = unlock_journal(path, recovery_key=recovery)
    try:
        db = journal.db
        assert schema_version(db) == current_schema()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        source = document_to_dict(
            parse_document(loads((JOURNALS / fixture.name).with_suffix(".json").read_bytes()))
        )
        exported = document_to_dict(export_document(db))
        assert exported["accounts"] == source["accounts"]
        assert exported["team"] == source["team"]
        # search finds old text, and text written after the migration
        assert [h.kind for h in search(db, "autoclave")] == ["entry", "commitment"]
        create_account(db, "Fresh Account After Migration")
        assert [h.title for h in search(db, "fresh migration")] == ["Fresh Account After Migration"]
    finally:
        journal.close()
    backups = list((path.parent / "backups").glob("*.db")) if expected_pending else []
    assert len(backups) == (1 if expected_pending else 0)
    assert memory_keyring.items  # the recovery key put the key in the keychain


def test_a_migration_is_applied_after_a_backup(
    fixture_copy: Callable[[str], tuple[Path, str]],
    extra_migration: Callable[[str, Callable[[Database], None]], None],
) -> None:
    path, recovery = fixture_copy("v0001.db")
    before = digest(path)

    def add_meta(db: Database) -> None:
        db.execute("INSERT INTO meta (key, value) VALUES ('test', 'migrated')")

    extra_migration("9001_test_meta", add_meta)
    journal = unlock_journal(path, recovery_key=recovery)
    assert schema_version(journal.db)[-1] == "9001_test_meta"
    assert journal.db.execute("SELECT value FROM meta WHERE key = 'test'").fetchone() == (
        "migrated",
    )
    journal.close()
    [backup] = (path.parent / "backups").glob("journal-before-*.db")  # before the first pending one
    assert backup.stat().st_mode & 0o077 == 0
    # the backup is the journal as it was, under the same key
    old = open_database(backup, key_from_recovery(recovery), migrate=False)
    try:
        assert schema_version(old) == ["0001_initial"]
        assert old.execute("SELECT count(*) FROM meta").fetchone()[0] == 0
    finally:
        old.conn.close()
    assert before != digest(path)
    # a second open has nothing to migrate and takes no second backup
    unlock_journal(path).close()
    assert len(list((path.parent / "backups").glob("*.db"))) == 1


def test_a_failing_migration_changes_nothing(
    journal_path: Path,
    extra_migration: Callable[[str, Callable[[Database], None]], None],
) -> None:
    def broken(db: Database) -> None:
        db.execute("ALTER TABLE accounts ADD COLUMN segment TEXT")
        db.execute("INSERT INTO meta (key, value) VALUES ('half', 'done')")
        raise RuntimeError("bug in a migration")

    extra_migration("9002_broken", broken)
    with pytest.raises(RuntimeError, match="bug in a migration"):
        unlock_journal(journal_path)
    migrations._migrations.pop()
    journal = unlock_journal(journal_path)
    try:
        columns = {c.name for c in journal.db["accounts"].columns}
        assert "segment" not in columns
        assert journal.db.execute("SELECT count(*) FROM meta").fetchone()[0] == 0
        assert schema_version(journal.db) == current_schema()
    finally:
        journal.close()


def test_journal_from_a_newer_version_is_refused_and_left_unchanged(journal_path: Path) -> None:
    journal = unlock_journal(journal_path)
    journal.db["_sqlite_migrations"].insert(
        {
            "migration_set": MIGRATION_SET,
            "name": "9999_from_the_future",
            "applied_at": "2030-01-01 00:00:00+00:00",
        }
    )
    journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    before = digest(journal_path)
    with pytest.raises(StorageError) as caught:
        unlock_journal(journal_path)
    assert str(caught.value) == (
        "This journal was written by a newer version of RelJournal; update the app to open it."
    )
    assert digest(journal_path) == before
    assert not (journal_path.parent / "backups").exists()


# ---------------------------------------------------------------- table.transform() and FTS


def _account_triggers(db: Database) -> set[str]:
    """The search triggers on accounts (not those ``ensure_revision_triggers`` makes)."""
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'accounts'"
    )
    return {r[0] for r in rows if "_revise_" not in r[0]}


def _account_hits(db: Database, text: str) -> list[str]:
    return [h.title for h in search(db, text, kinds=["account"])]


def test_transform_drops_the_fts_triggers_and_ensure_fts_restores_them(db: Database) -> None:
    """Why a migration that transforms a searchable table must call ensure_fts."""
    create_account(db, "Acme Dental")
    assert _account_triggers(db) == {"accounts_ai", "accounts_ad", "accounts_au"}
    db["accounts"].transform()
    assert _account_triggers(db) == set()
    ensure_fts(db, "accounts")
    assert _account_triggers(db) == {"accounts_ai", "accounts_ad", "accounts_au"}


def test_migration_that_transforms_a_table_keeps_search_and_links_working(
    fixture_copy: Callable[[str], tuple[Path, str]],
    extra_migration: Callable[[str, Callable[[Database], None]], None],
) -> None:
    path, recovery = fixture_copy("v0001.db")

    def rebuild_accounts(db: Database) -> None:
        db["accounts"].transform(
            add_foreign_keys=None, column_order=["id", "name", "name_key", "industry"]
        )
        db.execute("ALTER TABLE accounts ADD COLUMN segment TEXT NOT NULL DEFAULT ''")
        ensure_fts(db, "accounts")

    extra_migration("9003_rebuild_accounts", rebuild_accounts)
    journal = unlock_journal(path, recovery_key=recovery)
    db = journal.db
    try:
        # rows that point at accounts survive the rebuild (no cascade on the old table's drop)
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM overrides").fetchone()[0] == 1
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert "segment" in {c.name for c in db["accounts"].columns}
        # the index still has the old rows, and triggers keep it in step
        assert _account_hits(db, "Acme") == ["Acme Dental"]
        new_id = create_account(db, "Zephyr Opticians")
        assert _account_hits(db, "zephyr") == ["Zephyr Opticians"]
        update_account(db, new_id, name="Quasar Opticians", industry="Retail")
        assert _account_hits(db, "zephyr") == []
        assert _account_hits(db, "quasar") == ["Quasar Opticians"]
        assert _account_hits(db, "retail") == ["Quasar Opticians"]
        delete_account(db, new_id)
        assert _account_hits(db, "quasar") == []
        db.execute("INSERT INTO accounts_fts(accounts_fts) VALUES ('integrity-check')")
    finally:
        journal.close()


# --- issue 13: contact points ----------------------------------------------------------------
def test_0003_contact_points_brings_each_email_and_phone_along(
    fixture_copy: Callable[[str], tuple[Path, str]],
) -> None:
    path, recovery = fixture_copy("v0001.db")
    old = open_database(path, key_from_recovery(recovery), migrate=False)
    try:
        with old.conn:  # people as a 0001 journal holds them: one email, one phone
            old.execute(
                "INSERT INTO stakeholders (name, name_key, grp, email, phone, created_at) "
                "VALUES ('Ann Able', 'ann able', 'internal', 'ann@x.example', '+1 555 0100', "
                "'2024-01-01T00:00:00'), ('Bo Bee', 'bo bee', 'partner', '', '+44 20 7946 0000', "
                "'2024-01-01T00:00:00')"
            )
        people = old.execute(
            "SELECT id, email, phone FROM stakeholders WHERE email != '' OR phone != ''"
        ).fetchall()
    finally:
        old.conn.close()
    assert len(people) >= 2
    journal = unlock_journal(path, recovery_key=recovery)
    try:
        assert "0003_contact_points" in schema_version(journal.db)
        for sid, email, phone in people:
            points = journal.db.execute(
                "SELECT kind, value, preferred FROM contact_points WHERE stakeholder_id = ?",
                (sid,),
            ).fetchall()
            expected = {("email", email, 1)} if email else set()
            expected |= {("phone", phone, 1)} if phone else set()
            assert set(points) == expected
        columns = journal.db["stakeholders"].columns_dict
        assert {"given_name", "family_name", "name_prefix", "department"} <= set(columns)
    finally:
        journal.close()
