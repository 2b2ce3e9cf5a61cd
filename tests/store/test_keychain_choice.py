"""Issue 18, round 3: keyring's back-end is the platform's keychain, asked alone, unless
the user or the program chose one; the journal's key is read with one request."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties

from reljournal.store import keychain_choice
from reljournal.store.keychain_choice import choose_platform_keychain
from reljournal.store.keys import JournalKey, load_from_keychain, store_in_keychain
from tests.helpers.keyrings import MemoryKeyring


class Platform(KeyringBackend):
    """Stands for the platform's keychain (viable unless told otherwise)."""

    viable = True
    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


class Unusable(Platform):
    @properties.classproperty
    def priority(cls) -> float:  # as keyring's back-ends say they cannot work here
        raise RuntimeError("The Secret Service daemon is neither running nor activatable")


# never offered to keyring's own search by the other tests
KeyringBackend._classes.discard(Platform)  # type: ignore[attr-defined]
KeyringBackend._classes.discard(Unusable)  # type: ignore[attr-defined]


@pytest.fixture
def nothing_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No back-end chosen yet, no user choice; the platform's keychain is ``Platform``."""
    module = types.ModuleType("reljournal_test_platform_keychain")
    module.Keyring = Platform  # type: ignore[attr-defined]
    module.Unusable = Unusable  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(
        keychain_choice.PLATFORM_BACKENDS, sys.platform, f"{module.__name__}.Keyring"
    )
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "_config_path", lambda: tmp_path / "keyringrc.cfg")
    previous = keyring.core._keyring_backend
    keyring.core._keyring_backend = None
    yield
    keyring.core._keyring_backend = previous


@pytest.mark.usefixtures("nothing_chosen")
def test_the_platform_keychain_is_chosen_alone() -> None:
    assert choose_platform_keychain()
    assert isinstance(keyring.get_keyring(), Platform)


@pytest.mark.usefixtures("nothing_chosen")
def test_one_that_cannot_work_here_leaves_keyrings_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        keychain_choice.PLATFORM_BACKENDS,
        sys.platform,
        "reljournal_test_platform_keychain.Unusable",
    )
    assert not choose_platform_keychain()
    assert keyring.core._keyring_backend is None  # keyring searches, as always


@pytest.mark.usefixtures("nothing_chosen")
def test_the_users_choice_is_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert not choose_platform_keychain()
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    (tmp_path / "keyringrc.cfg").write_text("[backend]\ndefault-keyring=x.Keyring\n")
    assert not choose_platform_keychain()
    assert keyring.core._keyring_backend is None


@pytest.mark.usefixtures("nothing_chosen")
def test_a_back_end_already_set_is_kept() -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    assert not choose_platform_keychain()
    assert keyring.get_keyring() is memory


def test_the_key_is_read_with_one_request(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No probe before the read (each is a round trip to the Secret Service)."""
    path = tmp_path / "journal.db"
    key = JournalKey(raw=bytes(range(32)))
    store_in_keychain(path, key)
    reads: list[tuple[str, str]] = []
    original = memory_keyring.get_password

    def counted(service: str, username: str) -> str | None:
        reads.append((service, username))
        return original(service, username)

    monkeypatch.setattr(memory_keyring, "get_password", counted)
    assert load_from_keychain(path) == key
    assert len(reads) == 1
    reads.clear()
    assert load_from_keychain(tmp_path / "other.db") is None
    assert len(reads) == 1
