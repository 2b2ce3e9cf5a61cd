"""Restore from the app: the dialog asks for it; with the journal closed, the backup
replaces it and the replaced journal is kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reljournal.journal.opening import restore
from reljournal.store.accounts import account_names, create_account
from reljournal.store.backups.automatic import backup_now
from reljournal.store.opening import unlock_journal
from reljournal.ui.windows.transfer_actions import RestoreHelpDialog


def test_restore_button_asks_for_the_chosen_backup(qtbot, journal) -> None:
    create_account(journal.db, "Before Backup Ltd")
    backup = backup_now(journal)
    dialog = RestoreHelpDialog(journal.path)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.restore_requested) as signal:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert Path(signal.args[0]) == backup


def test_restore_with_the_journal_closed_brings_the_backup_back(journal_path: Path) -> None:
    journal = unlock_journal(journal_path)
    create_account(journal.db, "Kept Account")
    backup = backup_now(journal)
    create_account(journal.db, "Added After The Backup")
    key = journal.key
    journal.close()
    result = restore(backup, journal_path, secret=key)
    assert result.replaced_backup is not None and result.replaced_backup.exists()
    reopened = unlock_journal(journal_path)
    try:
        assert [n for _, n in account_names(reopened.db)] == ["Kept Account"]
    finally:
        reopened.close()
