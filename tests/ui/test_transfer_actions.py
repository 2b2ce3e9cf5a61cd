"""File → Import…, Export, Back up now, Restore… and the automatic backup, from the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reljournal.store.backups.automatic import KIND_AUTO, KIND_MANUAL, list_backups
from reljournal.store.database import close_database, open_database
from reljournal.ui.windows import transfer_actions as T

DATA = Path(__file__).parent.parent / "data" / "csv"


def _texts(menu: Any) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions()]


def test_the_file_menu_offers_import_export_backup_and_restore(window: Any) -> None:
    texts = _texts(window.menus.file_menu)
    assert "Import CSV or vCard…" in texts
    assert "Export" in texts
    assert "Back up now" in texts
    assert "Restore from a backup…" in texts
    assert texts.index("Import CSV or vCard…") < texts.index("Quit")
    assert len(_texts(window.transfers.export_menu)) == 4


def test_import_from_the_menu_adds_accounts_to_the_list(qtbot: Any, window: Any, db: Any) -> None:
    before = window.accounts.model.rowCount()
    window.transfers.import_action.trigger()
    dialog = window.transfers.import_dialog
    qtbot.waitExposed(dialog)
    dialog.path_edit.setText(str(DATA / "salesforce_Account.csv"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    created = dialog.plan.count("create")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.accounts.model.rowCount() == before + created
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_back_up_now_writes_a_backup_that_opens(window: Any, journal: Any, modal: Any) -> None:
    modal.click("OK")
    window.transfers.backup_action.trigger()
    assert modal.done
    assert "backed up" in modal.seen[0]
    backups = list_backups(journal.path, KIND_MANUAL)
    assert len(backups) == 1
    copy = open_database(backups[0].path, journal.key, migrate=False)
    try:
        names = {r[0] for r in copy.conn.execute("SELECT name FROM accounts")}
    finally:
        close_database(copy)
    assert names == {"Acme Ltd", "Globex Corporation"}


def test_automatic_backup_runs_once_a_day(qtbot: Any, window: Any, journal: Any) -> None:
    qtbot.waitUntil(lambda: window.transfers.last_auto_backup is not None)
    assert len(list_backups(journal.path, KIND_AUTO)) == 1
    window.transfers.last_auto_backup = None
    window.transfers.auto_backup()  # again today (as on close): nothing new
    assert window.transfers.last_auto_backup is None
    assert len(list_backups(journal.path, KIND_AUTO)) == 1


def test_a_failed_automatic_backup_is_shown_without_blocking(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    from reljournal.core.errors import StorageError

    def fail(*_a: Any, **_k: Any) -> None:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(window.journal, "auto_backup", fail)
    window.transfers.auto_backup()
    boxes = [b for b in window.findChildren(T.QMessageBox) if b.isVisible()]
    assert boxes and "The disk is full." in boxes[0].text()
    boxes[0].close()


def test_exports_write_files(window: Any, tmp_path: Path) -> None:
    for write, name in (
        (T.write_accounts_csv, "accounts.csv"),
        (T.write_contacts_csv, "contacts.csv"),
        (T.write_vcards, "contacts.vcf"),
        (T.write_journal_markdown, "journal.md"),
    ):
        window.transfers.export_to(tmp_path / name, write)
    assert "Acme Ltd" in (tmp_path / "accounts.csv").read_text(encoding="utf-8-sig")
    assert "Dana Smith" in (tmp_path / "contacts.csv").read_text(encoding="utf-8-sig")
    assert "BEGIN:VCARD" in (tmp_path / "contacts.vcf").read_text(encoding="utf-8")
    assert "Acme Ltd" in (tmp_path / "journal.md").read_text(encoding="utf-8")


def test_restore_gives_the_exact_command(qtbot: Any, window: Any, journal: Any, modal: Any) -> None:
    modal.click("OK")
    window.transfers.back_up_now()
    dialog = window.transfers.show_restore()
    qtbot.waitExposed(dialog)
    command = dialog.command.toPlainText()
    assert command.startswith("reljournal --db ")
    assert "restore" in command and command.endswith("--force")
    assert list_backups(journal.path)[0].path.name in command
    dialog.close()
