"""A rep's day, scripted from the keyboard and the menus, in one session: log a meeting
with a promise, review an account and export its brief, import a file. CI runs it on a
real X server (Xvfb, xcb); any Qt warning in the log fails it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from tests.ui.conftest import TODAY, Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

CTRL = Qt.KeyboardModifier.ControlModifier
CSV = Path(__file__).parent.parent / "data" / "csv" / "salesforce_Account.csv"


def _log_a_meeting_with_a_promise(qtbot: Any, window: Any, seeded: Seed) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = window.quick_entry
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account.edit)
    qtbot.keyClicks(dialog.account.edit, "acm")
    qtbot.waitUntil(lambda: dialog.account.completer.popup().isVisible())
    qtbot.keyClick(dialog.account.completer.popup(), Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.notes, "Site visit with Dana: they want the signed quote by Friday.")
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL)
    line = dialog.commitments.lines[0]
    qtbot.keyClicks(line.text, "Send the signed quote")
    qtbot.keyClick(line.text, Qt.Key.Key_Tab)
    qtbot.keyClick(line.owner, Qt.Key.Key_Tab)
    qtbot.keyClicks(line.due, "+2d")
    assert line.understood.text()  # the due date is understood, and shown whole
    qtbot.keyPress(dialog.notes, Qt.Key.Key_Return, CTRL)
    assert window.quick_entry is None
    promises = [
        c for c in window.journal.commitments(seeded.acme) if c.text == "Send the signed quote"
    ]
    assert len(promises) == 1 and promises[0].due == TODAY + dt.timedelta(days=2)
    assert window.accounts.current_account_id() == seeded.acme
    # read it back without opening the editor
    view = window.account_view.timeline_view
    view.setCurrentIndex(window.account_view.timeline.index(0, 0))
    assert "signed quote by Friday" in window.account_view.preview.toPlainText()


def _review_and_export_the_brief(
    qtbot: Any, window: Any, seeded: Seed, tmp_path: Path, monkeypatch: Any, modal: Any
) -> Path:
    window.activateWindow()  # back from the dialog, as the window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # the brief
    hub = window.review
    assert window.account_view.brief_shown
    qtbot.waitUntil(lambda: hub.brief.account_id == seeded.acme)
    assert "Send the signed quote" in hub.brief.browser.toPlainText()
    target = tmp_path / "Acme brief.pdf"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "PDF, A4 (*.pdf)")),
    )
    said: list[str] = []

    def notice(widget: QWidget) -> bool:
        if not isinstance(widget, QMessageBox):
            return False
        said.append(widget.informativeText())
        widget.button(QMessageBox.StandardButton.Ok).click()
        return True

    modal.then(notice)
    hub.export_brief_action.trigger()
    qtbot.waitUntil(lambda: modal.done)
    assert target.read_bytes().startswith(b"%PDF") and said == [str(target)]
    return target


def _import_a_file(qtbot: Any, window: Any) -> None:
    before = window.accounts.model.rowCount()
    window.transfers.import_action.trigger()
    dialog = window.transfers.import_dialog
    qtbot.waitExposed(dialog)
    dialog.path_edit.setText(str(CSV))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    created = dialog.plan.count("create")
    assert created > 0
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.accounts.model.rowCount() == before + created
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_a_reps_session_of_the_three_jobs(
    qtbot: Any, window: Any, seeded: Seed, tmp_path: Path, monkeypatch: Any, modal: Any
) -> None:
    _log_a_meeting_with_a_promise(qtbot, window, seeded)
    _review_and_export_the_brief(qtbot, window, seeded, tmp_path, monkeypatch, modal)
    _import_a_file(qtbot, window)
    # the day's promise is where the rep looks first thing: Due, then ticked done there
    hub = window.review
    with qtbot.waitSignal(hub.due.due_shown, timeout=5000):
        hub.show_due()
    hub.due.close()
    window.close()
