"""Stored statements (issue 15): an entry is read when it is saved, classifying reads
the stored stances, and a reader upgrade reads every entry again once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from reljournal.core.classify import classifier
from reljournal.core.classify.classifier import classify_account
from reljournal.core.errors import CancelledError
from reljournal.core.formats.interchange import parse_document
from reljournal.core.model import Answer, Entry, Stakeholder
from reljournal.store import classifications
from reljournal.store.accounts import find_account
from reljournal.store.classifications import reclassify_accounts
from reljournal.store.classifier_input import load_journals
from reljournal.store.entries import delete_entry, get_entry, save_entry
from reljournal.store.people import add_stakeholder
from reljournal.store.statements import (
    default_cues,
    rescore_statements,
    stale_statement_count,
)
from reljournal.store.transfer.json_import import import_document

CORPUS = Path(__file__).resolve().parents[1] / "data" / "classifier_corpus"
ROSEN = "What are your expectations of the person you are going to buy from?"
TODAY = dt.date(2026, 11, 30)


def _account(db, name: str = "Harbour Clinic") -> int:  # type: ignore[no-untyped-def]
    import_document(
        db, parse_document({"format": "reljournal", "version": 1, "accounts": [{"name": name}]})
    )
    account_id = find_account(db, name).id
    assert account_id is not None
    return account_id


def _rows(db, entry_id: int) -> list[tuple]:  # type: ignore[no-untyped-def]
    return db.conn.execute(
        "SELECT speaker, signal, weight, quote FROM statements WHERE entry_id = ? ORDER BY id",
        (entry_id,),
    ).fetchall()


def test_saving_an_entry_stores_its_statements_by_speaker(db) -> None:  # type: ignore[no-untyped-def]
    account_id = _account(db)
    entry = Entry(
        at=dt.datetime(2026, 5, 4, 10),
        kind="call",
        notes="Me: I could run a quarterly business review for you.\n"
        "Ann: Please don't. Just send the best price.",
        account_id=account_id,
    )
    entry.answers.append(Answer(ROSEN, "Deliver on time, that's all.", dt.date(2026, 5, 4)))
    save_entry(db, entry)
    assert entry.id is not None
    rows = _rows(db, entry.id)
    assert rows, "the entry's stances are stored"
    assert all(quote for _, _, _, quote in rows)
    customer = [r for r in rows if r[0] == "customer"]
    assert any(r[1] == "rosen.price_focus" and r[2] < 0 for r in customer)
    # The rep's own offer in the transcript carries no weight.
    assert all(r[2] == 0.0 for r in rows if "business review" in r[3] and r[0] == "rep")
    assert stale_statement_count(db) == 0

    # Editing the entry replaces its statements; deleting it removes them.
    entry.notes = "Ann: We want a partner who knows our wards."
    entry.answers = []
    save_entry(db, entry)
    rows = _rows(db, entry.id)
    assert [r[1] for r in rows if r[1] != "learned.statement"] == [
        "rosen.wants_partner",
        "gronroos.values_expertise",
    ]
    # The learned statement model reads the whole sentence the same way, and quotes it.
    learned = [r for r in rows if r[1] == "learned.statement"]
    assert learned and all(r[2] > 0 and r[3] in entry.notes for r in learned)
    delete_entry(db, entry.id)
    assert _rows(db, entry.id) == []


def test_stored_stances_classify_as_reading_the_text_does(db) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((CORPUS / "dev_01.json").read_text(encoding="utf-8"))
    import_document(db, parse_document(doc))  # imported entries have no stored reading yet
    assert stale_statement_count(db) > 0
    first = reclassify_accounts(db, today=TODAY)  # reads what is missing and stores it
    assert stale_statement_count(db) == 0
    stored = reclassify_accounts(db, today=TODAY)  # now from the stored stances only
    cues = default_cues()
    fresh = {j.account.id: classify_account(j, cues, TODAY) for j in load_journals(db)}
    assert len(stored) == len(doc["accounts"])
    assert stored == first == fresh


def test_an_upgrade_reads_every_statement_again(db) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((CORPUS / "dev_02.json").read_text(encoding="utf-8"))
    import_document(db, parse_document(doc))
    entries = db.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    seen: list[tuple[int, int]] = []
    assert rescore_statements(db, progress=lambda d, t: seen.append((d, t))) == entries
    assert seen[0] == (0, entries) and seen[-1] == (entries, entries)
    assert rescore_statements(db) == 0  # nothing left to read
    upgraded = dataclasses.replace(default_cues(), fingerprint="next-version")
    assert stale_statement_count(db, upgraded) == entries
    with pytest.raises(CancelledError):
        rescore_statements(db, upgraded, should_cancel=lambda: True)
    assert rescore_statements(db, upgraded) == entries
    assert stale_statement_count(db, upgraded) == 0
    entry_id = db.conn.execute("SELECT min(id) FROM entries").fetchone()[0]
    assert get_entry(db, entry_id) is not None


def test_a_new_way_of_weighing_redoes_kept_weighings_without_reading_again(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((CORPUS / "dev_01.json").read_text(encoding="utf-8"))
    import_document(db, parse_document(doc))
    first = reclassify_accounts(db, today=TODAY)
    versions = {v for (v,) in db.conn.execute("SELECT version FROM account_weighings")}
    assert versions == {classifier.weigher_version(default_cues())}
    read = db.conn.execute("SELECT count(*) FROM statement_readings").fetchone()[0]
    weighed: list[int] = []
    weigh = classifications.weigh_readings

    def counting(journal, *args):  # type: ignore[no-untyped-def]
        weighed.append(journal.account.id)
        return weigh(journal, *args)

    monkeypatch.setattr(classifications, "weigh_readings", counting)
    assert reclassify_accounts(db, today=TODAY) == first
    assert weighed == []  # unchanged accounts: their kept weighings are used
    monkeypatch.setattr(classifier, "WEIGHER_VERSION", classifier.WEIGHER_VERSION + 1)
    again = reclassify_accounts(db, today=TODAY)
    assert again == first
    assert len(weighed) == len(first)  # every account weighed again, once
    versions = {v for (v,) in db.conn.execute("SELECT version FROM account_weighings")}
    assert versions == {classifier.weigher_version(default_cues())}
    assert stale_statement_count(db) == 0  # the stored statements were not read again
    assert db.conn.execute("SELECT count(*) FROM statement_readings").fetchone()[0] == read
    assert reclassify_accounts(db, today=TODAY) == first
    assert len(weighed) == len(first)  # and then kept again


def test_a_kept_weighing_is_redone_when_anything_it_read_changes(db) -> None:  # type: ignore[no-untyped-def]
    account_id = _account(db)
    entry = Entry(at=dt.datetime(2026, 5, 4, 10), kind="call", account_id=account_id)
    entry.answers.append(
        Answer(ROSEN, "We want a partner who knows our wards.", dt.date(2026, 5, 4))
    )
    save_entry(db, entry)

    def weighing() -> tuple[int, str]:
        return db.conn.execute(
            "SELECT revision, weighing FROM account_weighings WHERE account_id = ?",
            (account_id,),
        ).fetchone()

    first = reclassify_accounts(db, [account_id], today=TODAY)[account_id]
    kept = weighing()
    assert first.label == "relational" and kept is not None
    # Another day: the kept weighing is used; only the confidence drifts with quiet time.
    later = reclassify_accounts(db, [account_id], today=TODAY + dt.timedelta(days=400))
    assert weighing() == kept
    assert later[account_id].reasons == first.reasons
    assert later[account_id].confidence < first.confidence
    # A day before the latest entry counts ages from that day, and is not kept.
    early = reclassify_accounts(db, [account_id], today=dt.date(2026, 1, 1))[account_id]
    assert weighing() == kept and early.label == "relational"
    # A new stakeholder (a buying centre is behaviour) moves the revision.
    add_stakeholder(db, Stakeholder(name="Ann Lee", account_id=account_id))
    reclassify_accounts(db, [account_id], today=TODAY)
    assert weighing()[0] > kept[0]
    # An imported entry has no reading yet: the kept weighing is not used.
    before = weighing()
    doc = {
        "format": "reljournal",
        "version": 1,
        "accounts": [
            {
                "name": "Harbour Clinic",
                "entries": [
                    {
                        "date": "2026-05-20",
                        "kind": "email",
                        "answers": [{"question": ROSEN, "answer": "And keep us posted monthly."}],
                    }
                ],
            }
        ],
    }
    import_document(db, parse_document(doc))
    assert stale_statement_count(db) == 1
    imported = reclassify_accounts(db, [account_id], today=TODAY)[account_id]
    assert any("keep us posted" in r.quote for r in imported.reasons)
    assert weighing()[0] > before[0] and stale_statement_count(db) == 0
    # So does editing the entry: the customer changed their mind.
    entry.answers = [Answer(ROSEN, "Just send the best price.", dt.date(2026, 5, 4))]
    save_entry(db, entry)
    result = reclassify_accounts(db, [account_id], today=TODAY)[account_id]
    assert any(r.quote == "Just send the best price." for r in result.reasons)
    assert not any("knows our wards" in r.quote for r in result.reasons)
    cues = default_cues()
    fresh = classify_account(next(iter(load_journals(db, [account_id]))), cues, TODAY)
    assert result == fresh


def test_the_kept_account_a_save_updates_matches_reading_it_again(db) -> None:  # type: ignore[no-untyped-def]
    """The incremental weighing's input: after saves, edits, moves and deletes of single
    entries (each updating the kept copy of the account with that entry alone), the
    account classifies exactly as when everything is read from the journal again."""
    from reljournal.store import statements as st
    from reljournal.store.statements import load_account_readings

    home, other = _account(db, "Harbour Clinic"), _account(db, "Quayside Dental")
    texts = [
        "Ann: Honestly, just send the best price, no calls.",
        "Ann: We'd like you at our planning days, you know our lines.",
        "Ann: Cancel the quarterly review please, we'll order online.",
        "Sent the price list.",
    ]
    saved = []
    for n, text in enumerate(texts * 3):
        entry = Entry(
            at=dt.datetime(2026, 1 + n % 9, 1 + n, 9), kind="call", notes=text, account_id=home
        )
        save_entry(db, entry)
        saved.append(entry)
        reclassify_accounts(db, [home], today=TODAY)  # the kept copy is made and used

    def both() -> tuple[object, object]:
        kept = reclassify_accounts(db, [home], today=TODAY)[home]
        st._ACCOUNTS.clear()
        db.conn.execute("DELETE FROM account_weighings")
        fresh = reclassify_accounts(db, [home], today=TODAY)[home]
        return kept, fresh

    key = (st._database_key(db), home)
    assert key in st._ACCOUNTS
    # Edit an entry (new date moves it in the order), move one away, delete one.
    edited, _ = get_entry(db, saved[1].id)
    edited.at = dt.datetime(2026, 11, 20, 9)
    edited.notes = "Ann: From now on it goes to tender, lowest bid wins."
    save_entry(db, edited)
    assert key in st._ACCOUNTS, "a save updates the kept copy instead of dropping it"
    kept, fresh = both()
    assert kept == fresh
    reclassify_accounts(db, [home], today=TODAY)
    moved, _ = get_entry(db, saved[2].id)
    moved.account_id = other
    save_entry(db, moved)
    delete_entry(db, saved[3].id)
    assert key in st._ACCOUNTS
    kept, fresh = both()
    assert kept == fresh
    journal, read = next(load_account_readings(db, [home]))
    assert [e.id for e in journal.entries] == sorted(
        (e.id for e in journal.entries),
        key=lambda i: next((e.at, e.id) for e in journal.entries if e.id == i),
    )
    assert moved.id not in {e.id for e in journal.entries}
    assert saved[3].id not in {r.entry_id for r in read}
    # A change the cache is not told about (a new stakeholder) makes it read in full.
    add_stakeholder(db, Stakeholder(name="Ann Lee", group="customer", account_id=home))
    assert st._kept_account(db, home, default_cues()) is None


def test_closing_forgets_what_was_kept(db) -> None:  # type: ignore[no-untyped-def]
    from reljournal.store import statements as st

    account_id = _account(db)
    save_entry(
        db,
        Entry(
            at=dt.datetime(2026, 5, 4, 10),
            kind="call",
            notes="Ann: Just the price.",
            account_id=account_id,
        ),
    )
    reclassify_accounts(db, [account_id], today=TODAY)
    assert st._ACCOUNTS
    st.forget_kept()
    assert not st._ACCOUNTS and not st._KEPT


def _saved_call(db, account_id: int, notes: str) -> Entry:  # type: ignore[no-untyped-def]
    entry = Entry(at=dt.datetime(2026, 5, 4, 10), kind="call", notes=notes, account_id=account_id)
    save_entry(db, entry)
    return entry


def test_renaming_an_account_reads_its_entries_again(db) -> None:  # type: ignore[no-untyped-def]
    """A line headed by the account's name is the rep's note about the account, not
    someone speaking: after a rename, the old name is just a name, and the stored
    reading follows."""
    from reljournal.store.accounts import update_account

    account_id = _account(db, "Ostler Print")
    entry = _saved_call(
        db, account_id, "Ostler: we only buy on price, just send the cheapest quote."
    )
    assert entry.id is not None
    assert all(speaker != "customer" for speaker, *_ in _rows(db, entry.id))
    update_account(db, account_id, name="Blue Fox Print")
    assert stale_statement_count(db) == 1
    result = reclassify_accounts(db, [account_id], today=TODAY)[account_id]
    assert any(speaker == "customer" for speaker, *_ in _rows(db, entry.id))
    assert result.label == "transactional"
    # Saving the same name again changes nothing that was read.
    update_account(db, account_id, name="Blue Fox Print", industry="Print")
    assert stale_statement_count(db) == 0


def _customer_rows(db, entry_id: int) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [row for row in _rows(db, entry_id) if row[0] == "customer"]


def test_people_added_renamed_or_moved_read_the_account_again(db) -> None:  # type: ignore[no-untyped-def]
    """Names decide who speaks: "Priya: ..." is the customer's until the rep says Priya is
    a colleague; then it is not, and the stored reading follows, whichever way the person
    was added, edited or removed. A change of title alone reads nothing again."""
    from reljournal.store.record_edits import add_person, edit_person, remove_person

    account_id = _account(db, "Harbour Clinic")
    other_id = _account(db, "Quayside Dental")
    notes = "Priya: we only buy on price, just send the cheapest quote every time."
    entry = _saved_call(db, account_id, notes)
    assert entry.id is not None
    assert _customer_rows(db, entry.id)
    assert reclassify_accounts(db, [account_id], today=TODAY)[account_id].label == "transactional"

    colleague = Stakeholder("Priya Shah", group="internal", account_id=account_id)
    person_id = add_person(db, colleague)
    assert stale_statement_count(db) == 1
    result = reclassify_accounts(db, [account_id], today=TODAY)[account_id]
    assert not _customer_rows(db, entry.id)
    assert result.label == "undetermined"

    # A new title changes no name: nothing is read again.
    edit_person(db, person_id, dataclasses.replace(colleague, title="Solutions engineer"))
    assert stale_statement_count(db) == 0

    # Moved to another account, the colleague no longer speaks for this one's notes.
    edit_person(db, person_id, dataclasses.replace(colleague, account_id=other_id))
    assert stale_statement_count(db) == 1
    reclassify_accounts(db, [account_id], today=TODAY)
    assert _customer_rows(db, entry.id)

    # Back, then removed: read again each time.
    edit_person(db, person_id, colleague)
    reclassify_accounts(db, [account_id], today=TODAY)
    assert not _customer_rows(db, entry.id)
    remove_person(db, person_id)
    assert stale_statement_count(db) == 1
    assert reclassify_accounts(db, [account_id], today=TODAY)[account_id].label == "transactional"


def test_a_journal_from_before_gets_the_rereading_triggers(tmp_path: Path) -> None:
    """A journal made before the triggers existed gets them when it is next opened."""
    from sqlite_utils import Database

    from reljournal.store.schema import migrations

    wanted = {
        "stakeholders_revise_reread_i",
        "stakeholders_revise_reread_d",
        "stakeholders_revise_reread_u",
        "accounts_revise_reread_u",
    }
    db = Database(tmp_path / "plain.db")
    migrations.apply(db)
    for name in wanted:
        db.execute(f"DROP TRIGGER [{name}]")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0010_reread_on_names'")
    migrations.apply(db)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert wanted <= names


def test_who_took_part_in_an_entry_is_weighed_from_the_journal(db) -> None:  # type: ignore[no-untyped-def]
    """Words nobody is named for, said where the decision maker was not, are not the
    decision maker's: the people the rep records on an entry reach the classifier, through
    a full read and through the kept copy a save updates."""
    from reljournal.core.model import LABEL_RELATIONAL, LABEL_UNDETERMINED
    from reljournal.store import statements as st

    home = _account(db, "Duff Heating Services")
    carla = add_stakeholder(
        db,
        Stakeholder(
            name="Carla Duff",
            group="customer",
            account_id=home,
            title="Managing Director",
            role="decision maker",
        ),
    )
    ben = add_stakeholder(
        db,
        Stakeholder(
            name="Ben Attwood",
            group="customer",
            account_id=home,
            title="Maintenance Supervisor",
            role="user",
        ),
    )
    notes = [
        "Walked the plant room. Keen as ever: 'Nobody else knows our old boilers like your "
        "lads, we'd hate to start again with anyone.'",
        "Quick call. 'Keep the same engineer on every visit and plan next year's works with "
        "us, please.'",
    ]
    saved = []
    for n, text in enumerate(notes):
        entry = Entry(
            at=dt.datetime(2026, 4 + 3 * n, 7, 10),
            kind="visit",
            notes=text,
            account_id=home,
            stakeholder_ids=[ben],
        )
        save_entry(db, entry)
        saved.append(entry)
    assert reclassify_accounts(db, [home], today=TODAY)[home].label == LABEL_UNDETERMINED
    # Carla was at the second visit after all: the rep adds her; the save updates the
    # kept copy, and the words may now be hers.
    edited, _ = get_entry(db, saved[1].id)
    edited.stakeholder_ids = [ben, carla]
    save_entry(db, edited)
    assert reclassify_accounts(db, [home], today=TODAY)[home].label == LABEL_RELATIONAL
    st._ACCOUNTS.clear()
    db.conn.execute("DELETE FROM account_weighings")
    assert reclassify_accounts(db, [home], today=TODAY)[home].label == LABEL_RELATIONAL
