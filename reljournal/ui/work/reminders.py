"""Desktop reminders of what is due: at start and once a day while the app runs.

Uses ``QSystemTrayIcon`` where the desktop has a tray; elsewhere it does nothing.
The off switch and the date of the last reminder are settings
(``DESKTOP_REMINDERS``, ``REMINDER_LAST_SHOWN``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from reljournal.core.errors import RelJournalError
from reljournal.core.records import DueList
from reljournal.journal.facade import Journal
from reljournal.ui import settings as S
from reljournal.ui.work.read_worker import ReadWorker

log = logging.getLogger(__name__)

CHECK_EVERY_MS: Final = 30 * 60 * 1000
CHANNEL: Final = "reminder"


class DueNotifier(QObject):
    """``start()`` checks at once and then every half hour whether today's reminder is
    still to be shown. A click on the message emits ``due_requested`` (show the Due view)."""

    due_requested = Signal()
    reminded = Signal(str)  # the message shown (also when no tray exists, for tests)

    def __init__(
        self,
        journal: Journal,
        settings: S.Settings,
        icon: QIcon | None = None,
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        reader: ReadWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._today = today
        self._owns_worker = reader is None  # a shared reader is shut down by its owner
        self._worker = reader or ReadWorker(journal, self)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(icon or QIcon(), self)
            self._tray.messageClicked.connect(self.due_requested)
            self._tray.activated.connect(self._on_tray_activated)

    @property
    def enabled(self) -> bool:
        return self._settings.get(S.DESKTOP_REMINDERS)

    def set_enabled(self, enabled: bool) -> None:
        self._settings.set(S.DESKTOP_REMINDERS, bool(enabled))
        if enabled:
            self.start()
        else:
            self._timer.stop()
            if self._tray is not None:
                self._tray.hide()

    def start(self) -> None:
        if not self.enabled:
            return
        self._timer.start()
        self.check()

    def shutdown(self) -> None:
        self._timer.stop()
        if self._owns_worker:
            self._worker.shutdown()
        if self._tray is not None:
            self._tray.hide()

    def check(self) -> None:
        """Show today's reminder unless it was shown already or reminders are off."""
        today = self._today()
        if not self.enabled or self._settings.get(S.REMINDER_LAST_SHOWN) == today.isoformat():
            return
        self._worker.submit(
            CHANNEL, lambda journal: (journal.due_list(today), journal.count_meetings_to_log())
        )

    def _on_worker_finished(self, channel: str, token: int, result: object) -> None:
        to_log = 0
        if isinstance(result, tuple) and len(result) == 2:  # with the meetings to log
            result, to_log = result
        if channel != CHANNEL or not isinstance(result, DueList) or not self.enabled:
            return
        self._settings.set(S.REMINDER_LAST_SHOWN, result.today.isoformat())
        if result.total == 0 and not to_log:
            return
        message = self.message_for(result, to_log)
        if self._tray is not None:
            self._tray.show()
            self._tray.showMessage(
                self.tr("RelJournal: what is due"), message, QSystemTrayIcon.MessageIcon.Information
            )
        self.reminded.emit(message)

    def _on_worker_failed(self, channel: str, token: int, error: object) -> None:
        if channel == CHANNEL and not isinstance(error, RelJournalError):
            log.warning("the due reminder could not be prepared: %s", error)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.due_requested.emit()

    def message_for(self, due: DueList, to_log: int = 0) -> str:
        parts = []
        if due.overdue:
            parts.append(self.tr("%n commitment(s) overdue", "", len(due.overdue)))
        if due.due_today:
            parts.append(self.tr("%n due today", "", len(due.due_today)))
        if due.contacts:
            parts.append(self.tr("%n account(s) to get in touch with", "", len(due.contacts)))
        if to_log:  # issue 14: meetings from the calendar not yet logged
            parts.append(self.tr("%n meeting(s) to log", "", to_log))
        return ", ".join(parts) + "."
