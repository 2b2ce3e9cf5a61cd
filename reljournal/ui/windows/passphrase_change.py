"""Journal → Change passphrase… (issue 17), for a journal protected by a passphrase.

Re-encrypting needs the only connection to the journal (the app's reader threads hold
theirs), so the window asks for the passphrases, checks them, and closes; the app then
changes the passphrase with the journal closed (``change_passphrase``) and opens it
again, asking for the new passphrase. Nothing changes when the window is cancelled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from reljournal.core.errors import RelJournalError
from reljournal.journal import opening
from reljournal.journal.facade import Journal
from reljournal.ui.dialogs.key_dialogs import NewPassphraseDialog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PassphraseChange:
    path: Path
    current: str
    new: str


class PassphraseChangeAction(QObject):
    """The menu action; ``pending`` holds the change once the user confirmed it."""

    def __init__(self, window: QMainWindow, journal: Journal, menu: QMenu, before: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._journal = journal
        self.pending: PassphraseChange | None = None
        self.action = QAction(self.tr("Change &passphrase…"), menu)
        self.action.setEnabled(journal.is_passphrase_protected)
        self.action.triggered.connect(self._on_action_triggered)
        menu.insertAction(before, self.action)

    def _on_action_triggered(self) -> None:
        dialog = NewPassphraseDialog(
            self._window, check_current=lambda text: self._journal.check_secret(passphrase=text)
        )
        if dialog.exec() != NewPassphraseDialog.DialogCode.Accepted:
            return
        self.pending = PassphraseChange(
            self._journal.path, dialog.current.text(), dialog.passphrase
        )
        log.info("passphrase change asked for; closing the journal to re-encrypt it")
        self._window.close()


def change_passphrase(change: PassphraseChange, parent: QWidget | None = None) -> bool:
    """Change the passphrase with the journal closed; say how it went."""
    tr = QCoreApplication.translate
    title = tr("PassphraseChange", "Change the passphrase")
    try:
        journal = opening.unlock(change.path, passphrase=change.current)
        try:
            rekeyed = journal.change_passphrase(change.current, change.new)
        finally:
            journal.close()
    except RelJournalError as exc:
        log.info("passphrase change refused: %s", type(exc).__name__)
        QMessageBox.warning(
            parent, title, tr("PassphraseChange", "{0}\n\nNothing was changed.").format(exc.message)
        )
        return False
    text = tr("PassphraseChange", "The journal is now protected by the new passphrase.")
    if rekeyed.rekeyed:
        text += "\n" + tr(
            "PassphraseChange",
            "%n backup(s) in the backups folder were re-encrypted with it.",
            "",
            len(rekeyed.rekeyed),
        )
    text += "\n" + tr(
        "PassphraseChange",
        "Backups you saved elsewhere still open with the old passphrase: delete them, "
        "or make new ones.",
    )
    QMessageBox.information(parent, title, text)
    return True
