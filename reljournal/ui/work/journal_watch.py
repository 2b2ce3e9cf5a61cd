"""Notice that another program (the command line, a second window) changed the journal.

SQLite's ``PRAGMA data_version`` on a connection changes whenever *another* connection
commits to the same file; reading it costs no I/O beyond a shared-memory look-up. A
timer on the GUI thread reads it every ``interval_ms``; when it moved, a few cheap
aggregates over what the window shows (not the drafts the app itself saves every few
seconds through its worker's connection) tell whether to emit ``changed_elsewhere``,
so the window re-reads what it shows without a restart, and only then.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from sqlite_utils import Database

log = logging.getLogger(__name__)

INTERVAL_MS = 1500
_SHOWN = " UNION ALL ".join(
    f"SELECT count(*), ifnull(max(id), 0) FROM {table}"
    for table in (
        "accounts",
        "stakeholders",
        "entries",
        "commitments",
        "classifications",
        "overrides",
    )
)


class JournalWatch(QObject):
    """Polls ``db`` (the GUI thread's connection) for commits made by others."""

    changed_elsewhere = Signal()

    def __init__(
        self, db: Database, parent: QObject | None = None, interval_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._seen = self._version()
        self._shown = self._signature()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms or INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _version(self) -> int | None:
        try:
            return int(self._db.conn.execute("PRAGMA data_version").fetchone()[0])
        except Exception:  # a closed or failing connection: nothing to watch
            log.debug("data_version unavailable", exc_info=True)
            return None

    def _signature(self) -> tuple[object, ...] | None:
        try:
            return tuple(tuple(r) for r in self._db.conn.execute(_SHOWN))
        except Exception:
            log.debug("journal signature unavailable", exc_info=True)
            return None

    def note_own_change(self) -> None:
        """This app changed the journal (through its worker's connection) and has
        refreshed already: take the current state as seen."""
        self._seen = self._version()
        self._shown = self._signature()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        version = self._version()
        if version is None or version == self._seen:
            return
        self._seen = version
        shown = self._signature()
        if shown == self._shown:
            return  # e.g. a draft saved by this app's worker
        self._shown = shown
        self.changed_elsewhere.emit()
