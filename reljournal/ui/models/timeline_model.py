"""An account's entries (or the team's), newest first, fetched a page at a time.

The model keeps only the rows fetched so far and the keyset cursor of the last one;
``canFetchMore``/``fetchMore`` read the next page (``entries(before=...)``) when the
view scrolls near the end, so an account with thousands of entries opens instantly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reljournal.core.records import EntryRow
from reljournal.ui import qt_compat  # noqa: F401  (PySide6 6.12 returns of None)
from reljournal.ui.wording import format_moment, kind_text

COL_WHEN: Final = 0
COL_KIND: Final = 1
COL_MINUTES: Final = 2
COL_NOTES: Final = 3
COL_EXPECTATIONS: Final = 4
COLUMNS: Final = 5

ENTRY_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE: Final = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE: Final = 100
_PREVIEW: Final = 160

AnyIndex = QModelIndex | QPersistentModelIndex


class EntryPages(Protocol):
    """Where the rows come from (the journal facade)."""

    def entries(
        self,
        account_id: int | None,
        *,
        limit: int = ...,
        before: tuple[str, int] | None = ...,
        team: bool = ...,
    ) -> list[EntryRow]: ...

    def entry_page_key(self, row: EntryRow) -> tuple[str, int]: ...


def _one_line(text: str, limit: int = _PREVIEW) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._source: EntryPages | None = None
        self._account_id: int | None = None
        self._team = False
        self._rows: list[EntryRow] = []
        self._exhausted = True
        self._page_size = page_size
        self._resetting = False
        self.today = dt.date.today()

    def set_source(
        self, source: EntryPages | None, account_id: int | None, *, team: bool = False
    ) -> None:
        """Show an account's entries (or the team's with ``team=True``; None to clear)."""
        self._source, self._account_id, self._team = source, account_id, team
        self._reset(self._page_size)

    def reload(self) -> None:
        """Read again from the start (after an edit), keeping as many rows as were loaded."""
        self._reset(max(len(self._rows), self._page_size))

    def _reset(self, first_page: int) -> None:
        """Replace the rows with the first ``first_page`` ones, inside the reset: a
        ``fetchMore`` asked for while the reset is announced waits for the view's next."""
        self._resetting = True
        try:
            self.beginResetModel()
            self._rows = []
            self._exhausted = self._source is None or (self._account_id is None and not self._team)
            if not self._exhausted:
                self._rows = self._read(first_page, None)
            self.endResetModel()
        finally:
            self._resetting = False

    def _read(self, limit: int, before: tuple[str, int] | None) -> list[EntryRow]:
        assert self._source is not None
        page = self._source.entries(self._account_id, limit=limit, before=before, team=self._team)
        if len(page) < limit:
            self._exhausted = True
        return page

    def entry_at(self, row: int) -> EntryRow:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == entry_id), None)

    # --- Qt overrides --------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._exhausted or self._source is None or self._resetting:
            return
        assert self._source is not None
        before = self._source.entry_page_key(self._rows[-1]) if self._rows else None
        page = self._read(self._page_size, before)
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_WHEN: self.tr("When"),
            COL_KIND: self.tr("Kind"),
            COL_MINUTES: self.tr("Min."),
            COL_NOTES: self.tr("Notes"),
            COL_EXPECTATIONS: self.tr("What they said"),
        }.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_WHEN:
                return format_moment(row.at, self.today)
            if column == COL_KIND:
                return kind_text(row.kind)
            if column == COL_MINUTES:
                return "" if row.minutes is None else str(row.minutes)
            if column == COL_NOTES:
                title = f"{row.title} — " if row.title else ""
                return _one_line(title + row.notes)
            if column == COL_EXPECTATIONS:
                return _one_line("  ·  ".join(f"“{e}”" for e in row.expectations))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ID_ROLE:
            return row.id
        if role == ENTRY_ROLE:
            return row
        return None

    def _tooltip(self, row: EntryRow, column: int) -> str | None:
        if column == COL_EXPECTATIONS and row.expectations:
            return "\n\n".join(f"“{_one_line(e, 600)}”" for e in row.expectations)
        if column in (COL_NOTES, COL_WHEN):
            parts = [row.title] if row.title else []
            if row.notes:
                parts.append(row.notes[:1500])
            if row.people:
                parts.append(self.tr("With: %1").replace("%1", ", ".join(row.people)))
            return "\n\n".join(parts) or None
        return None
