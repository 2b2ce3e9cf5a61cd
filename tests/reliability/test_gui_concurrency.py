"""The desktop app while another program writes: the command line importing into
the open journal, and a second window on the same journal.

The window shows the other program's data without a restart (``JournalWatch``
notices the commit and the window re-reads), its own saves keep working while the
other writer runs, and nothing either of them wrote is lost.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.model import Entry
from reljournal.store.entries import save_entry
from reljournal.store.opening import unlock_journal
from tests.helpers.facade import facade
from tests.reliability.crash_ops import import_document_data
from tests.reliability.procs import cli_env, start_cli, write_json

pytest.importorskip("PySide6")


@pytest.fixture(autouse=True)
def _quick_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    from reljournal.ui.work import journal_watch

    monkeypatch.setattr(journal_watch, "INTERVAL_MS", 100)


def _window(qtbot: Any, journal: Any, tmp_path: Path, name: str = "a") -> Any:
    from reljournal.ui.settings import Settings
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    runner = TaskRunner(facade(journal), synchronous=True)
    window = MainWindow(facade(journal), runner, Settings(tmp_path / f"settings-{name}.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _names(window: Any) -> set[str]:
    model = window.accounts.model
    return {model.account_at(row).name for row in range(model.rowCount())}


def test_window_shows_a_cli_import_without_a_restart(
    qtbot: Any, journal: Any, recovery_key: str, tmp_path: Path
) -> None:
    window = _window(qtbot, journal, tmp_path)
    assert _names(window) == set()
    doc = write_json(tmp_path / "doc.json", import_document_data("cli", 300, dt.date(2024, 1, 1)))
    child = start_cli(
        ["import", str(doc), "--db", str(journal.path)], cli_env(tmp_path / "data", recovery_key)
    )
    saved = 0
    while child.poll() is None:  # the window's own saves go on meanwhile
        save_entry(journal.db, Entry(at=dt.datetime(2024, 2, 1, 9), notes=f"gui {saved}"))
        saved += 1
        qtbot.wait(5)
    _out, err = child.communicate()
    assert child.returncode == 0, err
    qtbot.waitUntil(lambda: "imp-cli-n300" in _names(window), timeout=5000)
    count = journal.db.execute("SELECT count(*) FROM entries WHERE notes LIKE 'gui %'").fetchone()
    assert count[0] == saved


def test_two_windows_on_one_journal_see_each_others_entries(
    qtbot: Any, journal: Any, tmp_path: Path
) -> None:
    from reljournal.store.accounts import create_account

    second = unlock_journal(journal.path)
    try:
        first_window = _window(qtbot, journal, tmp_path, "a")
        second_window = _window(qtbot, second, tmp_path, "b")
        create_account(journal.db, "Made in the first")
        create_account(second.db, "Made in the second")
        for window in (first_window, second_window):
            qtbot.waitUntil(
                lambda w=window: {"Made in the first", "Made in the second"} <= _names(w),
                timeout=5000,
            )
        second_window.watch.stop()
        second_window.close()
    finally:
        second.close()
