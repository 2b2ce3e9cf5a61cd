"""The one helper that runs journal operations off the GUI thread.

``TaskRunner`` owns one worker thread. Operations run there one after the other (so
writes are serialized); the journal facade gives each thread its own connection, so a
connection never crosses threads (the worker's is closed when the runner shuts down).
An operation is a callable taking a ``TaskContext`` (``ctx.journal``,
``ctx.progress(done, total)``, ``ctx.should_cancel()``).
A progress dialog appears only if the operation is still running after ~500 ms; its
Cancel button sets ``should_cancel``. The result or the error comes back on the GUI
thread through the returned ``Task``'s signals (or the ``on_success``/``on_error``
callbacks, connected before the operation starts).

``TaskRunner(journal, synchronous=True)`` runs operations inline on the calling
thread: for tests that are not about concurrency.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reljournal.core.errors import CancelledError
from reljournal.journal.facade import Journal

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS: Final = 500
_PROGRESS_INTERVAL_S: Final = 0.05


class TaskContext:
    """What an operation gets: the journal, progress and cancel."""

    def __init__(
        self,
        journal: Journal | None,
        cancel_event: threading.Event,
        report: Callable[[int, int], None],
    ) -> None:
        self._journal = journal
        self._cancel = cancel_event
        self._report = report
        self._last = 0.0

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            raise RuntimeError("this task runner has no journal")
        return self._journal

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= _PROGRESS_INTERVAL_S:
            self._last = now
            self._report(done, total)

    def should_cancel(self) -> bool:
        return self._cancel.is_set()


Operation = Callable[[TaskContext], Any]


class Task(QObject):
    """One submitted operation, seen from the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, task_id: int, title: str, parent: QObject) -> None:
        super().__init__(parent)
        self.task_id = task_id
        self.title = title
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.cancel_event.set()

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        self.result, self.error = result, error
        if error is None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)
        self.finished.emit()


class _Worker(QObject):
    """Lives in the worker thread; runs jobs in the order they were posted."""

    job_progressed = Signal(int, int, int)
    job_ended = Signal(int, object, object)

    def __init__(self, journal: Journal | None) -> None:
        super().__init__()
        self._journal = journal

    @Slot(object)
    def run_job(self, job: tuple[int, Operation, threading.Event]) -> None:
        task_id, operation, cancel_event = job
        ctx = TaskContext(
            self._journal, cancel_event, lambda d, t: self.job_progressed.emit(task_id, d, t)
        )
        try:
            result = operation(ctx)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self.job_ended.emit(task_id, None, exc)
            return
        self.job_ended.emit(task_id, result, None)

    @Slot()
    def close(self) -> None:
        if self._journal is not None:
            self._journal.close_thread_connection()
        thread = QThread.currentThread()
        thread.quit()


class TaskRunner(QObject):
    """Runs operations in one worker thread (or inline with ``synchronous=True``)."""

    _job_posted = Signal(object)
    _close_posted = Signal()

    def __init__(
        self,
        journal: Journal | None = None,
        parent: QObject | None = None,
        *,
        synchronous: bool = False,
    ) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.journal = journal
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        if not synchronous:
            self._thread = QThread()
            self._thread.setObjectName("reljournal-worker")
            self._worker = _Worker(journal)
            self._worker.moveToThread(self._thread)
            self._job_posted.connect(self._worker.run_job)
            self._close_posted.connect(self._worker.close)
            self._worker.job_progressed.connect(self._on_worker_job_progressed)
            self._worker.job_ended.connect(self._on_worker_job_ended)
            self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(
        self,
        operation: Operation,
        *,
        title: str = "",
        parent_widget: QWidget | None = None,
        cancellable: bool = False,
        show_progress: bool = True,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Submit ``operation``; its result or error arrives through the returned task.

        Without ``on_error`` an error is shown by ``errors.show_error``, except a
        cancellation, which is only logged."""
        task = Task(next(self._ids), title, self)
        if on_success is not None:
            task.succeeded.connect(on_success)
        task.failed.connect(on_error or (lambda exc: _default_error(parent_widget, exc)))
        if self.synchronous:
            ctx = TaskContext(self.journal, task.cancel_event, task.progressed.emit)
            try:
                result = operation(ctx)
            except Exception as exc:
                task._finish(None, exc)
            else:
                task._finish(result, None)
            task.deleteLater()
            return task
        self._tasks[task.task_id] = task
        if show_progress:
            _ProgressWatcher(task, parent_widget, cancellable)
        self._job_posted.emit((task.task_id, operation, task.cancel_event))
        return task

    @Slot(int, int, int)
    def _on_worker_job_progressed(self, task_id: int, done: int, total: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.progressed.emit(done, total)

    @Slot(int, object, object)
    def _on_worker_job_ended(self, task_id: int, result: Any, error: Any) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        if isinstance(error, BaseException) and not isinstance(error, Exception):
            task._finish(None, RuntimeError(f"the operation was stopped: {error!r}"))
        else:
            task._finish(result, error)
        task.deleteLater()

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every submitted task has ended (or the timeout)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self._tasks and not deadline.hasExpired():
            QCoreApplication.processEvents()
            QThread.msleep(5)
        return not self._tasks

    def shutdown(self, timeout_ms: int = 15_000) -> None:
        """Finish the queued operations, close the worker's connection, stop the thread."""
        if self._thread is None:
            return
        self._close_posted.emit()
        if not self._thread.wait(timeout_ms):
            log.warning("the worker thread did not stop in time")
        self._thread = None


def _default_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, CancelledError):
        log.info("cancelled: %s", exc.message)
        return
    from reljournal.ui.errors import show_error

    show_error(parent, exc)


class _ProgressWatcher(QObject):
    """Shows a progress dialog for a task still running after ``PROGRESS_DELAY_MS``."""

    def __init__(self, task: Task, parent_widget: QWidget | None, cancellable: bool) -> None:
        super().__init__(task)
        self._task = task
        self._parent_widget = parent_widget
        self._cancellable = cancellable
        self._dialog: QProgressDialog | None = None
        self._last: tuple[int, int] = (0, 0)
        task.progressed.connect(self._on_task_progressed)
        task.finished.connect(self._on_task_finished)
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._on_delay_elapsed)

    def _on_delay_elapsed(self) -> None:
        if self._task.done:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self._task.title or self.tr("Working"))
        dialog.setLabelText(self._task.title or self.tr("Working…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if self._cancellable:
            dialog.setCancelButtonText(self.tr("Cancel"))
            dialog.canceled.connect(self._on_dialog_canceled)
        else:
            dialog.setCancelButton(None)
        done, total = self._last
        dialog.setRange(0, total)
        dialog.setValue(done)
        dialog.show()
        self._dialog = dialog

    def _on_dialog_canceled(self) -> None:
        self._task.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("Cancelling…"))
            self._dialog.show()

    def _on_task_progressed(self, done: int, total: int) -> None:
        self._last = (done, total)
        if self._dialog is not None and not self._task.cancel_event.is_set():
            self._dialog.setRange(0, total)
            self._dialog.setValue(done)

    def _on_task_finished(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
