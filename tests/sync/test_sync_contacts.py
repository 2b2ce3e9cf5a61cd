"""Sync with this round's contacts work (issues 13 and 16 together): the batched
command-line import, the account files' import, an account's phones and addresses and
the merging of two people all give new rows ids in the computer's own range, so what two
computers add meanwhile never collides and every journal ends the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reljournal.core.formats.contacts import ContactPoint
from reljournal.core.formats.contacts_read import read_contact_records
from reljournal.journal.facade import Journal
from reljournal.store.ids import device_range
from reljournal.store.sync.capture import sync_config
from reljournal.store.sync.tables import SYNCED_TABLES
from reljournal.store.transfer.contacts_import import import_records
from tests.sync.devices import add_entry, first_computer, join

CORPUS = Path(__file__).parents[1] / "data" / "contacts"

SHEET = (
    "Name,Company,Email,Phone,Title\n"
    "Ana Silva,Acme,ana@acme.example,,\n"
    "Bo Chen,Acme,bo@acme.example,+44 20 7946 0413,\n"
    "Cy Diaz,Beta,cy@beta.example,,\n"
    "Ana Silva,Acme,ana@acme.example,+44 20 7946 0412,Buyer\n"
    "Bo Chen,Gamma,bo.chen@gamma.example,,\n"
    "Dee Ray,Acme,dee@acme.example,,\n"
)


def _rows(journal: Journal) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table whole, ids included (the same on every computer)."""
    db = journal._db()  # noqa: SLF001 - a test reads the whole journal
    return {
        t: [tuple(r) for r in db.execute(f"SELECT * FROM [{t}] ORDER BY 1, 2")]
        for t in SYNCED_TABLES
    }


def _own_range(journal: Journal) -> tuple[int, int]:
    config = sync_config(journal._db())  # noqa: SLF001
    assert config is not None
    return device_range(config.device)


def _ids(journal: Journal, table: str) -> set[int]:
    return {int(r[0]) for r in journal._db().execute(f"SELECT id FROM [{table}]")}  # noqa: SLF001


def _stream(journal: Journal, raw: bytes, name: str, flush_every: int) -> None:
    """The command line's batched import, with small batches."""
    file = read_contact_records(raw, name, keep_rows=False, lazy=True)
    db = journal._db()  # noqa: SLF001 - batches smaller than the facade's
    import_records(db, file.kind, file.each_record(), keep_unassigned=True, flush_every=flush_every)


def test_contacts_imported_in_batches_on_two_computers_meanwhile_arrive_everywhere(
    tmp_path: Path,
) -> None:
    a, recovery, folder = first_computer(tmp_path)
    b = join(tmp_path, "b", folder, recovery)
    tables = ("accounts", "stakeholders", "contact_points")
    before = {t: _ids(b, t) for t in tables}
    google = (CORPUS / "csv/google_contacts/contacts.csv").read_bytes()
    _stream(b, google, "contacts.csv", flush_every=2)  # the laptop
    _stream(a, SHEET.encode(), "people.csv", flush_every=1)  # the desktop, meanwhile
    companies = CORPUS / "csv/hubspot_companies/hubspot-crm-exports-all-companies-2025-03-10.csv"
    plan, _result = b.import_contacts(read_contact_records(companies.read_bytes(), companies.name))
    assert plan.changed  # an account file: planned whole, then written (apply_plan)
    lo, hi = _own_range(b)
    assert lo > 0  # a joined computer: not the first one's range
    for table in tables:
        new = _ids(b, table) - before[table]
        assert new and all(lo <= i < hi for i in new), table
    b_points = (
        b._db()
        .execute(  # noqa: SLF001
            "SELECT count(*) FROM contact_points WHERE account_id IS NOT NULL"
        )
        .fetchone()[0]
    )
    assert b_points > 0  # the companies' phones and addresses, in b's range too
    for journal in (b, a, b):
        journal.sync_now()
    assert _rows(a) == _rows(b)
    names = {r[0] for r in a._db().execute("SELECT name FROM stakeholders")}  # noqa: SLF001
    assert {"Ana Silva", "Dee Ray", "Priya Raman"} <= names
    a.close()
    b.close()


def test_account_phones_edited_on_two_computers_merge_rather_than_double(
    tmp_path: Path,
) -> None:
    a, recovery, folder = first_computer(tmp_path)
    add_entry(a, "Acme Logistics", "Kick-off")
    account = a.find_account("Acme Logistics").id
    assert account is not None
    phones = [
        ContactPoint("phone", "+44 20 7946 0000", "main", True, "+442079460000"),
        ContactPoint("address", "1 Dock Road\nLondon", "office"),
    ]
    a.edit_account_with_contacts(account, name="Acme Logistics", points=phones)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    # the desktop corrects the main number; the laptop adds a fax
    fixed = [ContactPoint("phone", "+44 20 7946 0001", "main", True, "+442079460001"), phones[1]]
    a.edit_account_with_contacts(account, name="Acme Logistics", points=fixed)
    fax = ContactPoint("phone", "+44 20 7946 0099", "fax", False, "+442079460099")
    b.edit_account_with_contacts(account, name="Acme Logistics", points=[*phones, fax])
    lo, hi = _own_range(b)
    assert any(lo <= i < hi for i in _ids(b, "contact_points"))  # the fax: b's own id
    for journal in (a, b, a):
        journal.sync_now()
    assert _rows(a) == _rows(b)
    values = sorted(p.value for p in a.account_contact_points(account))
    assert values == ["+44 20 7946 0001", "+44 20 7946 0099", "1 Dock Road\nLondon"]
    b.undo()  # the fax goes again, everywhere
    for journal in (b, a):
        journal.sync_now()
    assert _rows(a) == _rows(b)
    assert "+44 20 7946 0099" not in [p.value for p in a.account_contact_points(account)]
    a.close()
    b.close()


def test_two_people_merged_on_one_computer_are_one_everywhere_and_undo_too(
    tmp_path: Path,
) -> None:
    a, recovery, folder = first_computer(tmp_path)
    _stream(a, SHEET.encode(), "people.csv", flush_every=2)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    pairs = b.possible_duplicates()
    assert [(p.name, q.name) for p, q in pairs] == [("Bo Chen", "Bo Chen")]
    other, kept = pairs[0]
    assert other.id is not None and kept.id is not None
    b.merge_people(other.id, kept.id)
    for journal in (b, a):
        journal.sync_now()
    assert _rows(a) == _rows(b)
    assert other.id not in _ids(a, "stakeholders")
    emails = {
        r[0]
        for r in a._db().execute(  # noqa: SLF001
            "SELECT value FROM contact_points WHERE stakeholder_id = ? AND kind = 'email'",
            (kept.id,),
        )
    }
    assert emails == {"bo@acme.example", "bo.chen@gamma.example"}
    b.undo()
    for journal in (b, a):
        journal.sync_now()
    assert _rows(a) == _rows(b)
    assert other.id in _ids(a, "stakeholders")
    a.close()
    b.close()
