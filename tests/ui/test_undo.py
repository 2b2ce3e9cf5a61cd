"""Deleting an entry asks first and Ctrl+Z brings it back; ticking a promise is undoable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reljournal.core.errors import NotFoundError
from reljournal.store.commitments import list_commitments
from reljournal.store.entries import get_entry, list_entries
from reljournal.ui.models.detail_models import CommitmentsModel
from tests.ui.conftest import Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

CTRL = Qt.KeyboardModifier.ControlModifier


def _reactivate(qtbot: Any, window: Any) -> None:
    """Give the window the focus back after a message box (a window manager would)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _select_newest(window: Any) -> Any:
    view = window.account_view.timeline_view
    view.setFocus()
    view.setCurrentIndex(window.account_view.timeline.index(0, 0))
    return view


def test_delete_asks_then_undo_and_redo(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    view = _select_newest(window)
    newest = seeded.entries[1]
    before, extras_before = get_entry(db, newest)

    modal.click("Keep it")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert get_entry(db, newest)[0].notes == "Visit with Dana."
    _reactivate(qtbot, window)

    modal.click("Delete")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert modal.done
    with pytest.raises(NotFoundError):
        get_entry(db, newest)
    assert [r.id for r in list_entries(db, seeded.acme)] == [seeded.entries[0]]
    assert window.account_view.timeline.rowCount() == 1
    _reactivate(qtbot, window)
    assert "Delete entry" in window.menus.undo.text()
    assert "Ctrl+Z" in window.menus.undo.toolTip()

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    after, extras_after = get_entry(db, newest)  # back under its own id
    assert (after.notes, after.stakeholder_ids) == (before.notes, before.stakeholder_ids)
    assert [a.answer for a in after.answers] == [a.answer for a in before.answers]
    assert [(c.text, c.due) for c in after.commitments] == [
        (c.text, c.due) for c in before.commitments
    ]
    assert extras_after == extras_before
    assert window.account_view.timeline.rowCount() == 2

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    with pytest.raises(NotFoundError):
        get_entry(db, newest)
    window.edits.undo()
    assert get_entry(db, newest)[0].notes == "Visit with Dana."


def test_ticking_a_promise_is_undoable(qtbot: Any, window: Any, seeded: Seed, db: Any) -> None:
    window.accounts.select_account(seeded.acme)
    model = window.account_view.commitments
    first = model.row_at(0)
    assert first.state == "open"
    index = model.index(0, CommitmentsModel.COL_DONE)
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    stored = {c.id: c for c in list_commitments(db, seeded.acme)}
    assert stored[first.id].state == "done" and stored[first.id].done_on is not None
    summary = window.accounts.model.account_by_id(seeded.acme)
    assert summary is not None and summary.open_commitments == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    stored = {c.id: c for c in list_commitments(db, seeded.acme)}
    assert stored[first.id].state == "open" and stored[first.id].done_on is None
    assert window.account_view.commitments.row_at(0).state == "open"
