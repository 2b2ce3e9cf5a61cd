"""Journal → Sync… (issue 16): set sync up from the app, see its state, review a
conflict and put the lost value back; changes that arrive show in the window."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reljournal.ui.dialogs.sync_dialog import COL_FIELD, COL_KEPT, COL_LOST, COL_RECORD, SyncDialog
from reljournal.ui.theme import apply_theme
from reljournal.ui.work.tasks import TaskRunner
from tests.sync.devices import add_entry, dump, first_computer, join
from tests.sync.test_convergence import _edit

SHOTS = os.environ.get("RELJOURNAL_SCREENSHOTS", "")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_conflict_is_listed_and_the_lost_value_put_back(
    qtbot: Any, tmp_path: Path, theme: str, no_qt_warnings: None
) -> None:
    a, recovery, folder = first_computer(tmp_path)
    entry = add_entry(a, "Acme Logistics", "Kick-off with procurement")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    _edit(a, entry, notes="Budget approved for Q3; trial in May.")
    _edit(b, entry, notes="Budget on hold until the reorganisation.")
    a.sync_now()
    b.sync_now()
    runner = TaskRunner(b, synchronous=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        dialog = SyncDialog(b, runner)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.sync_button.isEnabled() and not dialog.choose_button.isVisible()
        assert dialog.others_label.text() == "1 seen"
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, COL_RECORD).text() == "2026-03-02 · Acme Logistics"
        assert dialog.table.item(0, COL_FIELD).text() == "Notes"
        kept, lost = (dialog.table.item(0, c).text() for c in (COL_KEPT, COL_LOST))
        assert {kept, lost} == {
            "Budget approved for Q3; trial in May.",
            "Budget on hold until the reorganisation.",
        }
        dialog.table.selectRow(0)
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"sync-conflict-{theme}.png"))
        with qtbot.waitSignal(dialog.journal_changed):
            qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 0 and not dialog.restore_button.isVisible()
        assert next(r for r in dump(b)["entries"] if r[0] == entry)[6] == lost
        b.sync_now()
        a.sync_now()
        assert dump(a) == dump(b)  # the value put back reached the other computer
    finally:
        apply_theme(app, "light")
        runner.deleteLater()
        a.close()
        b.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_sync_is_set_up_from_the_window_and_what_arrives_shows(
    qtbot: Any, window: Any, recovery_key: str, tmp_path: Path, theme: str, no_qt_warnings: None
) -> None:
    from reljournal.journal import opening

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        assert window.sync_action in window.menus.file_menu.actions()
        dialog = window.open_sync()
        qtbot.waitExposed(dialog)
        assert dialog.folder_label.text() == "Not synced"
        assert dialog.choose_button.isVisible() and not dialog.sync_button.isEnabled()
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"sync-not-set-up-{theme}.png"))
        folder = tmp_path / "Syncthing" / "RelJournal"
        folder.mkdir(parents=True)
        with qtbot.waitSignal(dialog.set_up):
            _answer_next_message_box(qtbot)
            dialog.set_up_in(folder)
        assert window.sync_exchange.running  # exchanging every few minutes from now on
        assert dialog.folder_label.text() == str(folder.resolve())
        # a laptop joins, records a meeting with a new customer and syncs
        laptop, _restored = opening.join_sync(
            folder, tmp_path / "laptop" / "journal.db", recovery_key=recovery_key
        )
        add_entry(laptop, "Northwind Traders", "First call: fleet renewal")
        laptop.sync_now()
        before = window.accounts.model.rowCount()
        with qtbot.waitSignal(window.sync_exchange.received):
            window.sync_exchange.exchange_now()
        assert window.accounts.model.rowCount() == before + 1
        dialog.refresh()
        assert dialog.others_label.text() == "1 seen"
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"sync-status-{theme}.png"))
            window.grab().save(str(Path(SHOTS) / f"sync-window-{theme}.png"))
        dialog.close()
        laptop.close()
    finally:
        apply_theme(app, "light")


def _answer_next_message_box(qtbot: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def close_it() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.accept()
                return
        QTimer.singleShot(20, close_it)

    QTimer.singleShot(20, close_it)
