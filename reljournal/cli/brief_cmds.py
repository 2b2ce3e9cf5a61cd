"""Review commands: ``brief`` (Markdown, HTML or a one-page PDF) and ``calendar`` (.ics).

Qt is imported only for the PDF, on the offscreen platform when no display is needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from reljournal.cli import EXIT_OK, UserError
from reljournal.cli.opening import open_journal

FORMATS = ("md", "html", "pdf")
PAGES = ("auto", "a4", "letter")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "brief",
        parents=[common],
        help="an account's one-page brief before a call (Markdown, HTML or PDF)",
        description="Print or save an account's brief: its class and the evidence for it, "
        "the effort plan against the effort spent, what the customer expects, open "
        "commitments, the relationship's trend, the people and the questions to ask next.",
    )
    p.add_argument("account", help="the account (its name, or the start of it)")
    p.add_argument("--format", choices=FORMATS, default="md", help="md (default), html or pdf")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (needed for pdf)")
    p.add_argument(
        "--page",
        choices=PAGES,
        default="auto",
        help="PDF page size (default: Letter in the US and Canada, else A4)",
    )
    p.add_argument(
        "--reask-after",
        type=int,
        default=180,
        metavar="DAYS",
        help="suggest re-asking questions answered more than DAYS ago (default 180)",
    )
    p.set_defaults(handler=cmd_brief)
    p = sub.add_parser(
        "calendar",
        parents=[common],
        help="export open commitments as an .ics calendar file",
        description="Write every open commitment with a due date as an all-day event. "
        "Importing the file again updates the events instead of adding them twice.",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.set_defaults(handler=cmd_calendar)


def _write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from reljournal.journal.transfer import write_private_file

    path = write_private_file(Path(output), text)
    print(f"Wrote {path}", file=sys.stderr)


def cmd_brief(args: argparse.Namespace) -> int:
    if args.format == "pdf" and not args.output:
        raise UserError("A PDF needs a file to go to: add -o FILE.pdf.")
    if args.reask_after < 0:
        raise UserError("--reask-after takes a number of days (0 or more).")
    journal = open_journal(args)
    try:
        account = journal.find_account(args.account)
        assert account.id is not None
        brief = journal.brief(account.id, dt.date.today(), reask_after_days=args.reask_after)
    finally:
        journal.close()
    if args.format == "md":
        from reljournal.core.brief.markdown import render_markdown

        _write_text(render_markdown(brief), args.output)
    elif args.format == "html":
        from reljournal.core.brief.html import HtmlOptions, render_html

        _write_text(
            render_html(brief, options=HtmlOptions(links=False, standalone=True)), args.output
        )
    else:
        from reljournal.journal.transfer import write_private_file
        from reljournal.printing.brief_pdf import brief_pdf

        path = write_private_file(Path(args.output), brief_pdf(brief, page=args.page))
        print(f"Wrote {path}", file=sys.stderr)
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        text = journal.commitments_calendar()
    finally:
        journal.close()
    _write_text(text, args.output)
    return EXIT_OK
