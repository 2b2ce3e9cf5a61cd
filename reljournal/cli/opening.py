"""How CLI commands find and unlock the journal.

The application layer (``reljournal.journal``: the facade, the store, sqlite-utils,
SQLCipher, keyring) is imported only when a command opens or creates a journal, so
that ``reljournal --version``, ``--help`` and a usage error start as fast as Python.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reljournal.cli import UserError
from reljournal.core.errors import KeychainError

if TYPE_CHECKING:
    from reljournal.journal.facade import Journal

ENV_PASSPHRASE = "RELJOURNAL_PASSPHRASE"
ENV_RECOVERY = "RELJOURNAL_RECOVERY_KEY"


def journal_path(args: argparse.Namespace) -> Path:
    from reljournal.paths import default_journal_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_journal_path()


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def open_journal(args: argparse.Namespace) -> Journal:
    """Unlock the journal named by ``--db``: recovery key, passphrase, keychain, prompt."""
    from reljournal.journal import opening

    path = journal_path(args)
    if not path.exists():
        raise UserError(f"There is no journal at {path}; create one with `reljournal init`.")
    recovery = getattr(args, "recovery_key", None) or os.environ.get(ENV_RECOVERY)
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if recovery:
        return opening.unlock(path, recovery_key=recovery)
    if passphrase is not None:
        return opening.unlock(path, passphrase=passphrase)
    try:
        return opening.unlock(path)
    except KeychainError:
        if not _interactive():
            raise
    return opening.unlock(path, passphrase=getpass.getpass("Journal passphrase: "))


def new_passphrase() -> str:
    """A new journal's passphrase: ``RELJOURNAL_PASSPHRASE``, else asked twice."""
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase is not None:
        if not passphrase:
            raise UserError(f"{ENV_PASSPHRASE} is empty.")
        return passphrase
    if not _interactive():
        raise UserError(
            f"No system keychain is available; set {ENV_PASSPHRASE} or run in a terminal "
            "to choose a passphrase."
        )
    from reljournal.journal import opening

    while True:
        first = getpass.getpass("Choose a passphrase for the journal: ")
        score, hint = opening.passphrase_strength(first)
        if score == 0:
            print("That is too short: use at least 8 characters.", file=sys.stderr)
            continue
        if getpass.getpass("Type it again: ") != first:
            print("The two passphrases differ; try again.", file=sys.stderr)
            continue
        if score < 2:
            print(
                f"Passphrase strength: {hint}. A few unrelated words are stronger.", file=sys.stderr
            )
        return first


def create_for_cli(path: Path) -> Journal:
    """Create a journal and tell the user, once, how to recover it."""
    from reljournal.journal import opening

    if opening.keychain_available() and ENV_PASSPHRASE not in os.environ:
        journal = opening.create(path)
        print(f"Created an encrypted journal at {path}; its key is in the system keychain.")
        print()
        print(f"Recovery key: {journal.recovery_key}")
        print(
            "Write it down or store it in a password manager now: it is shown only this once, "
            "and it is the only way to open the journal (or its backups) if the keychain "
            "entry is lost or on another computer."
        )
        return journal
    journal = opening.create(path, passphrase=new_passphrase())
    print(f"Created an encrypted journal at {path}, protected by your passphrase.")
    print("There is no way to open it without the passphrase: keep it safe.")
    return journal
