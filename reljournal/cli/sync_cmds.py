"""``reljournal sync``: one journal on every computer, through a folder they all sync
(issue 16). ``sync setup``, ``sync join``, ``sync`` (exchange now), ``sync status``,
``sync conflicts`` and ``sync restore ID``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from reljournal.cli import EXIT_OK, EXIT_USER, UserError, count, one_line
from reljournal.cli.opening import (
    ENV_RECOVERY,
    RECOVERY,
    journal_path,
    open_journal,
    passphrase_given,
    secret_from_options,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "sync",
        parents=[common],
        help="exchange changes with your other computers (setup, join, status, conflicts)",
        description="Without an action: send this computer's changes to the sync folder and "
        "apply the other computers' changes.",
    )
    parser.set_defaults(handler=cmd_sync)
    actions = parser.add_subparsers(dest="sync_action", metavar="ACTION")

    def add(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        p.set_defaults(handler=handler)
        return p

    p = add("setup", cmd_setup, "sync this journal through a folder (on the first computer)")
    p.add_argument("--folder", required=True, help="a folder your computers already sync")
    p = add(
        "join",
        cmd_join,
        "make --db this computer's copy of the journal synced through a folder (a journal "
        "already there is kept as a backup)",
    )
    p.add_argument("--folder", required=True, help="the sync folder, as it appears here")
    add("now", cmd_sync, "exchange now (the same as `reljournal sync`)")
    add("status", cmd_status, "the computers seen, the last exchange, what is pending")
    add("conflicts", cmd_conflicts, "the values that lost to an edit on another computer")
    p = add("restore", cmd_restore, "put back a value that lost a conflict")
    p.add_argument("conflict", type=count(1, 2**62), help="its number in `sync conflicts`")


def _report(report: Any) -> int:
    if not report.ran:
        print("Nothing new to exchange.")
    else:
        print(
            f"Sent {report.sent} changed record(s); applied {report.received_files} file(s) "
            f"with {report.received_rows} record(s) from other computers."
        )
        if report.conflicts:
            print(
                f"{report.conflicts} value(s) lost to a later edit on another computer: "
                "see `reljournal sync conflicts`."
            )
        if report.waiting:
            print(f"{report.waiting} file(s) wait for earlier ones still on their way.")
    if report.message:
        print(one_line(report.message), file=sys.stderr)
        return EXIT_USER
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        return _report(journal.sync_now())
    finally:
        journal.close()


def cmd_setup(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        overview = journal.sync_setup(Path(args.folder))
    finally:
        journal.close()
    print(f"This journal now syncs through {overview.status.folder}.")
    print(
        "On your other computer, once the folder has synced there: "
        "reljournal sync join --folder DIR --db PATH (with the recovery key, or the "
        "passphrase for a journal protected by one)."
    )
    return EXIT_OK


def cmd_join(args: argparse.Namespace) -> int:
    from reljournal.journal.opening import environment_secret, join_sync

    target = journal_path(args)
    recovery = secret_from_options(args, RECOVERY) or environment_secret(ENV_RECOVERY)
    passphrase = passphrase_given(args) if not recovery else None
    if not recovery and passphrase is None:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise UserError(
                "Joining needs the journal's recovery key (--recovery-key-stdin or "
                "--recovery-key-file) or, for a journal protected by a passphrase, the "
                "passphrase (--passphrase-stdin or --passphrase-file)."
            )
        recovery = getpass.getpass("Recovery key (leave empty for a passphrase journal): ")
        if not recovery.strip():
            recovery = None
            passphrase = getpass.getpass("Journal passphrase: ")
    journal, restored = join_sync(
        Path(args.folder), target, recovery_key=recovery, passphrase=passphrase
    )
    journal.close()
    print(f"{target} is now this computer's copy of the synced journal.")
    if restored.replaced_backup is not None:
        print(f"The journal that was there is kept at {restored.replaced_backup}.")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        overview = journal.sync_overview()
    finally:
        journal.close()
    if overview is None:
        print("This journal is not synced (`reljournal sync setup --folder DIR` sets it up).")
        return EXIT_OK
    status = overview.status
    print(f"Sync folder: {status.folder}" + ("" if overview.folder_present else " (missing)"))
    print(f"This computer: device {status.device}")
    others = [d for d in overview.devices if d != status.device]
    print(
        f"Other computers seen: {len(others)}"
        + (f" ({', '.join(map(str, others))})" if others else "")
    )
    last = (
        status.last_exchange.astimezone().strftime("%Y-%m-%d %H:%M")
        if status.last_exchange
        else "never"
    )
    print(f"Last exchange: {last}")
    print(f"Changes not sent yet: {status.local_changes}")
    print(f"Files not applied yet: {overview.pending_files}")
    print(f"Conflicts to review: {status.open_conflicts}")
    if status.held:
        print("Kept unapplied (update RelJournal on this computer): " + ", ".join(status.held))
    if status.refused:
        print("Refused (damaged or not from this journal): " + ", ".join(status.refused))
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        conflicts = journal.sync_conflicts()
    finally:
        journal.close()
    if not conflicts:
        print("No conflicts to review.")
    for c in conflicts:
        print(
            f"{c.id}: {c.table} {c.row_id} {c.column}: kept {one_line(repr(c.kept))}, "
            f"lost {one_line(repr(c.lost))} ({c.found_at})"
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        journal.restore_sync_conflict(args.conflict)
    finally:
        journal.close()
    print("Put back; it is sent to the other computers at the next exchange.")
    return EXIT_OK
