"""The command line's streamed contacts import (read, plan and write batch by batch in
one transaction) gives the journal and the summary the preview-then-apply import gives:
on every file of the contacts corpus, and where a person the file names again was
written in an earlier batch (fields filled, points added, a namesake listed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.formats.contacts_plan import ImportPlan
from reljournal.core.formats.contacts_read import ContactsFile, read_contact_records
from reljournal.store.opening import create_journal
from reljournal.store.transfer.contacts_import import (
    apply_plan,
    import_records,
    plan_records_import,
)

CORPUS = Path(__file__).parents[1] / "data" / "contacts"
EXPECTED: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text("utf-8"))
GOOD = sorted(k for k, v in EXPECTED.items() if not k.startswith("_") and not v.get("bad"))


def _accounts_file(name: str) -> bool:
    """An accounts file (planned whole, never streamed)."""
    path = CORPUS / name
    return read_contact_records(path.read_bytes(), path.name).kind == "accounts"


CONTACT_FILES = [n for n in GOOD if not _accounts_file(n)]


@pytest.fixture
def two(tmp_path: Path) -> Any:
    """Two new journals: one for each way of importing."""
    opened = [
        create_journal(tmp_path / f"{n}.db", passphrase="streamed import test passphrase")
        for n in ("a", "b")
    ]
    yield [o.db for o in opened]
    for o in opened:
        o.close()


def _read(raw: bytes, name: str, *, lazy: bool, **kwargs: Any) -> ContactsFile:
    return read_contact_records(raw, name, keep_rows=not lazy, lazy=lazy, **kwargs)


def _state(db: Any) -> dict[str, Any]:
    """What an import wrote, independent of row ids and point positions."""
    people = sorted(
        db.conn.execute(
            "SELECT s.name, ifnull(a.name, ''), s.grp, s.title, s.role, s.email, s.phone, "
            "s.notes, s.given_name, s.family_name, s.department FROM stakeholders s "
            "LEFT JOIN accounts a ON a.id = s.account_id"
        )
    )
    points = sorted(
        db.conn.execute(
            "SELECT s.name, p.kind, p.value, p.label, p.preferred, p.e164 FROM contact_points p "
            "JOIN stakeholders s ON s.id = p.stakeholder_id"
        )
    )
    accounts = sorted(db.conn.execute("SELECT name, industry, website FROM accounts"))
    # the search index is whole and finds each person by the words of their name and title
    db.conn.execute("INSERT INTO stakeholders_fts(stakeholders_fts) VALUES ('integrity-check')")
    words = sorted({w for p in people for w in (p[0] + " " + p[3]).split() if w.isalpha()})
    found = [
        db.conn.execute(
            "SELECT count(*) FROM stakeholders_fts WHERE stakeholders_fts MATCH ?", (f'"{w}"',)
        ).fetchone()[0]
        for w in words
    ]
    return {"people": people, "points": points, "accounts": accounts, "fts": (words, found)}


def _summary(plan: ImportPlan) -> Any:
    return (
        [(o.number, o.action, o.name, o.account, o.reason, o.why) for o in plan.outcomes],
        [(m.number, m.name, m.account, m.other) for m in plan.to_confirm],
        len(plan.new_accounts),
        plan.records,
    )


def _both(dbs: list[Any], raw: bytes, name: str, flush_every: int, **read: Any) -> Any:
    """Import the file into the first journal by preview + apply and into the second
    streamed; return both plans."""
    eager = _read(raw, name, lazy=False, **read)
    plan = plan_records_import(dbs[0], eager.kind, eager.records, keep_unassigned=True)
    if plan.changed:
        apply_plan(dbs[0], plan)
    lazy = _read(raw, name, lazy=True, **read)
    streamed, result = import_records(
        dbs[1], lazy.kind, lazy.each_record(), keep_unassigned=True, flush_every=flush_every
    )
    assert result.people_created == len(plan.new_people)
    assert lazy.row_count == eager.row_count or lazy.table is None
    return plan, streamed


@pytest.mark.parametrize("name", CONTACT_FILES)
def test_every_corpus_file_streamed_as_previewed(two: Any, name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    read: dict[str, Any] = {}
    if name == "csv/salesforce/Contact.csv":
        read["accounts_file"] = (CORPUS / "csv/salesforce/Account.csv").read_bytes()
    plan, streamed = _both(two, raw, Path(name).name, flush_every=2, **read)
    assert _summary(streamed) == _summary(plan)
    assert _state(two[1]) == _state(two[0])


SHEET = (
    "Name,Company,Email,Phone,Title\n"
    "Ana Silva,Acme,ana@acme.example,,\n"
    "Bo Chen,Acme,bo@acme.example,,\n"
    "Cy Diaz,Beta,cy@beta.example,,\n"
    "Ana Silva,Acme,ana@acme.example,+44 20 7946 0412,Buyer\n"  # Ana again: title, phone
    "Bo Chen,Gamma,,,\n"  # a namesake at another account: listed to confirm
    "Dee Ray,Acme,dee@acme.example,,\n"
    "Cy Diaz,Beta,cy.home@beta.example,,Owner\n"  # Cy by name at the same account
)


@pytest.mark.parametrize("flush_every", [1, 2, 3, 1000])
def test_a_person_written_in_an_earlier_batch_is_met_again(two: Any, flush_every: int) -> None:
    plan, streamed = _both(two, SHEET.encode(), "people.csv", flush_every)
    assert _summary(streamed) == _summary(plan)
    assert _state(two[1]) == _state(two[0])
    people = {p[0] + "@" + p[1]: p for p in _state(two[1])["people"]}
    assert people["Ana Silva@Acme"][3] == "Buyer"
    assert people["Cy Diaz@Beta"][3] == "Owner"
    points = _state(two[1])["points"]
    # her only phone, so her preferred one
    assert ("Ana Silva", "phone", "+44 20 7946 0412", "work", 1, "+442079460412") in points
    assert any(p[:3] == ("Cy Diaz", "email", "cy.home@beta.example") for p in points)
    assert [m.name for m in streamed.to_confirm] == ["Bo Chen"]


def test_a_streamed_import_into_a_journal_that_has_the_people(two: Any) -> None:
    """The second import of the same file changes nothing, and says so."""
    raw = (CORPUS / "csv/google_contacts/contacts.csv").read_bytes()
    file = _read(raw, "contacts.csv", lazy=True)
    first, _ = import_records(two[0], file.kind, file.each_record(), flush_every=50)
    before = _state(two[0])
    file = _read(raw, "contacts.csv", lazy=True)
    again, result = import_records(two[0], file.kind, file.each_record(), flush_every=50)
    assert not again.changed and not result.changed
    assert _state(two[0]) == before
    assert again.count("create") == 0 and first.count("create") > 0


def test_a_dry_run_writes_nothing(two: Any) -> None:
    raw = (CORPUS / "csv/google_contacts/contacts.csv").read_bytes()
    file = _read(raw, "contacts.csv", lazy=True)
    plan, result = import_records(two[0], file.kind, file.each_record(), dry_run=True)
    assert plan.count("create") > 0 and not result.changed
    assert two[0].conn.execute("SELECT count(*) FROM stakeholders").fetchone()[0] == 0
    assert two[0].conn.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0


def test_a_quote_not_doubled_midway_reads_on_leniently() -> None:
    rows = [f"Person {i},Acme,p{i}@acme.example" for i in range(1, 40)]
    rows[30] = '"Person "31" Smith",Acme,p31@acme.example'
    raw = ("Name,Company,Email\n" + "\n".join(rows) + "\n").encode()
    eager = _read(raw, "people.csv", lazy=False)
    lazy = _read(raw, "people.csv", lazy=True)
    streamed = list(lazy.each_record())
    assert [(r.number, r.values) for r in streamed] == [(r.number, r.values) for r in eager.records]
    assert lazy.row_count == eager.row_count == 39
    assert lazy.warnings and lazy.warnings == eager.warnings


# --- the records are read and planned in a thread of their own, written in the caller's ---
def _people_rows(count: int) -> list[Any]:
    from reljournal.core.formats.contacts import EMAIL, ContactPoint, make_record

    return [
        make_record(
            i,
            {"name": f"Person {i}", "account": f"Firm {i % 7}", "title": "Buyer"},
            points=[ContactPoint(EMAIL, f"p{i}@firm.example", "work")],
        )
        for i in range(1, count + 1)
    ]


def _counts(db: Any) -> tuple[int, int, int]:
    return tuple(
        db.conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
        for t in ("accounts", "stakeholders", "contact_points")
    )


def _no_import_thread() -> bool:
    import threading

    return not any(t.name == "contacts-import" for t in threading.enumerate())


def test_progress_and_cancel_are_asked_in_the_callers_thread(two: Any) -> None:
    import threading

    asked: set[int] = set()
    shown: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        asked.add(threading.get_ident())
        shown.append((done, total))

    def should_cancel() -> bool:
        asked.add(threading.get_ident())
        return False

    plan, result = import_records(
        two[0], "contacts", _people_rows(5000), progress=progress, should_cancel=should_cancel
    )
    assert asked == {threading.get_ident()}
    assert shown[-1] == (5000, 5000) and [d for d, _ in shown] == [2000, 4000, 5000]
    assert result.people_created == 5000 and _counts(two[0]) == (7, 5000, 5000)
    assert _no_import_thread()


def test_a_cancel_midway_leaves_the_journal_as_it_was(two: Any) -> None:
    from reljournal.core.errors import CancelledError

    import_records(two[0], "contacts", _people_rows(10))
    before = _state(two[0])
    asked = 0

    def should_cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # once some batches were written

    with pytest.raises(CancelledError):
        import_records(
            two[0], "contacts", _people_rows(20_000), flush_every=500, should_cancel=should_cancel
        )
    assert _state(two[0]) == before and _counts(two[0]) == (7, 10, 10)
    assert _no_import_thread()


def test_a_file_that_turns_out_bad_midway_writes_nothing(two: Any) -> None:
    """The reader's error (in the planner's thread) reaches the caller as it was raised."""
    from reljournal.core.errors import ValidationError

    def records() -> Any:
        yield from _people_rows(4500)
        raise ValidationError("card 4,501 of people.vcf: it ends before END:VCARD")

    with pytest.raises(ValidationError, match="card 4,501 of people.vcf"):
        import_records(two[0], "contacts", records(), flush_every=1000)
    assert _counts(two[0]) == (0, 0, 0)
    assert _no_import_thread()


def test_a_write_that_fails_stops_the_reading(two: Any, monkeypatch: Any) -> None:
    import sqlcipher3

    from reljournal.store.transfer import contacts_import

    done = 0
    real = contacts_import._Pipeline._do  # noqa: SLF001

    def failing(self: Any, what: str, payload: Any, progress: Any) -> None:
        nonlocal done
        done += 1
        if done == 3:
            raise sqlcipher3.OperationalError("disk I/O error")
        real(self, what, payload, progress)

    monkeypatch.setattr(contacts_import._Pipeline, "_do", failing)  # noqa: SLF001
    read: list[int] = []

    def records() -> Any:
        for record in _people_rows(50_000):
            read.append(record.number)
            yield record

    from reljournal.core.errors import StorageError

    with pytest.raises(StorageError, match="Could not import into the journal"):
        import_records(two[0], "contacts", records(), flush_every=500)
    assert len(read) < 50_000  # the planner gave up rather than read the whole file
    assert _counts(two[0]) == (0, 0, 0)
    assert _no_import_thread()


ODD_TEXT = [
    'Zoë "Zee" O\'Brien \\ Ünal',  # quotes, a backslash, accents
    "愛川 翼 🚀",  # CJK and a character outside the BMP
    "Ärger\u00a0Nbsp",  # a no-break space
    "007",  # digits: text, not a number
]


@pytest.mark.parametrize("form", ["jsonb", "text"])
def test_text_of_every_kind_is_written_as_the_preview_writes_it(
    two: Any, form: str, monkeypatch: Any
) -> None:
    """The batches go to SQLite as JSON: as JSONB where SQLite has it (3.45 and later),
    else as text; either way each value is stored exactly as the preview stores it."""
    from reljournal.store.transfer import contacts_import

    if form == "text":  # an SQLite without JSONB
        monkeypatch.setattr(contacts_import, "_JSONB", contacts_import._TEXT_JSON)  # noqa: SLF001
    from reljournal.core.formats.contacts import ADDRESS, EMAIL, PHONE, ContactPoint, make_record

    records = [
        make_record(
            i + 1,
            {"name": name, "account": f"{name} GmbH", "notes": f'{name}\n\ttab \u2028 "q" \\n'},
            points=[
                ContactPoint(EMAIL, f"x{i}@example.com", "work"),
                ContactPoint(PHONE, "+44 20 7946 0412", "", False, "+442079460412"),
                ContactPoint(ADDRESS, f"{name}\n1 Main St", "home", True),
            ],
        )
        for i, name in enumerate(ODD_TEXT)
    ]
    plan = plan_records_import(two[0], "contacts", records)
    apply_plan(two[0], plan)
    import_records(two[1], "contacts", records, flush_every=2)
    assert _state(two[1]) == _state(two[0])
    assert {p[0] for p in _state(two[1])["people"]} == {r.values["name"] for r in records}
    columns = "id, name, name_key, grp, account_id, email, phone, notes, created_at IS NOT NULL"
    rows = [list(db.conn.execute(f"SELECT {columns} FROM stakeholders ORDER BY id")) for db in two]
    assert rows[0] == rows[1]
    points = [list(db.conn.execute("SELECT * FROM contact_points ORDER BY id")) for db in two]
    assert points[0] == points[1]  # ids, positions, preferred flags (0/1), e164 included


def test_new_accounts_are_written_with_their_phones_and_addresses(two: Any) -> None:
    """As the preview's writer writes them (a contacts import gives accounts no points
    today; an account file is written whole, but the batch writer takes them too)."""
    from reljournal.core.formats.contacts import ADDRESS, PHONE, AccountRecord, ContactPoint
    from reljournal.store.transfer import contacts_import

    def accounts() -> list[AccountRecord]:
        return [
            AccountRecord(-1, "Acme Ltd", industry="Tools"),
            AccountRecord(
                -2,
                "Beta “Quoted” GmbH",
                points=[
                    ContactPoint(PHONE, "+44 20 7946 0400", "main", True, "+442079460400"),
                    ContactPoint(ADDRESS, "1 Main St\nLeeds", "billing"),
                ],
            ),
        ]

    class Pipe:
        def send(self, what: str, payload: Any) -> None:
            assert what == "sql"
            two[1].conn.execute(*payload)

    contacts_import._Writer(two[0].conn).new_accounts(accounts())  # noqa: SLF001
    rows = contacts_import._NewRows(two[1].conn, "2026-12-07T00:00:00Z")  # noqa: SLF001
    assert rows.add(Pipe(), accounts(), []) == {-1: 1, -2: 2}  # type: ignore[arg-type]
    for sql in (
        "SELECT id, name, name_key, industry FROM accounts ORDER BY id",
        "SELECT * FROM contact_points ORDER BY id",
    ):
        assert list(two[1].conn.execute(sql)) == list(two[0].conn.execute(sql))
    assert two[1].conn.execute("SELECT count(*) FROM contact_points").fetchone()[0] == 2
