"""Passphrases stretched with Argon2id into a raw SQLCipher key (issue 17).

A passphrase journal is keyed with ``Argon2id(NFC passphrase, salt)``, given to SQLCipher
as a raw key together with the salt (``PRAGMA key = "x'<key><salt>'"``). For a new file
(or a re-encrypted one) SQLCipher writes that salt as the file's first 16 bytes, in the
clear, as it does with its own salt: so the salt, and with it how the key was stretched,
is readable before the file is decrypted, and every file (journal, backup, a copy being
restored) is opened with the key derived for its own salt. No side file is needed.

The salt carries the Argon2id parameters it was made with::

    b"RJ" | format 1 | log2(memory in KiB) | time cost | parallelism | 10 random bytes

so the parameters are stored with each file, a journal made with stronger parameters by
a newer version still opens here, and a journal made with weaker ones (older versions,
or ``CURRENT`` raised) is moved over at its next unlock. A file whose first bytes are
not such a salt is a journal made before (SQLCipher's own PBKDF2 from the passphrase).
80 random bits are plenty for a salt, whose job is only to be unique.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

SALT_BYTES: Final = 16
KEY_BYTES: Final = 32
_MARK: Final = b"RJ\x01"  # "RJ", format 1
_RANDOM_BYTES: Final = SALT_BYTES - len(_MARK) - 3
_MIN_LOG2_MEMORY: Final = 13  # 8 MiB: below that, not a salt of ours
_MAX_LOG2_MEMORY: Final = 22  # 4 GiB: a tampered header cannot ask for more
_MAX_TIME_COST: Final = 32
_MAX_PARALLELISM: Final = 16


@dataclass(frozen=True)
class Argon2Parameters:
    """How hard a passphrase is stretched: Argon2id's time cost (passes), memory
    (KiB, a power of two) and parallelism (lanes)."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        log2 = self.memory_kib.bit_length() - 1
        if self.memory_kib != 1 << log2 or not _MIN_LOG2_MEMORY <= log2 <= _MAX_LOG2_MEMORY:
            raise ValueError("Argon2id memory is a power of two from 8 MiB to 4 GiB (in KiB)")
        if not 1 <= self.time_cost <= _MAX_TIME_COST:
            raise ValueError(f"Argon2id time cost is 1 to {_MAX_TIME_COST}")
        if not 1 <= self.parallelism <= _MAX_PARALLELISM:
            raise ValueError(f"Argon2id parallelism is 1 to {_MAX_PARALLELISM}")

    def weaker_than(self, other: Argon2Parameters) -> bool:
        """Whether a file stretched with these should be moved over to ``other``."""
        return self.memory_kib < other.memory_kib or self.time_cost < other.time_cost

    def __str__(self) -> str:
        return f"Argon2id t={self.time_cost}, m={self.memory_kib // 1024} MiB, p={self.parallelism}"


# What new passphrase journals are stretched with. About 0.45 s on the development machine
# (tests/benchmarks/bench_unlock.py); raise it as machines get faster: journals made with
# less are moved over at their next unlock. The ones used before, newest last:
#   (none: before Argon2id, SQLCipher's PBKDF2-HMAC-SHA512 with 256,000 iterations)
CURRENT: Argon2Parameters = Argon2Parameters(time_cost=3, memory_kib=128 * 1024, parallelism=4)


def new_salt(parameters: Argon2Parameters) -> bytes:
    """A fresh random salt that names ``parameters``."""
    log2 = parameters.memory_kib.bit_length() - 1
    head = _MARK + bytes([log2, parameters.time_cost, parameters.parallelism])
    return head + secrets.token_bytes(_RANDOM_BYTES)


def parameters_of(salt: bytes | None) -> Argon2Parameters | None:
    """The parameters a salt names, or None when it is not one of ours (a journal keyed
    by SQLCipher's own PBKDF2, whose salt is all random)."""
    if salt is None or len(salt) != SALT_BYTES or not salt.startswith(_MARK):
        return None
    log2, time_cost, parallelism = salt[len(_MARK) : len(_MARK) + 3]
    if not _MIN_LOG2_MEMORY <= log2 <= _MAX_LOG2_MEMORY:
        return None
    try:
        return Argon2Parameters(time_cost, 1 << log2, parallelism)
    except ValueError:
        return None


def stretch(passphrase: str, salt: bytes) -> bytes:
    """The 32-byte SQLCipher key for ``passphrase`` (already NFC) and ``salt``."""
    parameters = parameters_of(salt)
    if parameters is None:
        raise ValueError("not an Argon2id salt")
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=parameters.time_cost,
        memory_cost=parameters.memory_kib,
        parallelism=parameters.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def file_salt(path: Path) -> bytes | None:
    """The salt of an SQLCipher file: its first 16 bytes (None if it has fewer)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(SALT_BYTES)
    except OSError:
        return None
    return head if len(head) == SALT_BYTES else None
