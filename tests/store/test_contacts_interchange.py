"""The JSON journal format carries what issue 13 added (version 2): several typed emails,
phones and addresses per person, the parts of the name, and customers without an
account; version 1 files still read, and a journal without these is still written as 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reljournal.core.formats.contacts_read import read_contact_records
from reljournal.core.formats.interchange import document_to_dict, dumps, loads, parse_document
from reljournal.store.opening import create_journal
from reljournal.store.transfer.contacts_import import apply_plan, plan_records_import
from reljournal.store.transfer.json_export import export_document
from reljournal.store.transfer.json_import import import_document

CORPUS = Path(__file__).parents[1] / "data" / "contacts"


def _import(db: Any, name: str) -> None:
    path = CORPUS / name
    file = read_contact_records(path.read_bytes(), path.name)
    apply_plan(db, plan_records_import(db, file.kind, file.records, keep_unassigned=True))


def test_version_2_round_trips_points_name_parts_and_people_without_account(
    db: Any, tmp_path: Path
) -> None:
    _import(db, "csv/google_contacts/contacts.csv")
    _import(db, "vcard/google/google_contacts_comma_in_fn.vcf")
    data = document_to_dict(export_document(db))
    assert data["version"] == 2
    assert {p["name"] for p in data["unassigned"]} == {
        "Tom Nguyen",
        "Elif Demir",
        "Lucía Fernández",
    }
    priya = next(
        p for a in data["accounts"] for p in a.get("stakeholders", []) if p["name"] == "Priya Raman"
    )
    assert priya["name_parts"] == {"given": "Priya", "family": "Raman", "department": "Operations"}
    assert [q["value"] for q in priya["contact_points"] if q["kind"] == "email"] == [
        "priya.raman@kestrel-aero.example.com", "p.raman@kestrel-aero.example.com",
        "priya.r@example.net",
    ]  # fmt: skip
    text = dumps(export_document(db))
    other = create_journal(tmp_path / "other.db", passphrase="another journal passphrase")
    try:
        import_document(other.db, parse_document(loads(text.encode("utf-8"))))
        assert document_to_dict(export_document(other.db)) == data
        # importing the same file again makes no second person without an account
        import_document(other.db, parse_document(loads(text.encode("utf-8"))))
        assert document_to_dict(export_document(other.db)) == data
    finally:
        other.db.conn.close()


def test_a_journal_without_them_is_still_version_1(db: Any) -> None:
    _import(db, "csv/hubspot_contacts/hubspot-crm-exports-all-contacts-2025-03-10.csv")
    db.execute("DELETE FROM stakeholders WHERE account_id IS NULL")
    db.execute("DELETE FROM contact_points WHERE kind != 'email'")
    db.execute("UPDATE stakeholders SET given_name = '', family_name = '', phone = ''")
    db.conn.commit()
    data = document_to_dict(export_document(db))
    assert data["version"] == 1 and "contact_points" not in str(data)
