"""Journal edits made from the main window, each recorded on the undo stack.

Every write runs through the task runner; when it succeeded, a command holding what
the store returned goes on the stack, and ``journal_changed`` says what moved.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from reljournal.core.records import Change, CommitmentRow
from reljournal.journal.entry_form import SavedEntry
from reljournal.store.commitments import set_commitment_state
from reljournal.store.entries import delete_entry
from reljournal.ui.windows.undo import CommitmentStateCommand, DeleteEntryCommand, SaveEntryCommand
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)


class JournalEdits(QObject):
    journal_changed = Signal(object)  # Change
    edit_failed = Signal()

    def __init__(self, runner: TaskRunner, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.window = window
        self.stack = QUndoStack(self)

    def _changed(self, change: Change) -> None:
        self.journal_changed.emit(change)

    def entry_saved(self, saved: SavedEntry) -> None:
        """Record an entry the quick entry saved (new or edited)."""
        self.stack.push(
            SaveEntryCommand(saved.before, (saved.entry, saved.extras), self.runner, self._changed)
        )
        self._changed(saved.change)

    def delete_entry(self, entry_id: int, *, confirm: bool = True) -> None:
        if confirm and not self._confirm_delete():
            return

        def remove(ctx: TaskContext) -> tuple[object, object, Change]:
            return delete_entry(ctx.db, entry_id)

        def done(result: tuple[object, object, Change]) -> None:
            entry, extras, change = result
            self.stack.push(
                DeleteEntryCommand((entry, extras), self.runner, self._changed)  # type: ignore[arg-type]
            )
            self._changed(change)
            log.info("entry %s deleted", entry_id)

        self.runner.run(
            remove, title=self.tr("Deleting the entry…"), parent_widget=self.window, on_success=done
        )

    def set_commitment_state(self, commitment_id: int, state: str, today: dt.date) -> None:
        def write(ctx: TaskContext) -> tuple[CommitmentRow, Change]:
            return set_commitment_state(ctx.db, commitment_id, state, today)

        def done(result: tuple[CommitmentRow, Change]) -> None:
            previous, change = result
            self.stack.push(
                CommitmentStateCommand(previous, state, today, self.runner, self._changed)
            )
            self._changed(change)

        def failed(exc: BaseException) -> None:
            from reljournal.ui.errors import show_error

            self.edit_failed.emit()
            show_error(self.window, exc)

        self.runner.run(
            write,
            title=self.tr("Saving…"),
            parent_widget=self.window,
            on_success=done,
            on_error=failed,
        )

    def _confirm_delete(self) -> bool:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete the entry?"))
        box.setText(
            self.tr("Delete this entry with its answers and promises? Ctrl+Z brings it back.")
        )
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is delete
