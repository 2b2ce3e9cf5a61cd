"""Entries: save with their parts, edit, delete and undo, validation, keyset paging."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.formats.interchange import parse_document
from reljournal.core.model import Answer, Commitment, Entry, Stakeholder
from reljournal.core.records import EntryExtras
from reljournal.store.accounts import create_account
from reljournal.store.entries import (
    count_entries,
    delete_entry,
    entry_page_key,
    get_entry,
    list_entries,
    restore_entry,
    save_entry,
)
from reljournal.store.people import add_stakeholder
from reljournal.store.search import search
from reljournal.store.transfer.json_import import import_document

AT = dt.datetime(2026, 3, 4, 9, 30)


@pytest.fixture
def acme(db: Database) -> int:
    return create_account(db, "Acme Dental")


def full_entry(account_id: int | None, dana: int | None = None) -> Entry:
    return Entry(
        at=AT,
        kind="meeting",
        minutes=45,
        title="Intro",
        notes="Walked the floor; the autoclave is old.",
        initiated_by="them",
        account_id=account_id,
        stakeholder_ids=[dana] if dana else [],
        answers=[
            Answer(
                question_text="What are your expectations of the person you are going to buy from?",
                answer="Answer the phone.",
                said_on=AT.date(),
                speaker="Dana Ruiz",
                speaker_id=dana,
                tags=["Speed", " reliability "],
            ),
            Answer(question_text="Ad hoc?", answer="Yes.", said_on=AT.date()),
        ],
        commitments=[
            Commitment(text="Send pricing", owner="me", due=dt.date(2026, 3, 6)),
            Commitment(text="Floor plan", owner="them", state="done", done_on=dt.date(2026, 3, 5)),
        ],
    )


def entry_titles(db: Database, text: str) -> list[str]:
    return [h.title for h in search(db, text, kinds=["entry"])]


def test_save_and_read_back_an_entry_with_its_parts(db: Database, acme: int) -> None:
    dana = add_stakeholder(db, Stakeholder(name="Dana Ruiz", account_id=acme))
    entry = full_entry(acme, dana)
    extras = EntryExtras(health={"trust": 4, "value": 3}, stage="dependent")
    change = save_entry(db, entry, extras)
    assert change.created and change.entries == {entry.id} and change.accounts == {acme}

    stored, stored_extras = get_entry(db, entry.id)  # type: ignore[arg-type]
    assert (stored.at, stored.kind, stored.minutes, stored.title, stored.initiated_by) == (
        AT,
        "meeting",
        45,
        "Intro",
        "them",
    )
    assert stored.stakeholder_ids == [dana]
    first, second = stored.answers
    assert first.question_id is not None  # matched to the bank question
    assert (first.speaker, first.speaker_id, first.tags) == (
        "Dana Ruiz",
        dana,
        ["reliability", "speed"],
    )
    assert (second.question_id, second.question_text) == (None, "Ad hoc?")
    assert [(c.text, c.owner, c.due, c.state, c.done_on) for c in stored.commitments] == [
        ("Send pricing", "me", dt.date(2026, 3, 6), "open", None),
        ("Floor plan", "them", None, "done", dt.date(2026, 3, 5)),
    ]
    assert stored_extras == extras
    assert entry_titles(db, "autoclave") == ["Intro"]


def test_moments_are_kept_to_the_minute(db: Database, acme: int) -> None:
    entry = Entry(at=dt.datetime(2026, 3, 4, 9, 30, 59, 123), account_id=acme)
    save_entry(db, entry)
    assert get_entry(db, entry.id)[0].at == dt.datetime(2026, 3, 4, 9, 30)  # type: ignore[arg-type]


def test_editing_replaces_the_parts_and_keeps_commitment_ids(db: Database, acme: int) -> None:
    entry = full_entry(acme)
    save_entry(db, entry, EntryExtras(health={"trust": 2}, stage="dependent"))
    kept = entry.commitments[0]
    kept_id = kept.id
    entry.notes = "Second visit; the sterilizer is new."
    entry.answers = entry.answers[:1]
    entry.commitments = [dataclasses.replace(kept, state="done", done_on=dt.date(2026, 3, 6))]
    change = save_entry(db, entry, EntryExtras(health={"trust": 3}))
    assert not change.created
    stored, extras = get_entry(db, entry.id)  # type: ignore[arg-type]
    assert len(stored.answers) == 1
    assert [(c.id, c.state) for c in stored.commitments] == [(kept_id, "done")]
    assert extras == EntryExtras(health={"trust": 3}, stage=None)
    assert db.execute("SELECT count(*) FROM commitments").fetchone()[0] == 1
    assert entry_titles(db, "autoclave") == []
    assert entry_titles(db, "sterilizer") == ["Intro"]


def test_moving_an_entry_to_another_account_reports_both(db: Database, acme: int) -> None:
    other = create_account(db, "Björk Logistik")
    entry = Entry(at=AT, account_id=acme, notes="moved")
    save_entry(db, entry)
    entry.account_id = other
    assert save_entry(db, entry).accounts == {acme, other}
    assert (count_entries(db, acme), count_entries(db, other)) == (0, 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "lunch"}, "not a kind of entry"),
        ({"minutes": -5}, "between 0 and a week"),
        ({"minutes": 7 * 24 * 60 + 1}, "between 0 and a week"),
        ({"notes": "x" * 200_001}, "at most 200,000 fit"),
        ({"title": "x" * 1001}, "title is too long"),
        (
            {"answers": [Answer(question_text=" ", answer="a", said_on=AT.date())]},
            "needs its question",
        ),
        (
            {"answers": [Answer(question_text="q", answer=" ", said_on=AT.date())]},
            "needs its question",
        ),
        ({"commitments": [Commitment(text="  ")]}, "needs a text"),
        ({"commitments": [Commitment(text="t", owner="you")]}, "owner or state is not valid"),
        ({"commitments": [Commitment(text="t", state="late")]}, "owner or state is not valid"),
    ],
)
def test_invalid_entries_are_refused_and_nothing_is_saved(
    db: Database, acme: int, change: dict[str, object], message: str
) -> None:
    entry = dataclasses.replace(Entry(at=AT, account_id=acme), **change)
    with pytest.raises(ValidationError, match=message):
        save_entry(db, entry)
    assert count_entries(db, acme) == 0


@pytest.mark.parametrize(
    ("extras", "message"),
    [
        (EntryExtras(health={"trust": 6}), "from 1 to 5"),
        (EntryExtras(health={"charm": 3}), "from 1 to 5"),
        (EntryExtras(stage="married"), "not a relationship stage"),
    ],
)
def test_invalid_extras_are_refused(
    db: Database, acme: int, extras: EntryExtras, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        save_entry(db, Entry(at=AT, account_id=acme), extras)


def test_saving_into_a_missing_account_or_entry(db: Database, acme: int) -> None:
    with pytest.raises(NotFoundError, match="account no longer exists"):
        save_entry(db, Entry(at=AT, account_id=acme + 100))
    with pytest.raises(NotFoundError, match="entry no longer exists"):
        save_entry(db, Entry(at=AT, account_id=acme, id=12345))
    with pytest.raises(NotFoundError):
        get_entry(db, 12345)


def test_delete_and_undo(db: Database, acme: int) -> None:
    dana = add_stakeholder(db, Stakeholder(name="Dana Ruiz", account_id=acme))
    entry = full_entry(acme, dana)
    extras = EntryExtras(health={"trust": 4}, stage="independent")
    save_entry(db, entry, extras)
    entry_id = entry.id
    before = get_entry(db, entry_id)  # type: ignore[arg-type]

    deleted, deleted_extras, change = delete_entry(db, entry_id)  # type: ignore[arg-type]
    assert change.deleted and change.entries == {entry_id} and change.accounts == {acme}
    for table in ("answers", "commitments", "entry_people", "health_ratings", "stage_assessments"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert entry_titles(db, "autoclave") == []

    restore_entry(db, deleted, deleted_extras)
    after = get_entry(db, entry_id)  # type: ignore[arg-type]
    assert after[0].id == entry_id  # links to it keep working
    assert after[1] == before[1]
    strip = lambda e: dataclasses.replace(  # noqa: E731
        e,
        answers=[dataclasses.replace(a, id=None) for a in e.answers],
        commitments=[dataclasses.replace(c, id=None) for c in e.commitments],
    )
    assert strip(after[0]) == strip(before[0])
    assert entry_titles(db, "autoclave") == ["Intro"]


def test_undo_when_the_id_was_taken_gives_a_new_id(db: Database, acme: int) -> None:
    entry = Entry(at=AT, account_id=acme, notes="first")
    save_entry(db, entry)
    deleted, extras, _ = delete_entry(db, entry.id)  # type: ignore[arg-type]
    taker = Entry(at=AT, account_id=acme, notes="took the id", id=deleted.id)
    save_entry(db, taker, reinsert=True)
    restore_entry(db, deleted, extras)
    assert deleted.id != taker.id
    assert count_entries(db, acme) == 2


def test_team_entries_are_listed_apart(db: Database, acme: int) -> None:
    save_entry(db, Entry(at=AT, notes="pipeline review"))
    save_entry(db, Entry(at=AT, account_id=acme, notes="customer"))
    assert [r.notes for r in list_entries(db, None, team=True)] == ["pipeline review"]
    assert [r.notes for r in list_entries(db, acme)] == ["customer"]
    assert (count_entries(db, None), count_entries(db, acme)) == (1, 1)


def test_keyset_paging_returns_every_entry_once_newest_first(db: Database, acme: int) -> None:
    moments = [AT + dt.timedelta(days=d // 3) for d in range(25)]  # three entries share a moment
    for index, moment in enumerate(moments):
        save_entry(db, Entry(at=moment, account_id=acme, notes=f"n{index}"))
    seen = []
    before = None
    pages = 0
    while True:
        page = list_entries(db, acme, limit=10, before=before)
        if not page:
            break
        pages += 1
        seen += page
        before = entry_page_key(page[-1])
    assert pages == 3
    assert len(seen) == 25 and len({r.id for r in seen}) == 25
    keys = [(r.at, r.id) for r in seen]
    assert keys == sorted(keys, reverse=True)


def test_listed_rows_carry_people_and_expectations(db: Database, acme: int) -> None:
    dana = add_stakeholder(db, Stakeholder(name="Dana Ruiz", account_id=acme))
    lee = add_stakeholder(db, Stakeholder(name="Lee", group="internal"))
    entry = full_entry(acme, dana)
    entry.stakeholder_ids = [lee, dana, lee]
    save_entry(db, entry)
    [row] = list_entries(db, acme)
    assert row.people == ("Dana Ruiz", "Lee")
    assert row.expectations == ("Answer the phone.", "Yes.")


def test_an_entry_saved_in_the_app_is_matched_by_a_later_import(db: Database, acme: int) -> None:
    save_entry(db, Entry(at=AT, kind="call", account_id=acme, title="Pricing", notes="Same words."))
    doc = {
        "format": "reljournal",
        "version": 1,
        "accounts": [
            {
                "name": "acme dental",
                "entries": [
                    {
                        "date": "2026-03-04",
                        "time": "09:30",
                        "kind": "call",
                        "title": "Pricing",
                        "notes": "Same words.",
                    }
                ],
            }
        ],
    }
    summary = import_document(db, parse_document(doc))
    assert (summary.entries_created, summary.entries_matched) == (0, 1)
