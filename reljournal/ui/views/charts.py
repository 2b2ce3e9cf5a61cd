"""Small QPainter charts: Goerger's six areas over time, and the portfolio scatter.

Plain QPainter keeps the app on PySide6-Essentials (Qt Charts is deprecated and, like
Qt Graphs, lives in PySide6-Addons; pyqtgraph would add numpy). The painting functions
take a painter and a rectangle, so the same code draws on screen and into the PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from reljournal.core.model import HEALTH_AREAS, HealthRating
from reljournal.printing.health_chart import paint_health_chart


class HealthChart(QWidget):
    """Goerger's six areas over time, small enough to sit beside the brief."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ratings: list[HealthRating] = []
        self._names: Mapping[str, str] = {a: a for a in HEALTH_AREAS}
        self._format_date: object = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(120)

    def set_ratings(
        self,
        ratings: Sequence[HealthRating],
        area_names: Mapping[str, str],
        format_date: object = None,
    ) -> None:
        self._ratings = list(ratings)
        self._names = area_names
        self._format_date = format_date
        self.setToolTip(
            "" if ratings else self.tr("No ratings yet: rate the six areas in a quick entry.")
        )
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(360, 130)

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        if not self._ratings:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("No health ratings yet: rate the six areas in a quick entry."),
            )
            painter.end()
            return
        paint_health_chart(
            painter,
            QRectF(self.rect()).adjusted(2, 2, -2, -2),
            self._ratings,
            self._names,
            text=text,
            grid=grid,
            format_date=self._format_date,
        )
        painter.end()


class TimelineStrip(QWidget):
    """A horizontal strip of coloured spans: a state from each date until the next one
    (Carew's stage, the account's label). Dates of the changes are written below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans: list[tuple[dt.date, str]] = []
        self._end = dt.date.today()
        self._colours: Mapping[str, str] = {}
        self._names: Mapping[str, str] = {}
        self._format_date: object = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_spans(
        self,
        spans: Sequence[tuple[dt.date, str]],
        end: dt.date,
        colours: Mapping[str, str],
        names: Mapping[str, str],
        format_date: object = None,
    ) -> None:
        self._spans = sorted(spans)
        self._end = max([end, *(d for d, _ in spans)]) if spans else end
        self._colours, self._names, self._format_date = colours, names, format_date
        fmt = format_date if callable(format_date) else dt.date.isoformat
        self.setToolTip("\n".join(f"{fmt(d)}: {names.get(c, c)}" for d, c in self._spans))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(300, self.fontMetrics().height() * 2 + 14)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        h = self.fontMetrics().height()
        bar = QRectF(self.rect()).adjusted(1, 1, -1, 0)
        bar.setHeight(h + 6)
        if not self._spans:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(bar, Qt.AlignmentFlag.AlignVCenter, self.tr("Not assessed yet"))
            painter.end()
            return
        first = self._spans[0][0]
        total = (self._end - first).days
        if total <= 0:  # everything happened today: the latest state fills the strip
            first, total = self._end - dt.timedelta(days=1), 1
            spans = [(first, self._spans[-1][1])]
        else:
            spans = self._spans
        bounds = [*spans, (self._end, "")]
        for (start, code), (stop, _) in zip(bounds, bounds[1:], strict=False):
            left = bar.left() + bar.width() * (start - first).days / total
            right = bar.left() + bar.width() * (stop - first).days / total
            rect = QRectF(left, bar.top(), max(3.0, right - left), bar.height())
            colour = QColor(self._colours.get(code, "#9e9e9e"))
            painter.fillRect(rect, colour)
            name = self._names.get(code, code)
            if self.fontMetrics().horizontalAdvance(name) + 6 < rect.width():
                painter.setPen(QColor("#ffffff"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        fmt = self._format_date if callable(self._format_date) else dt.date.isoformat
        painter.setPen(text)
        below = QRectF(bar.left(), bar.bottom() + 2, bar.width(), h)
        if self._spans[0][0] < self._end:
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft, fmt(self._spans[0][0]))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, fmt(self._end))
        painter.end()
