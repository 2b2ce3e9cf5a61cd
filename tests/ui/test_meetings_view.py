"""The "To log" list in the app (issue 14): its count in the main window, Enter opening
the quick entry filled in from the meeting, saving logging it, Del dismissing, assigning
an unknown address, a refused file leaving the list as it was, the subscription's quiet
status line, and the daily reminder naming the meetings to log."""

from __future__ import annotations

import datetime as dt
import functools
import os
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from reljournal.core.records import DueList
from reljournal.journal.facade import Journal
from reljournal.journal.transfer import read_journal_document
from reljournal.ui.settings import Settings
from reljournal.ui.views.meetings_view import AssignAddressDialog, MeetingsDialog
from reljournal.ui.work.calendar_feed import CalendarSubscription
from tests.helpers.facade import facade
from tests.store.test_calendar_feed import SECRET, certificate, server, trusted  # noqa: F401
from tests.ui.conftest import ModalAnswerer, show_active

DATA = Path(__file__).parents[1] / "data" / "calendars"
ME = ["sam.taylor@tandem-medical.example"]
SHOTS = Path(os.environ.get("RELJOURNAL_SHOTS", "/tmp/reljournal-shots"))
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def utc() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def rep(journal: Any, utc: None) -> Journal:
    j = facade(journal)
    j.import_document(read_journal_document(str(DATA / "journal.json")))
    for name, since, until in (
        ("25_cn_and_text_escapes_apple.ics", "2025-05-01", "2025-05-31"),
        ("30_domain_votes_google.ics", "2025-06-01", "2025-06-30"),
    ):
        j.import_calendar((DATA / "cases" / name).read_bytes(), ME,
                          dt.date.fromisoformat(since), dt.date.fromisoformat(until))  # fmt: skip
    return j


@pytest.fixture
def main(qtbot: Any, rep: Journal, sync_runner: Any, tmp_path: Path) -> Any:
    from reljournal.ui.windows.main_window import MainWindow

    win = MainWindow(rep, sync_runner, Settings(tmp_path / "s.ini"), today=dt.date(2025, 7, 1))
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def open_list(qtbot: Any, main: Any) -> MeetingsDialog:
    qtbot.keyClick(main, Qt.Key.Key_M, CTRL)
    dialog = main.meetings_dialog
    assert isinstance(dialog, MeetingsDialog)
    show_active(qtbot, dialog)
    return dialog


def select(dialog: MeetingsDialog, title_start: str) -> int:
    for row in range(dialog.model.rowCount()):
        meeting = dialog.model.meeting_at(row)
        assert meeting is not None
        if meeting.title.startswith(title_start):
            dialog.table.setCurrentIndex(dialog.model.index(row, 2))
            return meeting.id
    raise AssertionError(f"no meeting {title_start!r}")


def test_enter_logs_the_meeting_from_a_filled_in_quick_entry(
    qtbot: Any, main: Any, rep: Journal, no_qt_warnings: None
) -> None:
    total = rep.count_meetings_to_log()
    assert total == 7
    assert main.to_log_button.text() == "To log: 7 meetings"
    shot(main, "main_window_to_log_count")
    dialog = open_list(qtbot, main)
    assert dialog.model.rowCount() == total
    meeting_id = select(dialog, "Acme Dental: pricing")
    shot(dialog, "meetings_to_log")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    entry = main.quick_entry
    assert entry is not None
    qtbot.waitExposed(entry)
    assert entry.windowTitle() == "Log meeting"
    assert entry.account.target.name == "Acme Dental"
    assert entry.minutes.value() == 90
    assert entry.kind.currentData() == "meeting"
    assert entry.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2025-05-12 12:00"
    label = entry.meeting_label.text()
    assert "pricing, terms; next steps Round 2 \\ final" in label
    for name in ("Dana Ruiz", "Piet Janssen", "Lee Park"):
        assert name in label
    shot(entry, "quick_entry_from_meeting")
    qtbot.keyClicks(entry.notes, "Agreed on the terms; pricing by Friday.")
    show_active(qtbot, entry)
    qtbot.keyPress(entry.notes, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: main.quick_entry is None or bool(entry.status.text()))
    assert main.quick_entry is None, entry.status.text()
    assert rep.count_meetings_to_log() == total - 1
    assert dialog.model.row_of(meeting_id) is None
    assert main.to_log_button.text() == "To log: 6 meetings"
    saved = rep.entries(rep.find_account("Acme Dental").id)[0]
    assert saved.title.startswith("Acme Dental: pricing") and saved.minutes == 90
    assert set(saved.people) == {"Dana Ruiz", "Piet Janssen", "Lee Park"}


def test_del_dismisses(qtbot: Any, main: Any, rep: Journal, no_qt_warnings: None) -> None:
    dialog = open_list(qtbot, main)
    meeting_id = select(dialog, "Northwind")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.model.row_of(meeting_id) is None
    assert rep.count_meetings_to_log() == 6
    assert main.to_log_button.text() == "To log: 6 meetings"
    assert dialog.current_meeting() is not None  # the next one is selected
    assert main.menus.undo.text() == '&Undo Dismiss “Northwind: "Q3 volumes" \\ draft”'
    main.undo()  # Ctrl+Z: back on the list
    assert dialog.model.row_of(meeting_id) is not None
    assert main.to_log_button.text() == "To log: 7 meetings"


def test_assign_an_unknown_address(
    qtbot: Any, main: Any, rep: Journal, modal: ModalAnswerer, no_qt_warnings: None
) -> None:
    dialog = open_list(qtbot, main)
    select(dialog, "Initech intro")
    current = dialog.current_meeting()
    assert current is not None and current.unmatched == ("bill@initech.example",)
    assert current.account is None and dialog.assign_button.isEnabled()

    def answer(widget: Any) -> bool:
        if not isinstance(widget, AssignAddressDialog):
            return False
        assert widget.account.currentData() is None  # no account yet: the team first
        widget.findChild(QLineEdit).setText("Bill Lumbergh")  # in the journal, no email
        widget.account.setCurrentIndex(widget.account.findText("Initech Health"))
        shot(widget, "assign_address")
        widget.accept()
        return True

    modal.then(answer)
    dialog.assign_selected()
    assert modal.done
    updated = dialog.current_meeting()
    assert updated is not None and updated.unmatched == ()
    assert updated.account == "Initech Health"
    assert [name for _, name in updated.people] == ["Bill Lumbergh"]
    assert [p.email for p in rep.people(updated.account_id)] == ["bill@initech.example"]
    assert not dialog.assign_button.isEnabled()


def test_a_bad_file_is_one_message_and_changes_nothing(
    qtbot: Any, main: Any, rep: Journal, modal: ModalAnswerer, no_qt_warnings: None
) -> None:
    dialog = open_list(qtbot, main)
    before = rep.meetings_queue()
    modal.click("OK")
    dialog.import_path(DATA / "bad" / "truncated_mid_vevent.ics")
    qtbot.waitUntil(lambda: modal.done)
    assert modal.seen == [
        "truncated_mid_vevent.ics: the file is cut short: END:VEVENT is missing "
        "(the file is truncated)."
    ]
    assert rep.meetings_queue() == before
    dialog.import_path(DATA / "cases" / "31_partner_google.ics")  # outside the default window
    assert "31_partner_google.ics: 0 meetings" in dialog.status.text()


def test_subscription_fetches_off_the_gui_thread_and_fails_quietly(
    qtbot: Any,
    main: Any,
    rep: Journal,
    server: str,  # noqa: F811
    trusted: ssl.SSLContext,  # noqa: F811
) -> None:
    rep.set_calendar_subscription(server + SECRET)
    feed = CalendarSubscription(
        rep, main.runner, main, fetch=functools.partial(_fetch_checked, context=trusted),
        today=lambda: dt.date(2025, 11, 30),
    )  # fmt: skip
    feed.updated.connect(lambda _o: main.refresh_meetings())
    feed.message.connect(lambda text: main.statusBar().showMessage(text))
    with qtbot.waitSignal(feed.updated, timeout=10_000):
        feed.start()
    assert rep.count_meetings_to_log() == 7 + 6
    assert main.to_log_button.text() == "To log: 13 meetings"
    assert main.statusBar().currentMessage() == "Calendar updated: 13 meetings to log."
    rep.set_calendar_subscription(server + SECRET.replace("basic", "gone"))
    with qtbot.waitSignal(feed.updated, timeout=10_000):
        feed.refresh()
    line = main.statusBar().currentMessage()
    assert line == "Calendar not updated: 127.0.0.1 answered 404 Not Found"
    assert "gone" not in line
    shot(main, "main_window_feed_failed")
    feed.shutdown()


def _fetch_checked(url: str, *, context: ssl.SSLContext) -> bytes:
    from reljournal.journal.calendar_feed import fetch_feed

    assert QApplication.instance() is not None
    import threading

    assert threading.current_thread() is not threading.main_thread(), "fetched on the GUI thread"
    return fetch_feed(url, context=context)


def test_daily_reminder_names_the_meetings_to_log(qtbot: Any, main: Any) -> None:
    from reljournal.ui.work.reminders import DueNotifier

    notifier = DueNotifier(main.journal, main.settings, today=lambda: dt.date(2025, 7, 1))
    try:
        with qtbot.waitSignal(notifier.reminded, timeout=5000) as blocker:
            notifier.start()
        assert blocker.args == ["7 meetings to log."]
        empty = DueList(dt.date(2025, 7, 1), [], [], [])
        assert notifier.message_for(empty, 1) == "1 meeting to log."
    finally:
        notifier.shutdown()


def test_an_empty_list_says_how_to_fill_it(qtbot: Any, main: Any, rep: Journal) -> None:
    for meeting in rep.meetings_queue():
        rep.dismiss_meeting(meeting.id)
    main.refresh_meetings()
    assert main.to_log_button.text() == "To log: 0 meetings"
    dialog = open_list(qtbot, main)
    assert "Import your calendar" in dialog.heading.text()
    assert not dialog.log_button.isEnabled() and not dialog.dismiss_button.isEnabled()
    shot(dialog, "meetings_to_log_empty")
    dialog.close()
    qtbot.waitUntil(lambda: main.meetings_dialog is None)
    assert isinstance(dialog, QDialog)


def test_meetings_model_passes_the_model_tester(qtmodeltester: Any, rep: Journal) -> None:
    from reljournal.ui.models.meetings_model import COL_UNMATCHED, MeetingsModel

    model = MeetingsModel()
    model.set_meetings(rep.meetings_queue())
    qtmodeltester.check(model, force_py=True)
    unknown = [model.index(r, COL_UNMATCHED).data() for r in range(model.rowCount())]
    assert unknown.count("bill@initech.example") == 1


def test_the_app_starts_the_subscription_with_the_window(qtbot: Any, main: Any) -> None:
    assert not main.calendar_feed.running
    main.attach_review_later(start=True)
    qtbot.waitUntil(lambda: main.calendar_feed.running, timeout=5000)
    assert not main.calendar_feed.busy  # no address: nothing to fetch


def test_a_calendar_imported_from_the_command_line_shows_up(
    qtbot: Any, main: Any, rep: Journal, journal: Any
) -> None:
    from reljournal.journal.facade import Journal as Facade
    from reljournal.store.opening import OpenJournal

    other = Facade(OpenJournal(journal.path, _second_connection(journal), journal.key))
    try:
        data = (DATA / "cases" / "12_rep_not_listed_outlook.ics").read_bytes()
        other.import_calendar(data, ME, dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    finally:
        other.close()
    qtbot.waitUntil(lambda: main.to_log_button.text() == "To log: 9 meetings", timeout=6000)


def _second_connection(journal: Any) -> Any:
    from reljournal.store.database import open_database

    return open_database(journal.path, journal.key)
