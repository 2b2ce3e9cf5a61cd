"""The meetings from the rep's calendar (issue 14): ``import-ics``, ``meetings``
(list, ``--json``), ``meetings dismiss ID`` and ``meetings assign EMAIL ACCOUNT``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from reljournal.cli import EXIT_OK, UserError, one_line
from reljournal.cli.opening import open_journal
from reljournal.core.meetings.queue import ImportCounts
from reljournal.core.meetings.records import MAX_BYTES, SKIP_KINDS, CalendarFileError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import-ics",
        parents=[common],
        help="queue the meetings of a calendar export (.ics) for logging",
        description="Read an iCalendar export (Google Calendar, Outlook, Apple Calendar) and "
        "queue the meetings you had in the window, to be logged. All-day, cancelled and "
        "declined events and events with nobody but you are skipped (and counted). "
        "Importing a newer export of the same calendar moves moved meetings and removes "
        "cancelled ones; meetings already logged or dismissed are never touched.",
    )
    p.add_argument("file", help="the .ics file (- for standard input)")
    p.add_argument(
        "--me",
        action="append",
        metavar="EMAIL",
        help="your own address in the calendar (repeatable); remembered for the next import",
    )
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                   help="first day of the window (default: 59 days before --until)")  # fmt: skip
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD",
                   help="last day of the window (default: today); days are read in this "
                   "computer's time zone")  # fmt: skip
    p.set_defaults(handler=cmd_import_ics)

    p = sub.add_parser(
        "meetings",
        parents=[common],
        help="the meetings waiting to be logged (dismiss ID, assign EMAIL ACCOUNT)",
        description="List the meetings imported from your calendar that wait to be logged; "
        "`meetings dismiss ID` takes one off the list; `meetings assign EMAIL ACCOUNT` adds "
        "the owner of an unmatched address to an account (`--team` for a colleague).",
    )
    p.add_argument("action", nargs="?", choices=("list", "dismiss", "assign"), default="list")
    p.add_argument("args", nargs="*", metavar="ARG", help="dismiss: ID; assign: EMAIL ACCOUNT")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.add_argument(
        "--name", default="", help="assign: the person's name (default: from the address)"
    )
    p.add_argument("--team", action="store_true", help="assign: a colleague (the internal team)")
    p.set_defaults(handler=cmd_meetings)

    p = sub.add_parser(
        "calendar-subscription",
        parents=[common],
        help="subscribe to your calendar's private iCal address (show, set URL, remove, fetch)",
        description="The private iCal address of your calendar (Google: Settings, Integrate "
        "calendar, Secret address in iCal format; Outlook: Publish a calendar, ICS link). "
        "The app fetches it over HTTPS at start and every 30 minutes; `fetch` does it now. "
        "The address is a secret: give - to read it from standard input (not your shell "
        "history); it is kept only inside the encrypted journal and never printed.",
    )
    p.add_argument("action", nargs="?", choices=("show", "set", "remove", "fetch"), default="show")
    p.add_argument("url", nargs="?", help="set: the address (- reads it from standard input)")
    p.set_defaults(handler=cmd_subscription)


def read_input(name: str) -> tuple[bytes, str]:
    """The bytes of FILE (or standard input for -), at most one byte over the limit."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1), "standard input"
    path = Path(name)
    if path.is_dir():
        raise UserError(f"{name}: is a folder, not a calendar file.")
    if not path.exists():
        raise UserError(f"{name}: there is no such file.")
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1), name


def skipped_line(skipped: dict[str, int]) -> str:
    parts = [f"{skipped[kind]:,} {kind}" for kind in SKIP_KINDS if skipped.get(kind)]
    return "skipped: " + (", ".join(parts) if parts else "none")


def _summary(label: str, counts: ImportCounts, since: dt.date, until: dt.date) -> str:
    changes = [
        f"{counts.added:,} new",
        f"{counts.updated:,} moved or changed",
        f"{counts.removed:,} removed",
        f"{counts.unchanged:,} unchanged",
    ]
    if counts.kept:
        changes.append(f"{counts.kept:,} already logged or dismissed")
    return (
        f"{one_line(label)}: {counts.queued:,} meeting{'s' if counts.queued != 1 else ''} "
        f"from {since.isoformat()} to {until.isoformat()} ({', '.join(changes)})."
    )


def cmd_import_ics(args: argparse.Namespace) -> int:
    data, label = read_input(args.file)
    journal = open_journal(args)
    try:
        try:
            result = journal.import_calendar(data, args.me, args.since, args.until)
        except CalendarFileError as exc:
            raise UserError(f"{label}: cannot import: {exc.message}.") from exc
    finally:
        journal.close()
    print(_summary(label, result.counts, result.since, result.until))
    print(skipped_line(result.counts.skipped))
    return EXIT_OK


def cmd_meetings(args: argparse.Namespace) -> int:
    if args.action == "dismiss":
        if len(args.args) != 1 or not args.args[0].isdigit():
            raise UserError("Give the meeting's number: reljournal meetings dismiss ID.")
        journal = open_journal(args)
        try:
            journal.dismiss_meeting(int(args.args[0]))
        finally:
            journal.close()
        print(f"Meeting {args.args[0]} dismissed.")
        return EXIT_OK
    if args.action == "assign":
        expected = 1 if args.team else 2
        if len(args.args) != expected:
            raise UserError(
                "Give the address and the account: reljournal meetings assign EMAIL ACCOUNT "
                "(or EMAIL --team)."
            )
        journal = open_journal(args)
        try:
            account_id = None
            if not args.team:
                account = journal.find_account(args.args[1])
                account_id = account.id
            journal.assign_address(args.args[0], account_id, args.name)
            where = "the team" if account_id is None else account.name
        finally:
            journal.close()
        print(one_line(f"{args.args[0]} added to {where}."))
        return EXIT_OK
    if args.args:
        raise UserError(
            "`reljournal meetings` takes no arguments (dismiss ID, assign EMAIL ACCOUNT)."
        )
    journal = open_journal(args)
    try:
        queue = journal.meetings_queue()
    finally:
        journal.close()
    if args.json:
        json.dump([m.to_json() for m in queue], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not queue:
        print("No meetings waiting to be logged.")
        return EXIT_OK
    for m in queue:
        who = ", ".join(name for _, name in m.people)
        extra = f"; unknown: {', '.join(m.unmatched)}" if m.unmatched else ""
        print(
            one_line(
                f"{m.id:>5}  {m.start.astimezone():%Y-%m-%d %H:%M}  {m.minutes:>4} min  "
                f"{m.account or '—'}  {m.title}" + (f"  ({who}{extra})" if who or extra else "")
            )
        )
    print(f"{len(queue):,} meeting{'s' if len(queue) != 1 else ''} to log.")
    return EXIT_OK


def cmd_subscription(args: argparse.Namespace) -> int:
    from reljournal.journal.calendar_feed import FeedError, fetch_feed, host_of

    if args.action != "set" and args.url:
        raise UserError(f"`calendar-subscription {args.action}` takes no address.")
    journal = open_journal(args)
    try:
        if args.action == "set":
            if not args.url:
                raise UserError("Give the address: calendar-subscription set URL (or - for stdin).")
            text = sys.stdin.readline() if args.url == "-" else args.url
            journal.set_calendar_subscription(text.strip())
            print(f"Subscribed to the calendar on {host_of(journal.calendar_subscription())}.")
            return EXIT_OK
        if args.action == "remove":
            journal.set_calendar_subscription("")
            print("Calendar subscription removed.")
            return EXIT_OK
        url = journal.calendar_subscription()
        if not url:
            if args.action == "show":
                print("No calendar subscription.")
                return EXIT_OK
            raise UserError("There is no calendar subscription: calendar-subscription set URL.")
        if args.action == "show":
            fetched = journal.calendar_subscription_fetched()
            when = (
                f"last fetched {fetched[:16].replace('T', ' ')} UTC"
                if fetched
                else "not fetched yet"
            )
            print(f"Subscribed to the calendar on {host_of(url)} ({when}).")
            return EXIT_OK
        try:
            data: bytes | None = fetch_feed(url)
            problem = ""
        except FeedError as exc:
            data, problem = None, exc.message
        outcome = journal.apply_calendar_feed(data, problem)
    finally:
        journal.close()
    if outcome.result is None:
        raise UserError(f"The calendar was not updated: {outcome.problem}.")
    if outcome.problem:
        print(
            f"warning: the calendar was not updated ({one_line(outcome.problem)}); "
            "the last copy was used.",
            file=sys.stderr,
        )
    result = outcome.result
    print(_summary(host_of(url), result.counts, result.since, result.until))
    print(skipped_line(result.counts.skipped))
    return EXIT_OK
