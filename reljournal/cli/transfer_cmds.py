"""Bringing accounts in and taking the journal out: import-csv, export-csv,
import-vcard, export-vcard, export-md, backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reljournal.cli import EXIT_OK, UserError, one_line
from reljournal.cli.opening import journal_path, open_journal
from reljournal.core.errors import RelJournalError
from reljournal.core.formats.crm_columns import KINDS, ColumnMapping, detect_mapping, with_overrides

if TYPE_CHECKING:  # loaded only when a command reads a file or opens the journal
    from reljournal.core.formats.contacts_plan import ImportPlan
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
            "(Salesforce, HubSpot or a spreadsheet)")  # fmt: skip
    p.add_argument("file", help="the CSV file")
    p.add_argument("--kind", choices=KINDS, required=True, help="what the rows are")
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
    p.add_argument("file", help="the vCard file (3.0 or 4.0)")
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
    problems = plan.problems
    for o in problems[:SHOW_PROBLEMS]:
        who = f" ({o.name})" if o.name else ""
        print(one_line(f"  {unit} {o.number}{who}: skipped, {o.reason}"))
    if len(problems) > SHOW_PROBLEMS:
        print(f"  … and {len(problems) - SHOW_PROBLEMS:,} more skipped")
    kept = [o for o in plan.outcomes if o.kept]
    if kept:
        first = kept[0]
        print(
            f"  {_n(len(kept), unit)} differ from what the journal already holds; the "
            f"journal's values are kept (e.g. {unit} {first.number}: {', '.join(first.kept)})."
        )


def _apply(args: argparse.Namespace, plan: ImportPlan) -> int:
    if args.dry_run:
        print("Dry run: nothing was written.")
        return EXIT_OK
    if not plan.changed:
        print("Nothing to change: the journal already holds all of it.")
        return EXIT_OK
    journal = open_journal(args)
    try:
        result = journal.apply_import_plan(plan)
    finally:
        journal.close()
    print(
        f"Imported: {_n(result.accounts_created, 'account')} and "
        f"{_n(result.people_created, 'person', 'people')} created, "
        f"{_n(result.accounts_updated, 'account')} and "
        f"{_n(result.people_updated, 'person', 'people')} updated."
    )
    return EXIT_OK


def cmd_import_csv(args: argparse.Namespace) -> int:
    from reljournal.journal.transfer import account_ids_from_csv, read_csv_file

    label = Path(args.file).name
    try:
        table = read_csv_file(Path(args.file))
        mapping = with_overrides(detect_mapping(table.headers, args.kind), table.headers, args.map)
        ids = (
            account_ids_from_csv(read_csv_file(Path(args.accounts_file)))
            if args.accounts_file
            else None
        )
    except RelJournalError as exc:
        raise UserError(f"{label}: {exc.message}") from exc
    _describe(table, mapping, label)
    journal = open_journal(args)
    try:
        try:
            plan = journal.plan_csv_import(table, mapping, account_ids=ids)
        except RelJournalError as exc:
            raise UserError(f"{label}: {exc.message}") from exc
    finally:
        journal.close()
    print_plan(plan)
    return _apply(args, plan)


def cmd_import_vcard(args: argparse.Namespace) -> int:
    from reljournal.journal.transfer import read_vcard_file

    label = Path(args.file).name
    try:
        records = read_vcard_file(Path(args.file))
    except RelJournalError as exc:
        raise UserError(f"{label}: {exc.message}") from exc
    print(f"{label}: {_n(len(records), 'card')}.")
    journal = open_journal(args)
    try:
        plan = journal.plan_vcard_import(records)
    finally:
        journal.close()
    print_plan(plan, unit="card")
    return _apply(args, plan)


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
