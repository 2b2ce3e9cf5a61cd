"""The account list: every account's summary in memory (2,000 is small), filtered and
sorted over the loaded rows.

A filter change is a full replace of the visible rows (model reset); sorting keeps the
selection (``layoutChanged`` with persistent indexes moved); a changed account emits
``dataChanged`` for its row only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from reljournal.core.model import LABEL_RELATIONAL, LABEL_TRANSACTIONAL, text_key
from reljournal.core.records import AccountSummary
from reljournal.ui import (
    qt_compat,  # noqa: F401  (PySide6 6.12 returns of None)
    theme,
)
from reljournal.ui.wording import format_date, format_due_soon, label_text

COL_NAME: Final = 0
COL_CLASS: Final = 1
COL_LAST_CONTACT: Final = 2
COL_DUE: Final = 3
COLUMNS: Final = 4

ACCOUNT_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE: Final = Qt.ItemDataRole.UserRole + 2
LABEL_ROLE: Final = Qt.ItemDataRole.UserRole + 3
OVERRIDDEN_ROLE: Final = Qt.ItemDataRole.UserRole + 4

_LABEL_ORDER: Final = {LABEL_RELATIONAL: 0, LABEL_TRANSACTIONAL: 1}

AnyIndex = QModelIndex | QPersistentModelIndex


def _sort_key(column: int) -> Any:
    if column == COL_CLASS:
        return lambda s: (_LABEL_ORDER.get(s.label, 2), text_key(s.name))
    if column == COL_LAST_CONTACT:
        return lambda s: (s.last_contact or dt.date.min, s.id)
    if column == COL_DUE:
        return lambda s: (-s.overdue, s.next_due or dt.date.max, text_key(s.name))
    return lambda s: text_key(s.name)


class AccountListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[AccountSummary] = []
        self._keys: dict[int, str] = {}
        self._visible: list[AccountSummary] = []
        self._row_of: dict[int, int] = {}
        self._filter_words: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] = (COL_NAME, Qt.SortOrder.AscendingOrder)
        self.today = dt.date.today()

    # --- loading -------------------------------------------------------------------
    def set_accounts(self, summaries: list[AccountSummary], today: dt.date | None = None) -> None:
        """Replace every row (a full reload)."""
        self.beginResetModel()
        self.today = today or self.today
        self._all = list(summaries)
        self._keys = {s.id: text_key(f"{s.name} {s.industry}") for s in self._all}
        self._rebuild()
        self.endResetModel()

    def update_accounts(self, summaries: list[AccountSummary]) -> bool:
        """Refresh the given accounts in place; return False if one is new (reload then)."""
        known = {s.id: i for i, s in enumerate(self._all)}
        if any(s.id not in known for s in summaries):
            return False
        for summary in summaries:
            self._all[known[summary.id]] = summary
            self._keys[summary.id] = text_key(f"{summary.name} {summary.industry}")
            row = self._row_of.get(summary.id)
            if row is not None:
                self._visible[row] = summary
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMNS - 1))
        return True

    def _rebuild(self) -> None:
        words = self._filter_words
        rows = [s for s in self._all if all(w in self._keys[s.id] for w in words)]
        column, order = self._sort
        rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._visible = rows
        self._row_of = {s.id: i for i, s in enumerate(rows)}

    # --- filter and sort -----------------------------------------------------------
    def set_filter(self, text: str) -> None:
        words = text_key(text).split()
        if words == self._filter_words:
            return
        self.beginResetModel()
        self._filter_words = words
        self._rebuild()
        self.endResetModel()

    @property
    def filter_active(self) -> bool:
        return bool(self._filter_words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMNS:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [
            self._visible[p.row()].id if 0 <= p.row() < len(self._visible) else None
            for p in persistent
        ]
        self._sort = (column, order)
        self._rebuild()
        moved_to = [
            self.index(self._row_of[i], p.column()) if i is not None else QModelIndex()
            for p, i in zip(persistent, ids, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved_to)
        self.layoutChanged.emit()

    # --- lookups -------------------------------------------------------------------
    def row_of(self, account_id: int) -> int | None:
        return self._row_of.get(account_id)

    def account_at(self, row: int) -> AccountSummary:
        return self._visible[row]

    def account_by_id(self, account_id: int) -> AccountSummary | None:
        return next((s for s in self._all if s.id == account_id), None)

    def total_count(self) -> int:
        return len(self._all)

    # --- Qt overrides --------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_NAME: self.tr("Account"),
            COL_CLASS: self.tr("Class"),
            COL_LAST_CONTACT: self.tr("Last contact"),
            COL_DUE: self.tr("Promises"),
        }.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        s = self._visible[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, column)
        if role == ACCOUNT_ID_ROLE:
            return s.id
        if role == LABEL_ROLE:
            return s.label
        if role == OVERRIDDEN_ROLE:
            return s.overridden
        if role == SUMMARY_ROLE:
            return s
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DUE and s.overdue:
            return theme.colours().overdue
        if role == Qt.ItemDataRole.FontRole and column == COL_DUE and s.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, s: AccountSummary, column: int) -> str:
        if column == COL_NAME:
            return s.name
        if column == COL_CLASS:
            return label_text(s.label) + (" ✎" if s.overridden else "")
        if column == COL_LAST_CONTACT:
            return format_date(s.last_contact, self.today)
        if s.overdue:
            return self.tr("%n overdue", "", s.overdue)
        if s.next_due is not None:
            return self.tr("due %1").replace("%1", format_due_soon(s.next_due, self.today))
        return ""

    def _tooltip(self, s: AccountSummary, column: int) -> str | None:
        if column == COL_CLASS:
            if s.overridden:
                return (
                    self.tr("%1 — set by you (the journal says %2)")
                    .replace("%1", label_text(s.label))
                    .replace("%2", label_text(s.computed_label))
                )
            return label_text(s.label)
        if column == COL_DUE and s.open_commitments:
            return self.tr("%n open promise(s)", "", s.open_commitments)
        if column == COL_NAME and s.industry:
            return f"{s.name} — {s.industry}"
        return None
