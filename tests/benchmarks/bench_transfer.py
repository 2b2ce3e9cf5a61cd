"""Transfer figures (issue 7): a 50,000-row contacts CSV imported into the benchmark
journal (read + plan + one-transaction write) in under 10 s, cancel mid-write leaving
the journal unchanged, re-import planning, CSV export, and a backup of the
100,000-entry journal in under 5 s.

Runs on a copy of the benchmark journal, so the cached one is never changed.
Run alone: `python tests/benchmarks/run.py --only bench_transfer [--quick]`.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import figure, open_journal, timed

FULL_ROWS = 50_000
QUICK_ROWS = 10_000
FIRST = ["Alex", "Priya", "Wei", "Siobhán", "Jürgen", "Zoë", "Yuki", "Layla", "José", "Chidi"]
LAST = ["Rivera", "Shah", "Zhang", "O'Brien", "Müller", "Brontë", "Nakamura", "Haddad", "Núñez"]
SUFFIXES = ["", " Inc.", " Ltd", ", LLC", " GmbH", " S.A."]


def contacts_csv(existing: list[str], rows: int, seed: int = 7) -> bytes:
    """A HubSpot-shaped contacts export: half the companies are journal accounts
    spelled differently ("ACME, Inc." for "Acme"), half are new."""
    rng = random.Random(seed)
    companies = [rng.choice(existing).upper() + rng.choice(SUFFIXES) for _ in range(1000)]
    companies += [f"Newco {i}{rng.choice(SUFFIXES)}" for i in range(1000)]
    lines = [
        "Record ID,First Name,Last Name,Email,Phone Number,Job Title,Associated Company,"
        "Buying Role,Lifecycle Stage,Create Date"
    ]
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = companies[i % len(companies)]
        title = "=cmd|' /C calc'!A0" if i % 997 == 0 else "Head of Procurement"
        lines.append(
            f"{100000 + i},{first},{last},{first.lower()}.{i}@example.com,+1 555 {i:07d},"
            f'"{title}","{company}",Decision Maker,Customer,2024-01-01 10:00'
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _counts(db: Any) -> tuple[int, int, int]:
    row = db.execute(
        "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM stakeholders), "
        "(SELECT total(length(title) + length(email)) FROM stakeholders)"
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.core.errors import CancelledError
    from reljournal.core.formats.crm_columns import detect_mapping
    from reljournal.core.formats.csv_read import read_csv_bytes
    from reljournal.store.backups.automatic import backup_now
    from reljournal.store.transfer.contacts_export import export_contacts_csv
    from reljournal.store.transfer.contacts_import import apply_plan, plan_csv_import

    rows = QUICK_ROWS if quick else FULL_ROWS
    work = Path(tempfile.mkdtemp(prefix="bench-transfer-"))
    figures: list[dict[str, Any]] = []
    try:
        copy = work / "journal.db"
        shutil.copyfile(journal_path, copy)
        journal = open_journal(copy)
        try:
            existing = [r[0] for r in journal.db.execute("SELECT name FROM accounts")]
            raw = contacts_csv(existing or ["Acme"], rows)

            def plan_it() -> Any:
                table = read_csv_bytes(raw)
                return plan_csv_import(journal.db, table, detect_mapping(table.headers, "contacts"))

            # cancel half-way through the write: nothing may change
            before = _counts(journal.db)
            plan = plan_it()
            calls = {"n": 0, "at": 0.0}

            def cancel_half_way() -> bool:
                calls["n"] += 1
                if calls["n"] * 1000 >= plan.write_count // 2:
                    calls["at"] = calls["at"] or time.perf_counter()
                    return True
                return False

            try:
                apply_plan(journal.db, plan, should_cancel=cancel_half_way)
                cancelled = False
            except CancelledError:
                cancelled = True
            latency = time.perf_counter() - calls["at"] if calls["at"] else 0.0
            unchanged = cancelled and _counts(journal.db) == before
            figures.append(
                figure(
                    f"CSV import cancelled half-way: journal unchanged ({rows:,} rows)",
                    1.0 if unchanged else 0.0,
                    "ok",
                    1.0,
                    lower_is_better=False,
                )
            )
            figures.append(figure("CSV import: cancel takes effect (rollback)", latency, "s", 1.0))

            def import_all() -> Any:
                return apply_plan(journal.db, plan_it())

            seconds, result = timed(import_all)
            figures.append(
                figure(
                    f"CSV import of {rows:,} contacts (read, plan, write)",
                    seconds,
                    "s",
                    10.0,
                    note=f"{result.people_created:,} people, {result.accounts_created:,} "
                    f"new accounts",
                )
            )
            seconds, again = timed(plan_it)
            figures.append(
                figure(
                    f"CSV re-import of the same {rows:,} rows (plan; nothing to write)",
                    seconds,
                    "s",
                    10.0,
                    note="unchanged" if not again.changed else "CHANGED",
                )
            )
            seconds, _ = timed(lambda: export_contacts_csv(journal.db))
            figures.append(figure("CSV export of every contact", seconds, "s", None))
            journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            journal.close()

        original = open_journal(journal_path)
        try:
            seconds, path = timed(lambda: backup_now(original, work / "backup.db"))
            size = path.stat().st_size / 1024**2
        finally:
            original.close()
        figures.append(
            figure(
                "Backup of the benchmark journal (online backup API)",
                seconds,
                "s",
                5.0,
                note=f"{size:,.0f} MB",
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures
