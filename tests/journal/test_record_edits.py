"""Editing accounts and people through the facade: one transaction each, undo puts every
row back as it was, redo makes the same edit again, bad input gets a clear message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.model import Answer, Commitment, Entry, Stakeholder
from reljournal.core.records import EntryExtras
from reljournal.journal.facade import Journal
from reljournal.store.accounts import create_account
from reljournal.store.entries import save_entry
from reljournal.store.people import add_stakeholder
from tests.helpers.facade import facade


def dump(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the journal (FTS shadow tables aside, and the
    classifier's caches: an account's revision only ever moves forward, so that a weighing
    kept from before an edit is never taken for one made after its undo; and a change of
    name - an edit or its undo - drops the account's stored readings, read again when next
    classified)."""
    tables = [
        r[0]
        for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations' "
            "AND name NOT IN ('account_revisions', 'account_weighings', "
            "'statements', 'statement_readings')"
        )
    ]
    return {t: sorted(tuple(r) for r in db.conn.execute(f"SELECT * FROM [{t}]")) for t in tables}


@pytest.fixture
def j(journal: Any) -> Journal:
    return facade(journal)


@pytest.fixture
def two(db: Any) -> dict[str, int]:
    acme = create_account(db, "Acme Ltd", "Manufacturing")
    acme2 = create_account(db, "ACME Limited")
    dana = add_stakeholder(
        db, Stakeholder("Dana Smith", account_id=acme, title="Buyer", email="dana@acme.test")
    )
    dana2 = add_stakeholder(db, Stakeholder("Dana Smith", account_id=acme2, phone="+44 1"))
    lee = add_stakeholder(db, Stakeholder("Lee Wong", account_id=acme2))
    sam = add_stakeholder(db, Stakeholder("Sam Lee", group="internal"))
    for account, person, day in ((acme, dana, 1), (acme2, dana2, 3), (acme2, lee, 4)):
        save_entry(
            db,
            Entry(
                at=dt.datetime(2025, 3, day, 10),
                kind="meeting",
                minutes=60,
                notes=f"Meeting {day}",
                account_id=account,
                stakeholder_ids=[person, sam],
                answers=[
                    Answer(
                        "What do you expect?",
                        f"Speed {day}",
                        dt.date(2025, 3, day),
                        speaker="Dana Smith",
                        speaker_id=person,
                    )
                ],  # fmt: skip
                commitments=[Commitment(f"Promise {day}", due=dt.date(2025, 3, day + 2))],
            ),
            EntryExtras(health={"trust": 3}),
        )
    return {"acme": acme, "acme2": acme2, "dana": dana, "dana2": dana2, "lee": lee, "sam": sam}


def test_edit_an_account_then_undo_and_redo(j: Journal, db: Any, two: dict[str, int]) -> None:
    before = dump(db)
    change = j.edit_account(
        two["acme"], name="Acme Industries", industry="Steel", website="acme.test",
        notes="Met at the fair.",
    )  # fmt: skip
    assert change.accounts == {two["acme"]}
    account = j.account(two["acme"])
    assert (account.name, account.industry, account.website, account.notes) == (
        "Acme Industries", "Steel", "acme.test", "Met at the fair.",
    )  # fmt: skip
    assert j.find_account("acme industries").id == two["acme"]
    assert j.history.next_undo() == ("edit_account", "Acme Industries")
    j.undo()
    assert dump(db) == before
    j.redo()
    assert j.account(two["acme"]).name == "Acme Industries"


def test_edit_an_account_refuses_what_cannot_be(j: Journal, db: Any, two: dict[str, int]) -> None:
    before = dump(db)
    with pytest.raises(ValidationError, match="already called"):
        j.edit_account(two["acme"], name="acme limited")
    with pytest.raises(ValidationError, match="needs a name"):
        j.edit_account(two["acme"], name="  ")
    with pytest.raises(ValidationError, match="at most"):
        j.edit_account(two["acme"], name="Acme", industry="x" * 500)
    with pytest.raises(NotFoundError):
        j.edit_account(99999, name="Gone")
    assert dump(db) == before
    assert j.history.next_undo() is None


def test_merge_two_accounts_then_undo_puts_every_row_back(
    j: Journal, db: Any, two: dict[str, int]
) -> None:
    j.set_override(two["acme2"], "relational", "They said so")
    before = dump(db)
    j.merge_accounts(two["acme2"], two["acme"])
    with pytest.raises(NotFoundError):
        j.account(two["acme2"])
    assert j.count_entries(two["acme"]) == 3
    people = {p.name: p for p in j.people(two["acme"])}
    assert sorted(people) == ["Dana Smith", "Lee Wong"]  # one Dana, her details joined
    dana = people["Dana Smith"]
    assert (dana.id, dana.email, dana.phone) == (two["dana"], "dana@acme.test", "+44 1")
    attended = db.conn.execute(
        "SELECT count(*) FROM entry_people WHERE stakeholder_id = ?", (two["dana"],)
    ).fetchone()[0]
    assert attended == 2
    speakers = {r[0] for r in db.conn.execute("SELECT speaker_id FROM answers")}
    assert two["dana2"] not in speakers
    assert len(j.commitments(two["acme"], open_only=True)) == 3
    assert j.history.next_undo() == ("merge_accounts", "Acme Ltd")
    j.undo()
    after_undo = dump(db)
    after_undo.pop("classifications"), before.pop("classifications")  # recomputed
    assert after_undo == before
    j.redo()
    assert j.count_entries(two["acme"]) == 3
    with pytest.raises(ValidationError, match="another account"):
        j.merge_accounts(two["acme"], two["acme"])


def test_delete_an_account_then_undo(j: Journal, db: Any, two: dict[str, int]) -> None:
    before = dump(db)
    j.delete_account(two["acme2"])
    assert [n for _i, n in j.account_names()] == ["Acme Ltd"]
    assert not [h for h in j.search("Wong") if h.kind == "stakeholder"]
    team_entries = db.conn.execute("SELECT count(*) FROM entry_people").fetchone()[0]
    assert team_entries == 2  # the remaining meeting: Dana and Sam
    j.undo()
    assert dump(db) == before
    assert [h.title for h in j.search("Lee Wong") if h.kind == "stakeholder"]  # indexed again
    j.redo()
    assert [n for _i, n in j.account_names()] == ["Acme Ltd"]


def test_override_with_a_reason_clear_it_and_undo(j: Journal, two: dict[str, int]) -> None:
    acme = two["acme"]
    with pytest.raises(ValidationError, match="Say why"):
        j.set_override(acme, "relational", "   ")
    j.set_override(acme, "relational", "Ten years of partnership")
    assert j.account_summary(acme, dt.date(2025, 3, 12)).overridden
    override = j.override(acme)
    assert override is not None and override.reason == "Ten years of partnership"
    assert j.clear_override(acme)
    assert j.override(acme) is None
    j.undo()  # the clearing
    assert j.override(acme) is not None
    j.undo()  # the override
    assert j.override(acme) is None
    assert not j.account_summary(acme, dt.date(2025, 3, 12)).overridden
    j.redo()
    assert j.override(acme) is not None


def test_people_add_edit_move_remove_with_undo(j: Journal, db: Any, two: dict[str, int]) -> None:
    before = dump(db)
    pid, _change = j.add_person(
        Stakeholder("Kim Park", account_id=two["acme"], title="CFO", email="kim@acme.test",
                    phone="+1 555 0100")
    )  # fmt: skip
    assert [p.name for p in j.people(two["acme"])] == ["Dana Smith", "Kim Park"]
    j.edit_person(pid, Stakeholder("Kim Park", account_id=two["acme2"], title="CFO",
                                   email="kim@acme2.test", phone="+1 555 0100"))  # fmt: skip
    assert [p.name for p in j.people(two["acme2"])] == ["Dana Smith", "Kim Park", "Lee Wong"]
    j.edit_person(pid, Stakeholder("Kim Park", group="partner"))  # to the team's partners
    assert "Kim Park" in [p.name for p in j.people(team=True)]
    j.remove_person(two["dana"])
    assert [p.name for p in j.people(two["acme"])] == []
    for _step in range(4):
        j.undo()
    assert dump(db) == before
    for _step in range(4):
        j.redo()
    assert "Kim Park" in [p.name for p in j.people(team=True)]
    assert j.person(pid).group == "partner"


def test_bad_people_get_clear_messages(j: Journal, db: Any, two: dict[str, int]) -> None:
    before = dump(db)
    acme = two["acme"]
    for person, message in (
        (Stakeholder(" ", account_id=acme), "needs a name"),
        (Stakeholder("Ann", account_id=acme, email="ann at acme"), "not an email"),
        (Stakeholder("Ann", account_id=acme, phone="call me"), "not a phone"),
        (Stakeholder("Ann"), "belongs to an account"),
        (Stakeholder("Ann", group="boss", account_id=acme), "not a group"),
        (Stakeholder("dana smith", account_id=acme), "already there"),
    ):
        with pytest.raises(ValidationError, match=message):
            j.add_person(person)
    with pytest.raises(ValidationError, match="already there"):
        j.edit_person(two["dana2"], Stakeholder("Dana Smith", account_id=acme))
    with pytest.raises(NotFoundError):
        j.remove_person(99999)
    assert dump(db) == before
