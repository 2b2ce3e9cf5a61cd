"""A real keychain for the benchmarks (issue 18): GNOME Keyring's Secret Service on a
private D-Bus session bus, and a copy of the benchmark journal whose key is kept there.

    with secret_service() as env:          # DBUS_SESSION_BUS_ADDRESS, HOME, ...
        journal = keychain_journal(benchmark_journal(False), env)
        ... run ``reljournal search WORD --db journal`` with ``env`` ...

The daemons are started here (``dbus-daemon --session``, ``gnome-keyring-daemon
--foreground --unlock --components=secrets``) in a temporary home and stopped at the end;
the journal copy is re-encrypted under a random raw key (as a journal made with a
keychain is) and that key stored in the keyring, so the app opens it as a user's would:
keyring → SecretService over D-Bus → SQLCipher with a raw key (no key derivation).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.common import PASSPHRASE, ROOT

_UNLOCK = "benchmark keyring"
_KEYS: dict[Path, str] = {}

_REKEY = """
import sys
from pathlib import Path
from reljournal.store.keys import key_from_recovery, new_recovery_key, store_in_keychain
from reljournal.store.opening import rekey, unlock_journal
path = Path(sys.argv[1])
journal = unlock_journal(path, passphrase=sys.argv[2])
key = key_from_recovery(new_recovery_key())
store_in_keychain(path, key)
rekey(journal, key)
journal.close()
print(key.raw.hex())
check = unlock_journal(path)  # from the keychain, as the app will
assert not check.key.is_passphrase
check.close()
"""


def available() -> bool:
    return bool(shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon"))


@contextmanager
def secret_service() -> Iterator[dict[str, str]]:
    """The environment of a private session bus with an unlocked GNOME Keyring on it."""
    if not available():
        raise RuntimeError("needs dbus-daemon and gnome-keyring-daemon (apt: dbus, gnome-keyring)")
    home = tempfile.mkdtemp(prefix="reljournal-bench-home-")
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    keyring_daemon: subprocess.Popen[bytes] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon gave no bus address")
        env = {
            "HOME": home,
            "XDG_RUNTIME_DIR": home,
            "XDG_DATA_HOME": str(Path(home) / ".local" / "share"),
            "DBUS_SESSION_BUS_ADDRESS": address,
        }
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, **env),
        )
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write(_UNLOCK.encode())
        keyring_daemon.stdin.close()
        _wait_for_keyring(dict(os.environ, **env))
        yield env
    finally:
        for proc in (keyring_daemon, bus):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if bus.stdout is not None:
            bus.stdout.close()
        shutil.rmtree(home, ignore_errors=True)


def _wait_for_keyring(env: dict[str, str], timeout: float = 20) -> None:
    probe = (
        "import keyring; b = keyring.get_keyring(); "
        "assert 'SecretService' in type(b).__module__, b; b.get_password('probe', 'probe')"
    )
    deadline = time.monotonic() + timeout
    while True:
        result = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the Secret Service did not answer: {result.stderr[-500:]}")
        time.sleep(0.2)


def keychain_journal(passphrase_journal: Path, env: dict[str, str]) -> Path:
    """A copy of the (passphrase) benchmark journal whose raw key is in the keychain of
    ``env`` (a ``secret_service()``); removed with its folder by the caller's tmp clean-up."""
    folder = Path(tempfile.mkdtemp(prefix="reljournal-bench-keychain-"))
    path = folder / passphrase_journal.name
    for suffix in ("", "-wal"):
        source = Path(str(passphrase_journal) + suffix)
        if source.exists():
            shutil.copyfile(source, Path(str(path) + suffix))
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("RELJOURNAL_")}
    child_env.update(env)
    done = subprocess.run(
        [sys.executable, "-c", _REKEY, str(path), PASSPHRASE],
        env=child_env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    _KEYS[path] = done.stdout.split()[-1]
    return path


def stored_key_hex(path: Path) -> str:
    """The raw key (hex) that ``keychain_journal`` put in the keychain for ``path``."""
    return _KEYS[path]


def keychain_env(base: dict[str, str], keychain: dict[str, str]) -> dict[str, str]:
    """``base`` (a benchmark environment) opening journals with the keychain instead of
    the benchmark passphrase."""
    env = {k: v for k, v in base.items() if k not in ("RELJOURNAL_PASSPHRASE",)}
    env.pop("RELJOURNAL_NO_KEYCHAIN", None)
    env.update(keychain)
    return env
