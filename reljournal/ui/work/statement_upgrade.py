"""After a classifier upgrade, read every entry again - once, in the background.

Entries are read (statements, speakers, stances) when they are saved; a new version of
the classifier reads differently, so the stored readings of an older one are read
again. ``StatementUpgrade.start`` asks the journal how many entries are outdated (off
the GUI thread) and, if any, reads them on the task runner's worker while a progress
bar in the window's status bar shows how far it got; the window stays usable. When it
is done every account has been classified from the new stances.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from reljournal.core.errors import CancelledError
from reljournal.journal.facade import Journal
from reljournal.ui.work.tasks import Task, TaskContext, TaskRunner

log = logging.getLogger(__name__)


class StatementUpgrade(QObject):
    finished = Signal(int)  # how many entries were read again (0: nothing was outdated)

    def __init__(self, journal: Journal, runner: TaskRunner, window: QMainWindow) -> None:
        super().__init__(window)
        self._journal = journal
        self._runner = runner
        self._window = window
        self._bar: QProgressBar | None = None
        self._label: QLabel | None = None
        self.task: Task | None = None

    def start(self) -> None:
        if self.task is not None:
            return
        self.task = self._runner.run(
            _read_outdated,
            title=self.tr("Reading the journal with the new classifier…"),
            parent_widget=self._window,
            show_progress=False,
            on_success=self._on_task_succeeded,
            on_error=self._on_task_failed,
        )
        self.task.progressed.connect(self._on_task_progressed)

    def _on_task_progressed(self, done: int, total: int) -> None:
        if total <= 0:
            return
        if self._bar is None:
            status = self._window.statusBar()
            self._label = QLabel(self.tr("Reading the journal with the new classifier…"))
            self._bar = QProgressBar()
            self._bar.setMaximumWidth(self._window.fontMetrics().averageCharWidth() * 30)
            status.addPermanentWidget(self._label)
            status.addPermanentWidget(self._bar)
        self._bar.setRange(0, total)
        self._bar.setValue(done)
        self._bar.setFormat(self.tr("%v of %m entries"))

    def _on_task_succeeded(self, read: object) -> None:
        count = read if isinstance(read, int) else 0
        self._remove_bar()
        if count:
            self._window.statusBar().showMessage(
                self.tr("%n entries read with the new classifier.", "", count), 8000
            )
            log.info("%d entries read again with the new classifier", count)
        self.finished.emit(count)

    def _on_task_failed(self, error: BaseException) -> None:
        self._remove_bar()
        if isinstance(error, CancelledError):
            log.info("reading the journal again was cancelled; it goes on next time")
        else:
            # Not fatal: an outdated entry is read when its account is next classified.
            log.error("reading the journal again failed", exc_info=error)
        self.finished.emit(0)

    def _remove_bar(self) -> None:
        status = self._window.statusBar()
        for widget in (self._label, self._bar):
            if widget is not None:
                status.removeWidget(widget)
                widget.deleteLater()
        self._bar = self._label = None


def _read_outdated(ctx: TaskContext) -> int:
    if ctx.journal.outdated_statements() == 0:
        return 0
    return ctx.journal.rescore_statements(progress=ctx.progress, should_cancel=ctx.should_cancel)
