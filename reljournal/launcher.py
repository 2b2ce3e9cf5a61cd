"""The ``reljournal`` command: the command line, which opens the desktop app (or runs the
installation's self-check) when no command is given. The one place that knows both the
CLI and the app, so neither imports the other."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def _open_app(args: argparse.Namespace) -> int:
    from reljournal.app import run_app

    return run_app(args)


def _self_check() -> int:
    from reljournal.selfcheck import run_self_check

    return run_self_check()


def main(argv: Sequence[str] | None = None) -> int:
    import sys

    if list(sys.argv[1:] if argv is None else argv) == ["--sync-worker"]:  # issue 16
        from reljournal.store.sync.worker import main as sync_worker  # the frozen app's worker

        return sync_worker()
    from reljournal.cli import main as cli_main

    return cli_main(argv, open_app=_open_app, self_check=_self_check)
