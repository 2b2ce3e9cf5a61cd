"""People without an account (issue 13): customers imported from an address book that
named no company. The rep picks an account for each and assigns it (undoable)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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

COL_NAME, COL_TITLE, COL_EMAIL, COL_PHONE = 0, 1, 2, 3


class UnassignedDialog(QDialog):
    """The list of people without an account, and an account to give the selected one."""

    assigned = Signal(object)  # the Change

    def __init__(self, journal: Journal, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.runner = runner
        self.people: list[Any] = []
        self.setWindowTitle(self.tr("People without an account"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Title"), self.tr("Email"), self.tr("Phone")]
        )
        pick_one_row(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.account_combo = QComboBox()
        self.account_combo.setEditable(False)
        self.assign_button = QPushButton(self.tr("&Assign to this account"))
        self.assign_button.clicked.connect(self._on_assign_clicked)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.duplicates_button = QPushButton(self.tr("Same person as someone else? &Check…"))
        self.duplicates_button.setAutoDefault(False)
        self.duplicates_button.setToolTip(
            self.tr("People with the same name as someone at an account: merge those who are one")
        )
        self.duplicates_button.clicked.connect(self.open_duplicates)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Account:")))
        row.addWidget(self.account_combo, 1)
        row.addWidget(self.assign_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.duplicates_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 100, self.fontMetrics().height() * 24)
        self.reload()

    def reload(self) -> None:
        self.people = self.journal.people_without_account()
        self.intro.setText(
            self.tr(
                "%n person(s) came in without an account (an address book that named no "
                "company). Choose one, then the account it belongs to.",
                "",
                len(self.people),
            )
        )
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            for col, value in (
                (COL_NAME, person.name), (COL_TITLE, person.title),
                (COL_EMAIL, person.email), (COL_PHONE, person.phone),
            ):  # fmt: skip
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.account_combo.clear()
        for account_id, name in self.journal.account_names():
            self.account_combo.addItem(name, account_id)
        if self.people:
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def select_account(self, name: str) -> None:
        self.account_combo.setCurrentIndex(self.account_combo.findText(name))

    def _selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows else None

    def _on_table_selection_changed(self) -> None:
        ok = self._selected() is not None and self.account_combo.count() > 0
        self.assign_button.setEnabled(ok)

    def _on_assign_clicked(self) -> None:
        person = self._selected()
        account_id = self.account_combo.currentData()
        if person is None or account_id is None:
            return
        self.assign_button.setEnabled(False)
        self.runner.run(
            lambda ctx: ctx.journal.assign_person(person.id, account_id, person.name),
            title=self.tr("Assigning…"),
            parent_widget=self,
            cancellable=False,
            on_success=self._on_assign_done,
            on_error=self._on_assign_failed,
        )

    def _on_assign_done(self, change: Any) -> None:
        self.assigned.emit(change)
        self.reload()

    def open_duplicates(self) -> Any:
        """The people who may be one person (issue 13); a merge reloads this list."""
        from reljournal.ui.dialogs.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.journal, self.runner, self)
        dialog.merged.connect(self._on_merged)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_merged(self, change: Any) -> None:
        self.assigned.emit(change)
        self.reload()

    def _on_assign_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self._on_table_selection_changed()
