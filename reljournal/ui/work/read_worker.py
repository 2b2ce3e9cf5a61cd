"""A background reader: runs read-only queries off the GUI thread on its own connection.

The review views (search, dashboard, due list) ask it for data and get the answer
back through signals on the GUI thread. A connection never crosses threads: the
journal facade opens a reader connection for the worker's thread and keeps it for
the next request. Each *channel* keeps only its newest request: a pending
older one is dropped and a running one is interrupted (``sqlite3_interrupt``), so
a fast typist never waits for the answers to stale queries.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reljournal.journal.facade import Journal

log = logging.getLogger(__name__)

Job = Callable[[Journal], Any]


class _NoCollection:
    """Python's cyclic garbage collector runs in whichever thread happens to allocate.
    Were it to run in a worker, it could destroy Qt objects (a closed dialog in a
    reference cycle) off the GUI thread and crash. While a job runs, no collection
    happens; afterwards the collector is back as it was (an app that collects on the
    GUI thread itself keeps it off)."""

    _lock = threading.Lock()
    _depth = 0
    _restore = False

    def __enter__(self) -> None:
        with _NoCollection._lock:
            if _NoCollection._depth == 0:
                _NoCollection._restore = gc.isenabled()
                gc.disable()
            _NoCollection._depth += 1

    def __exit__(self, *exc: object) -> None:
        with _NoCollection._lock:
            _NoCollection._depth -= 1
            if _NoCollection._depth == 0 and _NoCollection._restore:
                gc.enable()


class ReadWorker(QObject):
    """``submit(channel, fn)`` runs ``fn(journal)`` in the worker thread; ``finished(channel,
    token, result)`` or ``failed(channel, token, error)`` reports the newest request of a
    channel (older ones are never reported)."""

    finished = Signal(str, int, object)
    failed = Signal(str, int, object)

    def __init__(self, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._lock = threading.Condition(threading.Lock())  # waiting allocates no tuples
        self._pending: dict[str, tuple[int, Job]] = {}
        self._latest: dict[str, int] = {}
        self._running: tuple[str, int] | None = None
        self._connected = False
        self._thread_id: int | None = None
        self._token = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def submit(self, channel: str, job: Job) -> int:
        with self._lock:
            if self._stopping:
                return -1
            self._token += 1
            token = self._token
            self._pending[channel] = (token, job)
            self._latest[channel] = token
            if self._running is not None and self._running[0] == channel:
                self._interrupt()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="reljournal-reader", daemon=True
                )
                self._thread.start()
            self._lock.notify()
        return token

    def cancel(self, channel: str) -> None:
        """Forget the channel's pending request and stop its running one."""
        with self._lock:
            self._pending.pop(channel, None)
            self._latest[channel] = -1
            if self._running is not None and self._running[0] == channel:
                self._interrupt()

    def is_current(self, channel: str, token: int) -> bool:
        with self._lock:
            return self._latest.get(channel) == token

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop the thread (after interrupting its query) and close its connection."""
        with self._lock:
            self._stopping = True
            self._pending.clear()
            self._interrupt()
            self._lock.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _interrupt(self) -> None:
        if self._thread_id is not None and self._running is not None:
            self._journal.interrupt(self._thread_id)

    def _next(self, guard: _NoCollection) -> tuple[str, int, Job] | None:
        with self._lock:
            while not self._pending and not self._stopping:
                self._lock.wait()
            guard.__enter__()  # before this thread allocates anything
            if self._stopping:
                guard.__exit__()
                return None
            channel = min(self._pending, key=lambda c: self._pending[c][0])
            token, job = self._pending.pop(channel)
            self._running = (channel, token)
            return channel, token, job

    def _run(self) -> None:
        self._thread_id = threading.get_ident()
        guard = _NoCollection()
        try:
            while (item := self._next(guard)) is not None:
                try:
                    self._run_one(*item)
                finally:
                    guard.__exit__()
        finally:
            with guard:
                self._close()

    def _run_one(self, channel: str, token: int, job: Job) -> None:
        try:
            if not self._connected:
                self._journal.prepare_reader_thread()
                self._connected = True
            result: Any = job(self._journal)
            error: BaseException | None = None
        except Exception as exc:  # reported to the view, which shows it
            result, error = None, exc
        with self._lock:
            self._running = None
            current = self._latest.get(channel) == token and not self._stopping
        if current:
            self._emit(channel, token, result, error)
        del result, error

    def _emit(self, channel: str, token: int, result: Any, error: BaseException | None) -> None:
        try:
            if error is None:
                self.finished.emit(channel, token, result)
            else:
                if not _is_interrupt(error):
                    log.warning("background read failed", exc_info=error)
                self.failed.emit(channel, token, error)
        except RuntimeError:  # the receiving view is gone
            log.debug("reader result dropped: its receiver was deleted")

    def _close(self) -> None:
        if self._connected:
            self._connected = False
            self._journal.close_thread_connection()


def _is_interrupt(error: BaseException) -> bool:
    return "interrupt" in str(error).lower()
