"""Journals as versions before Argon2id made them (issue 17): keyed by SQLCipher's own
PBKDF2 of the passphrase, with an all-random salt.

``PBKDF2_FIXTURE`` is such a journal made by the release before Argon2id with its own
command line (``init --passphrase-stdin``, then ``import`` of ``v0001.json``), never
rebuilt; ``pbkdf2_journal`` makes one of today's schema for any passphrase (one not in
NFC, say) the way SQLCipher keys it from a passphrase."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Final

from reljournal.store.database import open_database_keyed
from reljournal.store.keys import JournalKey

PBKDF2_FIXTURE: Final = Path(__file__).parents[1] / "data" / "journals" / "pbkdf2-passphrase.db"
PBKDF2_FIXTURE_PASSPHRASE: Final = "correct horse battery staple"
PBKDF2_FIXTURE_ACCOUNTS: Final = ("Acme Dental", "Björk Logistik AB")


def copy_pbkdf2_fixture(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PBKDF2_FIXTURE, path)
    os.chmod(path, 0o600)
    return path


def pbkdf2_journal(path: Path, passphrase: str) -> Path:
    """A new, empty journal keyed by SQLCipher's PBKDF2 of ``passphrase`` as given."""
    db, _ = open_database_keyed(path, JournalKey(raw=os.urandom(32)), create=True)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute(f"PRAGMA rekey = {JournalKey(passphrase=passphrase).pragma_value()}")
    finally:
        db.conn.close()
    return path
