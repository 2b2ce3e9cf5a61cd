"""Stored statements (issue 15): classify every account from stored stances, read every
statement again after a classifier upgrade, save an entry with its statements scored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import statistics
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import figure, open_journal

NOTES = (
    "Me: Would a quarterly review help?\n"
    "Dana: Honestly no. Send the price list and deliver on time, that's all we need.\n"
    'Later she wrote: "Cancel the monthly call, please." Sent quote {i}.'
)


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.store.classifications import reclassify_accounts
    from reljournal.store.statements import default_cues, rescore_statements

    cues = default_cues()  # loading the cue file once per process is not part of classifying
    journal = open_journal(journal_path)
    figures = []
    try:
        db = journal.db
        accounts = db.execute("SELECT count(*) FROM accounts").fetchone()[0]
        entries = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        rescore_statements(db, cues)  # a journal from before issue 15 is read once
        # An upgrade: every statement is read again.
        upgraded = dataclasses.replace(cues, fingerprint=cues.fingerprint + "+bench")
        start = time.perf_counter()
        read = rescore_statements(db, upgraded)
        figures.append(
            figure(
                f"re-score every statement after an upgrade ({read:,} entries)",
                time.perf_counter() - start,
                "s",
                60.0,
            )
        )
        rescore_statements(db, cues)  # back to the shipped reader
        runs, cpu_runs = [], []
        for _ in range(3):
            start, start_cpu = time.perf_counter(), time.process_time()
            reclassify_accounts(db, cues=cues)
            runs.append(time.perf_counter() - start)
            cpu_runs.append(time.process_time() - start_cpu)
        figures.append(
            figure(
                f"classify all {accounts:,} accounts ({entries:,} entries) from stored "
                "stances, median of 3",
                statistics.median(runs),
                "s",
                1.0,
            )
        )
        figures.append(
            figure(
                "  the same, CPU time of this process, median of 3",
                statistics.median(cpu_runs),
                "s",
                None,
            )
        )
        counts = db.execute(
            "SELECT account_id, count(*) AS n FROM entries WHERE account_id IS NOT NULL "
            "GROUP BY account_id ORDER BY n"
        ).fetchall()
        largest = counts[-1]
        for (account_id, n), app_gc in (
            (counts[len(counts) // 2], False),
            (largest, False),
            (largest, True),
        ):
            samples, cpu = _saves(db, account_id, app_gc)
            how = (
                ", collector run between saves as the app runs it (on a GUI timer)"
                if app_gc
                else ""
            )
            p95 = statistics.quantiles(samples, n=20)[-1]
            figures.append(
                figure(
                    f"save an entry, statements scored, account reclassified ({n:,} entries"
                    f"{how}), 95th percentile",
                    p95 * 1000,
                    "ms",
                    50.0,
                )
            )
            figures.append(
                figure(
                    f"  the same, CPU time of this process ({n:,} entries), 95th percentile",
                    statistics.quantiles(cpu, n=20)[-1] * 1000,
                    "ms",
                    None,
                    note="the work itself, apart from waiting for a busy machine",
                )
            )
    finally:
        journal.close()
    return figures


def _saves(db: Any, account_id: int, app_gc: bool) -> tuple[list[float], list[float]]:
    """Save (and delete again) 20 entries to an account: wall and CPU seconds of each save.

    ``app_gc``: Python's cyclic collector runs between the saves, not inside them, as in
    the app, where it is switched off and run by a timer on the GUI thread
    (``ui/work/gui_gc.py``); otherwise a collection of the whole heap may land in a save."""
    from reljournal.core.model import Answer, Entry
    from reljournal.store.entries import delete_entry, save_entry

    samples, cpu = [], []
    thresholds = gc.get_threshold()
    if app_gc:
        gc.disable()
    try:
        for i in range(-1, 20):  # the first save warms the caches and is not counted
            entry = Entry(
                at=dt.datetime(2026, 11, 1, 9, i + 1),
                kind="call",
                minutes=10,
                notes=NOTES.format(i=i),
                account_id=account_id,
            )
            entry.answers.append(
                Answer(
                    "How often do you want to hear from me, and how?",
                    "Only when I ask. Email is best.",
                    dt.date(2026, 11, 1),
                )
            )
            start, start_cpu = time.perf_counter(), time.process_time()
            save_entry(db, entry)  # saves, reads its statements, reclassifies the account
            if i >= 0:
                samples.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            assert entry.id is not None
            delete_entry(db, entry.id)
            if app_gc:  # what the GUI timer does between events
                young, middle, old = gc.get_count()
                if young >= thresholds[0]:
                    generation = 0
                    if middle >= thresholds[1]:
                        generation = 2 if old >= thresholds[2] else 1
                    gc.collect(generation)
    finally:
        if app_gc:
            gc.enable()
    return samples, cpu
