"""The keys SQLCipher is keyed with (``JournalKey``) and a passphrase stretched for one
salt (``StretchedKey``): values only, without the keychain, so that what only reads a
journal (the quick start and search, issue 18) does not load keyring.
``reljournal.store.keys`` re-exports them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from reljournal.store import kdf

SERVICE: Final = "reljournal"  # the keychain entries' service name
ENV_NO_KEYCHAIN: Final = "RELJOURNAL_NO_KEYCHAIN"  # tests, automation: never use one


@dataclass(frozen=True)
class StretchedKey:
    """A passphrase stretched with Argon2id for one salt (``reljournal.store.kdf``): the
    raw key that opens every file with that salt (a journal and the backups made of it)."""

    raw: bytes
    salt: bytes

    def __repr__(self) -> str:  # never print secrets
        return "StretchedKey()"


@dataclass(frozen=True)
class JournalKey:
    """What SQLCipher is keyed with: a raw 32-byte key or a passphrase.

    A passphrase key may carry the passphrase stretched for the salt of the file it opened
    (``stretched``), so that more connections, backups and re-encryptions need no new
    Argon2id run; it is left out of comparisons. Without it, a passphrase key stands for
    SQLCipher's own PBKDF2 (journals made before Argon2id), or is to be stretched when a
    file is keyed with it (``for_new_file``)."""

    raw: bytes | None = None
    passphrase: str | None = None
    stretched: StretchedKey | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if (self.raw is None) == (self.passphrase is None):
            raise ValueError("a JournalKey holds exactly one of raw or passphrase")
        if self.raw is not None and len(self.raw) != 32:
            raise ValueError("a raw journal key is 32 bytes")
        if self.stretched is not None and self.passphrase is None:
            raise ValueError("only a passphrase is stretched")

    @property
    def is_passphrase(self) -> bool:
        return self.passphrase is not None

    def pragma(self) -> str:
        """The ``PRAGMA key`` statement for this key (passphrase quotes escaped)."""
        return f"PRAGMA key = {self.pragma_value()}"

    def pragma_value(self) -> str:
        """The key as the value of ``PRAGMA key`` or ``PRAGMA rekey``: a raw key; a
        stretched passphrase with its salt (a new or re-encrypted file takes that salt);
        else the passphrase itself, for SQLCipher's own PBKDF2."""
        if self.raw is not None:
            return f"\"x'{self.raw.hex()}'\""
        if self.stretched is not None:
            return f"\"x'{self.stretched.raw.hex()}{self.stretched.salt.hex()}'\""
        assert self.passphrase is not None
        quoted = self.passphrase.replace("'", "''")
        return f"'{quoted}'"

    # --- issue 17: Argon2id ------------------------------------------------------------------
    @property
    def needs_stretching(self) -> bool:
        """A passphrase key not (or not as strongly as ``kdf.CURRENT``) stretched: the
        journal it opened is moved over at this unlock."""
        if self.passphrase is None:
            return False
        if self.stretched is None:
            return True
        parameters = kdf.parameters_of(self.stretched.salt)
        return parameters is None or parameters.weaker_than(kdf.CURRENT)

    def for_new_file(self) -> JournalKey:
        """The key to key a new file (a journal, a backup) or re-encrypt one with: a raw key
        as it is; a passphrase stretched with ``kdf.CURRENT`` and a fresh salt, unless it
        already is (a backup then shares its journal's salt and key)."""
        if not self.needs_stretching:
            return self
        assert self.passphrase is not None
        passphrase = normalize_passphrase(self.passphrase)
        salt = kdf.new_salt(kdf.CURRENT)
        return JournalKey(
            passphrase=passphrase, stretched=StretchedKey(kdf.stretch(passphrase, salt), salt)
        )

    def candidates(self, salt: bytes | None) -> Iterator[JournalKey]:
        """The keys to try, in order, on an existing file whose first 16 bytes are
        ``salt``: a raw key as it is; for a passphrase, the key stretched for that salt
        when the salt names Argon2id parameters (Argon2id is only ever run on the NFC
        form), then SQLCipher's own PBKDF2 of the passphrase (a journal made before; a
        random salt can look like ours, rarely). Lazy: each Argon2id run is made only if
        the keys before it failed."""
        if self.passphrase is None:
            yield self
            return
        passphrase = self.passphrase
        if kdf.parameters_of(salt) is not None and passphrase == normalize_passphrase(passphrase):
            assert salt is not None
            if self.stretched is not None and self.stretched.salt == salt:
                yield self
            else:
                raw = kdf.stretch(passphrase, salt)
                yield JournalKey(passphrase=passphrase, stretched=StretchedKey(raw, salt))
        yield JournalKey(passphrase=passphrase)

    def __repr__(self) -> str:  # never print secrets
        return "JournalKey(passphrase)" if self.is_passphrase else "JournalKey(raw)"


def normalize_passphrase(passphrase: str) -> str:
    """The passphrase in Unicode NFC, so that the same characters typed on two systems
    (composed "é" or "e" and a combining accent) give the same key."""
    return unicodedata.normalize("NFC", passphrase)


def keychain_name(path: Path) -> str:
    """The keychain entry's user name for the journal at ``path``."""
    return str(path.expanduser().resolve())
