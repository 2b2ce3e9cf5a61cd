"""Light and dark themes that follow the OS colour scheme (Qt 6.5+ ``QStyleHints``).

The preference is "system", "light" or "dark"; ``RELJOURNAL_THEME`` overrides it (for
screenshots and tests). The app uses the Fusion style with an explicit palette, so both
themes look the same on every platform and the semantic colours (class badges, overdue
red) are chosen for the palette in force.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from reljournal.core.model import LABEL_RELATIONAL, LABEL_TRANSACTIONAL

log = logging.getLogger(__name__)

ENV_THEME: Final = "RELJOURNAL_THEME"
THEMES: Final = ("system", "light", "dark")
LIGHT: Final = "light"
DARK: Final = "dark"


@dataclass(frozen=True)
class Colours:
    """Semantic colours for the theme in force."""

    relational: QColor
    transactional: QColor
    undetermined: QColor
    badge_text: QColor
    overdue: QColor
    dimmed: QColor


_LIGHT_COLOURS: Final = Colours(
    relational=QColor("#1b7f5b"),
    transactional=QColor("#2f5fa8"),
    undetermined=QColor("#7a7f87"),
    badge_text=QColor("#ffffff"),
    overdue=QColor("#c0262d"),
    dimmed=QColor("#8a8f96"),
)
_DARK_COLOURS: Final = Colours(
    relational=QColor("#3fb37f"),
    transactional=QColor("#5b8fdc"),
    undetermined=QColor("#8b919a"),
    badge_text=QColor("#101214"),
    overdue=QColor("#ff6b6b"),
    dimmed=QColor("#7d838b"),
)

_current: str = LIGHT


def colours() -> Colours:
    return _DARK_COLOURS if _current == DARK else _LIGHT_COLOURS


def badge_colour(label: str) -> QColor:
    c = colours()
    if label == LABEL_RELATIONAL:
        return c.relational
    if label == LABEL_TRANSACTIONAL:
        return c.transactional
    return c.undetermined


def current_theme() -> str:
    return _current


def resolve_theme(choice: str) -> str:
    """``light`` or ``dark`` for a preference, the environment override first."""
    forced = os.environ.get(ENV_THEME, "").strip().lower()
    if forced in (LIGHT, DARK):
        return forced
    if choice in (LIGHT, DARK):
        return choice
    scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def _dark_palette() -> QPalette:
    p = QPalette()
    # Base (lists, fields) a little lighter than the window: Fusion draws the edges of
    # check boxes and fields in a darker shade of the window colour, which then shows.
    window, base, text = QColor("#1f2225"), QColor("#2a2e33"), QColor("#e6e6e6")
    role = QPalette.ColorRole
    p.setColor(role.Window, window)
    p.setColor(role.WindowText, text)
    p.setColor(role.Base, base)
    p.setColor(role.AlternateBase, QColor("#30353a"))
    p.setColor(role.ToolTipBase, QColor("#2b2f33"))
    p.setColor(role.ToolTipText, text)
    p.setColor(role.PlaceholderText, QColor("#8b9096"))
    p.setColor(role.Text, text)
    p.setColor(role.Button, QColor("#2a2d31"))
    p.setColor(role.ButtonText, text)
    p.setColor(role.BrightText, QColor("#ff6b6b"))
    p.setColor(role.Link, QColor("#6ea8fe"))
    p.setColor(role.Highlight, QColor("#3d6fb6"))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.Light, QColor("#3a3e43"))
    p.setColor(role.Midlight, QColor("#303438"))
    p.setColor(role.Mid, QColor("#26292c"))
    p.setColor(role.Dark, QColor("#121315"))
    p.setColor(role.Shadow, QColor("#000000"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor("#6d7278"))
    p.setColor(disabled, role.Highlight, QColor("#3a3e43"))
    return p


def _light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    palette = style.standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fce"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1f5fbf"))
    return palette


# Fusion draws its arrows dark grey and the edge of an empty check box in a shade of the
# window colour: on the dark palette both almost disappear. The arrows are drawn in the
# palette's text colour there (at paint time, so a theme switch applies at once), and a
# check box gets an edge with at least 3:1 contrast in both themes.
_LINE_ICONS: Final = frozenset(
    {
        QStyle.StandardPixmap.SP_ArrowBack,
        QStyle.StandardPixmap.SP_ArrowForward,
        QStyle.StandardPixmap.SP_ArrowLeft,
        QStyle.StandardPixmap.SP_ArrowRight,
        QStyle.StandardPixmap.SP_ArrowUp,
        QStyle.StandardPixmap.SP_ArrowDown,
        QStyle.StandardPixmap.SP_BrowserReload,
    }
)
_CHECK_INDICATORS: Final = frozenset(
    {
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    }
)


class _ThemedIconEngine(QIconEngine):
    """A line icon that takes the text colour of the dark palette when it is in force."""

    def __init__(self, base: QIcon) -> None:
        super().__init__()
        self._base = base

    def clone(self) -> QIconEngine:
        return _ThemedIconEngine(self._base)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        source = self._base.pixmap(size, mode, state)
        if _current != DARK or source.isNull():
            return source
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Normal
        )
        colour = QGuiApplication.palette().color(group, QPalette.ColorRole.ButtonText)
        tinted = QPixmap(source.size())
        tinted.setDevicePixelRatio(source.devicePixelRatio())
        tinted.fill(Qt.GlobalColor.transparent)
        p = QPainter(tinted)
        p.drawPixmap(QPoint(0, 0), source)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        p.fillRect(tinted.rect(), colour)
        p.end()
        return tinted


class ThemedStyle(QProxyStyle):
    """Fusion, with line icons and empty check boxes that show on the dark palette."""

    def standardIcon(  # noqa: N802 (Qt override)
        self,
        standard_icon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        icon = super().standardIcon(standard_icon, option, widget)
        if standard_icon in _LINE_ICONS and not icon.isNull():
            return QIcon(_ThemedIconEngine(icon))
        return icon

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _CHECK_INDICATORS:  # an edge that shows (3:1 at least) on both
            rect = option.rect
            side = min(rect.width(), rect.height(), 14)
            box = QRect(0, 0, side, side)
            box.moveCenter(rect.center())
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QColor("#9aa0a6" if _current == DARK else "#80858c"))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            painter.restore()


def apply_theme(app: QApplication, choice: str) -> str:
    """Put the theme for ``choice`` in force; return ``light`` or ``dark``."""
    global _current
    if not isinstance(app.style(), ThemedStyle):
        app.setStyle(ThemedStyle(QStyleFactory.create("Fusion")))
    _current = resolve_theme(choice)
    app.setPalette(_dark_palette() if _current == DARK else _light_palette())
    log.info("theme: %s (preference %s)", _current, choice)
    return _current


class ThemeFollower(QObject):
    """Re-applies the theme when the OS colour scheme changes (for the "system" choice)."""

    theme_changed = Signal(str)

    def __init__(self, app: QApplication, choice: str) -> None:
        super().__init__(app)
        self._app = app
        self.choice = choice
        apply_theme(app, choice)
        app.styleHints().colorSchemeChanged.connect(self._on_hints_color_scheme_changed)

    def set_choice(self, choice: str) -> None:
        self.choice = choice
        self.theme_changed.emit(apply_theme(self._app, choice))

    def _on_hints_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == "system":
            self.theme_changed.emit(apply_theme(self._app, self.choice))
