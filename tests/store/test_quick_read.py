"""Issue 18, round 3: the quick read (a connection without sqlite-utils, for ``search``)
opens only a journal at this version's schema with the right key, and finds what the
full way finds; anything else is left to the full way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reljournal.core.formats.interchange import loads, parse_document
from reljournal.journal.quick_read import search_with_keychain
from reljournal.store import schema
from reljournal.store.database import current_schema
from reljournal.store.keys import JournalKey, key_from_recovery, load_from_keychain
from reljournal.store.opening import unlock_journal
from reljournal.store.quick_read import (
    APPLICATION_ID,
    CURRENT_MIGRATIONS,
    MIGRATION_SET,
    open_current_journal,
)
from reljournal.store.transfer.json_import import import_document
from tests.helpers.facade import facade
from tests.helpers.keyrings import MemoryKeyring

GOLDEN = Path(__file__).parents[1] / "data" / "interchange" / "full.json"
V0001 = Path(__file__).parents[1] / "data" / "journals" / "v0001.db"
V0001_RECOVERY = "QX73-QG67-EATU-WAX3-G5XM-YNSO-QYBY-HGSC"  # tests/data/journals/make_fixture.py


def test_it_knows_this_versions_schema() -> None:
    """A migration added to the schema must be added here too (else every quick read
    goes the full way)."""
    assert set(current_schema()) == CURRENT_MIGRATIONS
    assert (APPLICATION_ID, MIGRATION_SET) == (schema.APPLICATION_ID, schema.MIGRATION_SET)


@pytest.fixture
def filled(journal_path: Path) -> Path:
    opened = unlock_journal(journal_path)
    import_document(opened.db, parse_document(loads(GOLDEN.read_bytes())))
    opened.close()
    return journal_path


@pytest.mark.parametrize("text", ["price", "dana", '"price is fine"', "autoclave", "zzzz", ""])
@pytest.mark.parametrize("limit", [50, 2, 0])
def test_it_finds_what_the_journal_finds(filled: Path, text: str, limit: int) -> None:
    opened = unlock_journal(filled)
    try:
        expected = facade(opened).search(text, limit=limit)
    finally:
        opened.close()
    assert search_with_keychain(filled, text, limit=limit) == expected
    if text == "price" and limit == 50:
        assert expected, "the golden document mentions a price"


def test_the_connection_only_reads(filled: Path) -> None:
    key = load_from_keychain(filled)
    assert key is not None
    conn = open_current_journal(filled, key)
    assert conn is not None
    try:
        with pytest.raises(Exception, match="readonly|query_only|read-only"):
            conn.execute("DELETE FROM accounts")
    finally:
        conn.close()


def test_a_wrong_key_or_no_key_is_left_to_the_full_way(
    filled: Path, memory_keyring: MemoryKeyring
) -> None:
    assert open_current_journal(filled, JournalKey(raw=bytes(32))) is None
    memory_keyring.items.clear()
    assert search_with_keychain(filled, "price", limit=50) is None
    memory_keyring.fail = True  # a locked keychain: the full way says so
    assert search_with_keychain(filled, "price", limit=50) is None


def test_a_journal_to_migrate_is_left_to_the_full_way(tmp_path: Path) -> None:
    """The fixture of the first schema: the quick read does not open it; once the full
    way has migrated it, it does."""
    old = tmp_path / "old.db"
    shutil.copyfile(V0001, old)
    key = key_from_recovery(V0001_RECOVERY)
    assert open_current_journal(old, key) is None
    unlock_journal(old, recovery_key=V0001_RECOVERY).close()  # migrates (after a backup)
    conn = open_current_journal(old, key)
    assert conn is not None
    conn.close()


def test_a_file_that_is_not_a_journal_is_left_to_the_full_way(tmp_path: Path) -> None:
    for content in (b"", b"SQLite format 3\x00" + bytes(100), bytes(4096)):
        path = tmp_path / "x.db"
        path.write_bytes(content)
        assert open_current_journal(path, JournalKey(raw=bytes(32))) is None
    assert open_current_journal(tmp_path / "none.db", JournalKey(raw=bytes(32))) is None
