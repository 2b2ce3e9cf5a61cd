"""The Due view, its calendar export and the daily reminder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt

from reljournal.store.due import load_due_list
from reljournal.ui import settings as S
from reljournal.ui.settings import Settings
from reljournal.ui.views.due_view import DueView
from reljournal.ui.work.reminders import DueNotifier
from tests.helpers.facade import facade
from tests.helpers.review_journal import TODAY, ReviewJournal, build_review_journal


@pytest.fixture
def review(db: object) -> ReviewJournal:
    return build_review_journal(db)


@pytest.fixture
def due_view(qtbot, journal, review) -> Iterator[DueView]:  # type: ignore[no-untyped-def]
    view = DueView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.due_shown, timeout=5000):
        view.refresh()
    yield view
    view.shutdown()


def test_due_list_sections_and_enter_opens_the_entry(qtbot, due_view: DueView, review) -> None:  # type: ignore[no-untyped-def]
    due = due_view.due
    assert due is not None
    assert [c.text for c in due.overdue] == ["Send the price list", "Send the routing study"]
    assert [c.text for c in due.due_today] == ["Book the next quarterly review"]
    assert due.contacts == ()
    assert "2 overdue, 1 due today" in due_view.summary.text()
    due_view.tree.setFocus()
    with qtbot.waitSignal(due_view.commitment_requested) as blocker:
        qtbot.keyClick(due_view.tree, Qt.Key.Key_Return)
    assert blocker.args == [due.due_today[0].id]  # today's promise first, opened as itself


def test_relational_account_due_for_a_contact(db, review) -> None:  # type: ignore[no-untyped-def]
    later = TODAY + dt.timedelta(days=15)  # 35 days since the last visit; cadence 30
    due = load_due_list(db, later)
    assert [(c.name, c.days_since(later)) for c in due.contacts] == [("Harbour Logistics", 35)]
    assert len(due.overdue) == 4


def test_calendar_export_parses(due_view: DueView) -> None:
    calendar = icalendar.Calendar.from_ical(due_view.calendar_text())
    assert len(list(calendar.walk("VEVENT"))) == 4


def test_daily_reminder_once_a_day_with_an_off_switch(
    qtbot, journal, review, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "settings.ini")
    notifier = DueNotifier(facade(journal), settings, today=lambda: TODAY)
    try:
        assert settings.get(S.DESKTOP_REMINDERS)
        with qtbot.waitSignal(notifier.reminded, timeout=5000) as blocker:
            notifier.start()
        assert blocker.args == ["2 commitments overdue, 1 due today."]
        assert settings.get(S.REMINDER_LAST_SHOWN) == TODAY.isoformat()
        with qtbot.assertNotEmitted(notifier.reminded, wait=300):
            notifier.check()  # already shown today
        settings.set(S.REMINDER_LAST_SHOWN, "")
        notifier.set_enabled(False)
        with qtbot.assertNotEmitted(notifier.reminded, wait=300):
            notifier.check()
        assert not settings.get(S.DESKTOP_REMINDERS)
    finally:
        notifier.shutdown()


# -- what needs doing first, ticked done from the list, opened as a promise (issue 19) -----


def _rows(view: DueView) -> list[tuple[str, bool]]:
    tree = view.tree
    return [
        (
            tree.topLevelItem(i).text(0),
            tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 2) is not None,
        )
        for i in range(tree.topLevelItemCount())
    ]


def test_due_today_first_then_the_most_recent_overdue(db, review, qtbot, journal) -> None:  # type: ignore[no-untyped-def]
    from reljournal.core.model import Commitment, Entry
    from reljournal.store.entries import save_entry

    old = Entry(
        at=dt.datetime(2024, 1, 1, 9, 0), kind="call", notes="Long ago.",
        account_id=review.transactional_id,
        commitments=[Commitment("Ancient promise", due=TODAY - dt.timedelta(days=977))],
    )  # fmt: skip
    save_entry(db, old)
    view = DueView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.due_shown, timeout=5000):
        view.refresh()
    due = view.due
    assert due is not None
    rows = [text for text, promise in _rows(view) if promise]
    assert rows[0].endswith("Book the next quarterly review")  # due today
    overdue_rows = rows[1:]
    assert overdue_rows[-1].endswith("Ancient promise")  # 977 days late: last, not first
    expected = sorted(due.overdue, key=lambda c: c.due, reverse=True)
    assert [r.split(": ", 1)[1] for r in overdue_rows] == [c.text for c in expected]
    assert view.tree.currentItem().text(0).endswith("Book the next quarterly review")
    view.shutdown()


def test_ticking_a_promise_asks_to_mark_it_done(qtbot, due_view: DueView) -> None:  # type: ignore[no-untyped-def]
    due = due_view.due
    assert due is not None
    item = due_view.tree.currentItem()
    assert item.checkState(0) == Qt.CheckState.Unchecked
    with qtbot.waitSignal(due_view.state_change_requested) as blocker:
        item.setCheckState(0, Qt.CheckState.Checked)
    assert blocker.args == [due.due_today[0].id, "done"]
    assert item.font(0).strikeOut()


def test_space_ticks_the_current_promise(qtbot, due_view: DueView) -> None:  # type: ignore[no-untyped-def]
    due_view.tree.setFocus()
    with qtbot.waitSignal(due_view.state_change_requested, timeout=2000):
        qtbot.keyClick(due_view.tree, Qt.Key.Key_Space)
