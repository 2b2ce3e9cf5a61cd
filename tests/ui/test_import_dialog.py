"""The import dialog: file → mapping → summary → import, on a synchronous task runner."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reljournal.ui.dialogs import import_dialog as D
from tests.helpers.facade import facade

DATA = Path(__file__).parent.parent / "data" / "csv"


def _count(db: Any, table: str) -> int:
    return int(db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _dialog(qtbot: Any, sync_runner: Any) -> D.ImportDialog:
    dialog = D.ImportDialog(sync_runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _to_summary(qtbot: Any, dialog: D.ImportDialog, path: Path, *, contacts: bool = False) -> None:
    dialog.path_edit.setText(str(path))
    if contacts:
        qtbot.mouseClick(dialog.contacts_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == D.PAGE_MAPPING
    qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    assert dialog.pages.currentIndex() == D.PAGE_SUMMARY


def test_salesforce_accounts_csv_is_imported(qtbot: Any, sync_runner: Any, db: Any) -> None:
    dialog = _dialog(qtbot, sync_runner)
    before = _count(db, "accounts")
    _to_summary(qtbot, dialog, DATA / "salesforce_Account.csv")
    created = dialog.plan.count("create")
    assert created > 0
    assert f"create {created}" in dialog.summary_label.text()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == D.PAGE_DONE
    assert _count(db, "accounts") == before + created
    names = {r[0] for r in db.conn.execute("SELECT name FROM accounts")}
    assert any(n.startswith("Northwind Traders") for n in names)
    # the same file again changes nothing
    again = _dialog(qtbot, sync_runner)
    _to_summary(qtbot, again, DATA / "salesforce_Account.csv")
    assert not again.plan.changed
    assert not again.import_button.isEnabled()


def test_mapping_is_detected_and_can_be_changed(qtbot: Any, sync_runner: Any) -> None:
    dialog = _dialog(qtbot, sync_runner)
    dialog.path_edit.setText(str(DATA / "salesforce_Account.csv"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    mapping = dialog.current_mapping()
    headers = dialog.table.headers
    assert mapping.fields[headers.index("Name")] == "name"
    assert "name" in [
        dialog.preview_table.horizontalHeaderItem(c).text()
        for c in range(dialog.preview_table.columnCount())
    ]
    dialog.set_field("Name", "")
    assert "name" not in dialog.current_mapping().fields.values()


def test_unmapped_name_is_refused_with_a_message(
    qtbot: Any, sync_runner: Any, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(D, "show_error", lambda _p, exc: shown.append(str(exc)))
    dialog = _dialog(qtbot, sync_runner)
    dialog.path_edit.setText(str(DATA / "salesforce_Account.csv"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    dialog.set_field("Name", "")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == D.PAGE_MAPPING
    assert shown and "name" in shown[0]


def test_cancelled_import_leaves_the_journal_unchanged(
    qtbot: Any, sync_runner: Any, db: Any, modal: Any, monkeypatch: Any
) -> None:
    from reljournal.journal.facade import Journal

    real_apply = Journal.apply_import_plan

    def cancelled_apply(self: Any, plan: Any, **_kw: Any) -> Any:
        return real_apply(self, plan, should_cancel=lambda: True)

    monkeypatch.setattr(Journal, "apply_import_plan", cancelled_apply)
    dialog = _dialog(qtbot, sync_runner)
    # (a Salesforce Contact.csv alone names accounts only by id: nothing to import)
    _to_summary(qtbot, dialog, DATA / "hubspot_contacts.csv", contacts=True)
    before = (_count(db, "accounts"), _count(db, "stakeholders"))
    modal.click("OK")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert modal.done
    assert dialog.pages.currentIndex() == D.PAGE_SUMMARY
    assert (_count(db, "accounts"), _count(db, "stakeholders")) == before
    assert dialog.import_button.isEnabled()


def test_cancel_in_the_worker_thread_leaves_the_journal_unchanged(
    qtbot: Any, journal: Any, db: Any
) -> None:

    from reljournal.ui.work.tasks import TaskRunner

    runner = TaskRunner(facade(journal))
    try:
        dialog = _dialog(qtbot, runner)
        dialog.path_edit.setText(str(DATA / "salesforce_Account.csv"))
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == D.PAGE_MAPPING)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == D.PAGE_SUMMARY)
        before = _count(db, "accounts")
        gate = threading.Event()  # holds the worker so the cancel comes first
        runner.run(lambda _ctx: gate.wait(5), show_progress=False)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.busy and not dialog.close_button.isEnabled()
        dialog.reject()  # Esc while it writes: the dialog stays
        assert dialog.isVisible()
        assert dialog.task is not None
        dialog.task.cancel()
        gate.set()
        found: list[bool] = []

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                found.append("unchanged" in box.text())
                box.accept()

        timer = QTimer()
        timer.timeout.connect(answer)
        timer.start(20)
        assert runner.wait_idle()
        qtbot.waitUntil(lambda: bool(found))
        timer.stop()
        assert found == [True]
        assert not dialog.busy and dialog.pages.currentIndex() == D.PAGE_SUMMARY
        assert _count(db, "accounts") == before
    finally:
        runner.shutdown()
        runner.deleteLater()  # as tests/ui/test_tasks.py does: a runner left to the GC crashed
