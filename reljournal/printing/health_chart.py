"""The Goerger health chart drawn with QPainter: on a widget (``ui.views.charts``) or
into an image for the printed brief. Qt GUI only, no widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

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
