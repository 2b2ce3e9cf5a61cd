"""The app's exchange at start (issues 16 and 18 together): it begins only once the
window is on screen and the rest of the accounts is queued (``finish_start``), runs on
the task runner's thread, and what arrives shows in a list that first held only its
first screenful."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from reljournal.journal.sync import SyncReport
from reljournal.store.accounts import create_account
from reljournal.ui import settings as S
from reljournal.ui.windows.main_window import MainWindow
from reljournal.ui.work.tasks import TaskRunner
from tests.sync.devices import add_entry, first_computer, join
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

ACCOUNTS = 30
FIRST = 8


def test_the_exchange_at_start_waits_for_the_window_and_what_arrives_shows(
    qtbot: Any, tmp_path: Path
) -> None:
    desktop, recovery, folder = first_computer(tmp_path)
    db = desktop._db()  # noqa: SLF001 - many accounts quickly
    for n in range(ACCOUNTS):
        create_account(db, f"Account {n:02d}", "Retail")
    desktop.sync_now()
    laptop = join(tmp_path, "laptop", folder, recovery)
    add_entry(desktop, "Zulu Freight", "met at the trade fair")  # not on the laptop yet
    desktop.sync_now()

    on_worker: list[bool] = []
    exchange = laptop.sync_now

    def sync_now() -> SyncReport:
        on_worker.append(threading.current_thread() is not threading.main_thread())
        return exchange()

    laptop.sync_now = sync_now  # type: ignore[method-assign]
    runner = TaskRunner(laptop)
    settings = S.Settings(tmp_path / "settings.ini")
    window = MainWindow(laptop, runner, settings, today=TODAY, first_screen=FIRST)
    qtbot.addWidget(window)
    try:
        assert window.accounts.model.rowCount() == FIRST
        window.show()
        qtbot.waitExposed(window)
        window.attach_review_later(start=True)  # as the app does, once on screen
        qtbot.waitUntil(lambda: window._sync_wanted)
        qtbot.wait(100)
        assert on_worker == [] and not window.sync_exchange.running  # finish_start first
        assert window.accounts.model.rowCount() == FIRST
        with qtbot.waitSignal(window.sync_exchange.received, timeout=60_000):
            window.finish_start()
        assert on_worker == [True]  # on the task runner's thread, never the GUI's
        assert window.sync_exchange.running  # and every few minutes from now on
        qtbot.waitUntil(lambda: window.accounts.model.rowCount() == ACCOUNTS + 1)
        names = [
            window.accounts.model.account_at(r).name
            for r in range(window.accounts.model.rowCount())
        ]
        assert "Zulu Freight" in names and "Account 29" in names
        assert window.accounts.count.text() == f"{ACCOUNTS + 1} accounts"
    finally:
        window.close()  # one last exchange, queued: the runner waits for it
        runner.shutdown()
        runner.deleteLater()
        laptop.close()
        desktop.close()
