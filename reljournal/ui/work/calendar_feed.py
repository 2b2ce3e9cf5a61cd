"""The calendar subscription at work: its private address fetched over HTTPS when the
app starts and every 30 minutes, in a thread of its own (never on the GUI thread, and
never holding up the journal's writer while the network is slow); the import then runs
through the task runner like every write. A failure is one quiet status-bar line."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QTimer, Signal

from reljournal.core.errors import RelJournalError
from reljournal.journal.facade import Journal
from reljournal.ui.work.tasks import TaskContext, TaskRunner

if TYPE_CHECKING:  # issue 18: loaded at the first fetch, not with the window
    from reljournal.journal.meetings import FeedOutcome

log = logging.getLogger(__name__)

EVERY_MS: Final = 30 * 60 * 1000
Fetch = Callable[[str], bytes]


class CalendarSubscription(QObject):
    updated = Signal(object)  # FeedOutcome, after every refresh that had an address
    message = Signal(str)  # one quiet line for the status bar
    _fetched = Signal(object, str)  # bytes or None, the problem (from the fetch thread)

    def __init__(
        self,
        journal: Journal,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        fetch: Fetch | None = None,  # else fetch_feed (HTTPS)
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._runner = runner
        self._fetch: Fetch | None = fetch
        self._today = today
        self._busy = False
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(EVERY_MS)
        self._timer.timeout.connect(self.refresh)
        self._fetched.connect(self._on_fetched)

    def start(self) -> None:
        """Fetch now, then every 30 minutes."""
        self._timer.start()
        self.refresh()

    def shutdown(self) -> None:
        self._timer.stop()
        thread = self._thread
        if thread is not None:
            thread.join(0.1)  # a daemon thread: never holds up quitting

    @property
    def running(self) -> bool:
        """Whether the half-hourly refresh is on (started with the app)."""
        return self._timer.isActive()

    @property
    def busy(self) -> bool:
        return self._busy

    def refresh(self) -> None:
        if self._busy:
            return
        try:
            url = self._journal.calendar_subscription()
        except RelJournalError:
            log.info("calendar subscription unreadable", exc_info=True)
            return
        if not url:
            return
        self._busy = True
        self._thread = threading.Thread(
            target=self._fetch_in_thread, args=(url,), name="calendar-feed", daemon=True
        )
        self._thread.start()

    def _fetch_in_thread(self, url: str) -> None:
        if self._fetch is None:
            from reljournal.journal.calendar_feed import fetch_feed

            self._fetch = fetch_feed
        try:
            data: bytes | None = self._fetch(url)
            problem = ""
        except RelJournalError as exc:
            data, problem = None, exc.message
        except Exception as exc:  # never let the thread die silently
            log.warning("calendar subscription: unexpected %s", type(exc).__name__)
            data, problem = None, "the calendar could not be fetched"
        try:
            self._fetched.emit(data, problem)
        except RuntimeError:  # the app closed while the calendar was on its way
            log.info("calendar subscription: fetched after the window closed")

    def _on_fetched(self, data: object, problem: str) -> None:
        payload = data if isinstance(data, bytes) else None
        today = self._today()

        def work(ctx: TaskContext) -> FeedOutcome:
            return ctx.journal.apply_calendar_feed(payload, problem, today=today)

        self._runner.run(
            work,
            show_progress=False,
            on_success=self._on_applied,
            on_error=self._on_failed,
        )

    def _on_applied(self, outcome: FeedOutcome) -> None:
        self._busy = False
        if outcome.problem:
            line = self.tr("Calendar not updated: %1").replace("%1", outcome.problem)
            if outcome.result is not None:
                line += self.tr(" (the last copy was used)")
            self.message.emit(line)
        elif outcome.result is not None:
            self.message.emit(
                self.tr(
                    "Calendar updated: %n meeting(s) to log.",
                    "",
                    self._journal.count_meetings_to_log(),
                )  # fmt: skip
            )
        self.updated.emit(outcome)

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        text = exc.message if isinstance(exc, RelJournalError) else type(exc).__name__
        if not isinstance(exc, RelJournalError):
            log.warning("calendar subscription import failed", exc_info=exc)
        self.message.emit(self.tr("Calendar not updated: %1").replace("%1", text))
