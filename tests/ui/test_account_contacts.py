"""An account's phones and addresses in the app (issue 13): shown under the account's
facts, edited by keyboard in Edit account… (Tab reaches them), a bad line refused with
the form left open, Ctrl+Z brings the old ones back. With RELJOURNAL_SCREENS_DIR set,
the header and the form are saved there as PNGs, light and dark."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reljournal.core.formats.contacts import ADDRESS, PHONE, ContactPoint
from reljournal.store.account_points import account_points, set_account_points
from reljournal.ui.dialogs.record_dialogs import AccountDialog
from reljournal.ui.theme import apply_theme
from tests.ui.conftest import Seed
from tests.ui.test_record_editing import CTRL, ERRORS, SHIFT, _undo, then

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


def _type_lines(widget: QWidget, text: str) -> None:
    """Type text with line breaks (Return between the lines)."""
    for index, line in enumerate(text.split("\n")):
        if index:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        if line:
            QTest.keyClicks(widget, line)


def _save(widget: QWidget, name: str) -> None:
    folder = os.environ.get("RELJOURNAL_SCREENS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture(params=["light", "dark"])
def theme(request: Any, qapp: QApplication) -> Any:
    """The theme, applied before the window is made (a fixture listed before ``window``)."""
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, "light")


def test_an_accounts_phones_and_addresses_shown_and_edited(
    theme: str, qtbot: Any, window: Any, seeded: Seed, db: Any, modal: Any
) -> None:
    try:
        set_account_points(
            db,
            seeded.acme,
            [
                ContactPoint(PHONE, "+44 20 7946 0400", "main", True, "+442079460400"),
                ContactPoint(ADDRESS, "1 Canada Square\nLevel 12\nLondon E14 5AB", "", True),
            ],
        )
        window.reload_all()  # as after an import
        window.accounts.select_account(seeded.acme)
        header = window.account_view.contacts
        assert header.isVisible()
        assert header.text() == "Main +44 20 7946 0400 · 1 Canada Square, Level 12, London E14 5AB"
        _save(window, f"account-contacts-window-{theme}")

        def fill(widget: QWidget) -> bool:
            if not isinstance(widget, AccountDialog):
                return False
            assert widget.phones.toPlainText() == "Main: +44 20 7946 0400"
            assert widget.addresses.toPlainText() == "1 Canada Square\nLevel 12\nLondon E14 5AB"
            widget.website.setFocus()
            QTest.keyClick(widget.website, Qt.Key.Key_Tab)  # the phones come next
            assert widget.focusWidget() is widget.phones
            widget.phones.moveCursor(widget.phones.textCursor().MoveOperation.End)
            _type_lines(widget.phones, "\nask for Sam")
            _save(widget, f"account-contacts-form-{theme}")
            widget.buttons.button(widget.buttons.StandardButton.Ok).click()
            assert 'Phone line 2: "ask for Sam" is not a phone number.' in widget.problem.text()
            assert widget.isVisible()
            for _ in range(len("ask for Sam")):
                QTest.keyClick(widget.phones, Qt.Key.Key_Backspace)
            QTest.keyClicks(widget.phones, "Fax: +44 20 7946 0999")
            QTest.keyClick(widget.phones, Qt.Key.Key_Tab)  # then the addresses
            assert widget.focusWidget() is widget.addresses
            widget.addresses.moveCursor(widget.addresses.textCursor().MoveOperation.End)
            _type_lines(widget.addresses, "\n\nWarehouse:\nDock 4, Tilbury")
            widget.buttons.button(widget.buttons.StandardButton.Ok).click()
            return True

        then(modal, fill)
        qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)
        qtbot.waitUntil(lambda: modal.done)
        assert not ERRORS
        points = account_points(db, seeded.acme)
        assert [(p.kind, p.label, p.value, p.preferred) for p in points] == [
            (PHONE, "main", "+44 20 7946 0400", True),
            (PHONE, "fax", "+44 20 7946 0999", False),
            (ADDRESS, "", "1 Canada Square\nLevel 12\nLondon E14 5AB", True),
            (ADDRESS, "warehouse", "Dock 4, Tilbury", False),
        ]
        assert "Fax +44 20 7946 0999" in header.text()
        assert "Warehouse Dock 4, Tilbury" in header.text()
        _undo(qtbot, window)
        assert len(account_points(db, seeded.acme)) == 2
        assert "Fax" not in header.text()
    finally:
        if isinstance(QApplication.activeModalWidget(), QDialog):
            QApplication.activeModalWidget().reject()  # type: ignore[union-attr]
