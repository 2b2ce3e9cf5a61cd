"""Hypothesis settings for the fuzz tests, and a journal to fuzz that is put back
to its starting state only when a case changed it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from sqlite_utils import Database

from reljournal.core.formats.interchange import parse_document
from reljournal.journal.transfer import import_document as import_and_classify
from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey
from tests.reliability.journal_checks import assert_consistent, fingerprint

LONG = False  # set by conftest: is this the long run (pytest -m reliability)?
OVERRIDE: int | None = None
QUICK_EXAMPLES = 100
LONG_EXAMPLES = 10_000


def fuzz_settings(long: int = LONG_EXAMPLES, quick: int = QUICK_EXAMPLES) -> settings:
    """Settings for a fuzz test: ``quick`` cases in the normal suite, ``long`` under
    ``-m reliability`` (read when the test module is imported, after configuration)."""
    count = OVERRIDE or (long if LONG else quick)
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
        print_blob=True,
    )


SEED_DOCUMENT: dict[str, Any] = {
    "format": "reljournal",
    "version": 1,
    "questions": [{"text": "How often should we meet?", "topic": "cadence"}],
    "team": [{"name": "Pat Presales", "group": "internal"}],
    "accounts": [
        {
            "name": "Acme",
            "industry": "Anvils",
            "stakeholders": [{"name": "Wile E.", "role": "decision maker"}],
            "entries": [
                {
                    "date": "2024-01-05",
                    "kind": "meeting",
                    "notes": "They want a partner who knows their business.",
                    "people": ["Wile E."],
                    "answers": [
                        {
                            "question": "What are your expectations of the person you are "
                            "going to buy from?",
                            "answer": "Someone who understands anvils.",
                            "speaker": "Wile E.",
                        }
                    ],
                    "commitments": [{"text": "Send the catalogue", "due": "2024-01-12"}],
                    "health": {"trust": 4},
                    "stage": "independent",
                }
            ],
        }
    ],
}


class FuzzJournal:
    """A journal with a little data in it; ``db`` is reset to that state when a case
    changed it (``changed()``), so every case starts from the same journal."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.key = JournalKey(raw=os.urandom(32))
        self.template = folder / "template.db"
        db = open_database(self.template, self.key, create=True)
        import_and_classify(db, parse_document(SEED_DOCUMENT))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        self.path = folder / "journal.db"
        self._db: Database | None = None
        self.start = ""
        self.cases = 0

    @property
    def db(self) -> Database:
        if self._db is None:
            for suffix in ("-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            shutil.copyfile(self.template, self.path)
            self._db = open_database(self.path, self.key)
            self.start = fingerprint(self._db)
        return self._db

    def unchanged(self) -> bool:
        return fingerprint(self.db) == self.start

    def changed(self) -> None:
        """The case changed the journal: check it, then start the next case afresh."""
        self.cases += 1
        if self.cases % 25 == 1:
            assert_consistent(self.db)
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None
