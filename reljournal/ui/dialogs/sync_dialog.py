"""Journal → Sync… (issue 16): choose the folder the rep's computers already sync, see
how sync stands (the computers seen, the last exchange, what waits) and review the
values that lost to an edit on another computer, putting back the one to keep."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reljournal.journal.facade import Journal
from reljournal.ui.errors import show_error
from reljournal.ui.views.tables import pick_one_row
from reljournal.ui.work.tasks import TaskRunner

log = logging.getLogger(__name__)

COL_RECORD, COL_FIELD, COL_KEPT, COL_LOST, COL_FOUND = 0, 1, 2, 3, 4


class SyncDialog(QDialog):
    """The sync folder, the state of sync and the conflicts to review."""

    sync_requested = Signal()  # "Sync now": the window's exchange runs it
    journal_changed = Signal()  # a value was put back
    set_up = Signal()  # sync was just set up: the window starts exchanging

    def __init__(self, journal: Journal, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.runner = runner
        self.conflicts: list[Any] = []
        self.setWindowTitle(self.tr("Sync"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("&Choose the sync folder…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.clicked.connect(self.sync_requested)
        self.device_label = QLabel()
        self.others_label = QLabel()
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Sync folder:"), self.folder_label)
        form.addRow(self.tr("This computer:"), self.device_label)
        form.addRow(self.tr("Other computers:"), self.others_label)
        form.addRow(self.tr("Last exchange:"), self.last_label)
        form.addRow(self.tr("Waiting:"), self.pending_label)
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Kept"),
                self.tr("Lost"),
                self.tr("Found"),
            ]
        )
        pick_one_row(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FOUND, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.restore_button = QPushButton(self.tr("&Put back the lost value"))
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.dismiss_button = QPushButton(self.tr("&Keep the kept value"))
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.sync_button)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, 520)
        self.refresh()

    # --- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            overview = self.journal.sync_overview()
            self.conflicts = self.journal.sync_conflicts() if overview is not None else []
        except Exception as exc:  # noqa: BLE001 - shown, never a crash of the dialog
            show_error(self, exc)
            return
        synced = overview is not None
        self.choose_button.setVisible(not synced)
        self.sync_button.setEnabled(synced)
        if overview is None:
            self.intro.setText(
                self.tr(
                    "Keep this journal on every computer you use: choose a folder your "
                    "computers already sync (Syncthing, Dropbox, OneDrive, Google Drive, a "
                    "USB stick). RelJournal writes only encrypted change files there; on "
                    "your other computer, join with `reljournal sync join` and the "
                    "journal's recovery key."
                )
            )
            for label in (self.folder_label, self.device_label, self.others_label):
                label.setText(self.tr("—"))
            self.folder_label.setText(self.tr("Not synced"))
            self.last_label.setText(self.tr("—"))
            self.pending_label.setText(self.tr("—"))
            self.problem_label.setText("")
        else:
            status = overview.status
            self.intro.setText(
                self.tr(
                    "This journal syncs through the folder below: changes are exchanged "
                    "when RelJournal starts, every 5 minutes and when it closes."
                )
            )
            folder = str(status.folder)
            if not overview.folder_present:
                folder += " " + self.tr("(not there: is the drive connected?)")
            self.folder_label.setText(folder)
            self.device_label.setText(self.tr("device %1").replace("%1", str(status.device)))
            others = [d for d in overview.devices if d != status.device]
            self.others_label.setText(self.tr("%n seen", "", len(others)))
            self.last_label.setText(
                _when(status.last_exchange) if status.last_exchange else self.tr("never")
            )
            self.pending_label.setText(
                self.tr("%n change(s) to send", "", status.local_changes)
                + ", "
                + self.tr("%n file(s) to apply", "", overview.pending_files)
            )
            if status.held:
                self.problem_label.setText(
                    self.tr(
                        "Another computer uses a newer RelJournal: its changes wait in the "
                        "folder until you update RelJournal on this computer."
                    )
                )
            elif status.refused:
                self.problem_label.setText(
                    self.tr(
                        "%n file(s) in the sync folder are damaged, incomplete or not "
                        "from this journal; they were not applied.",
                        "",
                        len(status.refused),
                    )
                )
            else:
                self.problem_label.setText("")
        self._show_conflicts()

    def _show_conflicts(self) -> None:
        self.conflicts_label.setText(
            self.tr(
                "%n value(s) lost to a later edit on another computer. Put back the one to keep:",
                "",
                len(self.conflicts),
            )
            if self.conflicts
            else self.tr("No conflicts: no edit was lost to another computer's.")
        )
        self.table.setRowCount(len(self.conflicts))
        for row, c in enumerate(self.conflicts):
            cells = {
                COL_RECORD: c.record or _table_name(self, c.table),
                COL_FIELD: _field_name(self, c.column),
                COL_KEPT: "" if c.kept is None else c.kept,
                COL_LOST: "" if c.lost is None else c.lost,
                COL_FOUND: _when(dt.datetime.fromisoformat(c.found_at)),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text.replace("\n", " ⏎ "))
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self._on_table_selection_changed()

    def _selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.conflicts):
            return None
        return self.conflicts[rows[0].row()]

    # --- acting --------------------------------------------------------------------------
    def _on_table_selection_changed(self) -> None:
        chosen = self._selected() is not None
        self.restore_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)
        self.restore_button.setVisible(bool(self.conflicts))
        self.dismiss_button.setVisible(bool(self.conflicts))

    def _on_choose_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the sync folder"))
        if folder:
            self.set_up_in(Path(folder))

    def set_up_in(self, folder: Path) -> None:
        def work(ctx: Any) -> object:
            return ctx.journal.sync_setup(folder)

        self.runner.run(
            work,
            title=self.tr("Setting up sync"),
            parent_widget=self,
            on_success=self._on_set_up,
            on_error=lambda exc: show_error(self, exc),
        )

    def _on_set_up(self, _overview: object) -> None:
        self.refresh()
        self.set_up.emit()
        QMessageBox.information(
            self,
            self.tr("Sync set up"),
            self.tr(
                "This journal now syncs through the folder. On your other computer, once "
                "the folder has synced there, run: reljournal sync join --folder FOLDER "
                "--db JOURNAL, and give the journal's recovery key (or its passphrase)."
            ),
        )

    def _on_restore_clicked(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        conflict_id = int(chosen.id)
        self.runner.run(
            lambda ctx: ctx.journal.restore_sync_conflict(conflict_id),
            show_progress=False,
            on_success=self._on_restored,
            on_error=lambda exc: show_error(self, exc),
        )

    def _on_restored(self, _change: object) -> None:
        self.refresh()
        self.journal_changed.emit()

    def _on_dismiss_clicked(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        conflict_id = int(chosen.id)
        self.runner.run(
            lambda ctx: ctx.journal.dismiss_sync_conflict(conflict_id),
            show_progress=False,
            on_success=lambda _r: self.refresh(),
            on_error=lambda exc: show_error(self, exc),
        )


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _table_name(widget: QWidget, table: str) -> str:
    names = {
        "accounts": widget.tr("An account"),
        "stakeholders": widget.tr("A person"),
        "entries": widget.tr("An entry"),
        "commitments": widget.tr("A promise"),
        "answers": widget.tr("An answer"),
        "contact_points": widget.tr("A contact detail"),
    }
    return names.get(table, table)


def _field_name(widget: QWidget, column: str) -> str:
    names = {
        "notes": widget.tr("Notes"),
        "title": widget.tr("Title"),
        "name": widget.tr("Name"),
        "minutes": widget.tr("Minutes"),
        "industry": widget.tr("Industry"),
        "website": widget.tr("Web domain"),
        "text": widget.tr("Text"),
        "due": widget.tr("Due"),
        "state": widget.tr("State"),
        "answer": widget.tr("Answer"),
        "kind": widget.tr("Kind"),
        "at": widget.tr("Date"),
        "role": widget.tr("Role"),
        "email": widget.tr("Email"),
        "phone": widget.tr("Phone"),
        "account_id": widget.tr("Account"),
    }
    return names.get(column, column)
