"""The journal's key: OS keychain, passphrase and recovery key.

A journal created with a working keychain is encrypted with a random 256-bit
key derived from its recovery key; the derived key is kept in the keychain
(service ``reljournal``, one entry per journal path) and given to SQLCipher as a
raw key, which opens instantly. Anyone holding the recovery key can re-derive
the journal key, so the recovery key opens the journal (and its backups) on any
machine. Where no keychain works, the key is the passphrase stretched with Argon2id
(``reljournal.store.kdf``; a few hundred milliseconds per unlock, which is intended);
journals made before, keyed by SQLCipher's own PBKDF2, are moved over at their next
unlock.

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
import unicodedata
from pathlib import Path
from typing import Any, Final

import keyring
import keyring.errors

from reljournal.core.errors import KeychainError, WrongKeyError
from reljournal.store.key_values import ENV_NO_KEYCHAIN as ENV_NO_KEYCHAIN
from reljournal.store.key_values import SERVICE as SERVICE
from reljournal.store.key_values import JournalKey as JournalKey
from reljournal.store.key_values import StretchedKey as StretchedKey
from reljournal.store.key_values import keychain_name as keychain_name
from reljournal.store.key_values import normalize_passphrase as normalize_passphrase

log = logging.getLogger(__name__)

_RECOVERY_CONTEXT: Final = b"reljournal journal key v1"
_RECOVERY_BYTES: Final = 20  # 160 bits, 32 base32 characters
_BASE32: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_LEGACY_LENGTH: Final = 32  # 8 groups of 4, no check characters
_CHECKED_LENGTH: Final = 40  # 8 groups of 4 + 1 check character
_PLAINTEXT_MODULES: Final = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _check_character(group: int, data: str) -> str:
    """The check character of a recovery key's group (1-based ``group``): a typo in
    the group, or two groups swapped, changes it (31 times in 32)."""
    digest = hashlib.sha256(f"reljournal recovery group {group}:{data}".encode("ascii")).digest()
    return _BASE32[digest[0] % 32]


def new_recovery_key() -> str:
    """A fresh recovery key: 8 groups of 5 characters, each 4 base32 characters of the
    160-bit secret and a check character, e.g. ``ABCDX-EFGHY-…``."""
    text = base64.b32encode(secrets.token_bytes(_RECOVERY_BYTES)).decode("ascii")
    groups = [text[i : i + 4] for i in range(0, len(text), 4)]
    return "-".join(g + _check_character(n, g) for n, g in enumerate(groups, start=1))


class MistypedRecoveryKeyError(WrongKeyError):
    """The recovery key as typed cannot be right (its format or a check character);
    the message names what to look at."""


def _clean_recovery_text(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.replace("0", "O").replace("1", "I").replace("8", "B")


def normalize_recovery_key(text: str) -> bytes:
    """The recovery key's bytes, however the user typed it (case, dashes, spaces,
    and the easily confused O/0, I/1, L/1 aside). Keys of today have 8 groups of 5
    characters with a check character each, and a typo is named by its group; keys
    made before have 8 groups of 4 and no check."""
    cleaned = _clean_recovery_text(text)
    if len(cleaned) == _CHECKED_LENGTH:
        groups = [cleaned[i : i + 5] for i in range(0, _CHECKED_LENGTH, 5)]
        bad = [n for n, g in enumerate(groups, start=1) if _check_character(n, g[:4]) != g[4]]
        if bad:
            which = ", ".join(str(n) for n in bad)
            raise MistypedRecoveryKeyError(
                f"Group {which} of the recovery key looks mistyped (counting groups of 5 "
                "from the left); check those characters and try again."
                if len(bad) == 1
                else f"Groups {which} of the recovery key look mistyped (counting groups of "
                "5 from the left); check those characters and try again."
            )
        cleaned = "".join(g[:4] for g in groups)
    elif len(cleaned) != _LEGACY_LENGTH:
        raise MistypedRecoveryKeyError(
            f"That is not a recovery key: it has {len(cleaned)} letters and digits, and a "
            "recovery key has 40 (8 groups of 5; older keys have 8 groups of 4). "
            "Check it for a missing or extra group."
        )
    bad_chars = sorted({ch for ch in cleaned if ch not in _BASE32})
    if bad_chars:
        raise MistypedRecoveryKeyError(
            "That is not a recovery key: it cannot contain "
            + ", ".join(repr(ch) for ch in bad_chars)
            + " (a recovery key has the letters A-Z and the digits 2-7)."
        )
    return base64.b32decode(cleaned)


def recovery_key_is_checked(text: str) -> bool:
    """Whether the recovery key as typed carries check characters (a key made since
    they were introduced): if it still does not open a journal, it is right as typed
    but belongs to another journal, or was replaced."""
    return len(_clean_recovery_text(text)) == _CHECKED_LENGTH


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


def _backend() -> Any:
    """keyring's back-end; the platform's keychain, asked alone, when nothing chose one
    (issue 18: ``reljournal.store.keychain_choice``)."""
    from reljournal.store.keychain_choice import choose_platform_keychain

    choose_platform_keychain()
    return keyring.get_keyring()


def keychain_available() -> bool:
    """Whether a real (not plaintext) keychain backend is there."""
    if os.environ.get(ENV_NO_KEYCHAIN):
        return False
    try:
        backend = _backend()
        if not _usable_backend(backend):
            return False
        backend.get_password(SERVICE, "reljournal-probe")
    except Exception:  # a broken or locked-out keyring means "no keychain"
        log.info("no usable keychain", exc_info=True)
        return False
    return True


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
    """The journal's key from the keychain, or None if it holds none (or there is no
    usable keychain).

    Issue 18: the read itself tells whether the keychain works (one round trip to it, not
    a probe first and then the read); only when the read fails is the keychain probed,
    to tell "no keychain" (None, as before) from "it cannot be read" (``KeychainError``)."""
    if os.environ.get(ENV_NO_KEYCHAIN):
        return None
    try:
        usable = _usable_backend(_backend())
    except Exception:  # a broken keyring means "no keychain"
        log.info("no usable keychain", exc_info=True)
        return None
    if not usable:
        return None
    try:
        value = keyring.get_password(SERVICE, keychain_name(path))
    except Exception as exc:
        if not keychain_available():
            return None
        if not isinstance(exc, keyring.errors.KeyringError):
            raise
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


MIN_PASSPHRASE_LENGTH: Final = 8
MIN_PASSPHRASE_SCORE: Final = 3  # zxcvbn's "safely unguessable": about 10^8 guesses or more
_ESTIMATED_CHARACTERS: Final = (
    72  # zxcvbn refuses longer input (4.5: max_length 72) and slows on it
)
_SITE_WORDS: Final = ("reljournal", "journal", "relationship", "customer", "sales")


def passphrase_variants(passphrase: str) -> list[str]:
    """The forms to try when opening: NFC first (every journal made since), then as
    typed and NFD (journals made with a passphrase that was not normalised)."""
    forms = [normalize_passphrase(passphrase), passphrase, unicodedata.normalize("NFD", passphrase)]
    return list(dict.fromkeys(forms))


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A 0-4 strength score estimated by zxcvbn (guesses an attacker needs, with
    dictionaries, keyboard patterns, repeats and dates) and a hint code: "too_short",
    "weak", "fair", "good", "strong". The UI and the CLI word the hint; both accept a
    passphrase only when ``passphrase_acceptable``."""
    passphrase = normalize_passphrase(passphrase)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return 0, "too_short"
    from zxcvbn import zxcvbn

    score = int(zxcvbn(passphrase[:_ESTIMATED_CHARACTERS], user_inputs=list(_SITE_WORDS))["score"])
    return score, ("weak", "weak", "fair", "good", "strong")[score]


def passphrase_acceptable(passphrase: str) -> bool:
    """The one rule for a new passphrase, in the CLI and the app alike: at least 8
    characters and rated "good" or "strong"."""
    return passphrase_strength(passphrase)[0] >= MIN_PASSPHRASE_SCORE
