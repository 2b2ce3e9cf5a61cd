"""Reading a huge pasted note (issue 15): the statement reader must stay linear in the
note's length whatever its shape, since an entry is read when it is saved.

    python tests/benchmarks/run.py --only bench_long_notes

Each shape is a note of the largest size an entry takes (200,000 characters, a paste far
larger than any real note): an endless chat export, a run of sentences that each open
with "Said", questions and answers, apostrophes with no closing quotation, random
punctuation, a helpdesk thread, quotation marks left open over many lines, pasted emails
with a greeting on every line, a dictated "quote" never closed, a pasted form field after
field, one endless sentence of cues and negations, offers and prices a comma apart. Goal:
at most a second each. Then the weighing: an account of 40 entries (200 KB in all) in which
the customer takes back what they said on every line - each retraction re-weighs the
account, so the weighing must not grow with their number. Goal: a second.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from typing import Any

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import load_cues
from reljournal.core.classify.reading import read_entry
from reljournal.core.formats.interchange import MAX_TEXT
from reljournal.core.model import Account, AccountJournal, Entry
from tests.benchmarks.common import figure


def shapes() -> dict[str, str]:
    rng = random.Random(1)
    return {
        "a chat export": "\n".join(
            f"Jonah Feld  {n % 12 + 1}:{n % 60:02d} PM\nlol 'ok' \"fine\"" for n in range(20_000)
        ),
        "sentences that open with 'Said'": ". ".join(
            "Said he'll keep buying off whoever" for _ in range(20_000)
        ),
        "questions and answers": "\n".join(
            "Q: why?" if n % 2 else "A: because 'we' want it" for n in range(40_000)
        ),
        "apostrophes, no closing quotation": "'" + "don't it's we're " * 40_000,
        # A note of quoted single words, one after another: each quotation is tested
        # against the words just before it, not the whole note so far.
        "quoted single words, one after another": "\"ab\" 'cd' « ef » " * 12_000,
        "« quotation marks never closed": "« we want the cheapest price " * 7_000,
        "random punctuation": "".join(rng.choice("ab 'cd\":;.,\nSq1=-–") for _ in range(700_000)),
        "a helpdesk thread": "\n\n".join(
            f"Customer replied — {n % 28 + 1} Mar 2025 09:{n % 60:02d}\nWe want 'reviews'."
            if n % 2
            else f"Jonah Feld (Public) — 20/05/2025 10:{n % 60:02d}\nRate first."
            for n in range(8_000)
        ),
        "quotations left open over lines": '"Dear Tom,\nwe want it\n' * 20_000,
        "a greeting on every line (pasted emails)": (
            "Gentile Sig. Moretti,\nWe order through the web shop.\n" * 5_000
        ),
        "a dictated 'quote' never closed": "he said quote we want it full stop " * 8_000,
        "a pasted form, field after field": (
            "Web form submission:\n3.1 Preferred contact: none\n[ ] Visits [x] Email\n" * 3_000
        ),
        "one sentence of cues and negations, no stop": (
            "Oh, no reason not to keep the reviews or the monthly visits and " * 4_000
        ),
        "offers, double negations and prices, a comma apart": (
            "Then: Marco likes I wouldn't not want to lose the visits, please send prices for "
            * 3_000
        ),
    }


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    cues = load_cues()
    out = []
    for name, whole in shapes().items():
        text = whole[:MAX_TEXT]
        entry = Entry(at=dt.datetime(2026, 1, 1, 9), kind="note", notes=text)
        start = time.perf_counter()
        read_entry(entry, cues, frozenset({"me"}), customers=frozenset({"jonah", "ray"}))
        seconds = time.perf_counter() - start
        out.append(figure(f"read a {len(text) // 1000} KB note: {name}", seconds, "s", 1.0))
    journal = AccountJournal(account=Account(name="Retractions", id=1))
    line = '"I was wrong about that. I want the visits." Then: "I\'ve changed my mind, cheapest.'
    for day in range(40):
        journal.entries.append(
            Entry(
                at=dt.datetime(2026, 1, 1, 9) + dt.timedelta(days=day),
                kind="note",
                notes="\n".join(f"{line} It isn't why we stay.\"" for _ in range(50)),
                id=day + 1,
                account_id=1,
            )
        )
    start = time.perf_counter()
    classify_account(journal, cues, dt.date(2026, 11, 30))
    seconds = time.perf_counter() - start
    out.append(
        figure("classify an account that takes back what it said on every line", seconds, "s", 1.0)
    )
    return out
