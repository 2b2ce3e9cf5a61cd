"""The writes the crash harness runs in a child process, and what the parent
checks after each kill. Shared by ``crash_driver`` (the child) and ``test_crash``.

Every write carries a tag, so the parent can see whether it is fully there or
fully absent:

* ``imp-<tag>-n<N>``: an account imported with N entries (2 answers, 1 commitment,
  2 people and a health rating each), in one ``import_and_classify`` call;
* ``save-<tag>``: a quick entry (``save_entry``) on the account ``base`` with 3
  answers, 2 commitments, a health rating and a stage; ``edit`` rewrites one
  (same parts), ``delete`` removes one;
* test-only migrations ``9xxx_crash_NNNN``: odd ones rebuild the ``entries`` table
  (``transform``, the FTS triggers made again and the index rebuilt), even ones add
  a column and backfill it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlite_utils import Database

from reljournal.store.schema import ensure_fts, migrations, rebuild_fts

BASE_ACCOUNT = "base"
SAVE_PARTS = {"answers": 3, "commitments": 2, "health_ratings": 1, "stage_assessments": 1}
IMPORT_PARTS = {"answers": 2, "commitments": 1, "entry_people": 2, "health_ratings": 1}
_IMPORT_NAME = re.compile(r"^imp-(\w+)-n(\d+)$")


def migration_name(number: int) -> str:
    return f"9xxx_crash_{number:04d}"


def _make_migration(number: int):  # type: ignore[no-untyped-def]
    def migrate(db: Database) -> None:
        if number % 2:
            db["entries"].transform()  # a full rebuild of a searchable, referenced table
            ensure_fts(db, "entries")
            rebuild_fts(db, "entries")
        else:
            column = f"m{number}"
            db.execute(f"ALTER TABLE accounts ADD COLUMN [{column}] TEXT NOT NULL DEFAULT ''")
            db.execute(f"UPDATE accounts SET [{column}] = name")

    migrate.__name__ = migration_name(number)
    return migrate


def register_test_migrations(count: int) -> None:
    """Register test migrations 1..count (those not yet registered) in this process."""
    known = {m.name for m in migrations._migrations}
    for number in range(1, count + 1):
        if migration_name(number) not in known:
            migrations(name=migration_name(number))(_make_migration(number))


@contextmanager
def crash_migrations_known(count: int) -> Iterator[None]:
    """For the parent: know test migrations 1..count while checking, then forget them."""
    saved = list(migrations._migrations)
    try:
        register_test_migrations(count)
        yield
    finally:
        migrations._migrations[:] = saved


@dataclass
class State:
    """What the journal holds, as far as the harness's writes go."""

    imports: set[str] = field(default_factory=set)
    saves: set[str] = field(default_factory=set)
    migrations: set[str] = field(default_factory=set)

    def copy(self) -> State:
        return State(set(self.imports), set(self.saves), set(self.migrations))

    def content(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(self.imports), frozenset(self.saves)


def read_state(db: Database) -> State:
    """The tags in the journal, after checking every write is whole."""
    conn = db.conn
    state = State()
    for account_id, name in conn.execute(
        "SELECT id, name FROM accounts WHERE name LIKE 'imp-%'"
    ).fetchall():
        match = _IMPORT_NAME.match(name)
        assert match, name
        expected = int(match.group(2))
        entries = conn.execute(
            "SELECT count(*) FROM entries WHERE account_id = ?", (account_id,)
        ).fetchone()[0]
        assert entries == expected, f"import {name}: {entries} of {expected} entries"
        for table, per_entry in IMPORT_PARTS.items():
            count = conn.execute(
                f"SELECT count(*) FROM {table} t JOIN entries e ON e.id = t.entry_id "
                "WHERE e.account_id = ?",
                (account_id,),
            ).fetchone()[0]
            assert count == per_entry * expected, f"import {name}: {count} {table}"
        state.imports.add(name)
    for entry_id, title in conn.execute(
        "SELECT id, title FROM entries WHERE title LIKE 'save-%'"
    ).fetchall():
        for table, expected in SAVE_PARTS.items():
            count = conn.execute(
                f"SELECT count(*) FROM {table} WHERE entry_id = ?", (entry_id,)
            ).fetchone()[0]
            assert count == expected, f"entry {title}: {count} {table}, expected {expected}"
        assert title not in state.saves, f"entry {title} saved twice"
        state.saves.add(title)
    if db["_sqlite_migrations"].exists():
        state.migrations = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE name LIKE '9xxx_crash_%'"
            )
        }
    return state


def import_document_data(tag: str, count: int, day: dt.date) -> dict[str, object]:
    entries = []
    for i in range(count):
        entries.append(
            {
                "date": (day - dt.timedelta(days=i)).isoformat(),
                "time": f"{8 + i % 10:02d}:{i % 60:02d}",
                "kind": "meeting",
                "minutes": 30 + i % 60,
                "title": f"imported {tag} {i}",
                "notes": f"Crash harness import {tag}, entry {i}. They want a partner "
                "who knows their business, and reliable delivery. " * 3,
                "people": [f"Person {tag} A", f"Person {tag} B"],
                "answers": [
                    {
                        "question": "What are your expectations of the person you are "
                        "going to buy from?",
                        "answer": f"Answer one {tag} {i}: a long-term partner.",
                        "speaker": f"Person {tag} A",
                    },
                    {"question": f"Extra question {i % 7}?", "answer": f"Answer two {i}"},
                ],
                "commitments": [{"text": f"Send the report {tag} {i}", "due": day.isoformat()}],
                "health": {"trust": 1 + i % 5, "value": 1 + (i + 2) % 5},
            }
        )
    return {
        "format": "reljournal",
        "version": 1,
        "accounts": [{"name": f"imp-{tag}-n{count}", "industry": "testing", "entries": entries}],
    }
