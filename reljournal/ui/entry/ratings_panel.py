"""Optional ratings in the quick entry: Goerger's six areas (1–5) and Carew's stage.

Collapsed by default behind a toggle; an area left at "—" is not rated.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.model import HEALTH_AREAS, HEALTH_MAX, STAGES
from reljournal.ui.keys import RATINGS, shown
from reljournal.ui.wording import health_area_text, stage_text


class RatingsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Ratings and stage (optional)"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip(
            self.tr("Rate the relationship's health and stage (%1)").replace("%1", shown(RATINGS))
        )
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.body = QWidget()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[str, QSpinBox] = {}
        for i, area in enumerate(HEALTH_AREAS):
            spin = QSpinBox()
            spin.setRange(0, HEALTH_MAX)
            spin.setSpecialValueText("—")
            spin.setToolTip(self.tr("1 (poor) to 5 (excellent); — for not rated"))
            spin.setMaximumWidth(spin.fontMetrics().averageCharWidth() * 10)
            label = QLabel(health_area_text(area) + ":")
            label.setBuddy(spin)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
            self.spins[area] = spin
        grid.setColumnStretch(4, 1)
        self.stage = QComboBox()
        self.stage.addItem("—", None)
        for stage in STAGES:
            self.stage.addItem(stage_text(stage), stage)
        self.stage.setToolTip(
            self.tr("Dependent: they hold the power. Interdependent: they seek your advice.")
        )
        stage_form = QFormLayout()
        stage_form.setContentsMargins(0, 0, 0, 0)
        stage_form.addRow(self.tr("Stage:"), self.stage)
        grid.addLayout(stage_form, 3, 0, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        self.body.hide()

    def _on_toggle_toggled(self, visible: bool) -> None:
        self.body.setVisible(visible)
        window = self.window()
        if visible and window is not self:  # make room rather than squeeze the questions
            screen = window.screen().availableGeometry().height() if window.screen() else 0
            wanted = window.height() + self.body.sizeHint().height()
            window.resize(window.width(), min(wanted, screen or wanted))
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        if visible:
            self.focus_first()

    def toggle_and_focus(self) -> None:
        """The ratings key: open the panel (or close it) with the first area ready for a
        digit."""
        self.toggle.toggle()

    def focus_first(self) -> None:
        # a shortcut reason: the spin box selects its text ("—"), so the first digit
        # replaces it (with a plain setFocus it was appended to "—" and rejected)
        spin = self.spins[HEALTH_AREAS[0]]
        spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        spin.selectAll()

    def health(self) -> dict[str, int]:
        return {area: spin.value() for area, spin in self.spins.items() if spin.value() > 0}

    def stage_value(self) -> str | None:
        value = self.stage.currentData()
        return value if isinstance(value, str) else None

    def set_values(self, health: dict[str, int], stage: str | None) -> None:
        for area, spin in self.spins.items():
            spin.setValue(health.get(area, 0))
        self.stage.setCurrentIndex(max(0, self.stage.findData(stage)))
        if health or stage:
            self.toggle.setChecked(True)
