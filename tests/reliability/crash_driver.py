"""Child process of the crash harness: runs random writes on a journal until killed.

    python -m tests.reliability.crash_driver JOURNAL SEED

The journal's recovery key comes in ``RELJOURNAL_RECOVERY_KEY``; the number of test
migrations already known in ``CRASH_MIGRATIONS``. Each write prints ``BEGIN <op> <arg>``
before it starts and ``DONE <op> <arg>`` once it is committed (stdout is flushed
line by line), so the parent knows which write a kill interrupted.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
from pathlib import Path

from reljournal.core.formats.interchange import parse_document
from reljournal.core.model import Answer, Commitment, Entry
from reljournal.core.records import EntryExtras
from reljournal.journal.transfer import import_document as import_and_classify
from reljournal.store.backups.backup import backup_journal
from reljournal.store.backups.restore import restore_journal
from reljournal.store.database import open_database
from reljournal.store.entries import delete_entry, get_entry, save_entry
from reljournal.store.keys import key_from_recovery
from tests.reliability.crash_ops import (
    BASE_ACCOUNT,
    import_document_data,
    migration_name,
    register_test_migrations,
)

WEIGHTS = {
    "import": 30,
    "save": 25,
    "edit": 10,
    "delete": 8,
    "backup": 10,
    "restore": 7,
    "migrate": 10,
}


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()


class Driver:
    def __init__(self, path: Path, seed: int) -> None:
        self.path = path
        self.rng = random.Random(seed)
        self.recovery = os.environ["RELJOURNAL_RECOVERY_KEY"]
        self.key = key_from_recovery(self.recovery)
        self.migrations = int(os.environ.get("CRASH_MIGRATIONS", "0"))
        self.max_migrations = int(os.environ.get("CRASH_MAX_MIGRATIONS", "40"))
        self.backups = path.parent / "harness-backups"
        register_test_migrations(self.migrations)
        self.db = open_database(path, self.key)
        self.base = self.db.execute(
            "SELECT id FROM accounts WHERE name = ?", (BASE_ACCOUNT,)
        ).fetchone()[0]

    def tag(self) -> str:
        return f"{self.rng.getrandbits(40):010x}"

    def run(self) -> None:
        ops = list(WEIGHTS)
        weights = list(WEIGHTS.values())
        while True:
            op = self.rng.choices(ops, weights)[0]
            getattr(self, f"op_{op}")()

    def op_import(self) -> None:
        tag, count = self.tag(), self.rng.randint(5, 120)
        say("BEGIN import", f"imp-{tag}-n{count}")
        doc = parse_document(import_document_data(tag, count, dt.date(2024, 6, 1)))
        import_and_classify(self.db, doc)
        say("DONE import", f"imp-{tag}-n{count}")

    def _entry(self, title: str) -> tuple[Entry, EntryExtras]:
        day = dt.datetime(2024, 1, 1, 9, 30) + dt.timedelta(days=self.rng.randint(0, 500))
        entry = Entry(
            at=day,
            kind="call",
            minutes=25,
            title=title,
            notes=f"Quick entry {title}: they said they only buy on price. " * 5,
            account_id=self.base,
            answers=[
                Answer(f"Question {i} for {title}?", f"Answer {i} of {title}", day.date())
                for i in range(3)
            ],
            commitments=[Commitment(f"Promise {i} of {title}", due=day.date()) for i in range(2)],
        )
        return entry, EntryExtras(health={"trust": 4, "respect": 3}, stage="independent")

    def _saved(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM entries WHERE title LIKE 'save-%'")]

    def op_save(self) -> None:
        title = f"save-{self.tag()}"
        say("BEGIN save", title)
        save_entry(self.db, *self._entry(title))
        say("DONE save", title)

    def op_edit(self) -> None:
        ids = self._saved()
        if not ids:
            return
        entry, extras = get_entry(self.db, self.rng.choice(ids))
        entry.notes = f"edited {self.tag()} " * 20
        entry.answers = [
            Answer(f"Edited question {i}?", f"edited answer {i}", entry.at.date()) for i in range(3)
        ]
        entry.commitments[0].text = f"edited promise {self.tag()}"
        say("BEGIN edit", entry.title)
        save_entry(self.db, entry, extras)
        say("DONE edit", entry.title)

    def op_delete(self) -> None:
        ids = self._saved()
        if len(ids) < 5:
            return
        entry_id = self.rng.choice(ids)
        title = self.db.execute("SELECT title FROM entries WHERE id = ?", (entry_id,)).fetchone()[0]
        say("BEGIN delete", title)
        delete_entry(self.db, entry_id)
        say("DONE delete", title)

    def op_backup(self) -> None:
        name = f"b-{self.tag()}.db"
        say("BEGIN backup", name)
        backup_journal(self.db, self.backups / name, self.key)
        say("DONE backup", name)

    def op_restore(self) -> None:
        done = sorted(p.name for p in self.backups.glob("b-*.db")) if self.backups.exists() else []
        if not done:
            return
        name = self.rng.choice(done)
        self.db.conn.close()
        say("BEGIN restore", name)
        restore_journal(self.backups / name, self.path, recovery_key=self.recovery)
        say("DONE restore", name)
        self.db = open_database(self.path, self.key)

    def op_migrate(self) -> None:
        if self.migrations >= self.max_migrations:
            return
        self.migrations += 1
        register_test_migrations(self.migrations)
        self.db.conn.close()
        name = migration_name(self.migrations)
        say("BEGIN migrate", name)
        self.db = open_database(self.path, self.key)
        say("DONE migrate", name)


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    driver = Driver(path, seed)
    say("READY")
    driver.run()


if __name__ == "__main__":
    main()
