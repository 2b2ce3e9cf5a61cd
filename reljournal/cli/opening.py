"""How CLI commands find and unlock the journal, and where they take secrets from.

A secret never comes from the command line (every local user can read a process's
arguments in ``ps`` and ``/proc/PID/cmdline``): the recovery key and the passphrase
come from a terminal prompt, from standard input (``--recovery-key-stdin``,
``--passphrase-stdin``), from a file or file descriptor (``--recovery-key-file``,
``--passphrase-file /dev/fd/3``), or, for automation only, from the environment
(``RELJOURNAL_RECOVERY_KEY``, ``RELJOURNAL_PASSPHRASE``), which is taken out of the
process environment as soon as the command starts.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from reljournal.cli import UserError
from reljournal.core.errors import KeychainError
from reljournal.environment import ENV_PASSPHRASE, ENV_RECOVERY, environment_secret

# the journal layer is loaded only by a command that opens or creates a journal (so
# that --version, --help and usage errors start as fast as Python)
if TYPE_CHECKING:
    from reljournal.journal.facade import Journal

MAX_SECRET_BYTES: Final = 4096
RECOVERY: Final = "recovery_key"
PASSPHRASE: Final = "passphrase"
_WHAT: Final = {RECOVERY: "recovery key", PASSPHRASE: "passphrase"}

__all__ = ["ENV_PASSPHRASE", "ENV_RECOVERY"]


def add_secret_options(parser: argparse.ArgumentParser) -> None:
    """The options every command has for its secrets (none takes the secret itself)."""
    group = parser.add_argument_group("secrets (never given on the command line)")
    group.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the recovery key from the first line of standard input",
    )
    group.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read the recovery key from FILE (or a descriptor: /dev/fd/3)",
    )
    group.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the passphrase from the first line of standard input",
    )
    group.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read the passphrase from FILE (or a descriptor: /dev/fd/3)",
    )
    # the old way: still recognised, so that it is refused with how to do it now
    group.add_argument(
        "--recovery-key",
        dest="recovery_key_argv",
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )


def refuse_secrets_in_argv(args: argparse.Namespace) -> None:
    if getattr(args, "recovery_key_argv", None) is not None:
        raise UserError(
            "--recovery-key KEY is no longer accepted: a key on the command line can be read "
            "by every user of this computer (ps, /proc). Give it on standard input "
            "(--recovery-key-stdin < key.txt, or type it when asked) or from a file "
            "(--recovery-key-file key.txt)."
        )
    on_stdin = [w for w in (RECOVERY, PASSPHRASE) if getattr(args, f"{w}_stdin", False)]
    if len(on_stdin) > 1:
        raise UserError("Standard input can carry the recovery key or the passphrase, not both.")
    if on_stdin and getattr(args, "file", None) == "-":
        what = on_stdin[0].replace("_", "-")
        raise UserError(
            f"Standard input carries the file to import; give the {_WHAT[on_stdin[0]]} "
            f"with --{what}-file instead."
        )


def _read_line(handle: BinaryIO, source: str, what: str) -> str:
    raw = handle.readline(MAX_SECRET_BYTES + 1)  # one line: the writer may keep it open
    if len(raw) > MAX_SECRET_BYTES:
        raise UserError(f"The {what} from {source} is longer than any {what} can be.")
    line = raw.removesuffix(b"\n").removesuffix(b"\r")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"The {what} from {source} is not UTF-8 text.") from None
    if not text:
        raise UserError(f"{source} gave no {what} (its first line is empty).")
    return text


def secret_from_options(args: argparse.Namespace, which: str) -> str | None:
    """The recovery key or passphrase (``which``) given by ``--…-stdin`` or
    ``--…-file``, else None."""
    refuse_secrets_in_argv(args)
    what = _WHAT[which]
    if getattr(args, f"{which}_stdin", False):
        return _read_line(sys.stdin.buffer, "standard input", what)
    name = getattr(args, f"{which}_file", None)
    if name:
        path = Path(name).expanduser()
        if path.is_dir():
            raise UserError(f"{path} is a folder, not a file holding the {what}.")
        try:
            with path.open("rb") as handle:
                return _read_line(handle, str(path), what)
        except OSError as exc:
            raise UserError(f"The {what} could not be read from {path}: {exc.strerror}.") from exc
    return None


def journal_path(args: argparse.Namespace) -> Path:
    from reljournal.paths import default_journal_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_journal_path()


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _nothing() -> None:
    return None


def open_journal(args: argparse.Namespace) -> Journal:
    """Unlock the journal named by ``--db``: recovery key, passphrase, keychain, prompt."""
    path = journal_path(args)
    if not path.exists():
        raise UserError(f"There is no journal at {path}; create one with `reljournal init`.")
    recovery = secret_from_options(args, RECOVERY) or environment_secret(ENV_RECOVERY)
    passphrase = secret_from_options(args, PASSPHRASE)
    if passphrase is None:
        passphrase = environment_secret(ENV_PASSPHRASE)
    keychain_found: Callable[[], None] = _nothing
    if not recovery and passphrase is None:  # issue 18: while the journal layer loads
        from reljournal.journal.keychain_lookup import start_keychain_lookup

        keychain_found = start_keychain_lookup()
    from reljournal.journal import opening

    keychain_found()
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


def keychain_only(args: argparse.Namespace) -> bool:
    """Issue 18: no recovery key and no passphrase given (by option or environment), so
    ``open_journal`` would try the keychain first. Reads no secret (nothing is consumed)."""
    for which in (RECOVERY, PASSPHRASE):
        if getattr(args, f"{which}_stdin", False) or getattr(args, f"{which}_file", None):
            return False
    return not environment_secret(ENV_RECOVERY) and environment_secret(ENV_PASSPHRASE) is None


def passphrase_given(args: argparse.Namespace | None) -> str | None:
    """A passphrase given by option or environment (not asked)."""
    given = secret_from_options(args, PASSPHRASE) if args is not None else None
    return given if given is not None else environment_secret(ENV_PASSPHRASE)


def new_passphrase(args: argparse.Namespace | None = None, *, prompt: str = "") -> str:
    """A new passphrase: by option or ``RELJOURNAL_PASSPHRASE``, else asked twice. It
    must meet the rule the app applies too (``new_passphrase_problem``)."""
    from reljournal.journal import opening

    given = passphrase_given(args)
    if given is not None:
        problem = opening.new_passphrase_problem(given)
        if problem:
            raise UserError(problem)
        return given
    if not _interactive():
        raise UserError(
            "No passphrase given: type it in a terminal, or give it with --passphrase-stdin "
            f"or --passphrase-file (or, for automation, {ENV_PASSPHRASE})."
        )
    while True:
        first = getpass.getpass(prompt or "Choose a passphrase for the journal: ")
        problem = opening.new_passphrase_problem(first)
        if problem:
            print(problem, file=sys.stderr)
            continue
        if getpass.getpass("Type it again: ") != first:
            print("The two passphrases differ; try again.", file=sys.stderr)
            continue
        return first


def create_for_cli(path: Path, args: argparse.Namespace | None = None) -> Journal:
    """Create a journal and tell the user, once, how to recover it."""
    from reljournal.journal import opening

    wants_passphrase = args is not None and (
        getattr(args, "passphrase_stdin", False) or getattr(args, "passphrase_file", None)
    )
    if (
        opening.keychain_available()
        and not wants_passphrase
        and environment_secret(ENV_PASSPHRASE) is None
    ):
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
    journal = opening.create(path, passphrase=new_passphrase(args))
    print(f"Created an encrypted journal at {path}, protected by your passphrase.")
    print("There is no way to open it without the passphrase: keep it safe.")
    return journal


def read_recovery_key(args: argparse.Namespace) -> str:
    """The recovery key for a command that needs one: by option or environment, else
    typed at a prompt, else the first line of a non-interactive standard input."""
    given = secret_from_options(args, RECOVERY) or environment_secret(ENV_RECOVERY)
    if given:
        return given
    if sys.stdin.isatty():
        return getpass.getpass("Recovery key: ")
    return _read_line(sys.stdin.buffer, "standard input", "recovery key")
