"""The Due list in the main window: a promise ticked there is done (and undoable); a
double-click opens the promise on its account's Promises tab, not the People tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

COMMITMENT_ROLE = Qt.ItemDataRole.UserRole + 2


def _due(window: Any, qtbot: Any) -> Any:
    hub = window.review
    with qtbot.waitSignal(hub.due.due_shown, timeout=5000):
        hub.show_due()
    return hub.due


def test_a_promise_ticked_in_the_due_list_is_done_and_undoable(window: Any, qtbot: Any) -> None:
    due = _due(window, qtbot)
    item = due.tree.currentItem()
    cid = item.data(0, COMMITMENT_ROLE)
    assert item.text(0).endswith("Promise 5")  # the most recent overdue first
    item.setCheckState(0, Qt.CheckState.Checked)
    row = window.journal.commitment(cid)
    assert row is not None and row.state == "done"
    qtbot.waitUntil(lambda: due.due is not None and all(c.id != cid for c in due.due.overdue))
    window.undo()
    assert window.journal.commitment(cid).state == "open"


def test_double_click_opens_the_promise(window: Any, qtbot: Any, seeded: Any) -> None:
    window.show_team()
    window.account_view.tabs.setCurrentWidget(window.account_view.people_view)
    due = _due(window, qtbot)
    item = due.tree.currentItem()
    cid = item.data(0, COMMITMENT_ROLE)
    due.tree.itemActivated.emit(item, 0)  # what a double-click or Enter sends
    view = window.account_view
    assert view.account_id == seeded.acme
    assert view.tabs.currentWidget() is view.commitments_view
    current = view.commitments_view.currentIndex()
    assert current.isValid() and view.commitments.row_at(current.row()).id == cid
