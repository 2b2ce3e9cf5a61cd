"""The quick entry's keyboard traps a rep fell into (issue 19): the first digit after the
ratings key, Tab into the date's sections, text typed into the question list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reljournal.store.entries import get_entry, list_entries
from tests.ui.conftest import Seed

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


def test_the_first_digit_after_the_ratings_key_counts(qtbot: Any, window: Any) -> None:
    dialog = _open(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_R, CTRL | SHIFT)
    trust = dialog.ratings.spins["trust"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is trust)
    qtbot.keyClicks(trust, "4")
    assert trust.value() == 4
    qtbot.keyClick(trust, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "2")
    assert dialog.ratings.health() == {"trust": 4, "respect": 2}


def test_tab_passes_the_date_as_one_field_and_digits_never_change_it(
    qtbot: Any, window: Any, seeded: Seed
) -> None:
    window.accounts.select_account(seeded.acme)
    dialog = _open(qtbot, window)
    when = dialog.when.dateTime()
    edit = dialog.account.edit
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.kind
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.minutes
    qtbot.keyClicks(dialog.minutes, "45")
    assert dialog.minutes.value() == 45
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.when
    qtbot.keyClick(dialog.when, Qt.Key.Key_Tab)  # one Tab leaves the whole date
    assert QApplication.focusWidget() is dialog.attendees
    assert dialog.when.dateTime() == when
    qtbot.keyClick(dialog.attendees, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is dialog.when
    qtbot.keyClick(dialog.when, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is dialog.minutes
    assert dialog.when.dateTime() == when


def test_typing_into_the_question_list_ticks_nothing(
    qtbot: Any, window: Any, seeded: Seed, db: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.account.edit, "Acme Ltd")
    questions = dialog.ask_them.questions
    qtbot.keyClick(dialog, Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is questions)
    first = questions.currentRow()
    qtbot.keyClicks(questions, "Dana Smith")  # meant for another field
    assert dialog.ask_them.state() == []
    assert questions.currentRow() == first
    assert "does nothing" in dialog.status.text()
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    qtbot.keyClick(questions, Qt.Key.Key_Space)  # a deliberate Space still ticks
    assert [a.question_text for a in dialog.ask_them.state()] == [questions.item(first).text()]
    qtbot.keyClick(questions, Qt.Key.Key_Space)
    dialog.notes.setPlainText("A short call.")
    before = len(list_entries(db, seeded.acme))
    dialog.save()
    rows = list_entries(db, seeded.acme)
    assert len(rows) == before + 1
    entry, _ = get_entry(db, rows[0].id)
    assert entry.answers == []


def test_who_attended_completes_and_new_names_join_the_account(
    qtbot: Any, window: Any, seeded: Seed, db: Any
) -> None:
    from reljournal.store.people import list_stakeholders

    window.accounts.select_account(seeded.acme)
    dialog = _open(qtbot, window)
    field = dialog.attendees
    qtbot.keyClick(dialog, Qt.Key.Key_W, CTRL | SHIFT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "dan")
    popup = field.completer_.popup()
    qtbot.waitUntil(lambda: popup.isVisible())
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "Dana Smith, "
    qtbot.keyClicks(field, "sam")  # the team completes too
    qtbot.waitUntil(lambda: popup.isVisible())
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "Robin Day")  # new to the journal
    assert field.names() == ["Dana Smith", "Sam Lee", "Robin Day"]
    dialog.notes.setPlainText("Kick-off with the buyer and their engineer.")
    dialog.save()
    people = {p.name: p for p in list_stakeholders(db, seeded.acme)}
    assert people["Robin Day"].group == "customer"
    entry_id = list_entries(db, seeded.acme)[0].id
    entry, _ = get_entry(db, entry_id)
    team = {p.name: p.id for p in list_stakeholders(db, team=True)}
    assert set(entry.stakeholder_ids) == {seeded.dana, people["Robin Day"].id, team["Sam Lee"]}
    # editing the entry shows the same people, and taking one out removes them
    window.edit_entry(entry_id)
    dialog = window.quick_entry
    assert sorted(dialog.attendees.names()) == ["Dana Smith", "Robin Day", "Sam Lee"]
    dialog.attendees.set_attendees(["Dana Smith"])
    dialog.save()
    assert get_entry(db, entry_id)[0].stakeholder_ids == [seeded.dana]
