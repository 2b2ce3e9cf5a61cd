"""The brief fills its pane; the dashboard's chart keeps its corner names readable over
2,000 dots, never cuts a dot at an edge, and its table says what ▲/▼ mean and why."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from reljournal.core.brief.markdown import MISMATCH_COLOUR
from reljournal.ui.views.brief_view import BriefView
from reljournal.ui.views.scatter_chart import Quadrants, ScatterChart, ScatterPoint
from tests.helpers.facade import facade
from tests.helpers.review_journal import TODAY, build_review_journal

QUADRANTS = Quadrants(0.62, 0.38, 180, 240)
NAMES = {
    "relational": "Relational",
    "transactional": "Transactional",
    "undetermined": "Undetermined",
}


def _chart(
    qtbot: Any, points: list[ScatterPoint], width: int = 700, height: int = 480
) -> ScatterChart:
    chart = ScatterChart()
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.set_points(points, QUADRANTS, NAMES)
    return chart


def _near(c: QColor, target: QColor, tolerance: int = 40) -> bool:
    return (
        abs(c.red() - target.red())
        + abs(c.green() - target.green())
        + abs(c.blue() - target.blue())
        <= tolerance
    )


def test_the_corner_names_stay_readable_under_2000_dots(qtbot: Any) -> None:
    rng = random.Random(5)
    points = [
        ScatterPoint(i, f"A{i}", rng.randint(0, 200), rng.uniform(0.6, 1.0), "relational")
        for i in range(2000)
    ]  # a crowd over the "neglecting" corner, none flagged (no rings in the corner colour)
    chart = _chart(qtbot, points)
    image: QImage = chart.grab().toImage()
    plot = chart._plot
    corner = QColor(MISMATCH_COLOUR)
    hits = sum(
        1
        for y in range(int(plot.top()), int(plot.top() + plot.height() * 0.4))
        for x in range(int(plot.left()), int(plot.left() + plot.width() * 0.4))
        if _near(image.pixelColor(x, y), corner)
    )
    assert hits > 70  # the words are whole, in their colour, over the dots (under them: ~40)


def test_no_dot_is_cut_at_an_edge(qtbot: Any) -> None:
    points = [
        ScatterPoint(1, "Most time", 60_000, 1.0, "relational"),
        ScatterPoint(2, "No time", 0, 0.0, "transactional"),
        ScatterPoint(3, "Top left", 0, 1.0, "undetermined"),
        ScatterPoint(4, "Bottom right", 60_000, 0.0, "relational"),
    ]
    chart = _chart(qtbot, points, 360, 260)
    chart.point_position(0)  # lays the chart out
    plot = chart._plot
    for i in range(len(points)):
        pos = chart.point_position(i)
        assert plot.left() + 3.5 <= pos.x() <= plot.right() - 3.5
        assert plot.top() + 3.5 <= pos.y() <= plot.bottom() - 3.5


def test_the_legend_never_covers_the_axis_title(qtbot: Any) -> None:
    for width in (340, 500, 900):
        chart = _chart(qtbot, [], width, 300)
        chart.grab()
        title_right = (
            chart._plot.left() + 4 + chart.fontMetrics().horizontalAdvance("↑ Relational score")
        )
        legend_left = chart._plot.right() - 4 - chart._legend_width()
        one_row = chart._plot.top() < 2 * chart.fontMetrics().height()
        assert (legend_left > title_right) or not one_row, width


def test_the_brief_fills_a_wide_pane_in_two_columns(qtbot: Any, journal: Any, db: Any) -> None:
    review = build_review_journal(db)
    view = BriefView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.show_account(review.relational_id)
    qtbot.waitExposed(view)
    assert view.browser.width() >= view.width() * 0.7
    assert view._columns == 2 and "<table" in view.browser.toHtml()
    view.resize(600, 800)
    qtbot.waitUntil(lambda: view._columns == 1)


def test_the_effort_column_explains_its_marks(qtbot: Any, journal: Any, db: Any) -> None:
    from reljournal.ui.models.portfolio_model import COL_EFFORT
    from reljournal.ui.views.dashboard import DashboardView

    build_review_journal(db)
    view = DashboardView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    with qtbot.waitSignal(view.portfolio_shown, timeout=5000):
        view.refresh(force=True)
    model = view.model
    from PySide6.QtCore import Qt

    tip = model.headerData(COL_EFFORT, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "▲" in tip and "▼" in tip
    header = view.table.horizontalHeader()
    title = model.headerData(COL_EFFORT, Qt.Orientation.Horizontal)
    assert header.fontMetrics().horizontalAdvance(title) + 16 <= header.sectionSize(COL_EFFORT)
    flagged = [
        r
        for r in range(model.rowCount())
        if "▼" in str(model.index(r, COL_EFFORT).data())
        or "▲" in str(model.index(r, COL_EFFORT).data())
    ]
    assert flagged
    for r in flagged:
        text = model.index(r, COL_EFFORT).data(Qt.ItemDataRole.ToolTipRole)
        first, _, why = text.partition("\n")
        assert first.startswith(("Over-investing", "Under-investing")) and why  # the reasons
    assert isinstance(view, QWidget)
