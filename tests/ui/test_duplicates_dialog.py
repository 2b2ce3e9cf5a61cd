"""People who may be one person (issue 13): the match an import was unsure of is
offered after the import, listed with both records, merged by keyboard into one person
(emails and phones of both), and Ctrl+Z in the journal brings both back. With
RELJOURNAL_SCREENS_DIR set, the dialogs are saved there as PNGs, light and dark."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from reljournal.ui.dialogs import import_dialog as D
from reljournal.ui.dialogs.duplicates_dialog import DuplicatesDialog
from reljournal.ui.dialogs.unassigned_dialog import UnassignedDialog
from reljournal.ui.theme import apply_theme

pytestmark = pytest.mark.usefixtures("no_qt_warnings")
CORPUS = Path(__file__).parent.parent / "data" / "contacts"


def _save(widget: QWidget, name: str) -> None:
    folder = os.environ.get("RELJOURNAL_SCREENS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _import(qtbot: Any, runner: Any, name: str) -> Any:
    importer = D.ImportDialog(runner)
    qtbot.addWidget(importer)
    importer.path_edit.setText(str(CORPUS / name))
    importer.keep_unassigned_check.setChecked(True)
    qtbot.mouseClick(importer.next_button, Qt.MouseButton.LeftButton)
    if importer.pages.currentIndex() == D.PAGE_MAPPING:
        qtbot.mouseClick(importer.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(importer.imported):
        qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    return importer


def _lucia(db: Any) -> list[Any]:
    return db.conn.execute(
        "SELECT id, email FROM stakeholders WHERE name = 'Lucía Fernández' ORDER BY id"
    ).fetchall()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_match_to_check_is_merged_from_the_list(
    qtbot: Any, sync_runner: Any, db: Any, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        first = _import(qtbot, sync_runner, "vcard/google/google_contacts_comma_in_fn.vcf")
        assert not first.check_button.isVisibleTo(first)  # nothing to check yet
        second = _import(qtbot, sync_runner, "csv/outlook/outlook_2016_export_windows1252.csv")
        assert second.check_button.isVisibleTo(second)
        assert "1 person may be someone the journal already has" in second.check_label.text()
        _save(second, f"import-done-check-{theme}")
        with qtbot.waitSignal(second.check_requested):
            qtbot.mouseClick(second.check_button, Qt.MouseButton.LeftButton)
        before = _lucia(db)
        assert len(before) == 2
        points = db.conn.execute("SELECT count(*) FROM contact_points").fetchone()[0]
        journal = sync_runner.journal
        dialog = DuplicatesDialog(journal, sync_runner)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitActive(dialog)
        row = next(i for i, (o, _k) in enumerate(dialog.pairs) if o.name == "Lucía Fernández")
        assert dialog.table.item(row, 1).text() == "(no account)"
        dialog.table.setFocus()
        dialog.table.selectRow(row)
        _save(dialog, f"duplicates-{theme}")
        # by keyboard: Tab leaves the list for the merge button, Space presses it
        qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.merge_button
        with qtbot.waitSignal(dialog.merged):
            qtbot.keyClick(dialog.merge_button, Qt.Key.Key_Space)
        after = _lucia(db)
        assert len(after) == 1 and after[0][0] in {b[0] for b in before}
        emails = {
            r[0]
            for r in db.conn.execute(
                "SELECT value FROM contact_points WHERE stakeholder_id = ? AND kind = 'email'",
                (after[0][0],),
            )
        }
        assert emails == {b[1] for b in before if b[1]}
        assert all(o.name != "Lucía Fernández" for o, _k in dialog.pairs)
        journal.undo()
        assert _lucia(db) == before
        assert db.conn.execute("SELECT count(*) FROM contact_points").fetchone()[0] == points
        dialog.close()
    finally:
        apply_theme(app, "light")


def test_people_without_an_account_open_the_matches(qtbot: Any, sync_runner: Any, db: Any) -> None:
    _import(qtbot, sync_runner, "vcard/google/google_contacts_comma_in_fn.vcf")
    _import(qtbot, sync_runner, "csv/outlook/outlook_2016_export_windows1252.csv")
    unassigned = UnassignedDialog(sync_runner.journal, sync_runner)
    qtbot.addWidget(unassigned)
    unassigned.show()
    qtbot.waitExposed(unassigned)
    listed = len(unassigned.people)
    dialog = unassigned.open_duplicates()
    qtbot.waitExposed(dialog)
    row = next(i for i, (o, _k) in enumerate(dialog.pairs) if o.name == "Lucía Fernández")
    dialog.table.selectRow(row)
    with qtbot.waitSignal(unassigned.assigned):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert len(unassigned.people) == listed - 1
    dialog.close()
