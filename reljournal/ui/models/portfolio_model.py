"""The portfolio table: one row per account, sortable on every column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reljournal.core.brief.markdown import LABEL_COLOURS, MISMATCH_COLOUR, OVERDUE_COLOUR
from reljournal.core.effort.plans import OVER_INVESTING, Range
from reljournal.core.effort.portfolio import PortfolioRow
from reljournal.ui import qt_compat  # noqa: F401  (PySide6 6.12 returns of None)

COL_ACCOUNT: Final = 0
COL_LABEL: Final = 1
COL_CONFIDENCE: Final = 2
COL_EFFORT: Final = 3
COL_LAST_CONTACT: Final = 4
COL_NEXT_DUE: Final = 5
COL_OVERDUE: Final = 6
COLUMN_COUNT: Final = 7

SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 1
ACCOUNT_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 2
MISMATCH_ROLE: Final = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


def _range(r: Range) -> str:
    low, high = r
    if high is None:
        return f"≥{low}"
    return f"≤{high}" if low == 0 else f"{low}–{high}"


def _ordinal(day: dt.date | None, missing: int) -> int:
    return day.toordinal() if day else missing


class PortfolioTableModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Sequence[str],
        label_names: Mapping[str, str],
        mismatch_names: Mapping[str, str],
        format_date: Callable[[dt.date], str],
        parent: Any = None,
        finding_names: Callable[[str], str] | None = None,
        header_tips: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        assert len(headers) == COLUMN_COUNT
        self._headers = list(headers)
        self._labels = label_names
        self._mismatches = mismatch_names
        self._format_date = format_date
        self._finding = finding_names or (lambda code: code.replace("_", " "))
        self._header_tips = list(header_tips or [])
        self._all: list[PortfolioRow] = []
        self._rows: list[PortfolioRow] = []
        self._filter = ""
        self._sort = (COL_EFFORT, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[PortfolioRow]) -> None:
        self._all = list(rows)
        self._apply()

    def set_filter(self, text: str) -> None:
        """Show only the accounts whose name contains ``text`` (case aside)."""
        self._filter = text.casefold().strip()
        self._apply()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._sort_rows()
        moved = {id(r): i for i, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if persistent.isValid():
                row = moved[id(old[persistent.row()])]
                self.changePersistentIndex(persistent, self.index(row, persistent.column()))
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(
            key=lambda r: (self._sort_key(r, column), r.name.casefold()),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _apply(self) -> None:
        self.beginResetModel()
        needle = self._filter
        self._rows = (
            [r for r in self._all if needle in r.name.casefold()] if needle else list(self._all)
        )
        self._sort_rows()
        self.endResetModel()

    def row_of(self, index: AnyIndex) -> PortfolioRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return self._headers[section]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and 0 <= section < len(self._header_tips)
            and self._header_tips[section]
        ):
            return self._header_tips[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == ACCOUNT_ID_ROLE:
            return row.account_id
        if role == MISMATCH_ROLE:
            return row.effort.mismatch
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_CONFIDENCE, COL_OVERDUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_EFFORT and row.effort.mismatch:
            # ▲/▼ says which way; the reasons say why (a missed contact, not the minutes)
            why = ", ".join(self._finding(f) for f in row.effort.findings)
            name = self._mismatches.get(row.effort.mismatch, row.effort.mismatch)
            return f"{name}\n{why}" if why else name
        return None

    def _display(self, row: PortfolioRow, col: int) -> str:
        if col == COL_ACCOUNT:
            return row.name
        if col == COL_LABEL:
            name = self._labels.get(row.label, row.label)
            return f"{name} ✎" if row.overridden else name
        if col == COL_CONFIDENCE:
            return f"{row.confidence:.0%}"
        if col == COL_EFFORT:
            effort = row.effort
            text = f"{effort.minutes} / {_range(effort.plan.minutes)} min"
            if effort.mismatch:
                arrow = "▲" if effort.mismatch == OVER_INVESTING else "▼"
                text += f"  {arrow}"
            return text
        if col == COL_LAST_CONTACT:
            return self._format_date(row.last_contact) if row.last_contact else "—"
        if col == COL_NEXT_DUE:
            return self._format_date(row.next_due) if row.next_due else "—"
        return str(row.overdue) if row.overdue else ""

    def _sort_key(self, row: PortfolioRow, col: int) -> Any:
        if col == COL_ACCOUNT:
            return row.name.casefold()
        if col == COL_LABEL:
            return row.label
        if col == COL_CONFIDENCE:
            return row.confidence
        if col == COL_EFFORT:  # mismatches first, then by minutes
            return (0 if row.effort.mismatch else 1) * 10_000_000 + row.effort.minutes
        if col == COL_LAST_CONTACT:
            return _ordinal(row.last_contact, 0)
        if col == COL_NEXT_DUE:
            return _ordinal(row.next_due, dt.date.max.toordinal())
        return row.overdue

    def _foreground(self, row: PortfolioRow, col: int) -> QColor | None:
        if col == COL_LABEL:
            return QColor(LABEL_COLOURS.get(row.label, "#757575"))
        if col == COL_EFFORT and row.effort.mismatch:
            return QColor(MISMATCH_COLOUR)
        if col == COL_OVERDUE and row.overdue:
            return QColor(OVERDUE_COLOUR)
        return None
