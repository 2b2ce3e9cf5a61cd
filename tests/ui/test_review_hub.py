"""The whole pre-call review by keyboard, through the hub the main window hosts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from reljournal.core.records import Change
from reljournal.ui.settings import Settings
from reljournal.ui.windows.review_hub import ReviewHub
from tests.helpers.facade import facade
from tests.helpers.review_journal import TODAY, ReviewJournal, build_review_journal


@pytest.fixture
def review(db: object) -> ReviewJournal:
    return build_review_journal(db)


@pytest.fixture
def hub(qtbot, journal, review, tmp_path: Path) -> Iterator[ReviewHub]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    review_hub = ReviewHub(
        window, facade(journal), Settings(tmp_path / "settings.ini"), today=lambda: TODAY
    )
    window.setCentralWidget(review_hub.brief_page)
    review_hub.account_requested.connect(review_hub.show_account)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    yield review_hub
    review_hub.shutdown()


def test_search_open_brief_follow_a_reason_by_keyboard(qtbot, hub: ReviewHub, review) -> None:  # type: ignore[no-untyped-def]
    hub.search_action.trigger()  # Ctrl+J
    dialog = hub.open_search()
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.field  # typing goes to the search field
    with qtbot.waitSignal(dialog.results_shown, timeout=3000):
        qtbot.keyClicks(dialog.field, "harbour")
    with qtbot.waitSignal(hub.account_requested) as chosen:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert chosen.args == [review.relational_id]
    brief = hub.brief.brief
    assert brief is not None and brief.account_id == review.relational_id
    hub.brief.browser.setFocus()
    qtbot.keyClick(hub.brief.browser, Qt.Key.Key_Tab)
    with qtbot.waitSignal(hub.entry_requested) as jumped:
        qtbot.keyClick(hub.brief.browser, Qt.Key.Key_Return)
    assert jumped.args == [brief.reasons[0].entry_id]


def test_dashboard_and_due_windows(qtbot, hub: ReviewHub, review) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(hub.dashboard.portfolio_shown, timeout=5000):
        hub.dashboard_action.trigger()  # Ctrl+4
    assert hub.dashboard.isVisible() and hub.dashboard.isWindow()
    with qtbot.waitSignal(hub.due.due_shown, timeout=5000):
        hub.due_action.trigger()  # Ctrl+3
    assert hub.due.isVisible()
    with qtbot.waitSignal(hub.account_requested) as chosen:
        hub.dashboard.chart.point_clicked.emit(review.transactional_id)
    assert chosen.args == [review.transactional_id]
    hub.show_account(review.relational_id)
    with qtbot.waitSignal(hub.due.due_shown, timeout=5000):
        hub.journal_changed(Change(accounts={review.relational_id}))
    assert [a.shortcut().toString() for a in hub.view_actions] == ["Ctrl+J", "Ctrl+4", "Ctrl+3"]
    assert hub.export_brief_action.shortcut().toString() == "Ctrl+Shift+E"


def test_views_share_one_reader_without_crosstalk(qtbot, hub: ReviewHub) -> None:  # type: ignore[no-untyped-def]
    reminders: list[str] = []
    hub.notifier.reminded.connect(reminders.append)
    with qtbot.waitSignal(hub.notifier.reminded, timeout=5000):
        hub.notifier.start()  # today's reminder (start() does this 4 s after the window shows)
    with qtbot.waitSignal(hub.due.due_shown, timeout=5000):
        hub.show_due()
    with qtbot.waitSignal(hub.dashboard.portfolio_shown, timeout=5000):
        hub.toggle_dashboard()
    assert len(reminders) == 1  # the Due list's answer is not taken for a reminder
    assert hub.dashboard._worker is hub.due._worker is hub.reader
