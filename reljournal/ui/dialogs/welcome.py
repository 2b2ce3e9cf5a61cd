"""The first-run welcome: start an empty journal or explore the demo one."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reljournal import APP_NAME

CHOICE_EMPTY: Final = "empty"
CHOICE_DEMO: Final = "demo"


class WelcomeDialog(QDialog):
    """Asks how to start; ``choice`` is ``empty``, ``demo`` or None (closed)."""

    def __init__(
        self, journal_path: Path, parent: QWidget | None = None, demo_path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Welcome to %1").replace("%1", APP_NAME))
        icon = QLabel()
        size = self.fontMetrics().height() * 4
        icon.setPixmap(QIcon.fromTheme("reljournal", self.windowIcon()).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(self.tr("Welcome to %1").replace("%1", APP_NAME))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Keep a private journal of each customer relationship: what they said they "
                "expect, what was promised both ways, and how it stands. RelJournal tells "
                "you which accounts want a relationship and which just want a good "
                "transaction.\n\nEverything stays on this computer, encrypted."
            )
        )
        intro.setWordWrap(True)
        where = QLabel(
            self.tr("The journal will be created at:\n%1").replace("%1", str(journal_path))
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setForegroundRole(where.foregroundRole())
        where.setEnabled(False)

        self.empty_button = QPushButton(self.tr("Start an &empty journal"))
        self.empty_button.setToolTip(self.tr("A new, empty journal for your own accounts"))
        self.demo_button = QPushButton(self.tr("Explore the &demo journal"))
        self.demo_button.setToolTip(
            self.tr("A journal filled with made-up accounts, to try RelJournal out")
            if demo_path is None
            else self.tr(
                "Made-up accounts to try RelJournal out, in their own file (%1), never in "
                "your journal"
            ).replace("%1", str(demo_path))
        )
        quit_button = QPushButton(self.tr("&Quit"))
        for button in (self.empty_button, self.demo_button, quit_button):
            button.setAutoDefault(False)
        self.empty_button.setDefault(True)
        self.empty_button.clicked.connect(lambda: self._choose(CHOICE_EMPTY))
        self.demo_button.clicked.connect(lambda: self._choose(CHOICE_DEMO))
        quit_button.clicked.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(intro)
        text.addSpacing(self.fontMetrics().height() // 2)
        text.addWidget(where)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(self.fontMetrics().height())
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self.empty_button.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
