"""Device sync figures (issue 16), on copies of the benchmark journal (passphrase
journals: the worker is given the key already stretched with Argon2id, and derives none):

- join: a second computer joins a sync set up on the benchmark journal (100,000 entries;
  the shared copy checked and copied, the new device registered, a first exchange) —
  goal under 60 s;
- 1,000 entries recorded on one computer, sent by its exchange and applied by the
  other's — goal under 3 s for the two exchanges together;
- an exchange with nothing new (decided without starting the worker) — goal under 100 ms.

Run alone: `python tests/benchmarks/run.py --only bench_sync [--quick]`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import PASSPHRASE, figure, open_journal, timed


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.journal import opening
    from reljournal.journal.entry_form import EntryForm
    from tests.helpers.facade import facade

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    figures: list[dict[str, Any]] = []
    try:
        folder = work / "sync"
        folder.mkdir()
        copy = work / "desk.db"
        shutil.copyfile(journal_path, copy)
        desk = facade(open_journal(copy))  # (migrates a cached journal made before sync)
        entries = _count(desk)
        seconds, _ = timed(lambda: desk.sync_setup(folder))
        figures.append(figure(f"sync setup ({entries:,} entries)", seconds, "s", None))
        seconds, (laptop, _restored) = timed(
            lambda: opening.join_sync(folder, work / "laptop.db", passphrase=PASSPHRASE)
        )
        figures.append(figure(f"sync join with a {entries:,}-entry journal", seconds, "s", 60.0))
        accounts = [name for _id, name in desk.account_names()[:50]]
        at = dt.datetime(2026, 5, 4, 9, 0)
        for n in range(1000):
            desk.record_entry(
                EntryForm(
                    at=at + dt.timedelta(minutes=n),
                    account_text=accounts[n % len(accounts)],
                    kind="call",
                    minutes=15,
                    notes=f"Benchmark call {n}: pricing, next steps and a trial in May.",
                )
            )
        start = time.perf_counter()
        sent = desk.sync_now()
        received = laptop.sync_now()
        seconds = time.perf_counter() - start
        assert received.received_rows >= 1000, received
        assert _count(laptop) == _count(desk) == entries + 1000
        figures.append(
            figure(
                "sync: 1,000 new entries sent and applied (two exchanges)",
                seconds,
                "s",
                3.0,
                note=f"{sent.sent:,} rows sent, {received.received_rows:,} applied",
            )
        )
        samples = []
        for _ in range(20):
            took, report = timed(laptop.sync_now)
            assert not report.ran
            samples.append(took)
        figures.append(
            figure(
                "sync: an exchange with nothing new (median)", statistics.median(samples), "s", 0.1
            )
        )
        laptop.close()
        desk.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def _count(journal: Any) -> int:
    return int(journal._db().execute("SELECT count(*) FROM entries").fetchone()[0])  # noqa: SLF001
