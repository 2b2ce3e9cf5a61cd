"""Undo and redo of journal edits, in the application layer (no Qt): the app's Edit menu
and any other caller of the facade share it.

Each edit is made first; when it succeeded the facade records a ``Step`` that already
holds what the store returned (the deleted entry, the previous version, the promise's
old state), so undoing never has to guess. Undoing moves the step to the redo list; a
new edit clears the redo list. The history is per open journal and guarded by a lock:
edits run on a worker thread while the window reads the texts for its menu.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from sqlite_utils import Database

from reljournal.core.model import Entry
from reljournal.core.records import Change, CommitmentRow, EntryExtras
from reljournal.store.commitments import restore_commitment_state, set_commitment_state
from reljournal.store.entries import delete_entry, get_entry, restore_entry, save_entry

LIMIT: Final = 200  # steps kept

Snapshot = tuple[Entry, EntryExtras]
Operation = Callable[[Database], Change]


@dataclass
class Step:
    """One undoable edit: its kind (a code the UI words, e.g. ``delete_entry``), a detail
    to show with it (a date, the start of a promise), and how to take it back and make it
    again."""

    kind: str
    detail: str
    undo: Operation
    redo: Operation

    @property
    def label(self) -> tuple[str, str]:
        return self.kind, self.detail


class UndoHistory:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: list[Step] = []
        self._undone: list[Step] = []

    def record(self, step: Step) -> None:
        with self._lock:
            self._done.append(step)
            del self._done[:-LIMIT]
            self._undone.clear()

    def next_undo(self) -> tuple[str, str] | None:
        """(kind, detail) of the edit Undo would take back, or None."""
        with self._lock:
            return self._done[-1].label if self._done else None

    def next_redo(self) -> tuple[str, str] | None:
        with self._lock:
            return self._undone[-1].label if self._undone else None

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
            self._undone.clear()

    def undo(self, db: Database) -> Change:
        """Take back the newest edit (nothing changes when there is none)."""
        with self._lock:
            if not self._done:
                return Change()
            step = self._done.pop()
        try:
            change = step.undo(db)
        except BaseException:
            with self._lock:
                self._done.append(step)
            raise
        with self._lock:
            self._undone.append(step)
        return change

    def redo(self, db: Database) -> Change:
        with self._lock:
            if not self._undone:
                return Change()
            step = self._undone.pop()
        try:
            change = step.redo(db)
        except BaseException:
            with self._lock:
                self._undone.append(step)
            raise
        with self._lock:
            self._done.append(step)
        return change


# --- the steps of each kind of edit ---------------------------------------------------------


def deleted_entry_step(deleted: Snapshot) -> Step:
    """Undo brings a deleted entry back (with its answers, promises and ratings)."""
    entry, extras = copy.deepcopy(deleted)

    def undo(db: Database) -> Change:
        again, again_extras = copy.deepcopy((entry, extras))
        change = restore_entry(db, again, again_extras)
        entry.id = again.id  # it may have come back under a new id
        return change

    def redo(db: Database) -> Change:
        assert entry.id is not None
        return delete_entry(db, entry.id)[2]

    return Step("delete_entry", f"{entry.at:%Y-%m-%d}", undo, redo)


def saved_entry_step(before: Snapshot | None, after: Snapshot) -> Step:
    """Undo of a new entry deletes it; undo of an edit puts the previous version back."""
    previous = copy.deepcopy(before)
    saved = copy.deepcopy(after)

    def undo(db: Database) -> Change:
        if previous is None:
            assert saved[0].id is not None
            return delete_entry(db, saved[0].id)[2]
        return _put_version(db, previous)

    def redo(db: Database) -> Change:
        if previous is None:
            entry, extras = copy.deepcopy(saved)
            change = restore_entry(db, entry, extras)
            saved[0].id = entry.id
            return change
        return _put_version(db, saved)

    kind = "edit_entry" if previous is not None else "new_entry"
    return Step(kind, f"{saved[0].at:%Y-%m-%d}", undo, redo)


def commitment_state_step(previous: CommitmentRow, state: str, today: dt.date) -> Step:
    """Ticking a promise done (or open again); undo puts back its previous state."""

    def undo(db: Database) -> Change:
        return restore_commitment_state(db, previous)

    def redo(db: Database) -> Change:
        return set_commitment_state(db, previous.id, state, today)[1]

    kind = "commitment_done" if state == "done" else "commitment_reopened"
    return Step(kind, _short(previous.text), undo, redo)


def _put_version(db: Database, version: Snapshot) -> Change:
    """Save a version of an existing entry, re-creating promises deleted since."""
    entry, extras = copy.deepcopy(version)
    assert entry.id is not None
    current, _ = get_entry(db, entry.id)
    existing = {c.id for c in current.commitments}
    for commitment in entry.commitments:
        if commitment.id not in existing:
            commitment.id = None
    for answer in entry.answers:
        answer.id = None
    return save_entry(db, entry, extras)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
