"""The portfolio dashboard: the chart's dots open accounts; the table sorts and opens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from reljournal.core.effort.plans import OVER_INVESTING
from reljournal.store.portfolio import load_portfolio
from reljournal.ui.models.portfolio_model import (
    COL_ACCOUNT,
    COL_EFFORT,
    COL_OVERDUE,
    PortfolioTableModel,
)
from reljournal.ui.views.dashboard import DashboardView
from tests.helpers.facade import facade
from tests.helpers.review_journal import TODAY, ReviewJournal, build_review_journal


@pytest.fixture
def review(db: object) -> ReviewJournal:
    return build_review_journal(db)


@pytest.fixture
def dashboard(qtbot, journal, review) -> Iterator[DashboardView]:  # type: ignore[no-untyped-def]
    view = DashboardView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    with qtbot.waitSignals([view.portfolio_shown, view.team_shown], timeout=5000):
        view.refresh()
    yield view
    view.shutdown()


def test_clicking_a_point_opens_the_account(qtbot, dashboard: DashboardView, review) -> None:  # type: ignore[no-untyped-def]
    points = dashboard.chart.points()
    index = next(i for i, p in enumerate(points) if p.account_id == review.relational_id)
    where = dashboard.chart.point_position(index).toPoint()
    with qtbot.waitSignal(dashboard.account_requested) as blocker:
        qtbot.mouseClick(dashboard.chart, Qt.MouseButton.LeftButton, pos=where)
    assert blocker.args == [review.relational_id]


def test_chart_keyboard_and_table_enter(qtbot, dashboard: DashboardView, review) -> None:  # type: ignore[no-untyped-def]
    dashboard.chart.setFocus()
    qtbot.keyClick(dashboard.chart, Qt.Key.Key_Right)
    with qtbot.waitSignal(dashboard.account_requested) as blocker:
        qtbot.keyClick(dashboard.chart, Qt.Key.Key_Return)
    assert blocker.args == [dashboard.chart.points()[0].account_id]
    dashboard.model.sort(COL_ACCOUNT, Qt.SortOrder.AscendingOrder)
    table = dashboard.table
    table.setFocus()
    table.setCurrentIndex(dashboard.model.index(1, COL_ACCOUNT))
    with qtbot.waitSignal(dashboard.account_requested) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [review.transactional_id]  # "Quick Parts" sorts after "Harbour"


def test_summary_groups_and_team(dashboard: DashboardView) -> None:
    portfolio, team = dashboard.portfolio, dashboard.team_activity
    assert portfolio is not None and len(portfolio.rows) == 2
    assert team is not None
    internal, partner = team.groups
    # Pia joined two account meetings in the window and the team meeting
    assert (internal.people, internal.entries, internal.minutes) == (1, 3, 345)
    assert (partner.people, partner.entries, partner.minutes) == (1, 1, 45)
    assert partner.last_contact == TODAY.replace(day=20)
    assert "2 accounts" in dashboard.summary.text()
    assert dashboard.team.topLevelItemCount() == 2


def test_filter_and_sort(dashboard: DashboardView) -> None:
    model = dashboard.model
    dashboard.filter.setText("quick")
    assert model.rowCount() == 1
    dashboard.filter.clear()
    model.sort(COL_OVERDUE, Qt.SortOrder.DescendingOrder)
    first = model.row_of(model.index(0, 0))
    assert first is not None and first.overdue == 1


def test_portfolio_model(qtmodeltester, db, review) -> None:  # type: ignore[no-untyped-def]
    portfolio = load_portfolio(db, TODAY)
    model = PortfolioTableModel(
        ["a", "b", "c", "d", "e", "f", "g"], {}, {}, lambda d: d.isoformat()
    )
    model.set_rows(portfolio.rows)
    qtmodeltester.check(model)
    model.sort(COL_EFFORT)
    assert model.rowCount() == 2 and model.columnCount() == 7
    over = [r for r in portfolio.rows if r.effort.mismatch == OVER_INVESTING]
    assert not over  # the demo accounts are on plan or under-invested


def test_reopening_an_unchanged_journal_reads_nothing(qtbot, dashboard: DashboardView, db) -> None:  # type: ignore[no-untyped-def]
    shown = dashboard.portfolio
    dashboard.hide()
    with qtbot.waitSignal(dashboard.portfolio_shown, timeout=5000):
        dashboard.show()
    assert dashboard.portfolio is shown  # unchanged: kept as it was
    db.conn.execute(
        "UPDATE accounts SET name = 'Harbour Logistics AB' WHERE name = 'Harbour Logistics'"
    )
    db.conn.commit()
    with qtbot.waitSignal(dashboard.portfolio_shown, timeout=5000):
        dashboard.refresh()
    assert dashboard.portfolio is not shown
    assert any(r.name == "Harbour Logistics AB" for r in dashboard.portfolio.rows)
