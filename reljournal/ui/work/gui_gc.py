"""Cyclic garbage collection on the GUI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is
crossed, often a worker thread of the task runner. A dead dialog or widget found there
is handed back by PySide to the GUI thread to be destroyed, and a widget destroyed that
way crashed the process (seen with a demo journal being filled while the dialogs of the
start-up had just become garbage). So the automatic collector is switched off and this
timer runs the same generational collection on the GUI thread, about once a second
(a few microseconds when there is nothing to do; no wake-up cost worth measuring).
"""

from __future__ import annotations

import gc
import logging
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS: Final = 1000


class GuiThreadCollector(QObject):
    """Runs ``gc.collect`` on the GUI thread with the collector's own thresholds."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start(interval_ms)
        gc.disable()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def _on_timer_timeout(self) -> None:
        young, middle, old = gc.get_count()
        if young < self._thresholds[0]:
            return
        generation = 0
        if middle >= self._thresholds[1]:
            generation = 2 if old >= self._thresholds[2] else 1
        gc.collect(generation)
