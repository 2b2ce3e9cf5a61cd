"""Accounts, commitments, stakeholders, the question bank and stated expectations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.formats.interchange import loads, parse_document
from reljournal.core.model import Answer, Entry, Stakeholder
from reljournal.core.questions import ROSEN_EXPECTATIONS, ROSEN_SHOES
from reljournal.store.accounts import (
    account_names,
    account_summary,
    create_account,
    delete_account,
    find_account,
    get_account,
    list_account_summaries,
    update_account,
)
from reljournal.store.commitments import (
    due_commitments,
    list_commitments,
    restore_commitment_state,
    set_commitment_state,
)
from reljournal.store.entries import save_entry
from reljournal.store.expectations import list_expectations
from reljournal.store.people import add_stakeholder, list_stakeholders, people_names
from reljournal.store.questions import (
    add_question,
    edit_question,
    list_questions,
    set_question_retired,
)
from reljournal.store.transfer.json_import import import_document

GOLDEN = Path(__file__).parents[1] / "data" / "interchange" / "full.json"
TODAY = dt.date(2026, 3, 8)


@pytest.fixture
def filled(db: Database) -> Database:
    import_document(db, parse_document(loads(GOLDEN.read_bytes())))
    return db


def account_id(db: Database, name: str) -> int:
    return int(db.execute("SELECT id FROM accounts WHERE name = ?", (name,)).fetchone()[0])


# ---------------------------------------------------------------- accounts


def test_create_account_cleans_the_name_and_never_duplicates(db: Database) -> None:
    first = create_account(db, "  Acme   Dental ", "Healthcare")
    assert get_account(db, first).name == "Acme Dental"
    assert create_account(db, "acme dental!") == first
    assert account_names(db) == [(first, "Acme Dental")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "needs a name"),
        ("  ", "needs a name"),
        ("!?!", "needs a name"),
        ("x" * 201, "at most 200"),
    ],
)
def test_account_names_that_are_refused(db: Database, name: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        create_account(db, name)


def test_rename_refuses_a_name_in_use(db: Database) -> None:
    acme = create_account(db, "Acme")
    create_account(db, "Beta")
    with pytest.raises(ValidationError, match='already called "BETA"'):
        update_account(db, acme, name="BETA")
    update_account(db, acme, name="Acme Dental", industry="Healthcare", website="w", notes="n")
    account = get_account(db, acme)
    assert (account.name, account.industry, account.website, account.notes) == (
        "Acme Dental",
        "Healthcare",
        "w",
        "n",
    )


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Acme Dental", "Acme Dental"),
        ("ACME DENTAL.", "Acme Dental"),
        ("acme", "Acme Dental"),  # the only one starting with it
        ("logistik", "Björk Logistik AB"),  # the only one containing it
        ("zen", "Zenith Tools"),
    ],
)
def test_find_account_by_what_a_user_types(filled: Database, typed: str, found: str) -> None:
    assert find_account(filled, typed).name == found


def test_find_account_that_is_ambiguous_or_missing(filled: Database) -> None:
    create_account(filled, "Acme Tools")
    with pytest.raises(
        NotFoundError, match='"acme" matches several accounts: Acme Dental, Acme Tools'
    ):
        find_account(filled, "acme")
    assert find_account(filled, "acme tools").name == "Acme Tools"
    with pytest.raises(NotFoundError, match='No account matches "nobody"'):
        find_account(filled, "nobody")
    with pytest.raises(NotFoundError, match="Name an account"):
        find_account(filled, "  ?")
    with pytest.raises(NotFoundError):
        get_account(filled, 999)


def test_account_summaries(filled: Database) -> None:
    rows = {r.name: r for r in list_account_summaries(filled, TODAY)}
    assert list(rows) == ["Acme Dental", "Björk Logistik AB", "Zenith Tools"]
    acme = rows["Acme Dental"]
    assert (acme.entry_count, acme.last_contact) == (3, dt.date(2026, 3, 12))
    # open: "Share the floor plan" (due 03-11); the done and dropped ones do not count
    assert (acme.open_commitments, acme.overdue, acme.next_due) == (1, 0, dt.date(2026, 3, 11))
    bjork = rows["Björk Logistik AB"]
    assert (bjork.label, bjork.overridden) == ("transactional", True)
    assert (bjork.open_commitments, bjork.overdue, bjork.next_due) == (2, 0, dt.date(2026, 4, 1))
    later = account_summary(filled, bjork.id, dt.date(2026, 4, 2))
    assert (later.overdue, later.next_due) == (1, None)
    zenith = rows["Zenith Tools"]
    assert (zenith.entry_count, zenith.last_contact, zenith.label) == (0, None, "undetermined")
    with pytest.raises(NotFoundError):
        account_summary(filled, 999, TODAY)


def test_deleting_an_account_deletes_what_belongs_to_it(filled: Database) -> None:
    delete_account(filled, account_id(filled, "Acme Dental"))
    for table in ("entries", "answers", "commitments", "stakeholders", "health_ratings"):
        leftover = filled.execute(
            f"SELECT count(*) FROM {table} t LEFT JOIN accounts a ON a.id = t.account_id "
            "WHERE t.account_id IS NOT NULL AND a.id IS NULL"
        ).fetchone()[0]
        assert leftover == 0, table
    # the team and the other accounts are untouched
    assert filled.execute("SELECT count(*) FROM entries").fetchone()[0] == 3
    assert (
        filled.execute("SELECT count(*) FROM stakeholders WHERE account_id IS NULL").fetchone()[0]
        == 2
    )


# ---------------------------------------------------------------- commitments


def test_commitments_open_first_then_by_due_date(filled: Database) -> None:
    rows = list_commitments(filled)
    assert [(r.state, r.due) for r in rows] == [
        ("open", dt.date(2026, 3, 11)),
        ("open", dt.date(2026, 4, 1)),
        ("open", None),
        ("done", dt.date(2026, 3, 3)),
        ("done", dt.date(2026, 3, 6)),
        ("dropped", None),
    ]
    acme = account_id(filled, "Acme Dental")
    assert [r.text for r in list_commitments(filled, acme, open_only=True)] == [
        "Share the floor plan"
    ]
    assert {r.account_name for r in list_commitments(filled, acme)} == {"Acme Dental"}


def test_due_commitments(filled: Database) -> None:
    assert due_commitments(filled, TODAY) == []
    assert [r.text for r in due_commitments(filled, TODAY, within_days=3)] == [
        "Share the floor plan"
    ]
    assert [r.text for r in due_commitments(filled, dt.date(2026, 4, 1))] == [
        "Share the floor plan",
        "Quote the spring order",
    ]
    assert [
        r.is_overdue(dt.date(2026, 4, 1)) for r in due_commitments(filled, dt.date(2026, 4, 1))
    ] == [
        True,
        False,
    ]


def test_marking_a_commitment_and_undoing_it(filled: Database) -> None:
    [row] = list_commitments(filled, account_id(filled, "Acme Dental"), open_only=True)
    previous, change = set_commitment_state(filled, row.id, "done", TODAY)
    assert previous == row and change.accounts == {row.account_id}
    [done] = [r for r in list_commitments(filled) if r.id == row.id]
    assert (done.state, done.done_on) == ("done", TODAY)
    set_commitment_state(filled, row.id, "dropped", TODAY)
    [dropped] = [r for r in list_commitments(filled) if r.id == row.id]
    assert (dropped.state, dropped.done_on) == ("dropped", None)
    restore_commitment_state(filled, previous)
    assert [r for r in list_commitments(filled) if r.id == row.id] == [row]
    with pytest.raises(ValidationError, match="not a commitment state"):
        set_commitment_state(filled, row.id, "late", TODAY)
    with pytest.raises(NotFoundError):
        set_commitment_state(filled, 999, "done", TODAY)


# ---------------------------------------------------------------- stakeholders


def test_stakeholders_of_an_account_and_the_team(filled: Database) -> None:
    acme = account_id(filled, "Acme Dental")
    people = list_stakeholders(filled, acme)
    assert [(p.group, p.name) for p in people] == [
        ("customer", "Dana Ruiz"),
        ("customer", "Pat Kim"),
        ("partner", "Sam Ortiz"),
    ]
    assert people[0].last_contact == dt.date(2026, 3, 10)
    assert people[1].last_contact is None  # spoke in an answer, but was not listed as present
    team = list_stakeholders(filled, team=True)
    assert [(p.group, p.name, p.last_contact) for p in team] == [
        ("internal", "Lee (pre-sales)", dt.date(2026, 3, 4)),
        ("partner", "Mara Okafor", dt.date(2026, 3, 2)),
    ]
    assert len(list_stakeholders(filled)) == len(people_names(filled)) == 6


def test_adding_people(filled: Database) -> None:
    acme = account_id(filled, "Acme Dental")
    dana = add_stakeholder(filled, Stakeholder(name=" dana  RUIZ ", account_id=acme))
    assert dana == list_stakeholders(filled, acme)[0].id  # the same person, not a copy
    lee = add_stakeholder(filled, Stakeholder(name="Lee", group="internal"))
    assert add_stakeholder(filled, Stakeholder(name="LEE", group="internal")) == lee
    # same name, other group or account: another person
    assert add_stakeholder(filled, Stakeholder(name="Lee", group="partner")) != lee
    with pytest.raises(ValidationError, match="belongs to an account"):
        add_stakeholder(filled, Stakeholder(name="Nobody", group="customer"))
    with pytest.raises(ValidationError, match="not a group"):
        add_stakeholder(filled, Stakeholder(name="X", group="family", account_id=acme))
    with pytest.raises(ValidationError, match="needs a name"):
        add_stakeholder(filled, Stakeholder(name=" ", account_id=acme))


# ---------------------------------------------------------------- the question bank


def test_question_bank_in_order_with_answer_counts(filled: Database) -> None:
    questions = list_questions(filled)
    assert [q.text for q in questions[:2]] == [ROSEN_EXPECTATIONS, ROSEN_SHOES]
    assert (questions[0].answer_count, questions[1].answer_count) == (1, 1)
    assert all(q.builtin for q in questions[:-1]) and not questions[-1].builtin
    retired = [q for q in list_questions(filled, include_retired=True) if q.retired]
    assert [q.text for q in retired] == ["Do you buy this from one supplier or several?"]
    assert retired[0].text not in [q.text for q in questions]


def test_adding_editing_and_retiring_questions(filled: Database) -> None:
    new = add_question(filled, "  Who  else decides? ", "decision")
    assert list_questions(filled)[-1].text == "Who else decides?"
    assert add_question(filled, "who else decides") == new
    with pytest.raises(ValidationError, match="needs some text"):
        add_question(filled, " ?! ")

    rosen = list_questions(filled)[0]
    edit_question(filled, rosen.id, "What do you expect of the person you buy from?")
    # the answer keeps the wording it was asked with
    asked = filled.execute("SELECT question_text FROM answers WHERE question_id = ?", (rosen.id,))
    assert (
        asked.fetchone()[0] == "what are your expectations of the person you are going to buy from"
    )
    with pytest.raises(ValidationError, match="already has that question"):
        edit_question(filled, rosen.id, ROSEN_SHOES)

    set_question_retired(filled, rosen.id, True)
    assert rosen.id not in [q.id for q in list_questions(filled)]
    assert (
        filled.execute(
            "SELECT count(*) FROM answers WHERE question_id = ?", (rosen.id,)
        ).fetchone()[0]
        == 1
    )
    # adding a retired question again brings it back
    assert add_question(filled, "What do you expect of the person you buy from") == rosen.id
    assert rosen.id in [q.id for q in list_questions(filled)]
    with pytest.raises(NotFoundError):
        set_question_retired(filled, 999, True)
    with pytest.raises(NotFoundError):
        edit_question(filled, 999, "A new question?")


# ---------------------------------------------------------------- stated expectations


def test_expectations_newest_first_with_older_answers_superseded(db: Database) -> None:
    acme = create_account(db, "Acme")
    other = create_account(db, "Other")

    def said(on: dt.date, question: str, answer: str, account: int = acme) -> None:
        at = dt.datetime.combine(on, dt.time(10))
        save_entry(
            db,
            Entry(
                at=at,
                account_id=account,
                answers=[Answer(question_text=question, answer=answer, said_on=on, tags=["price"])],
            ),
        )

    said(dt.date(2026, 1, 1), ROSEN_EXPECTATIONS, "Cheap.")
    said(
        dt.date(2026, 2, 1),
        "what are your expectations of the person you are going to buy from",
        "Fast.",
    )
    said(dt.date(2026, 1, 15), "Ad hoc question?", "First.")
    said(dt.date(2026, 3, 1), "ad-hoc question", "Second.")
    said(dt.date(2026, 4, 1), ROSEN_EXPECTATIONS, "Another account.", other)

    rows = list_expectations(db, acme)
    assert [(r.answer, r.superseded) for r in rows] == [
        ("Second.", False),
        ("Fast.", False),
        ("First.", True),
        ("Cheap.", True),
    ]
    assert rows[0].tags == ("price",)
    assert [r.answer for r in list_expectations(db, other)] == ["Another account."]
