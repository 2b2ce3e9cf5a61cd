"""Crash safety: writes in a child process killed with SIGKILL at random moments.

After every kill the journal opens with its key, ``integrity_check``,
``foreign_key_check`` and the FTS5 ``integrity-check`` of the five indexes are
clean, and each write (import, quick entry, edit, delete, restore, migration) is
fully there or fully absent; every write reported as committed is there.
The quick run (10 kills) is part of the normal suite; the long one
(``pytest -m reliability``) makes 240.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.reliability.crash_harness import Lane, run_lanes, summary
from tests.reliability.crash_ops import crash_migrations_known

MAX_MIGRATIONS = 40


def _run(tmp_path: Path, lanes: int, kills: int, max_delay: float) -> str:
    all_lanes = [
        Lane(tmp_path / f"lane{i}", seed=1000 + i, max_migrations=MAX_MIGRATIONS)
        for i in range(lanes)
    ]
    with crash_migrations_known(MAX_MIGRATIONS):
        started = time.monotonic()
        run_lanes(all_lanes, kills, max_delay)
        took = time.monotonic() - started
    return f"{summary(all_lanes)} in {took:.0f} s"


def test_kills_leave_every_write_whole_quick(tmp_path: Path) -> None:
    report = _run(tmp_path, lanes=2, kills=5, max_delay=0.8)
    print(report)


@pytest.mark.reliability
def test_kills_leave_every_write_whole_long(tmp_path: Path) -> None:
    report = _run(tmp_path, lanes=4, kills=60, max_delay=1.5)
    print(report)
