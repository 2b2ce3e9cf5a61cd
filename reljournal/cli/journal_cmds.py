"""Journal commands: init, import, export, accounts, show, search, backup, restore, demo,
recovery-key."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from reljournal.cli import EXIT_OK, UserError, count, one_line
from reljournal.cli.opening import (
    ENV_RECOVERY,
    RECOVERY,
    create_for_cli,
    journal_path,
    keychain_only,
    open_journal,
    passphrase_given,
    read_recovery_key,
    secret_from_options,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        parser.set_defaults(handler=handler)
        return parser

    add("init", cmd_init, "create a new, empty encrypted journal")
    p = add("import", cmd_import, "merge a JSON journal file into the journal")
    p.add_argument("file", help="the JSON file (- for standard input)")
    p = add("export", cmd_export, "write the whole journal as a JSON file")
    p.add_argument("file", help="where to write (- for standard output)")
    p = add("accounts", cmd_accounts, "list the accounts with their class")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("show", cmd_show, "show an account's entries, answers and open commitments")
    p.add_argument("account", help="the account's name (or the start of it)")
    p.add_argument(
        "--limit", type=count(0, 1_000_000), default=20, help="how many entries (default 20)"
    )
    p = add("search", cmd_search, "search notes, answers, commitments, accounts and people")
    p.add_argument("query", help='words to find; a "quoted phrase" matches as a phrase')
    p.add_argument(
        "--limit", type=count(0, 1_000_000), default=50, help="at most this many hits (default 50)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("backup", cmd_backup, "write an encrypted backup of the journal")
    p.add_argument(
        "dest", nargs="?", help="the backup file to write (default: the journal's backups folder)"
    )
    p = add("restore", cmd_restore, "replace the journal with a backup")
    p.add_argument("src", help="the backup file")
    p.add_argument("--force", action="store_true", help="replace an existing journal")
    p = add("demo", cmd_demo, "create a realistic demo journal")
    p.add_argument("--accounts", type=int, default=30, help="number of accounts (default 30)")
    p.add_argument("--entries", type=int, default=None, help="total number of entries")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p = add(
        "recovery-key",
        cmd_recovery_key,
        "put the journal's key back into this machine's keychain using its recovery key, "
        "or with --new replace the recovery key",
    )
    p.add_argument("--new", action="store_true", help="re-encrypt under a new recovery key")
    p = add(
        "passphrase",
        cmd_passphrase,
        "change the passphrase of a passphrase journal (the current one is asked first)",
    )
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="read the new passphrase from FILE (or /dev/fd/N) instead of asking",
    )


def cmd_init(args: argparse.Namespace) -> int:
    journal = create_for_cli(journal_path(args), args)
    journal.close()
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from reljournal.core.errors import InterchangeError
    from reljournal.journal.transfer import read_journal_document

    label = "standard input" if args.file == "-" else args.file
    try:
        doc = read_journal_document(args.file)
    except InterchangeError as exc:
        raise UserError(f"{label}: {exc.message}") from exc
    journal = open_journal(args)
    try:
        summary = journal.import_document(doc)
    finally:
        journal.close()
    for warning in summary.warnings[:20]:
        print(f"warning: {label}: {one_line(warning)}", file=sys.stderr)
    if len(summary.warnings) > 20:
        print(f"warning: … and {len(summary.warnings) - 20} more", file=sys.stderr)
    print(
        f"Imported {label}: {summary.accounts_created} new accounts "
        f"({summary.accounts_matched} already there), {summary.entries_created} new entries "
        f"({summary.entries_matched} already there), {summary.answers_created} answers, "
        f"{summary.commitments_created} commitments, {summary.people_created} people."
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from reljournal.core.formats.interchange import dumps

    journal = open_journal(args)
    try:
        text = dumps(journal.export_document())
    finally:
        journal.close()
    if args.file == "-":
        sys.stdout.write(text)
        return EXIT_OK
    _write_file(Path(args.file).expanduser(), text)
    print(f"Exported the journal to {args.file}.")
    return EXIT_OK


def _write_file(path: Path, text: str) -> None:
    from reljournal.journal.transfer import write_private_file

    write_private_file(path, text)


def cmd_accounts(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        rows = journal.account_summaries(dt.date.today())
    finally:
        journal.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "account": r.name,
                        "label": r.label,
                        "computed_label": r.computed_label,
                        "overridden": r.overridden,
                        "score": r.score,
                        "confidence": r.confidence,
                        "last_contact": r.last_contact.isoformat() if r.last_contact else None,
                        "entries": r.entry_count,
                        "open_commitments": r.open_commitments,
                        "overdue": r.overdue,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not rows:
        print("The journal has no accounts yet.")
        return EXIT_OK
    width = min(max(len(r.name) for r in rows), 40)
    print(f"{'ACCOUNT':<{width}}  {'CLASS':<15} {'LAST CONTACT':<12}  ENTRIES  OVERDUE")
    for r in rows:
        label = r.label + ("*" if r.overridden else "")
        last = r.last_contact.isoformat() if r.last_contact else "-"
        print(
            f"{r.name[:width]:<{width}}  {label:<15} {last:<12}  {r.entry_count:>7}  {r.overdue:>7}"
        )
    if any(r.overridden for r in rows):
        print("* set by you (override)")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    today = dt.date.today()
    try:
        account = journal.find_account(args.account)
        assert account.id is not None
        summary = journal.account_summary(account.id, today)
        entries = journal.entries(account.id, limit=max(args.limit, 0))
        total = journal.count_entries(account.id)
        expectations = journal.expectations(account.id)
        commitments = journal.commitments(account.id, open_only=True)
    finally:
        journal.close()
    print(f"{account.name}" + (f" ({account.industry})" if account.industry else ""))
    override = " (your override)" if summary.overridden else ""
    print(f"Class: {summary.label}{override}")
    print()
    print("What they said they expect:")
    current = [e for e in expectations if not e.superseded]
    for e in current or []:
        who = f", {e.speaker}" if e.speaker else ""
        print(f"  {e.said_on}{who} — {e.question_text}")
        print(f"    \u201c{e.answer}\u201d")
    if not current:
        print("  (nothing yet: ask them)")
    print()
    print("Open commitments:")
    for c in commitments:
        due = c.due.isoformat() if c.due else "no date"
        flag = " OVERDUE" if c.is_overdue(today) else ""
        owner = "I" if c.owner == "me" else "They"
        print(f"  [{due}{flag}] {owner}: {c.text}")
    if not commitments:
        print("  (none)")
    print()
    print(f"Entries ({len(entries)} of {total}, newest first):")
    for row in entries:
        minutes = f", {row.minutes} min" if row.minutes else ""
        title = f" {row.title}" if row.title else ""
        at = row.at
        when = f"{at:%Y-%m-%d}" if at.time() == dt.time(0, 0) else f"{at:%Y-%m-%d %H:%M}"
        print(f"  {when} {row.kind}{minutes}:{title}")
        if row.notes:
            note = " ".join(row.notes.split())
            print(f"    {note[:200]}{'…' if len(note) > 200 else ''}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from reljournal.core.records import markup

    hits = None
    path = journal_path(args)
    if keychain_only(args) and path.exists():  # issue 18: a quick read, else the full way
        from reljournal.journal.quick_read import search_with_keychain

        hits = search_with_keychain(path, args.query, limit=max(args.limit, 0))
    if hits is None:
        journal = open_journal(args)
        try:
            hits = journal.search(args.query, limit=max(args.limit, 0))
        finally:
            journal.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "kind": h.kind,
                        "account": h.account_name or None,
                        "date": h.date.isoformat() if h.date else None,
                        "title": h.title,
                        "snippet": markup(h.snippet),
                        "entry_id": h.entry_id,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not hits:
        print("No matches.")
        return EXIT_OK
    for h in hits:
        when = h.date.isoformat() if h.date else "-"
        account = h.account_name or "(team)"
        snippet = " ".join(markup(h.snippet).split())
        print(f"{h.kind:<11} {account[:30]:<30} {when:<10}  {snippet}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    dest = Path(args.dest).expanduser() if args.dest else None
    if dest is not None and dest.exists():
        raise UserError(f"{dest} already exists; choose a new file name for the backup.")
    journal = open_journal(args)
    try:
        written = journal.backup_now(dest)
    finally:
        journal.close()
    print(f"Backed up the journal to {written} (encrypted with the journal's key).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from reljournal.journal.opening import restore

    target = journal_path(args)
    src = Path(args.src).expanduser()
    if target.exists() and not args.force:
        raise UserError(
            f"A journal already exists at {target}; add --force to replace it "
            "(it is kept as a backup first)."
        )
    from reljournal.journal.opening import environment_secret

    recovery = secret_from_options(args, RECOVERY) or environment_secret(ENV_RECOVERY)
    result = restore(src, target, recovery_key=recovery, passphrase=passphrase_given(args))
    print(f"Restored {src} to {target}.")
    if result.replaced_backup is not None:
        print(f"The journal it replaced is kept at {result.replaced_backup}.")
    if result.needs_recovery_key:
        print(
            "This machine has no keychain: open the journal with its recovery key "
            "(typed when asked, or --recovery-key-stdin / --recovery-key-file)."
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from reljournal.journal.opening import create_demo

    path = journal_path(args)
    if args.accounts < 1 or args.accounts > 100_000:
        raise UserError("--accounts must be between 1 and 100000.")
    if args.entries is not None and not 0 <= args.entries <= 5_000_000:
        raise UserError("--entries must be between 0 and 5000000.")
    summary = create_demo(
        path,
        accounts=args.accounts,
        entries=args.entries,
        seed=args.seed,
        create_journal=lambda p: create_for_cli(p, args),
        open_existing=lambda: open_journal(args),
    )
    print(
        f"Demo journal at {path}: {summary.accounts_created} accounts, "
        f"{summary.entries_created} entries."
    )
    return EXIT_OK


def cmd_recovery_key(args: argparse.Namespace) -> int:
    from reljournal.journal.opening import unlock

    path = journal_path(args)
    if args.new:
        journal = open_journal(args)
        try:
            key = journal.rotate_recovery_key()
            rekeyed = journal.last_rekeyed_backups
        finally:
            journal.close()
        print(f"New recovery key: {key}")
        print("Store it safely now; it is shown only once. The old recovery key opens nothing.")
        if rekeyed is not None:
            _say_rekeyed_backups(rekeyed.rekeyed, rekeyed.left, "recovery key")
        return EXIT_OK
    recovery = read_recovery_key(args)
    journal = unlock(path, recovery_key=recovery)
    journal.close()
    print("The recovery key opens the journal; its key is back in this machine's keychain.")
    return EXIT_OK


# --- issue 17: changing the passphrase ---------------------------------------------------------
def cmd_passphrase(args: argparse.Namespace) -> int:
    from reljournal.cli.opening import _interactive, new_passphrase

    journal = open_journal(args)  # the current passphrase: by option, environment or prompt
    try:
        if not journal.is_passphrase_protected:
            raise UserError(
                "This journal's key is in the keychain, with a recovery key; it has no "
                "passphrase (replace the recovery key with `reljournal recovery-key --new`)."
            )
        current = journal.secret.passphrase
        assert current is not None
        if args.new_passphrase_file:
            new = new_passphrase(argparse.Namespace(passphrase_file=args.new_passphrase_file))
        elif _interactive():
            new = new_passphrase(prompt="New passphrase: ")
        else:
            raise UserError(
                "Give the new passphrase with --new-passphrase-file FILE (or /dev/fd/N), "
                "or run in a terminal to type it."
            )
        rekeyed = journal.change_passphrase(current, new)
    finally:
        journal.close()
    print("The journal is now protected by the new passphrase; the old one opens nothing.")
    _say_rekeyed_backups(rekeyed.rekeyed, rekeyed.left, "passphrase")
    return EXIT_OK


def _backups(n: int) -> str:
    return f"{n} backup" if n == 1 else f"{n} backups"


def _say_rekeyed_backups(rekeyed: list[Path], left: list[Path], what: str) -> None:
    if rekeyed:
        verb = "was" if len(rekeyed) == 1 else "were"
        print(
            f"{_backups(len(rekeyed))} in the backups folder {verb} re-encrypted with the new {what}."
        )
    if left:
        print(
            f"{_backups(len(left))} there, made under an earlier key, "
            f"{'was' if len(left) == 1 else 'were'} left as made; only that key opens them."
        )
    print(
        "Backups you saved elsewhere (another folder, a USB stick) still open with the old "
        f"{what}: delete them, or make new ones."
    )
