"""The "To log" table: the meetings from the calendar waiting to be logged, oldest first
(the queue is small: a few hundred rows at most, replaced whole on every refresh)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reljournal.core.meetings.queue import QueuedMeeting
from reljournal.ui import qt_compat  # noqa: F401  (PySide6 6.12 returns of None)

COL_WHEN: Final = 0
COL_MINUTES: Final = 1
COL_TITLE: Final = 2
COL_ACCOUNT: Final = 3
COL_PEOPLE: Final = 4
COL_UNMATCHED: Final = 5
COLUMN_COUNT: Final = 6

MEETING_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
UNMATCHED_COLOUR: Final = "#b45309"

AnyIndex = QModelIndex | QPersistentModelIndex


class MeetingsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueuedMeeting] = []
        self._headers = [
            self.tr("When"),
            self.tr("Minutes"),
            self.tr("Meeting"),
            self.tr("Account"),
            self.tr("People"),
            self.tr("Unknown addresses"),
        ]
        self._no_account = self.tr("— none —")

    def set_meetings(self, meetings: Sequence[QueuedMeeting]) -> None:
        self.beginResetModel()
        self._rows = list(meetings)
        self.endResetModel()

    def meeting_at(self, row: int) -> QueuedMeeting | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, meeting_id: int) -> int | None:
        return next((i for i, m in enumerate(self._rows) if m.id == meeting_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        meeting = self.meeting_at(index.row()) if index.isValid() else None
        if meeting is None or not 0 <= index.column() < COLUMN_COUNT:
            return None
        column = index.column()
        if role == MEETING_ID_ROLE:
            return meeting.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(meeting, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_UNMATCHED and meeting.unmatched:
                return QColor(UNMATCHED_COLOUR)
            if column == COL_ACCOUNT and meeting.account is None:
                return QColor(Qt.GlobalColor.gray)
        return None

    def _text(self, meeting: QueuedMeeting, column: int, tooltip: bool) -> str:
        if column == COL_WHEN:
            return f"{meeting.start.astimezone():%Y-%m-%d %H:%M}"
        if column == COL_MINUTES:
            return str(meeting.minutes)
        if column == COL_TITLE:
            return meeting.title if tooltip else " ".join(meeting.title.split())
        if column == COL_ACCOUNT:
            return meeting.account or self._no_account
        if column == COL_PEOPLE:
            return (", " if not tooltip else "\n").join(name for _, name in meeting.people)
        return (", " if not tooltip else "\n").join(meeting.unmatched)
