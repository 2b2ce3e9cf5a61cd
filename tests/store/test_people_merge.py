"""Two records of one person made one (issue 13): points combined without duplicates
(one preferred per kind), blanks filled, notes put together, entries and answers
pointed at the kept record; undo through the facade puts both back exactly."""

from __future__ import annotations

from typing import Any

import pytest

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts_read import read_contact_records
from reljournal.store.people_merge import merge_people, possible_duplicates
from reljournal.store.transfer.contacts_import import import_records
from tests.helpers.facade import facade

SHEET = (
    "Name,Company,Email,Phone,Title,Notes\n"
    "Lucía Fernández,Acme,lucia@acme.example,+34 600 000 001,Buyer,Met at the fair\n"
    "Bo Chen,Acme,bo@acme.example,,,\n"
)
BOOK = (
    "Name,Email,Phone,Notes\n"
    "Lucía Fernández,lucia.home@example.com,+34 600 000 001,Likes tea\n"
    "Bo Chen,bo.chen@example.net,,\n"
)


def _import(db: Any, text: str, keep: bool = False) -> None:
    file = read_contact_records(text.encode(), "people.csv", keep_rows=False, lazy=True)
    import_records(db, file.kind, file.each_record(), keep_unassigned=keep)


def _points(db: Any, person_id: int) -> list[tuple[Any, ...]]:
    return db.conn.execute(
        "SELECT kind, value, preferred FROM contact_points WHERE stakeholder_id = ? "
        "ORDER BY position, id",
        (person_id,),
    ).fetchall()


def _ids(db: Any, name: str) -> list[int]:
    return [
        r[0]
        for r in db.conn.execute(
            "SELECT id FROM stakeholders WHERE name = ? ORDER BY account_id IS NULL", (name,)
        )
    ]


def test_the_pairs_an_import_was_unsure_of_are_listed_and_merged(db: Any) -> None:
    _import(db, SHEET)
    _import(db, BOOK, keep=True)
    pairs = possible_duplicates(db)
    assert [(a.name, a.account_id is None, b.account_id is None) for a, b in pairs] == [
        ("Bo Chen", True, False),
        ("Lucía Fernández", True, False),
    ]
    kept, other = _ids(db, "Lucía Fernández")
    entry = db.conn.execute(
        "INSERT INTO entries (account_id, at, kind, title, notes, fingerprint, created_at, "
        "updated_at) VALUES (1, '2026-01-05', 'meeting', 'Visit', '', 'f', 'x', 'x')"
    ).lastrowid
    db.conn.executemany(
        "INSERT INTO entry_people (entry_id, stakeholder_id) VALUES (?, ?)",
        [(entry, kept), (entry, other)],
    )
    assert merge_people(db, other, kept) == {1}
    assert _ids(db, "Lucía Fernández") == [kept]
    assert _points(db, kept) == [
        ("email", "lucia@acme.example", 1),
        ("phone", "+34 600 000 001", 1),
        ("email", "lucia.home@example.com", 0),
    ]
    notes, title = db.conn.execute(
        "SELECT notes, title FROM stakeholders WHERE id = ?", (kept,)
    ).fetchone()
    assert notes == "Met at the fair\n\nLikes tea" and title == "Buyer"
    assert db.conn.execute(
        "SELECT stakeholder_id FROM entry_people WHERE entry_id = ?", (entry,)
    ).fetchall() == [(kept,)]
    assert [a.name for a, _b in possible_duplicates(db)] == ["Bo Chen"]


def test_a_person_without_an_account_kept_takes_the_others_account(db: Any) -> None:
    _import(db, SHEET)
    _import(db, BOOK, keep=True)
    at_acme, loose = _ids(db, "Bo Chen")
    merge_people(db, at_acme, loose)
    row = db.conn.execute("SELECT account_id FROM stakeholders WHERE id = ?", (loose,)).fetchone()
    assert row == (1,)
    assert [p[1] for p in _points(db, loose)] == ["bo.chen@example.net", "bo@acme.example"]


def test_merging_a_person_into_themselves_is_refused(db: Any) -> None:
    _import(db, SHEET)
    with pytest.raises(ValidationError, match="same record"):
        merge_people(db, 1, 1)


def test_the_facade_merge_is_one_undoable_step(journal: Any) -> None:
    db = journal.db
    _import(db, SHEET)
    _import(db, BOOK, keep=True)
    app = facade(journal)

    def state() -> list[Any]:
        return [
            *db.conn.execute("SELECT * FROM stakeholders ORDER BY id"),
            *db.conn.execute("SELECT * FROM contact_points ORDER BY id"),
        ]

    before = state()
    other, kept = app.possible_duplicates()[1]
    app.merge_people(other.id, kept.id)
    after = state()
    assert after != before and len(app.possible_duplicates()) == 1
    app.undo()
    assert state() == before
    app.redo()
    assert state() == after
