"""Keeps a form's draft in the journal: every few seconds and on every focus change.

Drafts are journal text, so they live in the encrypted journal (``Journal.save_draft``),
never in a plain file. Saves go through the task runner (one worker, in order), so a
later save always sees the draft id an earlier one created; a crash, a kill or a closed
lid loses at most ``INTERVAL_MS`` of typing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)

INTERVAL_MS: Final = 3000


class DraftKeeper(QObject):
    """Saves ``payload()`` as a draft when it changed; ``draft_saved`` after each save."""

    draft_saved = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        watched: QWidget,
        payload: Callable[[], dict[str, Any] | None],
        draft_id: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._watched = watched
        self._payload = payload
        # shared with operations running in the worker, which run one after the other
        self._ref: dict[str, int | None] = {"id": draft_id}
        self._last_text: str | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.save_if_changed)
        self._timer.start()
        app = QApplication.instance()
        self._connected = isinstance(app, QApplication)
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    @property
    def draft_ref(self) -> dict[str, int | None]:
        """The draft's id, as the worker sees it (for the operation that saves the entry)."""
        return self._ref

    def save_if_changed(self) -> None:
        if self._stopped:
            return
        payload = self._payload()
        if payload is None:
            return
        text = json.dumps(payload, sort_keys=True, default=str)
        if text == self._last_text:
            return
        self._last_text = text
        ref = self._ref

        def save(ctx: TaskContext) -> int:
            saved = ctx.journal.save_draft(payload, draft_id=ref["id"])
            ref["id"] = saved
            return saved

        self._runner.run(
            save,
            show_progress=False,
            on_success=self._on_saved,
            on_error=lambda exc: log.warning("could not save the draft: %s", exc),
        )

    def _on_saved(self, draft_id: int) -> None:
        self.draft_saved.emit(draft_id)

    def stop(self) -> None:
        """No more saves (the entry is being saved or discarded)."""
        self._stopped = True
        self._timer.stop()

    def resume(self) -> None:
        self._stopped = False
        self._timer.start()

    def discard(self) -> None:
        """Stop and delete the draft (the user threw the text away)."""
        self.stop()
        ref = self._ref

        def forget(ctx: TaskContext) -> None:
            if ref["id"] is not None:
                ctx.journal.delete_draft(ref["id"])
                ref["id"] = None

        self._runner.run(forget, show_progress=False)

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._stopped:
            return
        inside = any(w is not None and self._watched.isAncestorOf(w) for w in (old, new))
        if inside:
            self.save_if_changed()

    def detach(self) -> None:
        self.stop()
        app = QApplication.instance()
        if self._connected and isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_app_focus_changed)
        self._connected = False
