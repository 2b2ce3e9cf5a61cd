"""The import dialog on the contacts corpus (issue 13): the exports reps really have,
recognised and mapped without help, people without an organisation counted and kept
when the box is ticked, and "nothing can be imported" said as such."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reljournal.ui.dialogs import import_dialog as D

CORPUS = Path(__file__).parent.parent / "data" / "contacts"
SHOTS = os.environ.get("RELJOURNAL_SCREENSHOTS", "")


def _count(db: Any, sql: str) -> int:
    return int(db.conn.execute(sql).fetchone()[0])


def _dialog(qtbot: Any, sync_runner: Any) -> D.ImportDialog:
    dialog = D.ImportDialog(sync_runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shot(dialog: D.ImportDialog, name: str) -> None:
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / name))


def _next(qtbot: Any, dialog: D.ImportDialog) -> None:
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)


def test_google_contacts_csv_is_recognised_and_people_without_company_are_counted(
    qtbot: Any, sync_runner: Any, db: Any
) -> None:
    dialog = _dialog(qtbot, sync_runner)
    dialog.path_edit.setText(str(CORPUS / "csv" / "google_contacts" / "contacts.csv"))
    _next(qtbot, dialog)
    assert dialog.pages.currentIndex() == D.PAGE_MAPPING
    assert "Google Contacts" in dialog.file_label.text()
    assert dialog.contacts_radio.isChecked()  # found from the header, not the radio
    fields = set(dialog.current_mapping().fields.values())
    assert {"given_name", "family_name", "account", "title"} <= fields
    _shot(dialog, "import_google_mapping.png")
    _next(qtbot, dialog)
    assert dialog.pages.currentIndex() == D.PAGE_SUMMARY
    text = dialog.summary_label.text()
    assert "create 8" in text and "2 without an organisation" in text
    assert "1 not a person" in text
    _shot(dialog, "import_google_summary.png")
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert _count(db, "SELECT count(*) FROM stakeholders") == 8
    # every email and phone of Priya Raman is kept, the first work email preferred
    points = db.conn.execute(
        "SELECT kind, value, preferred FROM contact_points WHERE stakeholder_id = "
        "(SELECT id FROM stakeholders WHERE name = 'Priya Raman') ORDER BY kind, position"
    ).fetchall()
    emails = [(v, p) for k, v, p in points if k == "email"]
    assert emails[0] == ("priya.raman@kestrel-aero.example.com", 1)
    assert len(emails) == 3 and sum(1 for k, *_ in points if k == "phone") == 3


def test_keep_unassigned_box_imports_people_without_an_account(
    qtbot: Any, sync_runner: Any, db: Any
) -> None:
    dialog = _dialog(qtbot, sync_runner)
    dialog.path_edit.setText(str(CORPUS / "vcard" / "google" / "google_contacts_comma_in_fn.vcf"))
    qtbot.mouseClick(dialog.keep_unassigned_check, Qt.MouseButton.LeftButton)
    assert dialog.keep_unassigned
    _shot(dialog, "import_file_page.png")
    _next(qtbot, dialog)  # a vCard file goes straight to the summary
    assert dialog.pages.currentIndex() == D.PAGE_SUMMARY
    assert "create 4" in dialog.summary_label.text()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    row = db.conn.execute(
        "SELECT account_id, grp, name_prefix, given_name, middle_name, family_name, name_suffix "
        "FROM stakeholders WHERE name = 'Lucía Fernández'"
    ).fetchone()
    assert row[0] is None and row[1] == "customer"
    kowalska = db.conn.execute(
        "SELECT name, name_prefix, given_name, middle_name, family_name, name_suffix "
        "FROM stakeholders WHERE family_name = 'Kowalska'"
    ).fetchone()
    assert kowalska == ("Dr. Anna Maria Kowalska, PhD", "Dr.", "Anna", "Maria", "Kowalska", "PhD")


def test_a_file_where_every_record_is_skipped_says_nothing_can_be_imported(
    qtbot: Any, sync_runner: Any, db: Any
) -> None:
    dialog = _dialog(qtbot, sync_runner)
    dialog.path_edit.setText(str(CORPUS / "vcard" / "android" / "aosp_v40_sip.vcf"))
    _next(qtbot, dialog)
    text = dialog.summary_label.text()
    assert "Nothing can be imported" in text and "1 without an organisation" in text
    assert "already holds" not in text
    assert not dialog.import_button.isEnabled()
    _shot(dialog, "import_nothing.png")
    assert _count(db, "SELECT count(*) FROM stakeholders") == 0


def test_bad_files_get_one_message_naming_what_is_wrong(
    qtbot: Any, sync_runner: Any, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(D, "show_error", lambda _p, exc: shown.append(str(exc)))
    for name, words in (
        ("photo_saved_as.vcf", "not a vCard: binary data (a JPEG image)"),
        ("hubspot_export_xlsx_named.csv", "an Excel workbook"),
        ("header_only_google.csv", "no rows"),
    ):
        dialog = _dialog(qtbot, sync_runner)
        dialog.path_edit.setText(str(CORPUS / "bad" / name))
        _next(qtbot, dialog)
        assert dialog.pages.currentIndex() == D.PAGE_FILE
        assert words in shown[-1], shown
    dialog = _dialog(qtbot, sync_runner)
    dialog.path_edit.setText(str(CORPUS / "bad" / "card_missing_end.vcf"))
    _next(qtbot, dialog)
    problems = dialog.problems_text.toPlainText()
    assert "card 2 (from line 8) has no END:VCARD: line 13 begins another card" in problems
