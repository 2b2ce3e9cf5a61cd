"""The quick entry's promises: one line each with what, whose (me / them) and when.

The due field takes shortcuts ("tomorrow", "next week", "+3d", "fri", 2025-03-14) and
shows the date it understood beside it. Enter in a line's due field adds the next line.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.due_dates import DueDateError, parse_due
from reljournal.core.model import OWNER_ME, OWNER_THEM, STATE_OPEN
from reljournal.journal.entry_form import FormCommitment
from reljournal.ui import theme
from reljournal.ui.keys import ADD_PROMISE, shown
from reljournal.ui.wording import due_samples, format_due, owner_text


class CommitmentLine(QWidget):
    removed = Signal(object)
    next_requested = Signal(object)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.commitment_id: int | None = None
        self.state = STATE_OPEN
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("What was promised"))
        self.owner = QComboBox()
        self.owner.addItem(owner_text(OWNER_ME), OWNER_ME)
        self.owner.addItem(owner_text(OWNER_THEM), OWNER_THEM)
        self.owner.setToolTip(self.tr("Whose promise: mine or theirs"))
        self.due = QLineEdit()
        self.due.setPlaceholderText(self.tr("due"))
        self.due.setToolTip(
            self.tr('When it is due: "tomorrow", "next week", "+3d", "fri" or a date (2025-03-14)')
        )
        width = self.due.fontMetrics().horizontalAdvance("next week") + 20
        self.due.setFixedWidth(width)
        self.understood = QLabel()
        # as wide as the widest date it may show (on its own row: the ✕ never covers it)
        self.understood.setMinimumWidth(
            max(self.fontMetrics().horizontalAdvance(t) for t in due_samples(today)) + 8
        )
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove this promise"))
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.due.textChanged.connect(self._on_due_text_changed)
        self.due.returnPressed.connect(lambda: self.next_requested.emit(self))
        self.text.returnPressed.connect(lambda: self.owner.setFocus())
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # the promise's words get the whole width; whose and when go on the line below
        layout.addWidget(self.text, 0, 0, 1, 3)
        layout.addWidget(self.remove, 0, 3)
        layout.addWidget(self.owner, 1, 0)
        layout.addWidget(self.due, 1, 1)
        layout.addWidget(self.understood, 1, 2, 1, 2)
        layout.setColumnStretch(2, 1)

    def due_date(self) -> dt.date | None:
        return parse_due(self.due.text(), self.today)

    def _on_due_text_changed(self, text: str) -> None:
        try:
            day = parse_due(text, self.today)
        except DueDateError:
            self.understood.setText("?")
            self.understood.setStyleSheet(f"color: {theme.colours().overdue.name()};")
            self.understood.setToolTip(
                self.tr('Not a date I understand; try "tomorrow", "+3d", "fri" or 2025-03-14')
            )
            return
        self.understood.setStyleSheet("")
        text = format_due(day, self.today) if day else ""
        self.understood.setToolTip(text)
        self.understood.setText(text)

    def state_value(self) -> FormCommitment:
        try:
            due = self.due_date()
        except DueDateError:
            due = None
        return FormCommitment(
            text=self.text.text(),
            owner=self.owner.currentData(),
            due_text=self.due.text(),
            due=due,
            state=self.state,
            id=self.commitment_id,
        )

    def set_state_value(self, c: FormCommitment) -> None:
        self.commitment_id, self.state = c.id, c.state
        self.text.setText(c.text)
        self.owner.setCurrentIndex(max(0, self.owner.findData(c.owner)))
        self.due.setText(c.due_text or (c.due.isoformat() if c.due else ""))


class CommitmentsEditor(QWidget):
    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.lines: list[CommitmentLine] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("&Add a promise"))
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(
            self.tr("Add a promise line (%1)").replace("%1", shown(ADD_PROMISE))
        )
        self.add_button.clicked.connect(lambda: self.focus_next_empty())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        layout.addWidget(self.add_button)
        layout.addStretch(1)
        self.add_line(focus=False)

    def add_line(self, focus: bool = True) -> CommitmentLine:
        line = CommitmentLine(self.today, self)
        line.removed.connect(self._on_line_removed)
        line.next_requested.connect(self._on_line_next_requested)
        self._rows.addWidget(line)
        if self.lines:
            last = self.lines[-1]
            QWidget.setTabOrder(last.due, line.text)
            QWidget.setTabOrder(line.text, line.owner)
            QWidget.setTabOrder(line.owner, line.due)
            QWidget.setTabOrder(line.due, self.add_button)
        self.lines.append(line)
        if focus:
            line.text.setFocus()
        return line

    def focus_next_empty(self) -> CommitmentLine:
        """Move to the first empty promise line, adding one if every line has text."""
        for line in self.lines:
            if not line.text.text().strip():
                line.text.setFocus()
                return line
        return self.add_line()

    def state(self) -> list[FormCommitment]:
        return [line.state_value() for line in self.lines if line.text.text().strip()]

    def set_state(self, commitments: list[FormCommitment]) -> None:
        for line in list(self.lines):
            self._remove(line)
        for c in commitments:
            self.add_line(focus=False).set_state_value(c)
        if not self.lines:
            self.add_line(focus=False)

    def first_bad_due(self) -> tuple[CommitmentLine, DueDateError] | None:
        """The first line with text whose due date cannot be read."""
        for line in self.lines:
            if not line.text.text().strip():
                continue
            try:
                line.due_date()
            except DueDateError as exc:
                return line, exc
        return None

    def _remove(self, line: CommitmentLine) -> None:
        self.lines.remove(line)
        self._rows.removeWidget(line)
        line.deleteLater()

    def _on_line_removed(self, line: CommitmentLine) -> None:
        index = self.lines.index(line)
        self._remove(line)
        if not self.lines:
            self.add_line()
        else:
            self.lines[min(index, len(self.lines) - 1)].text.setFocus()

    def _on_line_next_requested(self, line: CommitmentLine) -> None:
        index = self.lines.index(line)
        if index + 1 < len(self.lines):
            self.lines[index + 1].text.setFocus()
        elif line.text.text().strip():
            self.add_line()
