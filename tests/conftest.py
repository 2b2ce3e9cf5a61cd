"""Shared fixtures. Qt runs offscreen; the keychain is an in-memory keyring backend;
the user data directory is a temporary folder; a migrated journal is built once per
session and copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("RELJOURNAL_PASSPHRASE", None)
os.environ.pop("RELJOURNAL_DB", None)
os.environ.pop("RELJOURNAL_NO_KEYCHAIN", None)

import keyring  # noqa: E402
import pytest  # noqa: E402

from tests.helpers.keyrings import MemoryKeyring, NoKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("RELJOURNAL_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    from reljournal.environment import forget_environment_secrets

    forget_environment_secrets()  # a secret one test's environment gave is not the next's
    yield
    keyring.set_keyring(previous)
    forget_environment_secrets()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


@pytest.fixture
def no_keychain() -> NoKeyring:
    backend = NoKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(scope="session")
def _template_journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from reljournal.store.opening import create_journal

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        path = tmp_path_factory.mktemp("template") / "journal.db"
        journal = create_journal(path)
        assert journal.recovery_key is not None
        journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        journal.close()
    finally:
        keyring.set_keyring(previous)
    return path, journal.recovery_key


@pytest.fixture
def journal_path(
    _template_journal: tuple[Path, str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> Path:
    """A fresh, migrated, empty journal whose key is in the (in-memory) keychain."""
    from reljournal.store.keys import key_from_recovery, store_in_keychain

    source, recovery = _template_journal
    path = tmp_path / "journal.db"
    shutil.copyfile(source, path)
    os.chmod(path, 0o600)
    store_in_keychain(path, key_from_recovery(recovery))
    return path


@pytest.fixture
def recovery_key(_template_journal: tuple[Path, str]) -> str:
    return _template_journal[1]


@pytest.fixture
def journal(journal_path: Path) -> Iterator[object]:
    """The journal at ``journal_path``, open (an ``OpenJournal``)."""
    from reljournal.store.opening import unlock_journal

    opened = unlock_journal(journal_path)
    yield opened
    opened.close()


@pytest.fixture
def db(journal: object) -> object:
    """The open journal's sqlite-utils ``Database``."""
    return journal.db  # type: ignore[attr-defined]
