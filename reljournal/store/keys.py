"""The journal's key: OS keychain, passphrase and recovery key.

A journal created with a working keychain is encrypted with a random 256-bit
key derived from its recovery key; the derived key is kept in the keychain
(service ``reljournal``, one entry per journal path) and given to SQLCipher as a
raw key, which opens instantly. Anyone holding the recovery key can re-derive
the journal key, so the recovery key opens the journal (and its backups) on any
machine. Where no keychain works, SQLCipher derives the key from a passphrase
(its KDF costs a few hundred milliseconds per open, which is intended).

Plaintext keyring backends (``keyrings.alt`` files, the ``fail`` and ``null``
backends) never count as a keychain.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import keyring
import keyring.errors

from reljournal.core.errors import KeychainError, WrongKeyError

log = logging.getLogger(__name__)

SERVICE: Final = "reljournal"
ENV_NO_KEYCHAIN: Final = "RELJOURNAL_NO_KEYCHAIN"
_RECOVERY_CONTEXT: Final = b"reljournal journal key v1"
_RECOVERY_BYTES: Final = 20  # 160 bits, 32 base32 characters
_PLAINTEXT_MODULES: Final = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


@dataclass(frozen=True)
class JournalKey:
    """What SQLCipher is keyed with: a raw 32-byte key or a passphrase."""

    raw: bytes | None = None
    passphrase: str | None = None

    def __post_init__(self) -> None:
        if (self.raw is None) == (self.passphrase is None):
            raise ValueError("a JournalKey holds exactly one of raw or passphrase")
        if self.raw is not None and len(self.raw) != 32:
            raise ValueError("a raw journal key is 32 bytes")

    @property
    def is_passphrase(self) -> bool:
        return self.passphrase is not None

    def pragma(self) -> str:
        """The ``PRAGMA key`` statement for this key (passphrase quotes escaped)."""
        if self.raw is not None:
            return f"PRAGMA key = \"x'{self.raw.hex()}'\""
        assert self.passphrase is not None
        quoted = self.passphrase.replace("'", "''")
        return f"PRAGMA key = '{quoted}'"

    def __repr__(self) -> str:  # never print secrets
        return "JournalKey(passphrase)" if self.is_passphrase else "JournalKey(raw)"


def new_recovery_key() -> str:
    """A fresh recovery key, e.g. ``ABCD-EFGH-…`` (8 groups of 4 base32 characters)."""
    text = base64.b32encode(secrets.token_bytes(_RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalize_recovery_key(text: str) -> bytes:
    """The recovery key's bytes, however the user typed it (case, dashes, spaces,
    and the easily confused O/0, I/1, L/1 aside)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except (ValueError, base64.binascii.Error) as exc:  # type: ignore[attr-defined]
        raise WrongKeyError("That is not a valid recovery key; check it and try again.") from exc
    if len(raw) != _RECOVERY_BYTES:
        raise WrongKeyError(
            "That is not a valid recovery key; it should have 32 letters and digits."
        )
    return raw


def key_from_recovery(recovery_key: str) -> JournalKey:
    """The journal key that a recovery key stands for."""
    secret = normalize_recovery_key(recovery_key)
    return JournalKey(raw=hmac.new(secret, _RECOVERY_CONTEXT, hashlib.sha256).digest())


def _is_plaintext_backend(backend: Any) -> bool:
    module = type(backend).__module__
    return module.startswith(_PLAINTEXT_MODULES)


def _usable_backend(backend: Any) -> bool:
    inner = getattr(backend, "backends", None)
    if inner is not None and type(backend).__name__ == "ChainerBackend":
        # a chain writes to its first backend: that one must be a real keychain
        chain = list(inner)
        return bool(chain) and _usable_backend(chain[0])
    return not _is_plaintext_backend(backend)


def keychain_available() -> bool:
    """Whether a real (not plaintext) keychain backend is there."""
    if os.environ.get(ENV_NO_KEYCHAIN):
        return False
    try:
        backend = keyring.get_keyring()
        if not _usable_backend(backend):
            return False
        backend.get_password(SERVICE, "reljournal-probe")
    except Exception:  # a broken or locked-out keyring means "no keychain"
        log.info("no usable keychain", exc_info=True)
        return False
    return True


def keychain_name(path: Path) -> str:
    """The keychain entry's user name for the journal at ``path``."""
    return str(path.expanduser().resolve())


def store_in_keychain(path: Path, key: JournalKey) -> None:
    if key.raw is None:
        raise ValueError("only raw keys go into the keychain")
    try:
        keyring.set_password(SERVICE, keychain_name(path), key.raw.hex())
    except keyring.errors.KeyringError as exc:
        log.warning("keychain write failed", exc_info=True)
        raise KeychainError(
            "The system keychain refused to store the journal's key; "
            "unlock the keychain and try again."
        ) from exc


def load_from_keychain(path: Path) -> JournalKey | None:
    """The journal's key from the keychain, or None if it holds none."""
    if not keychain_available():
        return None
    try:
        value = keyring.get_password(SERVICE, keychain_name(path))
    except keyring.errors.KeyringError as exc:
        log.warning("keychain read failed", exc_info=True)
        raise KeychainError(
            "The system keychain could not be read; unlock it and try again, "
            "or open the journal with its recovery key."
        ) from exc
    if not value:
        return None
    try:
        return JournalKey(raw=bytes.fromhex(value))
    except ValueError:
        log.warning("keychain entry for %s is not a journal key", path)
        return None


def delete_from_keychain(path: Path) -> None:
    try:
        keyring.delete_password(SERVICE, keychain_name(path))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError:
        log.warning("keychain delete failed", exc_info=True)


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough 0-4 strength score and a hint code: "too_short", "weak", "fair",
    "good", "strong". The UI words the hint."""
    if len(passphrase) < 8:
        return 0, "too_short"
    classes = sum(
        [
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        ]
    )
    words = len(passphrase.split())
    score = 1
    if len(passphrase) >= 12:
        score += 1
    if len(passphrase) >= 16 or words >= 4:
        score += 1
    if classes >= 3:
        score += 1
    score = min(score, 4)
    return score, ("weak", "weak", "fair", "good", "strong")[score]
