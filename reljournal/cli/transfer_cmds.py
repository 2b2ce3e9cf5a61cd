"""Bringing accounts in and taking the journal out: import-csv, export-csv,
import-vcard, export-vcard, export-md, backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reljournal.cli import EXIT_OK, EXIT_USER, UserError, one_line
from reljournal.cli.opening import journal_path, open_journal
from reljournal.core.errors import RelJournalError
from reljournal.core.formats.crm_columns import KINDS, ColumnMapping

if TYPE_CHECKING:  # file readers and the journal layer load only in the commands that use them
    from reljournal.core.formats.contacts_plan import ImportPlan
    from reljournal.core.formats.contacts_read import ContactsFile
    from reljournal.core.formats.csv_read import CsvTable
    from reljournal.journal.facade import Journal

SHOW_PROBLEMS = 20
SOURCES = {"salesforce": "a Salesforce export", "hubspot": "a HubSpot export",
           "spreadsheet": "a spreadsheet", "custom": "your mapping"}  # fmt: skip


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        parser.set_defaults(handler=handler)
        return parser

    p = add("import-csv", cmd_import_csv, "import accounts or contacts from a CSV file "
            "(Google Contacts, Outlook, LinkedIn, HubSpot, Salesforce, Pipedrive, Zoho or a "
            "spreadsheet)")  # fmt: skip
    p.add_argument("file", help="the CSV file")
    p.add_argument("--kind", choices=KINDS, help="what the rows are (found from the header "
                   "of a known export; contacts otherwise)")  # fmt: skip
    _keep_unassigned(p)
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column to a field (name, account, title, email, …; empty or 'ignore' "
        "drops it; #3=field names the 3rd column); repeatable",
    )
    p.add_argument("--accounts-file", metavar="CSV",
                   help="a Salesforce Account.csv, to name the accounts of a Contact.csv "
                   "that gives only AccountId")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="show the plan; write nothing")
    p = add("export-csv", cmd_export_csv, "write the accounts or contacts as a CSV file")
    p.add_argument("file", help="where to write (- for standard output)")
    p.add_argument("--kind", choices=KINDS, required=True, help="accounts or contacts")
    p.add_argument("--account", help="only this account's contacts")
    p = add("import-vcard", cmd_import_vcard, "import stakeholders from a vCard (.vcf) file")
    p.add_argument("file", help="the vCard file (2.1, 3.0 or 4.0)")
    _keep_unassigned(p)
    p.add_argument("--dry-run", action="store_true", help="show the plan; write nothing")
    p = add("export-vcard", cmd_export_vcard, "write the stakeholders as a vCard (.vcf) file")
    p.add_argument("file", help="where to write (- for standard output)")
    p.add_argument("--account", help="only this account's people")
    p.add_argument("--version", choices=("3.0", "4.0"), default="3.0", help="default 3.0")
    p = add("export-md", cmd_export_md, "write the journal (or one account) as Markdown")
    p.add_argument("dest", help="the .md file, or with --split a folder")
    p.add_argument("--account", help="only this account")
    p.add_argument("--split", action="store_true", help="one file per account in DEST")
    p = add("backups", cmd_backups, "list the journal's backups (newest first)")


def _keep_unassigned(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep-unassigned",
        action="store_true",
        help="import people whose organisation is not given as people without an account "
        "(listed in the app under 'No account'); without it they are skipped and counted",
    )


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _describe(table: CsvTable, mapping: ColumnMapping, label: str) -> None:
    print(
        f"{label}: {SOURCES.get(mapping.source, mapping.source)}, {table.encoding.upper()}, "
        f"{table.delimiter_name}-separated, {_n(len(table.rows), 'row')}."
    )
    mapped = ", ".join(
        f"{one_line(table.headers[i])} → {f}" for i, f in sorted(mapping.fields.items())
    )
    print(f"Columns: {mapped or '(none)'}")
    ignored = mapping.ignored(table.headers)
    if ignored:
        print(f"Ignored: {one_line(', '.join(ignored))}")


def print_plan(plan: ImportPlan, unit: str = "row") -> None:
    from reljournal.core.formats.contacts_plan import CREATE, SKIP, UNCHANGED, UPDATE

    created_accounts = len(plan.new_accounts) if plan.kind == "contacts" else 0
    extra = f" ({_n(created_accounts, 'new account')})" if created_accounts else ""
    print(
        f"Plan: {plan.count(CREATE):,} to create{extra}, {plan.count(UPDATE):,} to update, "
        f"{plan.count(UNCHANGED):,} unchanged, {plan.count(SKIP):,} skipped."
    )
    for warning in plan.warnings:
        print(f"warning: {one_line(warning)}", file=sys.stderr)
    _print_skipped(plan, unit)
    problems = plan.problems
    for o in problems[:SHOW_PROBLEMS]:
        who = f" ({o.name})" if o.name else ""
        print(one_line(f"  {unit} {o.number}{who}: skipped, {o.reason}"))
    if len(problems) > SHOW_PROBLEMS:
        print(f"  … and {len(problems) - SHOW_PROBLEMS:,} more skipped")
    for match in plan.to_confirm[:SHOW_PROBLEMS]:
        where = f" at {match.account}" if match.account else " (no account)"
        print(one_line(
            f"  check: {unit} {match.number} ({match.name}{where}) may be {match.other}; "
            "they are kept apart — if they are one person, merge them (reljournal person "
            "duplicates)"
        ))  # fmt: skip
    if len(plan.to_confirm) > SHOW_PROBLEMS:
        print(f"  … and {len(plan.to_confirm) - SHOW_PROBLEMS:,} more to check")
    kept = [o for o in plan.outcomes if o.kept]
    if kept:
        first = kept[0]
        print(
            f"  {_n(len(kept), unit)} differ from what the journal already holds; the "
            f"journal's values are kept (e.g. {unit} {first.number}: {', '.join(first.kept)})."
        )


def _print_skipped(plan: ImportPlan, unit: str) -> None:
    """Why records were skipped, counted by reason."""
    from reljournal.core.formats.contacts import WHY_NO_ACCOUNT, WHY_NOT_PERSON, WHY_PROBLEM

    parts = []
    no_account = len(plan.skipped(WHY_NO_ACCOUNT))
    if no_account:
        parts.append(
            f"{_n(no_account, unit)} without an organisation (--keep-unassigned imports "
            f"{'it' if no_account == 1 else 'them'} as people without an account)"
        )
    not_person = len(plan.skipped(WHY_NOT_PERSON))
    if not_person:
        what = "not a person" if not_person == 1 else "not people"
        parts.append(f"{_n(not_person, unit)} {what} (an organisation, a group, a deleted or "
                     "nameless record)")  # fmt: skip
    bad = len(plan.skipped(WHY_PROBLEM))
    if bad:
        parts.append(f"{_n(bad, unit)} with a problem")
    if parts:
        print("Skipped: " + "; ".join(parts) + ".")


def _nothing_imported(plan: ImportPlan, unit: str) -> str:
    """Why nothing would be imported when every record was skipped ("" otherwise)."""
    from reljournal.core.formats.contacts_plan import SKIP

    if not plan.outcomes:
        return f"Nothing imported: the file holds no {unit}s."
    if plan.count(SKIP) == len(plan.outcomes):
        count = len(plan.outcomes)
        every = f"the {unit} was" if count == 1 else f"all {count:,} {unit}s were"
        return f"Nothing imported: {every} skipped (the reasons are above)."
    return ""


def cmd_import_csv(args: argparse.Namespace) -> int:
    return _import_contacts(args, csv=True)


def cmd_import_vcard(args: argparse.Namespace) -> int:
    return _import_contacts(args, csv=False)


def _describe_file(file: ContactsFile, label: str) -> None:
    if file.table is None or file.mapping is None:
        versions = ""
        print(f"{label}: {_n(len(file.records), 'card')}{versions}.")
        return
    table, mapping = file.table, file.mapping
    print(
        f"{label}: {file.label}, {table.encoding.upper()}, {table.delimiter_name}-separated, "
        f"{_n(file.row_count, 'row')}."
    )
    mapped = ", ".join(
        f"{one_line(table.headers[i])} → {f}" for i, f in sorted(mapping.fields.items())
    )
    print(f"Columns: {mapped or '(none)'}")
    if file.point_columns:
        print(f"Emails, phones and addresses: {_n(len(file.point_columns), 'column')}")
    ignored = [h for i, h in enumerate(table.headers)
               if i not in mapping.fields and i not in file.point_columns]  # fmt: skip
    if ignored:
        print(f"Ignored: {one_line(', '.join(ignored))}")


def _import_contacts(args: argparse.Namespace, *, csv: bool) -> int:
    """Read, plan and write a contacts file in one pass (a large file's records are
    never all held), then print what the file was, the plan and what was written."""
    from reljournal.journal.transfer import read_contacts

    label = Path(args.file).name
    try:
        file = read_contacts(
            Path(args.file),
            kind=getattr(args, "kind", None),
            overrides=getattr(args, "map", None) or None,
            accounts_file=Path(args.accounts_file)
            if getattr(args, "accounts_file", None)
            else None,
            keep_rows=False,  # the records are all this command needs
            lazy=True,  # made as they are planned and written
        )
    except RelJournalError as exc:
        raise UserError(f"{label}: {exc.message}") from exc
    unit = "row" if file.table is not None else "card"
    journal = open_journal(args)
    try:
        try:
            plan, result = journal.import_contacts(
                file, keep_unassigned=args.keep_unassigned, dry_run=args.dry_run
            )
        except RelJournalError as exc:
            raise UserError(f"{label}: {exc.message}") from exc
    finally:
        journal.close()
    _describe_file(file, label)
    plan.warnings[:0] = file.warnings
    print_plan(plan, unit=unit)
    nothing = _nothing_imported(plan, unit)
    if args.dry_run:
        print("Dry run: nothing was written.")
        if nothing:
            print(nothing.replace("Nothing imported", "Nothing would be imported"))
            return EXIT_USER
        return EXIT_OK
    if nothing:
        print(nothing)
        return EXIT_USER
    if not plan.changed:
        print("Nothing to change: the journal already holds all of it.")
        return EXIT_OK
    _print_imported(
        (result.accounts_created, result.accounts_updated),
        (result.people_created, result.people_updated),
    )
    return EXIT_OK


def _print_imported(accounts: tuple[int, int], people: tuple[int, int]) -> None:
    """What an import wrote: accounts and people (created, updated)."""
    print(
        f"Imported: {_n(accounts[0], 'account')} and "
        f"{_n(people[0], 'person', 'people')} created, "
        f"{_n(accounts[1], 'account')} and "
        f"{_n(people[1], 'person', 'people')} updated."
    )


def _account_id(journal: Journal, name: str | None) -> int | None:
    if not name:
        return None
    return journal.find_account(name).id


def _emit(target: str, text: str, what: str, *, bom: bool = False) -> None:
    from reljournal.journal.transfer import write_csv_file, write_text_file

    if target == "-":
        sys.stdout.write(text)
        return
    path = Path(target).expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder; name a file to write.")
    (write_csv_file if bom else write_text_file)(path, text)
    print(f"Wrote {what} to {path}.")


def cmd_export_csv(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        if args.kind == "accounts":
            text = journal.export_accounts_csv()
        else:
            text = journal.export_contacts_csv(_account_id(journal, args.account))
    finally:
        journal.close()
    rows = max(text.count("\r\n") - 1, 0)
    _emit(args.file, text, f"{args.kind} ({rows:,} rows, formulas escaped)", bom=True)
    return EXIT_OK


def cmd_export_vcard(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        text = journal.export_vcards(_account_id(journal, args.account), args.version)
    finally:
        journal.close()
    _emit(args.file, text, f"{text.count('BEGIN:VCARD'):,} vCards ({args.version})")
    return EXIT_OK


def cmd_export_md(args: argparse.Namespace) -> int:
    from reljournal.journal.transfer import write_markdown

    journal = open_journal(args)
    try:
        account_id = _account_id(journal, args.account)
        files = journal.export_markdown(
            None if account_id is None else [account_id], split=args.split
        )
    finally:
        journal.close()
    written = write_markdown(Path(args.dest), files, split=args.split)
    where = f"{len(written):,} files in {args.dest}" if args.split else args.dest
    print(f"Wrote the journal as Markdown to {where}.")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from reljournal.journal.opening import backups_dir, list_backups

    path = journal_path(args)
    backups = list_backups(path)
    if not backups:
        print(f"No backups in {backups_dir(path)} yet.")
        return EXIT_OK
    print(f"Backups in {backups_dir(path)}, newest first:")
    for b in backups:
        print(
            f"  {b.made_at:%Y-%m-%d %H:%M}  {b.kind:<8} {b.size / 1024**2:8.1f} MB  {b.path.name}"
        )
    return EXIT_OK
