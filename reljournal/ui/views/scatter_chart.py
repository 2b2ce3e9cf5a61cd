"""The portfolio scatter: relational score against the effort of the last 90 days.

One dot per account, coloured by its label; the two mismatch corners are shaded:
relational accounts that get too little time (top left) and transactional accounts
that get too much (bottom right). Hover shows the account, a click (or Enter on the
keyboard-selected dot, moved with the arrow keys) emits ``point_clicked(account id)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from reljournal.core.brief.markdown import LABEL_COLOURS, MISMATCH_COLOUR

_TICKS = (0, 60, 240, 600, 1200, 2400, 6000, 12000, 24000, 60000)
_RADIUS = 3.5


@dataclass(frozen=True)
class ScatterPoint:
    account_id: int
    name: str
    minutes: int
    score: float
    label: str
    mismatch: str | None = None


@dataclass(frozen=True)
class Quadrants:
    relational_at: float
    transactional_at: float
    relational_min_minutes: int  # less than this on a relational account: neglecting it
    transactional_max_minutes: int  # more than this on a transactional one: over-investing


class ScatterChart(QWidget):
    point_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[ScatterPoint] = []
        self._quadrants = Quadrants(0.62, 0.38, 180, 240)
        self._label_names: Mapping[str, str] = {}
        self._pixels: list[tuple[float, float]] = []
        self._plot = QRectF()
        self._max_x = 1.0
        self._hover = -1
        self._current = -1
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self.setAccessibleName(self.tr("Portfolio chart"))

    def set_points(
        self,
        points: Sequence[ScatterPoint],
        quadrants: Quadrants,
        label_names: Mapping[str, str],
    ) -> None:
        self._points = sorted(points, key=lambda p: (p.minutes, p.score, p.account_id))
        self._quadrants = quadrants
        self._label_names = label_names
        top = max([p.minutes for p in points] + [quadrants.transactional_max_minutes * 2, 60])
        self._max_x = math.sqrt(top * 1.05)
        self._hover = self._current = -1
        self._pixels = []
        self.update()

    def points(self) -> list[ScatterPoint]:
        return list(self._points)

    def point_position(self, index: int) -> QPointF:
        """Where a point is drawn (for tests and tooltips)."""
        self._layout()
        x, y = self._pixels[index]
        return QPointF(x, y)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(520, 380)

    # -- geometry ------------------------------------------------------------------------

    def _x(self, minutes: float) -> float:
        return self._plot.left() + self._plot.width() * math.sqrt(max(0.0, minutes)) / self._max_x

    def _y(self, score: float) -> float:
        return self._plot.bottom() - self._plot.height() * min(1.0, max(0.0, score))

    def _layout(self) -> None:
        metrics = self.fontMetrics()
        h = metrics.height()
        left = metrics.horizontalAdvance("0.00") + 14
        # the legend goes above the plot, beside the axis title; a second row when narrow
        title = left + 4 + metrics.horizontalAdvance(self.tr("↑ Relational score")) + 16
        rows = 1 if self.width() - 10 - self._legend_width() >= title else 2
        top = (0.5 + rows) * h
        plot = QRectF(self.rect()).adjusted(left, top, -10, -2.4 * h)
        if plot != self._plot or len(self._pixels) != len(self._points):
            self._plot = plot
            inset = _RADIUS + 2  # every dot whole, inside the plot (none cut at an edge)
            self._pixels = [
                (
                    min(
                        max(self._x(p.minutes) + _jitter(p.account_id), plot.left() + inset),
                        plot.right() - inset,
                    ),
                    min(
                        max(self._y(p.score) + _jitter(p.account_id * 7), plot.top() + inset),
                        plot.bottom() - inset,
                    ),
                )
                for p in self._points
            ]

    def _legend_width(self) -> float:
        metrics = self.fontMetrics()
        return sum(
            metrics.horizontalAdvance(self._label_names.get(code, code)) + 16
            for code in ("undetermined", "transactional", "relational")
        )

    def _index_at(self, pos: QPointF) -> int:
        self._layout()
        best, best_d = -1, (_RADIUS + 3) ** 2
        for i, (x, y) in enumerate(self._pixels):
            d = (x - pos.x()) ** 2 + (y - pos.y()) ** 2
            if d <= best_d:
                best, best_d = i, d
        return best

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self._layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        plot, q = self._plot, self._quadrants
        shade = QColor(MISMATCH_COLOUR)
        shade.setAlpha(40)
        neglect = QRectF(
            QPointF(plot.left(), plot.top()),
            QPointF(self._x(q.relational_min_minutes), self._y(q.relational_at)),
        )
        over = QRectF(
            QPointF(self._x(q.transactional_max_minutes), self._y(q.transactional_at)),
            QPointF(plot.right(), plot.bottom()),
        )
        painter.fillRect(neglect, shade)
        painter.fillRect(over, shade)
        self._paint_axes(painter, text, grid)
        for i, ((x, y), p) in enumerate(zip(self._pixels, self._points, strict=True)):
            colour = QColor(LABEL_COLOURS.get(p.label, "#757575"))
            colour.setAlpha(200)
            painter.setBrush(colour)
            ring = QColor(MISMATCH_COLOUR) if p.mismatch else colour
            painter.setPen(QPen(ring, 1.5 if p.mismatch else 0.5))
            r = _RADIUS + (2 if i in (self._hover, self._current) else 0)
            painter.drawEllipse(QPointF(x, y), r, r)
        if self._current >= 0:
            x, y = self._pixels[self._current]
            painter.setPen(QPen(text, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(x, y), _RADIUS + 5, _RADIUS + 5)
        # the corners' names over the dots, on a backing: readable with 2,000 accounts
        self._paint_corner_name(painter, neglect, self.tr("Neglecting relational accounts"))
        self._paint_corner_name(painter, over, self.tr("Over-investing in transactional accounts"))
        self._paint_legend(painter, text)
        painter.end()

    def _paint_corner_name(self, painter: QPainter, area: QRectF, name: str) -> None:
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        box = painter.fontMetrics().boundingRect(
            area.adjusted(4, 4, -4, -4).toRect(), int(flags), name
        )
        backing = self.palette().color(QPalette.ColorRole.Base)
        backing.setAlpha(215)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(backing)
        painter.drawRoundedRect(QRectF(box).adjusted(-3, -1, 3, 1), 3, 3)
        painter.setPen(QColor(MISMATCH_COLOUR))
        painter.drawText(area.adjusted(4, 4, -4, -4), flags, name)

    def _paint_axes(self, painter: QPainter, text: QColor, grid: QColor) -> None:
        plot, h = self._plot, self.fontMetrics().height()
        painter.setPen(QPen(grid, 0))
        painter.drawRect(plot)
        for score in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = self._y(score)
            painter.setPen(QPen(grid, 0, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - h / 2, plot.left() - 4, h),
                Qt.AlignmentFlag.AlignRight,
                f"{score:.2f}",
            )
        for minutes in _TICKS:
            x = self._x(minutes)
            if x > plot.right():
                break
            painter.setPen(QPen(grid, 0, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
            label = "0" if minutes == 0 else self.tr("%n h", "", minutes // 60)
            painter.drawText(
                QRectF(x - 40, plot.bottom() + 2, 80, h), Qt.AlignmentFlag.AlignHCenter, label
            )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + h + 2, plot.width(), h),
            Qt.AlignmentFlag.AlignHCenter,
            self.tr("Time spent in the last 90 days →"),
        )
        painter.drawText(
            QRectF(plot.left() + 4, 0, plot.width(), h),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("↑ Relational score"),
        )

    def _paint_legend(self, painter: QPainter, text: QColor) -> None:
        h = self.fontMetrics().height()
        x = self._plot.right() - 4
        top = self._plot.top() - h - 2  # in the margin above the plot, clear of the dots
        # (the axis title is on the first row: the legend ends the last one)
        for code in ("undetermined", "transactional", "relational"):
            name = self._label_names.get(code, code)
            width = self.fontMetrics().horizontalAdvance(name)
            x -= width + 16
            painter.setBrush(QColor(LABEL_COLOURS[code]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x + 4, top + h / 2 + 1), _RADIUS, _RADIUS)
            painter.setPen(text)
            painter.drawText(QRectF(x + 10, top, width + 4, h), Qt.AlignmentFlag.AlignLeft, name)

    # -- interaction ---------------------------------------------------------------------

    def _describe(self, p: ScatterPoint) -> str:
        label = self._label_names.get(p.label, p.label)
        return (
            self.tr("%1 — %2, score %3, %4 min")
            .replace("%1", p.name)
            .replace("%2", label)
            .replace("%3", f"{p.score:.2f}")
            .replace("%4", str(p.minutes))
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        index = self._index_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
            )
            self.update()
        if index >= 0:
            QToolTip.showText(
                event.globalPosition().toPoint(), self._describe(self._points[index]), self
            )
        else:
            QToolTip.hideText()

    def leaveEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            index = self._index_at(event.position())
            if index >= 0:
                self.point_clicked.emit(self._points[index].account_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if (
            key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up)
            and self._points
        ):
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            self._current = (self._current + step) % len(self._points)
            self._layout()
            x, y = self._pixels[self._current]
            QToolTip.showText(
                self.mapToGlobal(QPointF(x, y).toPoint()),
                self._describe(self._points[self._current]),
                self,
            )
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current >= 0:
            self.point_clicked.emit(self._points[self._current].account_id)
        else:
            super().keyPressEvent(event)


def _jitter(seed: int) -> float:
    """A small, stable offset so that accounts with equal values do not hide each other."""
    return ((seed * 2654435761) % 1000) / 1000 * 4 - 2
