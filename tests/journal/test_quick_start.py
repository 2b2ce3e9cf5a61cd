"""Issue 18: the app's first screen, read before the journal layer loads, shows what the
journal shows; anything unusual is left to the usual way (None)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import keyring
import pytest

from reljournal.core.formats.interchange import loads, parse_document
from reljournal.journal import quick_start
from reljournal.store import keychain_direct
from reljournal.store.keys import SERVICE, keychain_name
from reljournal.store.opening import unlock_journal
from reljournal.store.transfer.json_import import import_document
from tests.helpers.facade import facade
from tests.helpers.legacy_journals import (
    PBKDF2_FIXTURE_PASSPHRASE,
    copy_pbkdf2_fixture,
)

GOLDEN = Path(__file__).parents[1] / "data" / "interchange" / "full.json"
V0001 = Path(__file__).parents[1] / "data" / "journals" / "v0001.db"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def keychain_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Secret Service read answered by the test's in-memory keychain (the D-Bus read
    itself is tested in tests/store/test_keychain_direct.py); the names asked for."""
    asked: list[str] = []

    def read(username: str) -> str | None:
        asked.append(username)
        return keyring.get_password(SERVICE, username)

    monkeypatch.setattr(keychain_direct, "applies", lambda: True)
    monkeypatch.setattr(keychain_direct, "read_password", read)
    return asked


@pytest.fixture
def filled(journal_path: Path) -> Path:
    opened = unlock_journal(journal_path)
    try:
        import_document(opened.db, parse_document(loads(GOLDEN.read_bytes())))
    finally:
        opened.close()
    return journal_path


def _journal_view(path: Path, rows: int) -> tuple[list[object], int, bool]:
    opened = unlock_journal(path)
    try:
        journal = facade(opened)
        return (
            journal.account_summaries(TODAY, limit=rows),
            journal.account_count(),
            journal.is_demo(),
        )
    finally:
        opened.close()


@pytest.mark.parametrize("rows", [1, 2, 160])
def test_first_screen_is_what_the_journal_lists(
    filled: Path, keychain_read: list[str], rows: int
) -> None:
    first = quick_start.read_first_screen(filled, rows, TODAY)
    assert first is not None
    summaries, total, demo = _journal_view(filled, rows)
    assert first.summaries == summaries and len(summaries) == min(rows, total)
    assert first.total == total and total >= 2
    assert first.partial is (rows < total)
    assert first.is_demo is demo is False
    assert first.path == filled
    assert keychain_read == [keychain_name(filled)]
    assert "key" not in repr(first).lower().replace("keychain", "")


def test_the_demo_is_said(filled: Path, keychain_read: list[str]) -> None:
    opened = unlock_journal(filled)
    try:
        facade(opened).mark_as_demo()
    finally:
        opened.close()
    first = quick_start.read_first_screen(filled, 10, TODAY)
    assert first is not None and first.is_demo


def test_the_journal_opens_with_the_key_read(filled: Path, keychain_read: list[str]) -> None:
    first = quick_start.read_first_screen(filled, 5, TODAY)
    assert first is not None
    journal = quick_start.open_journal(first)
    try:
        assert journal.account_summaries(TODAY, limit=5) == first.summaries
        assert not journal.is_passphrase_protected
    finally:
        journal.close()


def test_usual_way_when_the_keychain_has_no_key(filled: Path, keychain_read: list[str]) -> None:
    keyring.delete_password(SERVICE, keychain_name(filled))
    assert quick_start.read_first_screen(filled, 5, TODAY) is None


@pytest.mark.parametrize("stored", ["00" * 32, "not hex", "abcd"])
def test_usual_way_when_the_key_is_wrong_or_odd(
    filled: Path, keychain_read: list[str], stored: str
) -> None:
    """A key that does not open the file, or text that is no key: the usual way (which
    asks for the passphrase or recovery key, and says why)."""
    keyring.set_password(SERVICE, keychain_name(filled), stored)
    assert quick_start.read_first_screen(filled, 5, TODAY) is None


def test_usual_way_for_a_journal_to_migrate(tmp_path: Path, keychain_read: list[str]) -> None:
    """A journal of an older version is migrated (with a backup first) the usual way."""
    from reljournal.store.keys import key_from_recovery
    from tests.store.test_quick_read import V0001_RECOVERY

    path = tmp_path / "old.db"
    shutil.copyfile(V0001, path)
    key = key_from_recovery(V0001_RECOVERY)
    assert key.raw is not None
    keyring.set_password(SERVICE, keychain_name(path), key.raw.hex())
    assert quick_start.read_first_screen(path, 5, TODAY) is None
    assert path.read_bytes() == V0001.read_bytes()  # not touched


def test_usual_way_for_a_passphrase_journal(tmp_path: Path, keychain_read: list[str]) -> None:
    """A passphrase journal has no key in the keychain; one stored for it by mistake does
    not open it either: the usual way asks for the passphrase."""
    path = copy_pbkdf2_fixture(tmp_path / "pbkdf2.db")
    assert quick_start.read_first_screen(path, 5, TODAY) is None
    keyring.set_password(SERVICE, keychain_name(path), PBKDF2_FIXTURE_PASSPHRASE.encode().hex())
    assert quick_start.read_first_screen(path, 5, TODAY) is None


@pytest.mark.parametrize("kind", ["missing", "folder", "text", "empty"])
def test_usual_way_for_what_is_no_journal(
    tmp_path: Path, keychain_read: list[str], kind: str
) -> None:
    path = tmp_path / "journal.db"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("hello, this is not a journal\n" * 100)
    elif kind == "empty":
        path.write_bytes(b"")
    keyring.set_password(SERVICE, keychain_name(path), "11" * 32)
    assert quick_start.read_first_screen(path, 5, TODAY) is None


def test_nothing_read_where_keyring_would_not_ask_the_secret_service(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keychain_direct, "applies", lambda: False)
    monkeypatch.setattr(
        keychain_direct, "read_password", lambda _name: pytest.fail("no read expected")
    )
    assert quick_start.read_first_screen(filled, 5, TODAY) is None


def test_the_reader_thread_gives_the_same(filled: Path, keychain_read: list[str]) -> None:
    reader = quick_start.FirstScreenReader(filled, 3, TODAY)
    assert reader.result(timeout=0.3) is None  # it waits for the app's settings first
    reader.proceed()
    first = reader.result()
    assert first is not None and first.summaries == _journal_view(filled, 3)[0]


def test_the_reader_gives_up_when_told(filled: Path, keychain_read: list[str]) -> None:
    """Settings that cannot be read: the usual way reads them and says what is wrong."""
    reader = quick_start.FirstScreenReader(filled, 3, TODAY)
    reader.proceed(False)
    assert reader.result() is None


# --- the passphrase given by the environment (automation), stretched on the thread ------
PASSPHRASE = "a long enough passphrase for the quick start"


@pytest.fixture
def passphrase_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal keyed with Argon2id of the passphrase (cheap parameters made this
    version's, so the test is quick), with the golden document's accounts."""
    from reljournal.store import kdf
    from reljournal.store.opening import create_journal

    monkeypatch.setattr(
        kdf, "CURRENT", kdf.Argon2Parameters(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    )
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    path = tmp_path / "passphrase.db"
    opened = create_journal(path, passphrase=PASSPHRASE)
    try:
        import_document(opened.db, parse_document(loads(GOLDEN.read_bytes())))
    finally:
        opened.close()
    return path


def test_first_screen_with_the_passphrase(passphrase_journal: Path) -> None:
    first = quick_start.read_first_screen(passphrase_journal, 3, TODAY, PASSPHRASE)
    assert first is not None
    opened = unlock_journal(passphrase_journal, passphrase=PASSPHRASE)
    try:
        assert first.summaries == facade(opened).account_summaries(TODAY, limit=3)
    finally:
        opened.close()
    journal = quick_start.open_journal(first)
    try:
        assert journal.is_passphrase_protected
        assert journal.account_summaries(TODAY, limit=3) == first.summaries
    finally:
        journal.close()


def test_a_wrong_passphrase_is_left_to_the_usual_way(passphrase_journal: Path) -> None:
    """The usual way then says the passphrase does not open it (and asks)."""
    before = passphrase_journal.read_bytes()
    for wrong in ("not the passphrase", "", PASSPHRASE.upper()):
        assert quick_start.read_first_screen(passphrase_journal, 3, TODAY, wrong) is None
    assert passphrase_journal.read_bytes() == before


def test_a_journal_keyed_the_old_way_is_moved_over_the_usual_way(tmp_path: Path) -> None:
    """PBKDF2 (before Argon2id) or weaker Argon2id parameters: the usual way re-encrypts."""
    path = copy_pbkdf2_fixture(tmp_path / "pbkdf2.db")
    assert quick_start.read_first_screen(path, 3, TODAY, PBKDF2_FIXTURE_PASSPHRASE) is None


def test_weaker_parameters_are_left_to_the_usual_way(
    passphrase_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reljournal.store import kdf

    assert quick_start.read_first_screen(passphrase_journal, 3, TODAY, PASSPHRASE) is not None
    stronger = kdf.Argon2Parameters(time_cost=2, memory_kib=16 * 1024, parallelism=1)
    monkeypatch.setattr(kdf, "CURRENT", stronger)  # a later version raised them
    assert quick_start.read_first_screen(passphrase_journal, 3, TODAY, PASSPHRASE) is None
