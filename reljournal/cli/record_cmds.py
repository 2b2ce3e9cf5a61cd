"""Editing accounts and people from the command line: ``account edit/merge/delete`` and
``person list/add/edit/move/remove`` (the app's Account menu does the same)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reljournal.cli import EXIT_OK, UserError
from reljournal.cli.opening import open_journal
from reljournal.core.model import GROUP_CUSTOMER, GROUPS, Stakeholder

if TYPE_CHECKING:  # the journal layer loads only when a command opens the journal
    from reljournal.journal.facade import Journal


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    account = sub.add_parser(
        "account",
        parents=[common],
        help="edit, merge or delete an account",
        description="Change an account's name, industry, web domain or notes; merge one "
        "account into another; delete one.",
    )
    acts = account.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = acts.add_parser("edit", parents=[common], help="change name, industry, domain, notes")
    p.add_argument("account", help="the account (its name or the start of it)")
    p.add_argument("--name", help="a new name")
    p.add_argument("--industry")
    p.add_argument("--website", "--domain", dest="website", help="the web domain")
    p.add_argument("--notes")
    p.set_defaults(handler=cmd_account_edit)
    p = acts.add_parser(
        "merge", parents=[common], help="move everything of one account into another"
    )
    p.add_argument("source", help="the account that goes away")
    p.add_argument("target", help="the account that keeps everything")
    p.set_defaults(handler=cmd_account_merge)
    p = acts.add_parser("delete", parents=[common], help="delete an account and its journal")
    p.add_argument("account")
    p.add_argument("--yes", action="store_true", help="really delete (required)")
    p.set_defaults(handler=cmd_account_delete)

    person = sub.add_parser(
        "person",
        parents=[common],
        help="list, add, edit, move or remove people",
        description="Customer contacts belong to an account; your internal team and "
        "partners can belong to none (--team).",
    )
    acts = person.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = acts.add_parser("list", parents=[common], help="an account's people, or the team's")
    p.add_argument("account", nargs="?")
    p.add_argument("--team", action="store_true", help="the internal team and partners")
    p.set_defaults(handler=cmd_person_list)
    p = acts.add_parser("add", parents=[common], help="add a person")
    p.add_argument("name")
    _where(p)
    _details(p)
    p.set_defaults(handler=cmd_person_add)
    p = acts.add_parser("edit", parents=[common], help="change a person's details")
    p.add_argument("person", help="the person's name")
    p.add_argument("--of", metavar="ACCOUNT", help="whose person (when the name is not unique)")
    p.add_argument("--name", help="a new name")
    _details(p)
    p.set_defaults(handler=cmd_person_edit)
    p = acts.add_parser("move", parents=[common], help="move a person to another account")
    p.add_argument("person")
    p.add_argument("--of", metavar="ACCOUNT", help="whose person (when the name is not unique)")
    _where(p)
    p.set_defaults(handler=cmd_person_move)
    p = acts.add_parser("remove", parents=[common], help="remove a person")
    p.add_argument("person")
    p.add_argument("--of", metavar="ACCOUNT", help="whose person (when the name is not unique)")
    p.set_defaults(handler=cmd_person_remove)
    # issue 13: two records of one person (from two sources) made one
    p = acts.add_parser(
        "duplicates",
        parents=[common],
        help="people who may be one person (the same name with no account, or at another)",
    )
    p.set_defaults(handler=cmd_person_duplicates)
    p = acts.add_parser(
        "merge",
        parents=[common],
        help="make two records of one person one (undoable in the app)",
        description="Fold PERSON into the record --into names: emails, phones, addresses and "
        "notes are combined without duplicates, blank details filled, and the entries, "
        "answers and promises of PERSON go to the kept record.",
    )
    p.add_argument("person", nargs="?", help="the record that goes (its name)")
    p.add_argument(
        "--pair",
        type=int,
        metavar="N",
        help="pair N as 'person duplicates' lists it (the first of the pair goes into the second)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--of", metavar="ACCOUNT", help="its account (when the name is not unique)")
    which.add_argument("--no-account", action="store_true", help="the one without an account")
    p.add_argument("--into", metavar="PERSON", help="the record that stays")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--into-of", metavar="ACCOUNT", help="its account")
    which.add_argument("--into-no-account", action="store_true", help="the one without an account")
    p.set_defaults(handler=cmd_person_merge)


def _where(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--account", help="the account they belong to")
    where.add_argument("--team", action="store_true", help="your internal team or partners")


def _details(p: argparse.ArgumentParser) -> None:
    p.add_argument("--group", choices=GROUPS, help="customer, internal (team) or partner")
    p.add_argument("--title")
    p.add_argument("--role")
    p.add_argument("--email")
    p.add_argument("--phone")


def _account_id(journal: Journal, text: str) -> tuple[int, str]:
    account = journal.find_account(text)
    assert account.id is not None
    return account.id, account.name


def cmd_account_edit(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        account_id, _name = _account_id(journal, args.account)
        now = journal.account(account_id)
        journal.edit_account(
            account_id,
            name=now.name if args.name is None else args.name,
            industry=now.industry if args.industry is None else args.industry,
            website=now.website if args.website is None else args.website,
            notes=now.notes if args.notes is None else args.notes,
        )
        saved = journal.account(account_id)
    finally:
        journal.close()
    print(f"Saved {saved.name}.")
    return EXIT_OK


def cmd_account_merge(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        source, source_name = _account_id(journal, args.source)
        target, target_name = _account_id(journal, args.target)
        journal.merge_accounts(source, target)
    finally:
        journal.close()
    print(f"Merged {source_name} into {target_name}.")
    return EXIT_OK


def cmd_account_delete(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        account_id, name = _account_id(journal, args.account)
        if not args.yes:
            count = journal.count_entries(account_id)
            raise UserError(
                f"This deletes {name} with its {count} entries and its people; "
                "add --yes to do it (a backup brings it back)."
            )
        journal.delete_account(account_id)
    finally:
        journal.close()
    print(f"Deleted {name}.")
    return EXIT_OK


def cmd_person_list(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        if args.team or not args.account:
            rows, where = journal.people(team=True), "the team"
        else:
            account_id, where = _account_id(journal, args.account)
            rows = journal.people(account_id)
    finally:
        journal.close()
    if not rows:
        print(f"No people in {where} yet.")
    for r in rows:
        extra = " · ".join(x for x in (r.title, r.role, r.email, r.phone) if x)
        print(f"{r.name} ({r.group}){'  ' + extra if extra else ''}")
    return EXIT_OK


def _place(journal: Journal, args: argparse.Namespace, group: str | None) -> tuple[int | None, str]:
    """(account id, group) from --account/--team and --group."""
    if args.team:
        chosen = group or "internal"
        if chosen == GROUP_CUSTOMER:
            raise UserError("A customer contact belongs to an account: give --account.")
        return None, chosen
    if args.account:
        return _account_id(journal, args.account)[0], group or GROUP_CUSTOMER
    raise UserError("Say where: --account NAME, or --team.")


def _find_person(journal: Journal, name: str, of: str | None) -> int:
    account_id = _account_id(journal, of)[0] if of else None
    return journal.find_person(name, account_id)


def cmd_person_add(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        account_id, group = _place(journal, args, args.group)
        person = Stakeholder(
            args.name, group=group, account_id=account_id, title=args.title or "",
            role=args.role or "", email=args.email or "", phone=args.phone or "",
        )  # fmt: skip
        journal.add_person(person)
    finally:
        journal.close()
    print(f"Added {' '.join(args.name.split())}.")
    return EXIT_OK


def _as_person(row: Any) -> Stakeholder:
    return Stakeholder(
        row.name, group=row.group, account_id=row.account_id, title=row.title, role=row.role,
        email=row.email, phone=row.phone,
    )  # fmt: skip


def cmd_person_edit(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        person_id = _find_person(journal, args.person, args.of)
        person = _as_person(journal.person(person_id))
        for field in ("name", "group", "title", "role", "email", "phone"):
            value = getattr(args, field)
            if value is not None:
                setattr(person, field, value)
        journal.edit_person(person_id, person)
    finally:
        journal.close()
    print(f"Saved {' '.join(person.name.split())}.")
    return EXIT_OK


def cmd_person_move(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        person_id = _find_person(journal, args.person, args.of)
        person = _as_person(journal.person(person_id))
        group = None if person.group == GROUP_CUSTOMER and args.team else person.group
        person.account_id, person.group = _place(journal, args, group)
        journal.edit_person(person_id, person)
        where = journal.account(person.account_id).name if person.account_id else "the team"
    finally:
        journal.close()
    print(f"Moved {person.name} to {where}.")
    return EXIT_OK


def cmd_person_remove(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        person_id = _find_person(journal, args.person, args.of)
        name = journal.person(person_id).name
        journal.remove_person(person_id)
    finally:
        journal.close()
    print(f"Removed {name}; the entries they attended stay.")
    return EXIT_OK


# --- issue 13: two records of one person made one ----------------------------------------
def _where_text(journal: Journal, account_id: int | None) -> str:
    return f"at {journal.account(account_id).name}" if account_id else "(no account)"


def cmd_person_duplicates(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        pairs = journal.possible_duplicates()
        lines = []
        for number, (other, kept) in enumerate(pairs, start=1):
            lines.append(
                f"  {number}. {other.name} {_where_text(journal, other.account_id)} may be "
                f"{kept.name} {_where_text(journal, kept.account_id)}: "
                f"reljournal person merge --pair {number}"
            )
    finally:
        journal.close()
    if not pairs:
        print("No two people share a name: nothing to check.")
        return EXIT_OK
    count = len(pairs)
    print(
        f"{count:,} {'pair' if count == 1 else 'pairs'} of people with the same name may be "
        "one person (check, then merge):"
    )
    print("\n".join(lines))
    print(
        "Merging the first of a pair into the second keeps one person with both records' "
        "emails, phones, addresses, notes and entries."
    )
    return EXIT_OK


def _find_record(journal: Journal, name: str, of: str | None, no_account: bool) -> int:
    """A person by name: at an account, without one, or anywhere when the name is unique."""
    if not no_account:
        return _find_person(journal, name, of)
    from reljournal.core.model import text_key

    key = text_key(name)
    found = [p.id for p in journal.people_without_account() if text_key(p.name) == key]
    if len(found) != 1:
        what = "No person without an account" if not found else "Several people without an account"
        raise UserError(f'{what} is called "{" ".join(name.split())}".')
    return found[0]


def cmd_person_merge(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        if args.pair is not None:
            if args.person or args.into:
                raise UserError("Give either --pair N, or PERSON and --into PERSON.")
            pairs = journal.possible_duplicates()
            if not 1 <= args.pair <= len(pairs):
                raise UserError(
                    f"There is no pair {args.pair}: 'reljournal person duplicates' lists "
                    f"{len(pairs):,}."
                )
            person_id, into_id = pairs[args.pair - 1][0].id, pairs[args.pair - 1][1].id
        elif args.person and args.into:
            person_id = _find_record(journal, args.person, args.of, args.no_account)
            into_id = _find_record(journal, args.into, args.into_of, args.into_no_account)
        else:
            raise UserError("Say which two: PERSON --into PERSON, or --pair N.")
        other, kept = journal.person(person_id), journal.person(into_id)
        gone = f"{other.name} {_where_text(journal, other.account_id)}"
        journal.merge_people(person_id, into_id)
        stays = journal.person(into_id)
        where = _where_text(journal, stays.account_id)
    finally:
        journal.close()
    print(f"Merged {gone} into {kept.name} {where}: one person now.")
    return EXIT_OK
