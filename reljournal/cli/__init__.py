"""The command line: ``reljournal COMMAND [options]`` (no Qt unless a command needs it).

The CLI's composition root: it parses the arguments, opens the journal through the
application layer (``reljournal.journal``) and hands it to the command. Without a
command it asks the launcher's ``open_app`` to start the desktop app (the CLI itself
never imports the UI). Exit codes: 0 ok, 1 a user error (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from reljournal import APP_NAME, __version__
from reljournal.core.errors import RelJournalError

Handler = Callable[[argparse.Namespace], int]
OpenApp = Callable[[argparse.Namespace], int]
SelfCheck = Callable[[], int]

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2


class UserError(RelJournalError):
    """A problem with what the user asked for; shown as one line, exit code 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# issue 18, round 3: the commands that journal_cmds registers. Named first, such a command
# has its parser built without the other command modules (their imports cost more than
# a `search` spends reading); tests/cli/test_imports.py checks this list against the parser.
JOURNAL_COMMANDS = frozenset(
    {"init", "import", "export", "accounts", "show", "search", "backup", "restore", "demo"}
    | {"recovery-key", "passphrase"}
)


def build_parser(*, only_journal_commands: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with ``only_journal_commands``, only journal_cmds' commands
    (for a command line that starts with one of ``JOURNAL_COMMANDS``)."""
    db_help = "the journal file (default: $RELJOURNAL_DB, else the user data directory)"
    # --db goes before or after the command: the command's copy has no default, so it
    # never overwrites a path given before the command
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    from reljournal.cli.opening import add_secret_options  # issue 17: secrets never in argv

    add_secret_options(common)
    parser = _Parser(
        prog="reljournal",
        description=f"{APP_NAME}: an encrypted journal of customer relationships. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--db", metavar="PATH", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check that this installation works (throw-away journal) and exit",
    )
    parser.add_argument(
        "--demo-if-new",
        action="store_true",
        help="open the app on a demo journal when there is no journal yet",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from reljournal.cli import journal_cmds

    journal_cmds.register(sub, common)
    if only_journal_commands:
        return parser
    from reljournal.cli import brief_cmds, classify_cmds, record_cmds, transfer_cmds

    classify_cmds.register(sub, common)
    brief_cmds.register(sub, common)
    transfer_cmds.register(sub, common)
    record_cmds.register(sub, common)
    from reljournal.cli import meeting_cmds  # issue 14

    meeting_cmds.register(sub, common)
    from reljournal.cli import sync_cmds  # issue 16

    sync_cmds.register(sub, common)
    return parser


def _app_start_args(args_list: list[str]) -> argparse.Namespace | None:
    """Issue 18: the arguments of a plain start of the app (``--db PATH``,
    ``--demo-if-new``, nothing else), read without building the parser, which loads every
    command module; None for anything else, which the parser then reads as always."""
    db: str | None = None
    demo_if_new = False
    rest = iter(args_list)
    for arg in rest:
        if arg == "--demo-if-new":
            demo_if_new = True
        elif arg == "--db":
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None  # the parser says what is wrong
            db = value
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            return None
    return argparse.Namespace(db=db, self_check=False, demo_if_new=demo_if_new, command=None)


def count(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (a usage error
    otherwise, rather than a number SQLite or datetime cannot hold)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


def one_line(text: str) -> str:
    """``text`` as one line of terminal output: line breaks, escape sequences and other
    control or format characters quoted from a file or an argument are shown as
    escapes (``\\n``, ``\\x1b``), never sent to the terminal."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def main(
    argv: Sequence[str] | None = None,
    *,
    open_app: OpenApp | None = None,
    self_check: SelfCheck | None = None,
) -> int:
    """Run a command (``open_app``/``self_check``: what to do without one; the launcher
    gives them)."""
    from reljournal.environment import take_environment_secrets

    take_environment_secrets()  # issue 17: no program started from here inherits them
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # needs no parser, no command module, no log (issue 18)
        print(f"{APP_NAME} {__version__}")
        return EXIT_OK
    for arg in args_list:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, from the shell
            print(
                f"reljournal: the argument {one_line(arg)!s} is not valid UTF-8 text.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    app_args = _app_start_args(args_list) if open_app is not None else None
    if app_args is not None and open_app is not None:  # issue 18: no command modules
        from reljournal.logs import setup_logging

        setup_logging(deferred=True)  # the file opens once the window is on screen
        return open_app(app_args)
    parser = build_parser(
        only_journal_commands=args_list[:1] != [] and args_list[0] in JOURNAL_COMMANDS
    )
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    import logging

    from reljournal.logs import setup_logging

    log_file = setup_logging()
    log = logging.getLogger(__name__)
    if args.command is None:
        start = (lambda: self_check()) if args.self_check and self_check else None
        if not args.self_check and open_app is not None:
            start = lambda: open_app(args)  # noqa: E731
        if start is None:
            print("reljournal: give a command (see reljournal --help).", file=sys.stderr)
            return EXIT_USAGE
        return start()
    handler: Handler = args.handler
    try:
        from reljournal.cli.opening import refuse_secrets_in_argv

        refuse_secrets_in_argv(args)
        return handler(args)
    except RelJournalError as exc:
        # the message may quote journal or file text: the log names only the kind
        log.info("command %s failed: %s", args.command, type(exc).__name__)
        print(f"reljournal: {one_line(exc.message)}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("reljournal: interrupted; nothing was changed.", file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the file system refused (name too long, permission, full…)
        log.warning("command %s: file system error", args.command, exc_info=True)
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"reljournal: {one_line((exc.strerror or str(exc)) + where)}.", file=sys.stderr)
        return EXIT_USER
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        print(f"reljournal: something went wrong; details are in {log_file}", file=sys.stderr)
        return EXIT_USER
