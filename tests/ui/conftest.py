"""Fixtures for the desktop app's tests: settings in a temporary file, a task runner that
runs operations synchronously, a small seeded journal, the main window, and a helper
that answers modal dialogs (message boxes and our own) while ``exec()`` runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from reljournal.core.model import Answer, Commitment, Entry, Stakeholder
from reljournal.core.records import EntryExtras
from reljournal.store.accounts import create_account
from reljournal.store.entries import save_entry
from reljournal.store.people import add_stakeholder
from reljournal.ui import qt_compat  # noqa: F401  (before any signal is emitted)
from tests.helpers.facade import facade

TODAY = dt.date(2025, 3, 12)


@dataclass
class Seed:
    acme: int
    globex: int
    dana: int
    entries: list[int]


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app (``ui/work/gui_gc.py``): a worker thread never collects dead widgets."""
    from reljournal.ui.work.gui_gc import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()


def seed_journal(db: Any) -> Seed:
    """Two accounts, a contact, a few entries with answers and promises, a team entry."""
    acme = create_account(db, "Acme Ltd", "Manufacturing")
    globex = create_account(db, "Globex Corporation", "Energy")
    dana = add_stakeholder(db, Stakeholder("Dana Smith", account_id=acme, title="Buyer"))
    add_stakeholder(db, Stakeholder("Sam Lee", group="internal", title="Pre-sales"))
    ids = []
    for day, notes in ((1, "First call about the quote."), (5, "Visit with Dana.")):
        entry = Entry(
            at=dt.datetime(2025, 3, day, 10, 0),
            kind="call",
            minutes=30,
            notes=notes,
            account_id=acme,
            stakeholder_ids=[dana],
            answers=[
                Answer(
                    "What are your expectations of the person you are going to buy from?",
                    f"Answer {day}: quick and accurate.",
                    dt.date(2025, 3, day),
                    speaker="Dana Smith",
                    speaker_id=dana,
                )
            ],
            commitments=[Commitment(f"Promise {day}", due=dt.date(2025, 3, day + 2))],
        )
        save_entry(db, entry, EntryExtras(health={"trust": 4}))
        assert entry.id is not None
        ids.append(entry.id)
    save_entry(db, Entry(at=dt.datetime(2025, 3, 2, 9, 0), kind="note", notes="Team sync."))
    return Seed(acme, globex, dana, ids)


@pytest.fixture
def seeded(db: Any) -> Seed:
    return seed_journal(db)


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    from reljournal.ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def sync_runner(journal: Any, qapp: QApplication) -> Iterator[Any]:
    from reljournal.ui.work.tasks import TaskRunner

    runner = TaskRunner(facade(journal), synchronous=True)
    yield runner
    runner.deleteLater()


@pytest.fixture
def window(qtbot: Any, journal: Any, seeded: Seed, sync_runner: Any, settings: Any) -> Any:
    from reljournal.ui.windows.main_window import MainWindow

    win = MainWindow(facade(journal), sync_runner, settings, today=TODAY)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def show_active(qtbot: Any, widget: QWidget) -> None:
    """Show a window and make it the active one, as a window manager does when the user
    starts the app (on a bare X server nothing activates a window by itself, and
    shortcuts only reach the active window)."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


# The offscreen platform plugin says so whenever a window uses a feature it lacks
# (size hints, raise, keyboard grabs of popups): a limit of the plugin, not of the app.
_PLATFORM_NOISE = "This plugin does not support "


@pytest.fixture
def no_qt_warnings(qtlog: Any) -> Iterator[None]:
    """Fail the test if Qt logged a warning (or worse) while it ran."""
    yield
    bad = [
        r.message
        for r in qtlog.records
        if r.type.value in (1, 2, 3) and not r.message.startswith(_PLATFORM_NOISE)
    ]
    assert not bad, f"Qt warnings: {bad}"


class ModalAnswerer:
    """Answers modal dialogs as they appear: each handler gets the active modal widget."""

    def __init__(self) -> None:
        self.handlers: list[Callable[[QWidget], bool]] = []
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def then(self, handler: Callable[[QWidget], bool]) -> ModalAnswerer:
        """Queue a handler; it returns True once it dealt with the dialog."""
        self.handlers.append(handler)
        return self

    def click(self, text: str) -> ModalAnswerer:
        """Queue a click on the message box button whose text (without &) is ``text``."""

        def handler(widget: QWidget) -> bool:
            if not isinstance(widget, QMessageBox):
                return False
            self.seen.append(widget.text())
            for button in widget.buttons():
                if button.text().replace("&", "") == text:
                    button.click()
                    return True
            raise AssertionError(f"no button {text!r} in {widget.text()!r}")

        return self.then(handler)

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not self.handlers or not widget.isVisible():
            return
        if self.handlers[0](widget):
            self.handlers.pop(0)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def done(self) -> bool:
        return not self.handlers


@pytest.fixture
def modal(qapp: QApplication) -> Iterator[ModalAnswerer]:
    answerer = ModalAnswerer()
    yield answerer
    answerer.stop()


def click_button(widget: QWidget, text: str) -> None:
    for button in widget.findChildren(QPushButton):
        if button.text().replace("&", "") == text and button.isVisible():
            button.click()
            return
    raise AssertionError(f"no button {text!r}")


@pytest.fixture(autouse=True, scope="session")
def _translations(qapp: QApplication) -> None:
    """The app's catalogues, installed as the app installs them at start (plural forms)."""
    from reljournal.ui.translations import install_translations

    install_translations(qapp)
