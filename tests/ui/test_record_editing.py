"""Editing accounts and people in the app, as a rep does it: the Account menu's keys,
the context menus (Menu key or right click), the forms; every edit undone with Ctrl+Z."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from reljournal.store.accounts import account_names, get_account
from reljournal.store.classifications import current_override
from reljournal.store.commitments import list_commitments
from reljournal.store.entries import count_entries
from reljournal.store.people import list_stakeholders
from reljournal.ui.dialogs.record_dialogs import (
    AccountDialog,
    MergeDialog,
    OverrideDialog,
    PersonDialog,
)
from tests.ui.conftest import Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _type(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(widget, text)


def _ok(dialog: QDialog) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Return)


ERRORS: list[BaseException] = []


def then(modal: Any, handler: Any) -> None:
    """Queue a form handler; a failed assertion inside it closes the form (a modal
    left open would hang the test) and fails the test afterwards."""

    def safe(widget: QWidget) -> bool:
        try:
            return bool(handler(widget))
        except BaseException as exc:
            ERRORS.append(exc)
            if isinstance(widget, QDialog):
                widget.reject()
            return True

    modal.then(safe)


@pytest.fixture(autouse=True)
def _handler_errors() -> Any:
    ERRORS.clear()
    yield
    if ERRORS:
        raise ERRORS[0]


def _complete(combo: Any, text: str) -> None:
    """Type into an editable combo box and take the first completion."""
    edit = combo.lineEdit()
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    popup = combo.completer().popup()
    if popup.isVisible():
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)


def _undo(qtbot: Any, window: Any) -> None:
    """Ctrl+Z from the account list (in a text field Ctrl+Z undoes the typing there)."""
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.accounts.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.accounts.view)
    qtbot.keyClick(window.accounts.view, Qt.Key.Key_Z, CTRL)


def _context_menu(qtbot: Any, view: Any, row: int) -> QMenu:
    """Right-click on a row of a view; the menu that opens."""
    index = view.model().index(row, 0)
    pos = view.visualRect(index).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def _choose(qtbot: Any, menu: QMenu, text: str) -> None:
    """Walk down the menu with the arrow keys to ``text`` and press Return."""
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert text in texts, texts
    for _ in range(len(menu.actions()) + 1):
        active = menu.activeAction()
        if active is not None and active.text().replace("&", "") == text:
            break
        QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is not None
    assert menu.activeAction().text().replace("&", "") == text
    QTest.keyClick(menu, Qt.Key.Key_Return)


def test_edit_an_account_by_keyboard_and_undo(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_account(seeded.acme)

    def fill(widget: QWidget) -> bool:
        if not isinstance(widget, AccountDialog):
            return False
        assert widget.name.text() == "Acme Ltd"
        _type(widget.name, "Globex Corporation")  # taken: the form says so and stays
        _ok(widget)
        assert "already called" in widget.problem.text() and widget.isVisible()
        _type(widget.name, "Acme Industries")
        _type(widget.website, "acme.example")
        widget.notes.setFocus()
        QTest.keyClicks(widget.notes, "Met at the trade fair.")
        widget.buttons.button(widget.buttons.StandardButton.Ok).click()
        return True

    then(modal, fill)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: modal.done)
    account = get_account(db, seeded.acme)
    assert (account.name, account.website, account.notes) == (
        "Acme Industries",
        "acme.example",
        "Met at the trade fair.",
    )
    assert window.account_view.title.text() == "Acme Industries"
    row = window.accounts.model.row_of(seeded.acme)
    assert window.accounts.model.account_at(row).name == "Acme Industries"
    assert "Edit account Acme Industries" in window.menus.undo.text()
    _undo(qtbot, window)
    assert get_account(db, seeded.acme).name == "Acme Ltd"
    assert window.account_view.title.text() == "Acme Ltd"


def test_override_the_label_then_clear_it(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_account(seeded.acme)

    def fill(widget: QWidget) -> bool:
        if not isinstance(widget, OverrideDialog):
            return False
        widget.label.setFocus()
        index = widget.label.findData("relational")
        while widget.label.currentIndex() != index:
            QTest.keyClick(widget.label, Qt.Key.Key_Down)
        _ok(widget)  # no reason yet
        assert "Say why" in widget.problem.text()
        QTest.keyClicks(widget.reason, "Ten years together; they ask our advice")
        _ok(widget)
        return True

    then(modal, fill)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL | SHIFT)
    qtbot.waitUntil(lambda: modal.done)
    override = current_override(db, seeded.acme)
    assert override is not None and override.label == "relational"
    assert "✎" in window.account_view.badge.text()
    editing = window.record_editing
    editing.update_actions()
    assert editing.clear_override_action.isEnabled()
    menu = _context_menu(qtbot, window.accounts.view, window.accounts.model.row_of(seeded.acme))
    _choose(qtbot, menu, "Clear the override")
    assert current_override(db, seeded.acme) is None
    assert "✎" not in window.account_view.badge.text()
    _undo(qtbot, window)
    assert current_override(db, seeded.acme) is not None


def test_merge_from_the_context_menu_and_undo(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    before = count_entries(db, seeded.acme)

    def fill(widget: QWidget) -> bool:
        if not isinstance(widget, MergeDialog):
            return False
        _complete(widget.target, "Acme")
        assert widget.target.currentText() == "Acme Ltd"
        _ok(widget)
        return True

    then(modal, fill)
    menu = _context_menu(qtbot, window.accounts.view, window.accounts.model.row_of(seeded.globex))
    _choose(qtbot, menu, "Merge into another account…")
    qtbot.waitUntil(lambda: modal.done)
    assert [n for _i, n in account_names(db)] == ["Acme Ltd"]
    assert window.accounts.model.rowCount() == 1
    assert window.accounts.current_account_id() == seeded.acme
    assert count_entries(db, seeded.acme) == before
    _undo(qtbot, window)
    assert [n for _i, n in account_names(db)] == ["Acme Ltd", "Globex Corporation"]
    assert window.accounts.model.rowCount() == 2


def test_delete_an_account_asks_and_ctrl_z_brings_it_back(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    modal.click("Keep it")
    menu = _context_menu(qtbot, window.accounts.view, window.accounts.model.row_of(seeded.acme))
    _choose(qtbot, menu, "Delete account…")
    qtbot.waitUntil(lambda: modal.done)
    assert "2 entries" in modal.seen[0]
    assert len(account_names(db)) == 2
    modal.click("Delete")
    window.accounts.select_account(seeded.acme)
    window.record_editing.delete_account_action.trigger()
    qtbot.waitUntil(lambda: modal.done)
    assert [n for _i, n in account_names(db)] == ["Globex Corporation"]
    assert window.accounts.model.row_of(seeded.acme) is None
    _undo(qtbot, window)
    assert count_entries(db, seeded.acme) == 2
    assert window.accounts.model.row_of(seeded.acme) is not None
    assert [p.name for p in list_stakeholders(db, seeded.acme)] == ["Dana Smith"]


def test_people_add_edit_move_remove_from_the_people_tab(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    view = window.account_view
    view.tabs.setCurrentWidget(view.people_view)

    def add(widget: QWidget) -> bool:
        if not isinstance(widget, PersonDialog):
            return False
        assert widget.account.currentText() == "Acme Ltd"
        _type(widget.name, "Kim Park")
        _type(widget.job_title, "CFO")
        _type(widget.email, "kim at acme")
        _ok(widget)
        assert "not an email" in widget.problem.text()
        _type(widget.email, "kim@acme.example")
        _type(widget.phone, "+1 555 0100")
        _ok(widget)
        return True

    then(modal, add)
    menu = _context_menu(qtbot, view.people_view, 0)
    _choose(qtbot, menu, "Add a person…")
    qtbot.waitUntil(lambda: modal.done)
    people = {p.name: p for p in list_stakeholders(db, seeded.acme)}
    assert (people["Kim Park"].title, people["Kim Park"].email) == ("CFO", "kim@acme.example")
    assert view.people.rowCount() == 2
    kim_row = [i for i in range(2) if view.people.row_at(i).name == "Kim Park"][0]

    def move(widget: QWidget) -> bool:
        if not isinstance(widget, PersonDialog):
            return False
        for _ in range(100):  # the form opens in the account field
            if QApplication.focusWidget() in (widget.account, widget.account.lineEdit()):
                break
            QTest.qWait(20)
        assert QApplication.focusWidget() in (widget.account, widget.account.lineEdit())
        _complete(widget.account, "glob")
        assert widget.account.currentText() == "Globex Corporation"
        _ok(widget)
        return True

    then(modal, move)
    menu = _context_menu(qtbot, view.people_view, kim_row)
    _choose(qtbot, menu, "Move person to…")
    qtbot.waitUntil(lambda: modal.done)
    assert [p.name for p in list_stakeholders(db, seeded.globex)] == ["Kim Park"]
    assert [view.people.row_at(i).name for i in range(view.people.rowCount())] == ["Dana Smith"]

    menu = _context_menu(qtbot, view.people_view, 0)
    _choose(qtbot, menu, "Remove person")
    assert list_stakeholders(db, seeded.acme) == []
    assert "Removed Dana Smith" in window.statusBar().currentMessage()
    _undo(qtbot, window)
    assert [p.name for p in list_stakeholders(db, seeded.acme)] == ["Dana Smith"]
    assert view.people.rowCount() == 1


def test_team_member_from_the_team_page(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_team()
    view = window.account_view

    def add(widget: QWidget) -> bool:
        if not isinstance(widget, PersonDialog):
            return False
        assert widget.group.currentData() == "internal"
        assert widget.account.currentIndex() == 0  # no account: the team
        QTest.keyClicks(widget.name, "Alex Ortiz")
        _ok(widget)
        return True

    then(modal, add)
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL | SHIFT)
    qtbot.waitUntil(lambda: modal.done)
    assert "Alex Ortiz" in [p.name for p in list_stakeholders(db, team=True)]
    assert "Alex Ortiz" in [view.people.row_at(i).name for i in range(view.people.rowCount())]


def test_promise_and_entry_context_menus(
    qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    window.accounts.select_account(seeded.acme)
    view = window.account_view
    view.tabs.setCurrentWidget(view.commitments_view)
    menu = _context_menu(qtbot, view.commitments_view, 0)
    text = view.commitments.row_at(0).text
    _choose(qtbot, menu, "Mark done")
    done = {c.text: c.state for c in list_commitments(db, seeded.acme)}
    assert done[text] == "done"
    menu = _context_menu(qtbot, view.timeline_view, 0)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["New entry…", "Edit entry…", "Delete entry"]
    modal.click("Keep it")
    _choose(qtbot, menu, "Delete entry")
    qtbot.waitUntil(lambda: modal.done)
    assert count_entries(db, seeded.acme) == 2


def test_the_menu_key_opens_the_menu_of_the_current_row(
    qtbot: Any, window: Any, seeded: Seed
) -> None:
    window.accounts.select_account(seeded.globex)
    view = window.accounts.view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    # what Qt sends for the Menu key (or Shift+F10): a keyboard context menu event
    centre = view.viewport().rect().center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, centre, view.viewport().mapToGlobal(centre)
    )
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert any("Merge" in a.text() for a in menu.actions())
    QTest.keyClick(menu, Qt.Key.Key_Escape)
    assert window.accounts.current_account_id() == seeded.globex
