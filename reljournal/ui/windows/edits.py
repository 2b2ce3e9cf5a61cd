"""Journal edits made from the main window, and their undo and redo.

Every write runs through the task runner on the journal facade, which records it in its
undo history (the history lives in the application layer: ``reljournal.journal.undo``).
``journal_changed`` says what moved; ``history_changed`` tells the Edit menu to show
the new texts of Undo and Redo.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from reljournal.core.records import Change
from reljournal.journal.entry_form import SavedEntry
from reljournal.journal.facade import Journal
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)


def undo_step_text(label: tuple[str, str] | None) -> str:
    """What the Edit menu calls an undo step (``kind`` and ``detail`` from the history)."""
    if label is None:
        return ""
    kind, detail = label
    tr = QCoreApplication.translate
    words = {
        "new_entry": tr("Undo", "New entry (%1)"),
        "edit_entry": tr("Undo", "Edit entry (%1)"),
        "delete_entry": tr("Undo", "Delete entry (%1)"),
        "commitment_done": tr("Undo", "Mark “%1” done"),
        "commitment_reopened": tr("Undo", "Reopen “%1”"),
        "override": tr("Undo", "Label of %1"),
        "edit_account": tr("Undo", "Edit account %1"),
        "delete_account": tr("Undo", "Delete account %1"),
        "merge_accounts": tr("Undo", "Merge into %1"),
        "edit_person": tr("Undo", "Edit %1"),
        "delete_person": tr("Undo", "Remove %1"),
        "add_person": tr("Undo", "Add %1"),
        "dismiss_meeting": tr("Undo", "Dismiss “%1”"),  # issue 14
        "assign_person": tr("Undo", "Assign %1 to an account"),
        "merge_people": tr("Undo", "Merge two records of %1"),  # issue 13
    }
    return words.get(kind, kind).replace("%1", detail)


class JournalEdits(QObject):
    journal_changed = Signal(object)  # Change
    history_changed = Signal()
    edit_failed = Signal()

    def __init__(
        self, journal: Journal, runner: TaskRunner, window: QWidget, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.runner = runner
        self.window = window

    def _changed(self, change: Change) -> None:
        self.journal_changed.emit(change)
        self.history_changed.emit()

    # --- undo and redo ------------------------------------------------------------------
    def undo_text(self) -> str:
        return undo_step_text(self.journal.history.next_undo())

    def redo_text(self) -> str:
        return undo_step_text(self.journal.history.next_redo())

    def undo(self) -> None:
        self.runner.run(
            lambda ctx: ctx.journal.undo(),
            title=self.tr("Undoing…"),
            parent_widget=self.window,
            on_success=self._changed,
        )

    def redo(self) -> None:
        self.runner.run(
            lambda ctx: ctx.journal.redo(),
            title=self.tr("Redoing…"),
            parent_widget=self.window,
            on_success=self._changed,
        )

    # --- edits --------------------------------------------------------------------------
    def entry_saved(self, saved: SavedEntry) -> None:
        """The quick entry saved an entry (new or edited; the journal recorded it)."""
        self._changed(saved.change)

    def delete_entry(self, entry_id: int, *, confirm: bool = True) -> None:
        if confirm and not self._confirm_delete():
            return

        def remove(ctx: TaskContext) -> Change:
            return ctx.journal.delete_entry(entry_id)

        def done(change: Change) -> None:
            self._changed(change)
            log.info("entry %s deleted", entry_id)

        self.runner.run(
            remove, title=self.tr("Deleting the entry…"), parent_widget=self.window, on_success=done
        )

    def set_commitment_state(self, commitment_id: int, state: str, today: dt.date) -> None:
        def write(ctx: TaskContext) -> Change:
            return ctx.journal.set_commitment_state(commitment_id, state, today)

        def failed(exc: BaseException) -> None:
            from reljournal.ui.errors import show_error

            self.edit_failed.emit()
            show_error(self.window, exc)

        self.runner.run(
            write,
            title=self.tr("Saving…"),
            parent_widget=self.window,
            on_success=self._changed,
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
