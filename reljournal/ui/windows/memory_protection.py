"""Journal → Protect memory (slower) (issue 17): SQLCipher's memory security, which wipes
every piece of memory the database frees and keeps it out of swap, on or off.

It is off by default because it makes daily work slower (search about nine times,
the dashboard two and a half; SECURITY.md has the figures). SQLCipher applies it to the
whole process and cannot turn it off again, so the choice takes effect at the next
start; the app turns it on then, before the journal is opened (``apply_at_start``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from reljournal.ui.settings import ENV_MEMORY_SECURITY as ENV_MEMORY_SECURITY
from reljournal.ui.settings import apply_memory_protection

# issue 18: kept in the settings module, so that the app applies it before Qt's widgets load
apply_at_start = apply_memory_protection


class MemoryProtectionAction(QObject):
    """The checkable menu item; ``on_changed`` keeps the choice in the settings."""

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        before: QAction,
        *,
        wanted: bool,
        active: bool,
        on_changed: Callable[[bool], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._active = active
        self._on_changed = on_changed
        self.action = QAction(self.tr("Pro&tect memory (slower)"), menu)
        self.action.setCheckable(True)
        self.action.setChecked(wanted)
        self.action.setToolTip(
            self.tr("Wipe what the journal frees from memory and keep it out of swap")
        )
        self.action.toggled.connect(self._on_toggled)
        menu.insertAction(before, self.action)

    def _on_toggled(self, checked: bool) -> None:
        self._on_changed(checked)
        if checked == self._active:
            text = self.tr("Memory protection stays as it is now.")
        elif checked:
            text = self.tr(
                "Memory protection will be on the next time RelJournal starts. Searching "
                "and the dashboard will be slower."
            )
        else:
            text = self.tr("Memory protection will be off the next time RelJournal starts.")
        QMessageBox.information(self._window, self.tr("Protect memory"), text)
