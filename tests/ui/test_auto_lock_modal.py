"""Auto-lock while a modal dialog is open (issue 17): the dialog is not hidden (that would
end its ``exec()``: a question answered "no" for the user, what they typed lost, and the
dialog back after unlock with nobody waiting for it) but covered, with its title replaced;
the lock window comes above it and takes the input; after unlock the dialog is as it was
and still waits for its answer."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reljournal.ui.windows.auto_lock import AutoLock, ModalCover

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

SHORT = 1.5 / 60  # minutes


def test_the_app_locks_while_a_modal_dialog_is_open(qtbot: Any, window: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lock = AutoLock(app, window, window.journal, SHORT, window)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Delete Acme Dental?",
        "Delete the account Acme Dental and its 12 entries?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        window,
    )
    seen: dict[str, Any] = {}

    def while_open() -> None:
        qtbot.waitUntil(lambda: lock.locked, timeout=10_000)
        qtbot.wait(50)
        seen["exec ended while locked"] = "result" in seen
        seen["box shown"] = box.isVisible()
        seen["title"] = box.windowTitle()
        [cover] = box.findChildren(ModalCover)
        seen["covered"] = cover.isVisible() and cover.geometry() == box.rect()
        seen["main window shown"] = window.isVisible()
        seen["lock window"] = (
            lock.lock_window.isVisible(),
            lock.lock_window.windowModality() == Qt.WindowModality.ApplicationModal,
        )
        shots = os.environ.get("RELJOURNAL_SCREENSHOTS")
        if shots:
            box.grab().save(os.path.join(shots, "locked-modal-dialog.png"))
            lock.lock_window.grab().save(os.path.join(shots, "locked-modal-lock-window.png"))
            screen = QApplication.primaryScreen()
            screen.grabWindow(0).save(os.path.join(shots, "locked-modal-screen.png"))
        lock.lock_window.unlock_button.click()  # a keychain journal: Unlock checks the keychain
        seen["after unlock"] = (
            box.isVisible(),
            box.windowTitle(),
            bool([c for c in box.findChildren(ModalCover) if c.isVisible()]),
            window.isVisible(),
        )
        QTimer.singleShot(50, lambda: box.button(QMessageBox.StandardButton.No).click())

    QTimer.singleShot(0, while_open)
    seen["result"] = box.exec()
    lock.shutdown()
    assert seen["exec ended while locked"] is False
    assert seen["box shown"] and seen["covered"] and not seen["main window shown"]
    assert "Acme" not in seen["title"]
    assert seen["lock window"] == (True, True)
    assert seen["after unlock"] == (True, "Delete Acme Dental?", False, True)
    assert seen["result"] == QMessageBox.StandardButton.No  # the user's answer, after unlock


def test_without_a_modal_dialog_the_lock_window_is_not_modal(qtbot: Any, window: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lock = AutoLock(app, window, window.journal, 0, window)
    lock.lock()
    assert lock.lock_window.windowModality() == Qt.WindowModality.NonModal
    assert not window.isVisible() and not window.findChildren(ModalCover)
    lock.lock_window.unlock_button.click()
    assert window.isVisible()
    lock.shutdown()
