"""Classifier figures (issue 3): all accounts at once; one account after an entry is saved."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import figure, open_journal


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.core.model import Entry
    from reljournal.store.classifications import default_cues, reclassify_accounts
    from reljournal.store.entries import delete_entry, save_entry

    default_cues()  # loading the cue file once per process is not part of classifying
    journal = open_journal(journal_path)
    figures = []
    try:
        db = journal.db
        accounts = db.execute("SELECT count(*) FROM accounts").fetchone()[0]
        entries = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            reclassify_accounts(db)
            runs.append(time.perf_counter() - start)
        figures.append(
            figure(
                f"classify all {accounts:,} accounts ({entries:,} entries), median of 3",
                statistics.median(runs),
                "s",
                3.0,
            )
        )
        counts = db.execute(
            "SELECT account_id, count(*) AS n FROM entries WHERE account_id IS NOT NULL "
            "GROUP BY account_id ORDER BY n"
        ).fetchall()
        typical = counts[len(counts) // 2]
        biggest = counts[-1]
        for account_id, n in (typical, biggest):
            samples = []
            for i in range(10):
                entry = Entry(
                    at=dt.datetime(2026, 11, 1, 9, i),
                    kind="call",
                    minutes=10,
                    notes=f"Benchmark note {i}: they asked for a quick quote.",
                    account_id=account_id,
                )
                save_entry(db, entry)  # saves, then reclassifies the account
                start = time.perf_counter()
                reclassify_accounts(db, [account_id])
                samples.append(time.perf_counter() - start)
                assert entry.id is not None
                delete_entry(db, entry.id)
            figures.append(
                figure(
                    f"reclassify one account after a save ({n:,} entries), median",
                    statistics.median(samples) * 1000,
                    "ms",
                    20.0,
                )
            )
    finally:
        journal.close()
    return figures
