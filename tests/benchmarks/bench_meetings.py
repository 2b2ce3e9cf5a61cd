"""Calendar import figures (issue 14): a five-year calendar of 20,000 events with 300
recurring series (16 MB, tests/benchmarks/calendar_gen.py) imported into a copy of the
benchmark journal with the default window (the 60 days up to the calendar's last day):
read, check, expand, match, one-transaction write — goal under 5 s. Also the same
file imported again (nothing changes), listing the queue, and the whole five years
as the window (no goal: icalendar parses every event then).

Run alone: `python tests/benchmarks/run.py --only bench_meetings [--quick]`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks.calendar_gen import five_year_calendar
from tests.benchmarks.common import figure, open_journal, timed

ME = ["sam.taylor@tandem-medical.example"]
FIRST = dt.date(2021, 1, 4)
LAST = FIRST + dt.timedelta(days=5 * 365)


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from tests.helpers.facade import facade

    data = five_year_calendar(first=FIRST)
    work = Path(tempfile.mkdtemp(prefix="bench-meetings-"))
    figures: list[dict[str, Any]] = []
    try:
        copy = work / "journal.db"
        shutil.copyfile(journal_path, copy)
        journal = facade(open_journal(copy))
        try:
            seconds, result = timed(lambda: journal.import_calendar(data, ME, today=LAST))
            note = f"{len(data) / 1e6:.1f} MB, {result.counts.added:,} meetings queued"
            figures.append(
                figure(
                    "import-ics: 5-year calendar, 20,000 events, default window",
                    seconds,
                    "s",
                    5.0,
                    note=note,
                )  # fmt: skip
            )
            seconds, again = timed(lambda: journal.import_calendar(data, ME, today=LAST))
            assert not again.counts.changed
            figures.append(figure("import-ics: the same file again (no change)", seconds, "s", 5.0))
            seconds, queue = timed(journal.meetings_queue)
            figures.append(
                figure(f"meetings: the queue of {len(queue):,}, matched", seconds, "s", 1.0)
            )
            if not quick:
                seconds, whole = timed(
                    lambda: journal.import_calendar(data, ME, FIRST, LAST, today=LAST)
                )
                figures.append(
                    figure(
                        "import-ics: the whole five years as the window",
                        seconds,
                        "s",
                        None,
                        note=f"{whole.counts.queued:,} meetings",
                    )  # fmt: skip
                )
        finally:
            journal.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures
