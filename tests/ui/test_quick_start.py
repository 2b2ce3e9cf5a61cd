"""Issue 18's quick start: the main window reads only its first screenful of accounts
before it is shown, then the rest (on the task runner), the watch for other programs'
changes and the meetings count once it is on screen, and ends up exactly as a window that
read everything at once: every account, the count, the account selected last time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reljournal.store.accounts import create_account
from reljournal.ui import settings as S
from reljournal.ui.windows.main_window import MainWindow
from tests.helpers.facade import facade
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

ACCOUNTS = 45
FIRST = 10


@pytest.fixture
def many(db: Any) -> list[int]:
    """45 accounts named so that their order by name is known: Account 00 … Account 44."""
    return [create_account(db, f"Account {n:02d}", "Retail") for n in range(ACCOUNTS)]


def _window(qtbot: Any, journal: Any, runner: Any, settings: Any, first: int | None) -> Any:
    window = MainWindow(facade(journal), runner, settings, today=TODAY, first_screen=first)
    qtbot.addWidget(window)
    window.resize(760, 540)
    return window


def test_first_screenful_then_every_account_once_on_screen(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, settings: Any
) -> None:
    window = _window(qtbot, journal, sync_runner, settings, FIRST)
    pane = window.accounts
    assert pane.model.rowCount() == FIRST  # only what the first paint shows
    assert [pane.model.account_at(r).name for r in range(3)] == [
        "Account 00",
        "Account 01",
        "Account 02",
    ]
    assert pane.count.text() == f"{ACCOUNTS} accounts"  # the journal's, not the rows read
    assert window.watch is None  # not yet: once on screen
    window.show()
    qtbot.waitExposed(window)
    window.finish_start()
    assert pane.model.rowCount() == ACCOUNTS
    assert pane.count.text() == f"{ACCOUNTS} accounts"
    assert pane.current_account_id() == many[0]
    assert window.account_view.title.text() == "Account 00"
    assert window.watch is not None
    window.finish_start()  # a second call (the fallback timer) changes nothing
    assert pane.model.rowCount() == ACCOUNTS


def test_the_account_selected_last_time_comes_back_beyond_the_first_screenful(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, tmp_path: Path
) -> None:
    settings = S.Settings(tmp_path / "s.ini")
    settings.set_last_account(facade(journal).path, many[40])
    window = _window(qtbot, journal, sync_runner, settings, FIRST)
    assert window.account_view.title.text() == "Account 40"  # shown at once, no other first
    window.show()
    qtbot.waitExposed(window)
    window.finish_start()
    assert window.accounts.current_account_id() == many[40]
    assert window.account_view.title.text() == "Account 40"
    index = window.accounts.model.index(window.accounts.model.row_of(many[40]), 0)
    assert window.accounts.view.visualRect(index).intersects(window.accounts.view.rect())


def test_a_choice_made_before_the_rest_arrives_is_kept(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, tmp_path: Path
) -> None:
    settings = S.Settings(tmp_path / "s.ini")
    settings.set_last_account(facade(journal).path, many[40])
    window = _window(qtbot, journal, sync_runner, settings, FIRST)
    window.show()
    qtbot.waitExposed(window)
    window.accounts.select_account(many[3])  # the user clicked before the rest came
    window.accounts.filter.setText("Account 0")  # and typed a filter
    window.finish_start()
    assert window.accounts.current_account_id() == many[3]
    matching = sum("0" in f"{n:02d}" for n in range(ACCOUNTS))  # 00-09, 10, 20, 30, 40
    assert window.accounts.model.rowCount() == matching  # the filter applied to them all
    assert window.accounts.count.text() == f"{matching} of {ACCOUNTS} accounts"


def test_an_edit_before_the_rest_arrives_wins_over_the_older_read(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, settings: Any
) -> None:
    window = _window(qtbot, journal, sync_runner, settings, FIRST)
    window.show()
    qtbot.waitExposed(window)
    stale = window.journal.account_summaries(TODAY)
    window.reload_accounts()  # what an edit does (a new account, say)
    assert window.accounts.model.rowCount() == ACCOUNTS
    window._on_all_accounts_read(stale[:5])  # a late, older read is not applied
    assert window.accounts.model.rowCount() == ACCOUNTS


def test_a_small_journal_is_read_whole_at_once(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, settings: Any
) -> None:
    window = _window(qtbot, journal, sync_runner, settings, ACCOUNTS + 1)
    assert window.accounts.model.rowCount() == ACCOUNTS
    assert not window._accounts_partial  # nothing more to read once on screen


def test_what_waits_for_the_window_starts_once_it_is_on_screen(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, settings: Any
) -> None:
    """Today's automatic backup (and whatever else listens) starts after the first paint,
    not beside it."""
    window = _window(qtbot, journal, sync_runner, settings, FIRST)
    heard: list[bool] = []
    window.shown_with_accounts.connect(lambda: heard.append(True))
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert heard == []
    window.finish_start()
    qtbot.waitUntil(lambda: heard == [True])
    assert window.transfers.last_auto_backup is not None  # today's backup was made


def test_an_account_asked_for_before_the_rest_arrives_is_shown(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, settings: Any
) -> None:
    """Search, the dashboard or the Due list asking for an account beyond the first
    screenful before the rest was read: the list is read whole then, and it is shown."""
    window = _window(qtbot, journal, sync_runner, settings, FIRST)
    window.show()
    qtbot.waitExposed(window)
    window.show_account(many[30])
    assert window.accounts.current_account_id() == many[30]
    assert window.account_view.title.text() == "Account 30"
    assert window.accounts.model.rowCount() == ACCOUNTS
