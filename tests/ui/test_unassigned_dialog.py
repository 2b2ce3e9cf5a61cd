"""People without an account (issue 13): after an import that kept them, the rep gives
each one its account; Undo takes it back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reljournal.ui.dialogs import import_dialog as D
from reljournal.ui.dialogs.unassigned_dialog import UnassignedDialog

CORPUS = Path(__file__).parent.parent / "data" / "contacts"
SHOTS = os.environ.get("RELJOURNAL_SCREENSHOTS", "")


def test_people_kept_without_an_account_are_listed_and_assigned(
    qtbot: Any, sync_runner: Any, db: Any
) -> None:
    importer = D.ImportDialog(sync_runner)
    qtbot.addWidget(importer)
    importer.path_edit.setText(str(CORPUS / "vcard" / "google" / "google_contacts_comma_in_fn.vcf"))
    importer.keep_unassigned_check.setChecked(True)
    qtbot.mouseClick(importer.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(importer.imported):
        qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    journal = sync_runner.journal
    dialog = UnassignedDialog(journal, sync_runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [p.name for p in dialog.people] == ["Lucía Fernández"]
    assert dialog.table.item(0, 3).text() == "+34 612 555 019"
    dialog.select_account("Polder Bouw B.V.")
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "unassigned.png"))
    with qtbot.waitSignal(dialog.assigned):
        qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.people == []
    row = db.conn.execute(
        "SELECT a.name FROM stakeholders s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.name = 'Lucía Fernández'"
    ).fetchone()
    assert row == ("Polder Bouw B.V.",)
    journal.undo()
    dialog.reload()
    assert [p.name for p in dialog.people] == ["Lucía Fernández"]
