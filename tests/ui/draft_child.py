"""Child process for the crash test: the real app's window and quick entry, typing,
until the draft is in the journal; then it waits to be killed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.helpers.facade import facade


def main(path: Path, passphrase: str, settings_file: Path) -> None:
    app = QApplication(sys.argv[:1])
    from reljournal.store.opening import unlock_journal
    from reljournal.ui.settings import Settings
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    journal = unlock_journal(path, passphrase=passphrase)
    runner = TaskRunner(facade(journal))
    window = MainWindow(facade(journal), runner, Settings(settings_file))
    window.show()
    dialog = window.open_quick_entry()
    QTest.keyClicks(dialog.account.edit, "Acme Ltd")
    dialog.notes.setFocus()
    QTest.keyClicks(dialog.notes, "Half a thought about the renewal")
    dialog.drafts.draft_saved.connect(lambda _id: print("DRAFT_SAVED", flush=True))
    QTimer.singleShot(0, dialog.ask_them.questions.setFocus)  # a focus change saves
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
