"""Device sync at work in the app (issue 16): an exchange when the window opens, every
few minutes while it is open and when it closes, each through the task runner (never
on the GUI thread; the exchange itself runs in the sync worker process). When changes
arrive the window hears of it and shows them."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QTimer, Signal

from reljournal.core.errors import RelJournalError
from reljournal.journal.facade import Journal
from reljournal.ui.work.tasks import TaskContext, TaskRunner

if TYPE_CHECKING:  # issue 18: the sync code loads at the first exchange, not at start
    from reljournal.journal.sync import SyncReport

log = logging.getLogger(__name__)

EVERY_MS: Final = 5 * 60 * 1000


class SyncExchange(QObject):
    exchanged = Signal(object)  # SyncReport, after every exchange that ran
    received = Signal()  # changes from another computer are in the journal
    message = Signal(str)  # one quiet line for the status bar

    def __init__(self, journal: Journal, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._runner = runner
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(EVERY_MS)
        self._timer.timeout.connect(self.exchange_now)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Exchange now and every few minutes, if this journal is synced."""
        try:
            synced = self._journal.is_synced()
        except RelJournalError:
            log.info("sync state unreadable", exc_info=True)
            return
        if synced:
            self._timer.start()
            self.exchange_now()

    def stop(self) -> None:
        self._timer.stop()

    def exchange_now(self) -> None:
        if self._busy:
            return
        self._busy = True

        def work(ctx: TaskContext) -> SyncReport:
            return ctx.journal.sync_now()

        self._runner.run(
            work, show_progress=False, on_success=self._on_done, on_error=self._on_failed
        )

    def exchange_on_close(self) -> None:
        """The window closes: one last exchange, queued before the runner shuts down
        (which waits for it)."""
        if self.running and not self._busy:
            self._runner.run(
                lambda ctx: ctx.journal.sync_now(),
                show_progress=False,
                on_error=lambda exc: log.info("sync on close failed: %s", exc),
            )
        self.stop()

    def _on_done(self, report: SyncReport) -> None:
        self._busy = False
        if not report.ran:
            return
        self.exchanged.emit(report)
        if report.received_rows:
            self.received.emit()
        if report.message:
            self.message.emit(self._problem(report))
        elif report.received_rows or report.sent:
            self.message.emit(
                self.tr("Synced: %n record(s) from your other computers.", "", report.received_rows)
            )

    def _problem(self, report: SyncReport) -> str:
        if report.held:
            return self.tr(
                "Sync: another computer uses a newer RelJournal; update RelJournal on this "
                "computer to apply its changes."
            )
        return self.tr(
            "Sync: %n file(s) in the sync folder could not be applied.", "", len(report.refused)
        )

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        text = exc.message if isinstance(exc, RelJournalError) else type(exc).__name__
        if not isinstance(exc, RelJournalError):
            log.warning("sync failed", exc_info=exc)
        self.message.emit(self.tr("Not synced: %1").replace("%1", text))
