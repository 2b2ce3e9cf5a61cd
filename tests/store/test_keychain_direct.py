"""Issue 18: the key read straight from the Secret Service (GNOME Keyring on a private
D-Bus, started here) is the one keyring stores and reads; anything unusual gives None,
so that the app takes keyring's way."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal.store import keychain_direct
from tests.benchmarks import keychain

ROOT = Path(__file__).parents[2]

# in a child on the private bus: keyring stores, the direct read reads
_SCRIPT = """
import sys, keyring, secretstorage
from reljournal.store import keychain_direct as k
name, value, lock = sys.argv[1], sys.argv[2], sys.argv[3] == "lock"
keyring.set_password("reljournal", name, value)
keyring.set_password("another service", name, "not this one")
if lock:
    bus = secretstorage.dbus_init()
    secretstorage.get_default_collection(bus).lock()
print(repr(k.read_password(name)))
print(repr(k.read_password(name + "-other")))
"""


@pytest.fixture(scope="module")
def bus() -> Iterator[dict[str, str]]:
    if not keychain.available():
        pytest.skip("needs dbus-daemon and gnome-keyring-daemon (apt: dbus, gnome-keyring)")
    with keychain.secret_service() as env:
        yield env


def _child(env: dict[str, str], *args: str) -> list[str]:
    child = {k: v for k, v in os.environ.items() if not k.startswith("RELJOURNAL_")}
    child.pop("PYTHON_KEYRING_BACKEND", None)
    child.update(env)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args],
        env=child, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_reads_what_keyring_stored(bus: dict[str, str], tmp_path: Path) -> None:
    name = str(tmp_path / "journal é.db")
    value = "ab" * 32
    assert _child(bus, name, value, "open") == [repr(value), "None"]


def test_a_locked_collection_is_left_to_keyring(bus: dict[str, str], tmp_path: Path) -> None:
    """Locked: keyring's way unlocks it (asking the user); the direct read never asks."""
    name = str(tmp_path / "locked.db")
    assert _child(bus, name, "cd" * 32, "lock") == ["None", "None"]


def test_no_session_bus_gives_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    monkeypatch.setattr(keychain_direct, "applies", lambda: True)
    assert keychain_direct.read_password("anything") is None


def test_config_path_is_keyrings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Where the user's choice of back-end is read: the same file keyring reads."""
    from keyring.core import _config_path

    monkeypatch.setenv("HOME", str(tmp_path))
    for xdg in (None, str(tmp_path / "xdg")):
        if xdg is None:
            monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
        assert keychain_direct.keyring_config_path() == Path(_config_path())  # type: ignore[no-untyped-call]


def test_only_where_keyring_would_ask_the_secret_service(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("PYTHON_KEYRING_BACKEND", "RELJOURNAL_NO_KEYCHAIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(keychain_direct.sys, "platform", "linux")
    assert keychain_direct.applies()
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    assert not keychain_direct.applies()
    monkeypatch.delenv("RELJOURNAL_NO_KEYCHAIN")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    assert not keychain_direct.applies()
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    config = keychain_direct.keyring_config_path()
    config.parent.mkdir(parents=True)
    config.write_text("[backend]\ndefault-keyring=keyring.backends.fail.Keyring\n")
    assert not keychain_direct.applies()
    config.unlink()
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(keychain_direct.sys, "platform", platform)
        assert not keychain_direct.applies()
        assert keychain_direct.read_password("anything") is None
