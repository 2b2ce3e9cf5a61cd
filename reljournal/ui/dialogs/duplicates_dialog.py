"""People who may be one person (issue 13): the matches an import was unsure of — the same
name with no account, or at another account — listed for the rep, who merges the two
records of one person into one (undoable with Ctrl+Z) or leaves them apart."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
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

COL_NAME, COL_WHERE, COL_DETAILS, COL_KEPT, COL_KEPT_WHERE, COL_KEPT_DETAILS = range(6)


class DuplicatesDialog(QDialog):
    """The pairs of people with the same name; the selected pair can be merged."""

    merged = Signal(object)  # the Change

    def __init__(self, journal: Journal, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.runner = runner
        self.pairs: list[tuple[Any, Any]] = []
        self.setWindowTitle(self.tr("People who may be one person"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Person"), self.tr("Where"), self.tr("Email or phone"),
                self.tr("May be"), self.tr("Where"), self.tr("Email or phone"),
            ]
        )  # fmt: skip
        pick_one_row(self.table)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col in range(6):
            details = col in (COL_DETAILS, COL_KEPT_DETAILS)
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if details
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.setAccessibleName(self.tr("People who may be one person"))
        self.merge_button = QPushButton(self.tr("&Merge: they are one person"))
        self.merge_button.setToolTip(
            self.tr(
                "Keep the person on the right with the emails, phones, addresses, notes and "
                "entries of both (Ctrl+Z undoes it)"
            )
        )
        self.merge_button.clicked.connect(self._on_merge_clicked)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 160, self.fontMetrics().height() * 24)
        self.reload()

    def reload(self) -> None:
        self.pairs = self.journal.possible_duplicates()
        names = dict(self.journal.account_names())
        if self.pairs:
            text = self.tr(
                "%n pair(s) of people have the same name, but one has no account or they are "
                "at different accounts, so an import kept them apart. If a pair is one "
                "person, select it and merge: the person on the right is kept with "
                "everything of both.",
                "",
                len(self.pairs),
            )
        else:
            text = self.tr("No two people share a name: there is nothing to check.")
        self.intro.setText(text)
        self.table.setRowCount(len(self.pairs))
        for row, (other, kept) in enumerate(self.pairs):
            for col, person in ((COL_NAME, other), (COL_KEPT, kept)):
                where = (
                    names.get(person.account_id, "")
                    if person.account_id is not None
                    else self.tr("(no account)")
                )
                details = " · ".join(x for x in (person.email, person.phone) if x)
                self.table.setItem(row, col, QTableWidgetItem(person.name))
                self.table.setItem(row, col + 1, QTableWidgetItem(where))
                self.table.setItem(row, col + 2, QTableWidgetItem(details))
        if self.pairs:
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def _selected(self) -> tuple[Any, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def _on_table_selection_changed(self) -> None:
        self.merge_button.setEnabled(self._selected() is not None)

    def _on_merge_clicked(self) -> None:
        pair = self._selected()
        if pair is None:
            return
        other, kept = pair
        self.merge_button.setEnabled(False)
        self.runner.run(
            lambda ctx: ctx.journal.merge_people(other.id, kept.id),
            title=self.tr("Merging…"),
            parent_widget=self,
            cancellable=False,
            on_success=self._on_merge_done,
            on_error=self._on_merge_failed,
        )

    def _on_merge_done(self, change: Any) -> None:
        self.merged.emit(change)
        self.reload()
        self.table.setFocus()

    def _on_merge_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self._on_table_selection_changed()
