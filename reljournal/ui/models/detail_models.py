"""Small per-account models: stated expectations, commitments and stakeholders.

Each holds the rows of one account (tens, not thousands), replaced on a full reload;
a commitment ticked in the view changes its row in place (``dataChanged``) and asks the
window, through ``state_change_requested``, to write it (with undo).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, Final, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from reljournal.core.model import STATE_DONE, STATE_DROPPED, STATE_OPEN
from reljournal.core.records import CommitmentRow, ExpectationRow, StakeholderRow
from reljournal.ui import (
    qt_compat,  # noqa: F401  (PySide6 6.12 returns of None)
    theme,
)
from reljournal.ui.wording import format_date, format_due, group_text, owner_text, state_text

ROW_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
ROW_ROLE: Final = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class _RowsModel(QAbstractTableModel, Generic[R]):
    headers: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._header_cache: tuple[str, ...] | None = None
        self.today = dt.date.today()

    def set_rows(self, rows: Sequence[R], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today or self.today
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def _headers(self) -> tuple[str, ...]:
        if self._header_cache is None:
            self._header_cache = self.header_texts()
        return self._header_cache

    def header_texts(self) -> tuple[str, ...]:
        return ()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        texts = self._headers()
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(texts)
        ):
            return texts[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == ROW_ID_ROLE:
            return getattr(row, "id", None)
        return self.row_data(row, index.column(), role)

    def row_data(self, row: R, column: int, role: int) -> Any:
        return None


class ExpectationsModel(_RowsModel[ExpectationRow]):
    COL_SAID_ON: Final = 0
    COL_SPEAKER: Final = 1
    COL_ANSWER: Final = 2
    COL_QUESTION: Final = 3

    def header_texts(self) -> tuple[str, ...]:
        return (self.tr("Said on"), self.tr("Who"), self.tr("In their words"), self.tr("Asked"))

    def row_data(self, row: ExpectationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_SAID_ON:
                return format_date(row.said_on, self.today)
            if column == self.COL_SPEAKER:
                return row.speaker
            if column == self.COL_ANSWER:
                return " ".join(row.answer.split())
            if column == self.COL_QUESTION:
                return row.question_text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.question_text}\n\n“{row.answer[:1500]}”"
            if row.tags:
                tip += "\n\n" + ", ".join(row.tags)
            if row.superseded:
                tip += "\n\n" + self.tr("A newer answer to this question supersedes it.")
            return tip
        if row.superseded:
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.colours().dimmed
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return None


class CommitmentsModel(_RowsModel[CommitmentRow]):
    COL_DONE: Final = 0
    COL_TEXT: Final = 1
    COL_OWNER: Final = 2
    COL_DUE: Final = 3

    state_change_requested = Signal(int, str)

    def header_texts(self) -> tuple[str, ...]:
        return (self.tr("Done"), self.tr("Promise"), self.tr("Whose"), self.tr("Due"))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.COL_DONE
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        row = self._rows[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        state = STATE_DONE if checked else STATE_OPEN
        if state == row.state:
            return False
        done_on = self.today if state == STATE_DONE else None
        self.replace_row(dataclasses.replace(row, state=state, done_on=done_on))
        self.state_change_requested.emit(row.id, state)
        return True

    def replace_row(self, new: CommitmentRow) -> None:
        """Show a commitment's new state in place (after the store changed it)."""
        for i, row in enumerate(self._rows):
            if row.id == new.id:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
                return

    def row_data(self, row: CommitmentRow, column: int, role: int) -> Any:
        overdue = row.is_overdue(self.today)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_DONE:
            return Qt.CheckState.Checked if row.state == STATE_DONE else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_DONE and row.state == STATE_DROPPED:
                return state_text(row.state)
            if column == self.COL_TEXT:
                return row.text
            if column == self.COL_OWNER:
                return owner_text(row.owner)
            if column == self.COL_DUE:
                if row.due is None:
                    return ""
                text = format_due(row.due, self.today)
                return self.tr("%1 (overdue)").replace("%1", text) if overdue else text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = row.text
            if row.done_on is not None:
                tip += "\n" + self.tr("Done on %1").replace("%1", format_date(row.done_on))
            return tip
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return theme.colours().overdue
            if row.state != STATE_OPEN:
                return theme.colours().dimmed
        if role == Qt.ItemDataRole.FontRole and overdue and column == self.COL_DUE:
            font = QFont()
            font.setBold(True)
            return font
        return None


class StakeholdersModel(_RowsModel[StakeholderRow]):
    COL_NAME: Final = 0
    COL_ROLE: Final = 1
    COL_CONTACT: Final = 2
    COL_LAST_CONTACT: Final = 3

    def header_texts(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Role"), self.tr("Contact"), self.tr("Last seen"))

    def row_data(self, row: StakeholderRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return row.name
            if column == self.COL_ROLE:
                parts = [p for p in (row.title, row.role) if p]
                if row.group != "customer":
                    parts.insert(0, group_text(row.group))
                return " · ".join(parts)
            if column == self.COL_CONTACT:
                return " · ".join(p for p in (row.email, row.phone) if p)
            if column == self.COL_LAST_CONTACT:
                return format_date(row.last_contact, self.today)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME:
            return " · ".join(
                p for p in (row.name, row.title, row.role, group_text(row.group)) if p
            )
        return None
