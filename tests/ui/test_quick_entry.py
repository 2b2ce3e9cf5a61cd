"""The quick entry, driven by keyboard through the real widgets, ending in the store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reljournal.store.accounts import find_account
from reljournal.store.commitments import list_commitments
from reljournal.store.drafts import load_drafts
from reljournal.store.entries import get_entry, list_entries
from reljournal.store.expectations import list_expectations
from reljournal.store.people import list_stakeholders
from tests.ui.conftest import TODAY, Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _open(qtbot: Any, window: Any) -> Any:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = window.quick_entry
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account.edit)
    return dialog


def test_whole_entry_by_keyboard(qtbot: Any, window: Any, seeded: Seed, db: Any) -> None:
    window.accounts.select_account(seeded.globex)  # the dialog must not stick to it
    dialog = _open(qtbot, window)
    edit = dialog.account.edit
    assert QApplication.focusWidget() is edit
    qtbot.keyClicks(edit, "acm")
    qtbot.waitUntil(lambda: dialog.account.completer.popup().isVisible())
    qtbot.keyClick(dialog.account.completer.popup(), Qt.Key.Key_Return)
    assert dialog.account.target.account_id == seeded.acme
    assert edit.text() == "Acme Ltd"
    assert QApplication.focusWidget() is dialog.notes
    qtbot.keyClicks(dialog.notes, "Met Dana at the plant. They compare three suppliers.")
    qtbot.keyClick(dialog, Qt.Key.Key_K, CTRL | SHIFT)  # to the questions
    assert QApplication.focusWidget() is dialog.ask_them.questions
    qtbot.keyClick(dialog.ask_them.questions, Qt.Key.Key_Down)  # Rosen's second question
    qtbot.keyClick(dialog.ask_them.questions, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ask_them.answer
    qtbot.keyClicks(dialog.ask_them.answer, "That we never chase them for meetings.")
    qtbot.keyClick(dialog.ask_them.answer, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ask_them.speaker
    qtbot.keyClicks(dialog.ask_them.speaker, "Pat Jones")
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL | SHIFT)  # a promise line
    line = dialog.commitments.lines[0]
    assert QApplication.focusWidget() is line.text
    qtbot.keyClicks(line.text, "Send the price list")
    qtbot.keyClick(line.text, Qt.Key.Key_Tab)
    qtbot.keyClick(line.owner, Qt.Key.Key_Tab)
    qtbot.keyClicks(line.due, "tomorrow")
    qtbot.keyPress(dialog.notes, Qt.Key.Key_Return, CTRL)  # closes: no release

    assert window.quick_entry is None
    rows = list_entries(db, seeded.acme, limit=10)
    newest = next(r for r in rows if r.notes.startswith("Met Dana"))
    entry, _extras = get_entry(db, newest.id)
    assert entry.kind == "meeting"
    assert [a.answer for a in entry.answers] == ["That we never chase them for meetings."]
    assert entry.answers[0].question_text.startswith("If you were in my shoes")
    pat = next(s for s in list_stakeholders(db, seeded.acme) if s.name == "Pat Jones")
    assert entry.answers[0].speaker_id == pat.id and pat.id in entry.stakeholder_ids
    [promise] = entry.commitments
    assert (promise.text, promise.owner) == ("Send the price list", "me")
    assert promise.due == TODAY + dt.timedelta(days=1)
    assert load_drafts(db) == []
    assert window.accounts.current_account_id() == seeded.acme
    assert window.account_view.timeline.entry_at(0).id == entry.id
    assert window.journal.history.next_undo() == ("new_entry", f"{entry.at:%Y-%m-%d}")


def test_a_new_name_becomes_an_account_inline(qtbot: Any, window: Any, db: Any) -> None:
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.account.edit, "Initech")  # matches nothing: no popup
    assert not dialog.account.completer.popup().isVisible()
    qtbot.keyClick(dialog.account.edit, Qt.Key.Key_Return)
    assert dialog.account.target.is_new
    assert "Initech" in dialog.account.note.text()
    assert QApplication.focusWidget() is dialog.notes
    qtbot.keyClicks(dialog.notes, "Cold call went well.")
    qtbot.keyPress(dialog.notes, Qt.Key.Key_Return, CTRL)  # closes: no release
    account = find_account(db, "Initech")
    assert [r.notes for r in list_entries(db, account.id)] == ["Cold call went well."]
    assert window.accounts.current_account_id() == account.id


def test_stakeholder_name_completes_to_the_account(
    qtbot: Any, window: Any, seeded: Seed, db: Any
) -> None:
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.account.edit, "dana")
    qtbot.waitUntil(lambda: dialog.account.completer.popup().isVisible())
    qtbot.keyClick(dialog.account.edit, Qt.Key.Key_Return)
    target = dialog.account.target
    assert (target.account_id, target.person_id) == (seeded.acme, seeded.dana)
    qtbot.keyClicks(dialog.notes, "Quick word with Dana.")
    dialog.save()
    entry = list_entries(db, seeded.acme, limit=1)[0]
    assert entry.people == ("Dana Smith",)


def test_escape_asks_before_discarding(qtbot: Any, window: Any, modal: Any, db: Any) -> None:
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.notes, "Something worth keeping")
    dialog.drafts.save_if_changed()
    assert len(load_drafts(db)) == 1
    modal.click("Keep writing")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert window.quick_entry is dialog and dialog.isVisible()
    modal.click("Discard")
    qtbot.keyPress(dialog.notes, Qt.Key.Key_Escape)
    assert window.quick_entry is None
    assert modal.done and load_drafts(db) == []


def test_escape_on_an_empty_entry_just_closes(qtbot: Any, window: Any) -> None:
    dialog = _open(qtbot, window)
    qtbot.keyPress(dialog.account.edit, Qt.Key.Key_Escape)
    assert window.quick_entry is None


def test_bad_due_date_and_unanswered_question_keep_the_dialog(
    qtbot: Any, window: Any, seeded: Seed, db: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    dialog = _open(qtbot, window)
    line = dialog.commitments.lines[0]
    qtbot.keyClicks(line.text, "Call back")
    qtbot.keyClicks(line.due, "someday")
    assert line.understood.text() == "?"
    dialog.save()
    assert window.quick_entry is dialog
    assert "someday" in dialog.status.text()
    assert QApplication.focusWidget() is line.due
    line.due.setText("+3d")
    dialog.ask_them.questions.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.save()
    assert window.quick_entry is dialog
    assert QApplication.focusWidget() is dialog.ask_them.answer
    dialog.ask_them.questions.item(2).setCheckState(Qt.CheckState.Unchecked)
    count = len(list_commitments(db, seeded.acme))
    dialog.save()
    assert window.quick_entry is None
    assert len(list_commitments(db, seeded.acme)) == count + 1


def test_ad_hoc_question_and_ratings(qtbot: Any, window: Any, seeded: Seed, db: Any) -> None:
    window.accounts.select_account(seeded.acme)
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.ask_them.new_question, "What keeps you awake at night?")
    qtbot.keyClick(dialog.ask_them.new_question, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.ask_them.answer
    qtbot.keyClicks(dialog.ask_them.answer, "Late deliveries.")
    qtbot.keyClick(dialog, Qt.Key.Key_R, CTRL | SHIFT)
    assert dialog.ratings.body.isVisible()
    dialog.ratings.spins["trust"].setValue(5)
    dialog.ratings.stage.setCurrentIndex(3)
    qtbot.keyPress(dialog.ask_them.answer, Qt.Key.Key_Return, CTRL)
    said = list_expectations(db, seeded.acme)[0]
    assert (said.question_text, said.answer) == (
        "What keeps you awake at night?",
        "Late deliveries.",
    )
    entry, extras = get_entry(db, said.entry_id)
    assert extras.health == {"trust": 5} and extras.stage == "interdependent"


def test_edit_an_entry_and_undo_the_edit(qtbot: Any, window: Any, seeded: Seed, db: Any) -> None:
    window.accounts.select_account(seeded.acme)
    view = window.account_view.timeline_view
    view.setFocus()
    view.setCurrentIndex(window.account_view.timeline.index(0, 0))
    qtbot.keyClick(window, Qt.Key.Key_F2)
    dialog = window.quick_entry
    assert dialog is not None and dialog.windowTitle() == "Edit entry"
    assert dialog.notes.toPlainText() == "Visit with Dana."
    assert [c.text for c in dialog.commitments.state()] == ["Promise 5"]
    dialog.notes.setPlainText("Visit with Dana and her boss.")
    dialog.save()
    entry_id = seeded.entries[1]
    assert get_entry(db, entry_id)[0].notes == "Visit with Dana and her boss."
    assert [c.text for c in get_entry(db, entry_id)[0].commitments] == ["Promise 5"]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    entry, extras = get_entry(db, entry_id)
    assert entry.notes == "Visit with Dana." and extras.health == {"trust": 4}
    window.edit_entry(entry_id)  # opened and left unchanged: Esc closes without asking
    qtbot.keyPress(window.quick_entry.notes, Qt.Key.Key_Escape)
    assert window.quick_entry is None
    assert window.account_view.timeline.entry_at(0).notes == "Visit with Dana."


def test_ctrl_q_in_the_quick_entry_quits_keeping_a_draft(
    qtbot: Any, window: Any, seeded: Seed, db: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.notes, "Not finished yet")
    qtbot.keyPress(dialog.notes, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible() and window.quick_entry is None
    [draft] = load_drafts(db)
    assert draft.payload["notes"] == "Not finished yet"
    assert draft.payload["account_text"] == "Acme Ltd"
