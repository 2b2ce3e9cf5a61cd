"""Notice that another program (the command line, a second window) changed the journal.

A timer on the GUI thread asks the journal every ``interval_ms`` whether another
connection committed something the window shows (``Journal.changed_elsewhere``: SQLite's
``data_version``, then a few cheap aggregates, so the drafts this app saves every few
seconds do not count); when it did, ``changed_elsewhere`` tells the window to re-read
what it shows, without a restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from reljournal.journal.facade import Journal

log = logging.getLogger(__name__)

INTERVAL_MS = 1500


class JournalWatch(QObject):
    """Polls the journal for commits made by others."""

    changed_elsewhere = Signal()

    def __init__(
        self, journal: Journal, parent: QObject | None = None, interval_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        journal.mark_seen()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms or INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def note_own_change(self) -> None:
        """This app changed the journal and has refreshed already."""
        self._journal.mark_seen()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if self._journal.changed_elsewhere():
            self.changed_elsewhere.emit()
