"""Small QPainter charts: Goerger's six areas over time, and the portfolio scatter.

Plain QPainter keeps the app on PySide6-Essentials (Qt Charts is deprecated and, like
Qt Graphs, lives in PySide6-Addons; pyqtgraph would add numpy). The painting functions
take a painter and a rectangle, so the same code draws on screen and into the PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reljournal.core.model import HEALTH_AREAS, HEALTH_MAX, HEALTH_MIN, HealthRating

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
AREA_COLOURS: dict[str, str] = {
    "trust": "#0072B2",
    "respect": "#E69F00",
    "value": "#009E73",
    "conversations": "#56B4E9",
    "conflict": "#D55E00",
    "accountability": "#CC79A7",
}


MAX_RATINGS = 24  # the trend of the latest ratings; older ones are in the journal


def _x_of(day: dt.date, first: dt.date, span: int, left: float, width: float) -> float:
    if span <= 0:
        return left + width / 2
    return left + width * (day - first).days / span


def paint_health_chart(
    painter: QPainter,
    rect: QRectF,
    ratings: Sequence[HealthRating],
    area_names: Mapping[str, str],
    *,
    text: QColor,
    grid: QColor,
    format_date: object = None,
) -> None:
    """Lines of the 1–5 ratings per area over time, with a legend on the right."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    painter.setFont(font)
    metrics = painter.fontMetrics()
    legend_w = max(metrics.horizontalAdvance(area_names.get(a, a)) for a in HEALTH_AREAS) + 18
    axis_w = metrics.horizontalAdvance("5") + 6
    line_h = metrics.height()
    plot = QRectF(
        rect.left() + axis_w,
        rect.top() + line_h / 2,
        max(10.0, rect.width() - axis_w - legend_w - 8),
        max(10.0, rect.height() - line_h * 1.9),
    )
    painter.setPen(QPen(grid, 0))
    for value in range(HEALTH_MIN, HEALTH_MAX + 1):
        y = plot.bottom() - plot.height() * (value - HEALTH_MIN) / (HEALTH_MAX - HEALTH_MIN)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(text)
        painter.drawText(
            QRectF(rect.left(), y - line_h / 2, axis_w - 4, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(value),
        )
        painter.setPen(QPen(grid, 0))
    dated = sorted(ratings, key=lambda r: (r.rated_on, r.id or 0))[-MAX_RATINGS:]
    if dated:
        first, last = dated[0].rated_on, dated[-1].rated_on
        span = (last - first).days
        for index, area in enumerate(HEALTH_AREAS):
            nudge = (index - (len(HEALTH_AREAS) - 1) / 2) * 0.9  # equal ratings stay visible
            points = [
                QPointF(
                    _x_of(r.rated_on, first, span, plot.left(), plot.width()),
                    plot.bottom()
                    + nudge
                    - plot.height() * (r.scores[area] - HEALTH_MIN) / (HEALTH_MAX - HEALTH_MIN),
                )
                for r in dated
                if area in r.scores
            ]
            if not points:
                continue
            colour = QColor(AREA_COLOURS[area])
            painter.setPen(QPen(colour, 1.6))
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            painter.drawPath(path)
            painter.setBrush(colour)
            for p in points[-1:]:
                painter.drawEllipse(p, 2.2, 2.2)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        fmt = format_date if callable(format_date) else dt.date.isoformat
        painter.setPen(text)
        below = QRectF(plot.left(), plot.bottom() + 4, plot.width(), line_h)
        if span > 0:
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft, fmt(first))
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, fmt(last))
        else:
            painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, fmt(first))
    y = plot.top()
    for area in HEALTH_AREAS:
        box = QRectF(plot.right() + 8, y + line_h / 2 - 4, 8, 8)
        painter.fillRect(box, QColor(AREA_COLOURS[area]))
        painter.setPen(text)
        painter.drawText(
            QRectF(box.right() + 4, y, legend_w, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            area_names.get(area, area),
        )
        y += line_h
    painter.restore()


def health_chart_image(
    ratings: Sequence[HealthRating],
    area_names: Mapping[str, str],
    size: QSize,
    *,
    scale: float = 3.0,
    point_size: float = 7.0,
    format_date: object = None,
) -> QImage:
    """The health chart as an image (for the PDF), drawn at ``scale`` times ``size``."""
    image = QImage(
        int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    font = QFont(painter.font())
    font.setPointSizeF(point_size)
    painter.setFont(font)
    paint_health_chart(
        painter,
        QRectF(0, 0, size.width(), size.height()),
        ratings,
        area_names,
        text=QColor("#333333"),
        grid=QColor("#dddddd"),
        format_date=format_date,
    )
    painter.end()
    return image


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
