"""Test helpers: journals on several "computers" (paths) syncing through one folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reljournal.journal import opening
from reljournal.journal.entry_form import EntryForm
from reljournal.journal.facade import Journal

SYNCED_DUMP = (
    ("accounts", "id, name, industry, website, notes"),
    ("stakeholders", "id, name, account_id, title, notes"),
    ("entries", "id, account_id, at, kind, minutes, title, notes"),
    ("commitments", "id, entry_id, account_id, text, owner, due, state"),
    ("answers", "id, entry_id, question_text, answer"),
    ("entry_people", "entry_id, stakeholder_id"),
)


def first_computer(root: Path) -> tuple[Journal, str, Path]:
    """A new keychain journal on "computer A" syncing through ``root/folder``."""
    folder = root / "folder"
    folder.mkdir(parents=True)
    journal = opening.create(root / "a" / "journal.db")
    recovery = journal.recovery_key
    assert recovery is not None
    journal.sync_setup(folder)
    return journal, recovery, folder


def join(root: Path, name: str, folder: Path, recovery: str) -> Journal:
    journal, _restored = opening.join_sync(
        folder, root / name / "journal.db", recovery_key=recovery
    )
    return journal


def dump(journal: Journal) -> dict[str, list[tuple[Any, ...]]]:
    """What the rep sees of the synced tables (ids included: they are the same everywhere)."""
    db = journal._db()  # noqa: SLF001 - a test reads the whole journal
    return {
        table: [tuple(r) for r in db.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}")]
        for table, cols in SYNCED_DUMP
    }


def add_entry(journal: Journal, account: str, notes: str, minutes: int = 30) -> int:
    saved = journal.record_entry(
        EntryForm(
            at=dt.datetime(2026, 3, 2, 10, 0),
            account_text=account,
            kind="meeting",
            minutes=minutes,
            notes=notes,
        )
    )
    assert saved.entry.id is not None
    return saved.entry.id
