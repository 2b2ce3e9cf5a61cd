"""Getting data in and out of the journal from the main window: File → Import…, Export,
Back up now, Restore…, and the automatic daily backup on start and on close.

Every journal operation runs through the window's task runner. Restoring replaces the
journal file, which needs every connection closed first: the window closes, the app
restores the backup and opens the journal again (``RestoreRequest``).
"""

from __future__ import annotations

import datetime as dt
import logging
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError
from reljournal.journal.facade import Journal
from reljournal.journal.opening import list_backups
from reljournal.ui import keys as K
from reljournal.ui import settings as S
from reljournal.ui.errors import log_unexpected
from reljournal.ui.windows.menus import MainActions, make_action
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)


class TransferHost(Protocol):
    """What the transfers need of the main window besides being one."""

    shown_with_accounts: SignalInstance
    pending_restore: Path | None

    def reload_all(self) -> None: ...


class TransferActions(QObject):
    """The window's import, export and backup actions; owned by the window."""

    def __init__(
        self,
        window: QMainWindow,
        host: TransferHost,
        journal: Journal,
        runner: TaskRunner,
        settings: S.Settings,
        actions: MainActions,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.journal = journal
        self.runner = runner
        self.settings = settings
        self.import_dialog: Any = None
        self.last_auto_backup: Path | None = None
        w = window
        self.import_action = make_action(
            w, w.tr("&Import CSV or vCard…"), K.IMPORT,
            w.tr("Bring in accounts or contacts from a CRM export, a spreadsheet or vCards"),
            self.open_import,
        )  # fmt: skip
        self.unassigned_action = make_action(
            w, w.tr("People without an &account…"), "",
            w.tr("Give an account to the people an import brought in without one"),
            self.open_unassigned,
        )  # fmt: skip
        self.duplicates_action = make_action(
            w, w.tr("People who may be one &person…"), "",
            w.tr("The people an import kept apart because it was not sure they are one; "
                 "merge those who are"),
            self.open_duplicates,
        )  # fmt: skip
        self.export_accounts_action = make_action(
            w, w.tr("&Accounts as CSV…"), "",
            w.tr("Write every account to a CSV file"), self.export_accounts,
        )  # fmt: skip
        self.export_contacts_action = make_action(
            w, w.tr("&Contacts as CSV…"), "",
            w.tr("Write every person to a CSV file"), self.export_contacts,
        )  # fmt: skip
        self.export_vcards_action = make_action(
            w, w.tr("Contacts as &vCards…"), "",
            w.tr("Write every person to a vCard file"), self.export_vcards,
        )  # fmt: skip
        self.export_markdown_action = make_action(
            w, w.tr("The whole journal as &Markdown…"), "",
            w.tr("A readable document: each account's brief, then its entries"),
            self.export_markdown,
        )  # fmt: skip
        self.backup_action = make_action(
            w, w.tr("&Back up now"), K.BACK_UP,
            w.tr("Write an encrypted backup of the journal into its backups folder"),
            self.back_up_now,
        )  # fmt: skip
        self.restore_action = make_action(
            w, w.tr("&Restore from a backup…"), "",
            w.tr("How to replace the journal with one of its backups"), self.show_restore,
        )  # fmt: skip
        menu = actions.file_menu
        anchor = actions.review_file_anchor
        menu.insertSeparator(anchor)
        menu.insertAction(anchor, self.import_action)
        menu.insertAction(anchor, self.unassigned_action)
        menu.insertAction(anchor, self.duplicates_action)
        self.export_menu = QMenu(w.tr("E&xport"), window)
        menu.insertMenu(anchor, self.export_menu)
        self.export_menu.addActions(
            [
                self.export_accounts_action,
                self.export_contacts_action,
                self.export_vcards_action,
                self.export_markdown_action,
            ]
        )
        menu.insertActions(anchor, [self.backup_action, self.restore_action])
        host.shown_with_accounts.connect(self._on_window_shown)
        window.installEventFilter(self)

    # --- import -----------------------------------------------------------------------
    def open_import(self) -> Any:
        from reljournal.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.runner, self.window)
        dialog.imported.connect(self._on_import_dialog_imported)
        dialog.check_requested.connect(self.open_duplicates)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def open_unassigned(self) -> Any:
        """The people an import brought in without an account (issue 13)."""
        from reljournal.ui.dialogs.unassigned_dialog import UnassignedDialog

        dialog = UnassignedDialog(self.journal, self.runner, self.window)
        dialog.assigned.connect(lambda _change: self.host.reload_all())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_duplicates(self) -> Any:
        """The people who may be one person, to merge (issue 13)."""
        from reljournal.ui.dialogs.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.journal, self.runner, self.window)
        dialog.merged.connect(lambda _change: self.host.reload_all())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_import_dialog_imported(self, result: Any) -> None:
        log.info("imported into %d accounts", len(result.account_ids))
        self.host.reload_all()

    # --- export -----------------------------------------------------------------------
    def _export(
        self, title: str, name: str, filters: str, write: Callable[[Journal, Path], object]
    ) -> None:
        start = str(Path.home() / name)
        chosen, _filter = QFileDialog.getSaveFileName(self.window, title, start, filters)
        if chosen:
            self.export_to(Path(chosen), write)

    def export_to(self, path: Path, write: Callable[[Journal, Path], object]) -> None:
        self.runner.run(
            lambda ctx: write(ctx.journal, path),
            title=self.window.tr("Exporting…"),
            parent_widget=self.window,
            on_success=lambda _r: self.window.statusBar().showMessage(
                self.window.tr("Exported to %1").replace("%1", str(path)), 10_000
            ),
        )

    def export_accounts(self) -> None:
        self._export(
            self.window.tr("Export the accounts"), "accounts.csv",
            self.window.tr("CSV files (*.csv)"), write_accounts_csv,
        )  # fmt: skip

    def export_contacts(self) -> None:
        self._export(
            self.window.tr("Export the contacts"), "contacts.csv",
            self.window.tr("CSV files (*.csv)"), write_contacts_csv,
        )  # fmt: skip

    def export_vcards(self) -> None:
        self._export(
            self.window.tr("Export the contacts as vCards"), "contacts.vcf",
            self.window.tr("vCard files (*.vcf)"), write_vcards,
        )  # fmt: skip

    def export_markdown(self) -> None:
        self._export(
            self.window.tr("Export the journal as Markdown"), "journal.md",
            self.window.tr("Markdown files (*.md)"), write_journal_markdown,
        )  # fmt: skip

    # --- backups ----------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.runner.run(
            lambda ctx: ctx.journal.backup_now(progress=ctx.progress),
            title=self.window.tr("Backing up the journal…"),
            parent_widget=self.window,
            on_success=self._on_backup_written,
        )

    def _on_backup_written(self, path: Path) -> None:
        log.info("backup written to %s", path)
        QMessageBox.information(
            self.window,
            self.window.tr("Backup written"),
            self.window.tr("The journal was backed up to %1\nin the folder %2")
            .replace("%1", path.name)
            .replace("%2", str(path.parent)),
        )

    def auto_backup(self) -> None:
        """Today's automatic backup, unless there is one; quietly, in the worker."""
        keep = self.settings.get(S.BACKUPS_TO_KEEP)

        def backup(ctx: TaskContext) -> Path | None:
            return ctx.journal.auto_backup(keep)

        self.runner.run(
            backup,
            title=self.window.tr("Automatic backup"),
            parent_widget=self.window,
            show_progress=False,
            on_success=self._on_auto_backup_done,
            on_error=self._on_auto_backup_failed,
        )

    def _on_auto_backup_done(self, path: Path | None) -> None:
        if path is not None:
            self.last_auto_backup = path
            self.window.statusBar().showMessage(
                self.window.tr("Automatic backup: %1").replace("%1", path.name), 10_000
            )

    def _on_auto_backup_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, RelJournalError):
            log_unexpected(exc, "automatic backup")
        else:
            log.warning("automatic backup failed: %s", exc)
        if not self.window.isVisible():
            return  # closing: the log has it
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.window.tr("Automatic backup failed"),
            self.window.tr("Today's automatic backup could not be written: %1").replace(
                "%1",
                str(exc)
                if isinstance(exc, RelJournalError)
                else self.window.tr("an unexpected problem (see the log file)"),
            ),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setModal(False)
        box.finished.connect(box.deleteLater)
        box.show()  # does not block the app

    def _on_window_shown(self) -> None:
        self.auto_backup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.auto_backup()  # at most once a day: usually nothing to do
        return False

    # --- restore ----------------------------------------------------------------------
    def show_restore(self) -> Any:
        dialog = RestoreHelpDialog(self.journal.path, self.window)
        dialog.restore_requested.connect(self._on_restore_requested)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_restore_requested(self, src: str) -> None:
        """Close the window (which closes every connection the app holds); ``app.py``
        then restores the backup and opens the journal again."""
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace this journal with the backup {0}?\n\nRelJournal closes the journal, "
                "checks the backup, keeps the current journal as a backup too, and opens the "
                "restored journal."
            ).format(Path(src).name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.host.pending_restore = Path(src)
        self.window.close()


def write_accounts_csv(journal: Journal, path: Path) -> object:
    from reljournal.journal.transfer import write_csv_file  # issue 18: loaded when used

    return write_csv_file(path, journal.export_accounts_csv())


def write_contacts_csv(journal: Journal, path: Path) -> object:
    from reljournal.journal.transfer import write_csv_file  # issue 18: loaded when used

    return write_csv_file(path, journal.export_contacts_csv())


def write_vcards(journal: Journal, path: Path) -> object:
    from reljournal.journal.transfer import write_text_file  # issue 18: loaded when used

    return write_text_file(path, journal.export_vcards())


def write_journal_markdown(journal: Journal, path: Path) -> object:
    from reljournal.journal.transfer import write_markdown  # issue 18: loaded when used

    return write_markdown(path, journal.export_markdown(today=dt.date.today()), split=False)


def restore_command(journal_path: Path, backup: Path) -> str:
    return shlex.join(["reljournal", "--db", str(journal_path), "restore", str(backup), "--force"])


class RestoreHelpDialog(QDialog):
    """Pick a backup; restore it from the app (which closes and reopens the journal) or
    copy the equivalent command."""

    restore_requested = Signal(str)

    def __init__(self, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal_path = journal_path
        self.setWindowTitle(self.tr("Restore from a backup"))
        intro = QLabel(
            self.tr(
                "Restoring replaces this journal with a backup; the journal it replaces is "
                "kept as a backup too. Choose a backup and press Restore and reopen. "
                "A backup from another computer is restored from a terminal with the "
                "command below, adding --recovery-key and the journal's recovery key."
            )
        )
        intro.setWordWrap(True)
        self.backups = QListWidget()
        for info in list_backups(journal_path):
            when = info.made_at.strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(f"{when} — {info.kind} — {info.path.name}")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.backups.addItem(item)
        self.backups.currentItemChanged.connect(self._on_backups_current_changed)
        other = QPushButton(self.tr("&Other file…"))
        other.setAutoDefault(False)
        other.clicked.connect(self._on_other_clicked)
        self.command = QPlainTextEdit()
        self.command.setReadOnly(True)
        self.command.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        copy = QPushButton(self.tr("&Copy the command"))
        copy.setAutoDefault(False)
        copy.clicked.connect(self._on_copy_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore and reopen"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.setEnabled(self.backups.count() > 0)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backups, 1)
        layout.addWidget(QLabel(self.tr("The command:")))
        layout.addWidget(self.command)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        else:
            self.set_backup(Path(self.tr("BACKUP-FILE")))

    def set_backup(self, path: Path) -> None:
        self.chosen = path
        self.command.setPlainText(restore_command(self.journal_path, path))
        if hasattr(self, "restore_button"):
            self.restore_button.setEnabled(path.is_file())

    def _on_restore_clicked(self) -> None:
        chosen = getattr(self, "chosen", None)
        if chosen is not None and chosen.is_file():
            self.accept()
            self.restore_requested.emit(str(chosen))

    def _on_backups_current_changed(self, item: QListWidgetItem | None, _old: Any) -> None:
        if item is not None:
            self.set_backup(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _on_other_clicked(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self, self.tr("Restore from"), "", self.tr("Backups (*.db);;All files (*)")
        )
        if name:
            self.backups.clearSelection()
            self.set_backup(Path(name))

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.command.toPlainText())
