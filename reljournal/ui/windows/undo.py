"""Undo and redo of journal edits (a ``QUndoStack`` of these commands).

Each edit is performed first (through the task runner, so errors reach the user before
anything is recorded); on success the window pushes a command that already holds what
the store returned, and its first ``redo()`` does nothing. Later undos and redos run
through the same runner; ``changed`` tells the window which accounts to refresh.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from sqlite_utils import Database

from reljournal.core.model import Entry
from reljournal.core.records import Change, CommitmentRow
from reljournal.store.commitments import restore_commitment_state, set_commitment_state
from reljournal.store.entries import (
    EntryExtras,
    delete_entry,
    get_entry,
    restore_entry,
    save_entry,
)
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)

Changed = Callable[[Change], None]
Snapshot = tuple[Entry, EntryExtras]


class JournalCommand(QUndoCommand):
    """Runs its undo/redo operations through the runner; reports what changed."""

    def __init__(self, text: str, runner: TaskRunner, changed: Changed) -> None:
        super().__init__(text)
        self._runner = runner
        self._changed = changed
        self._first_redo = True

    def _submit(self, operation: Callable[[Database], Change], title: str) -> None:
        def run(ctx: TaskContext) -> Change:
            return operation(ctx.db)

        self._runner.run(run, title=title, on_success=self._changed)

    def redo(self) -> None:
        if self._first_redo:  # the edit itself was already made
            self._first_redo = False
            return
        self._redo()

    def _redo(self) -> None:
        raise NotImplementedError


class DeleteEntryCommand(JournalCommand):
    """Undo brings a deleted entry back (with its answers, promises and ratings)."""

    def __init__(self, deleted: Snapshot, runner: TaskRunner, changed: Changed) -> None:
        entry = deleted[0]
        super().__init__(_text_for("Delete entry", entry), runner, changed)
        self._entry, self._extras = copy.deepcopy(deleted)

    def undo(self) -> None:
        def restore(db: Database) -> Change:
            entry, extras = copy.deepcopy((self._entry, self._extras))
            change = restore_entry(db, entry, extras)
            self._entry.id = entry.id  # it may have come back under a new id
            return change

        self._submit(restore, _tr("Restoring the entry…"))

    def _redo(self) -> None:
        def again(db: Database) -> Change:
            assert self._entry.id is not None
            _entry, _extras, change = delete_entry(db, self._entry.id)
            return change

        self._submit(again, _tr("Deleting the entry…"))


class SaveEntryCommand(JournalCommand):
    """Undo of a new entry deletes it; undo of an edit puts the previous version back."""

    def __init__(
        self, before: Snapshot | None, after: Snapshot, runner: TaskRunner, changed: Changed
    ) -> None:
        label = "Edit entry" if before is not None else "New entry"
        super().__init__(_text_for(label, after[0]), runner, changed)
        self._before = copy.deepcopy(before)
        self._after = copy.deepcopy(after)

    def undo(self) -> None:
        if self._before is None:

            def remove(db: Database) -> Change:
                assert self._after[0].id is not None
                return delete_entry(db, self._after[0].id)[2]

            self._submit(remove, _tr("Undoing the new entry…"))
        else:
            before = self._before
            self._submit(lambda db: _put_version(db, before), _tr("Undoing the edit…"))

    def _redo(self) -> None:
        if self._before is None:

            def restore(db: Database) -> Change:
                entry, extras = copy.deepcopy(self._after)
                change = restore_entry(db, entry, extras)
                self._after[0].id = entry.id
                return change

            self._submit(restore, _tr("Restoring the entry…"))
        else:
            after = self._after
            self._submit(lambda db: _put_version(db, after), _tr("Redoing the edit…"))


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


class CommitmentStateCommand(JournalCommand):
    """Ticking a promise done (or open again); undo puts back its previous state."""

    def __init__(
        self,
        previous: CommitmentRow,
        state: str,
        today: dt.date,
        runner: TaskRunner,
        changed: Changed,
    ) -> None:
        text = _tr("Mark “%1” done") if state == "done" else _tr("Reopen “%1”")
        super().__init__(text.replace("%1", _short(previous.text)), runner, changed)
        self._previous = previous
        self._state = state
        self._today = today

    def undo(self) -> None:
        previous = self._previous
        self._submit(lambda db: restore_commitment_state(db, previous), _tr("Undoing…"))

    def _redo(self) -> None:
        def again(db: Database) -> Change:
            return set_commitment_state(db, self._previous.id, self._state, self._today)[1]

        self._submit(again, _tr("Redoing…"))


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Undo", text)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _text_for(action: str, entry: Entry) -> str:
    return _tr(action) + f" ({entry.at:%Y-%m-%d})"
