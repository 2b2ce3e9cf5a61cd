"""Classification in the store: results, history, overrides, automatic reclassification."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.errors import ValidationError
from reljournal.core.formats.interchange import parse_document
from reljournal.core.model import Entry
from reljournal.store.accounts import find_account, list_account_summaries
from reljournal.store.classifications import (
    classification_history,
    clear_override,
    current_override,
    latest_classification,
    override_history,
    reclassify_accounts,
    set_override,
)
from reljournal.store.entries import delete_entry, save_entry
from reljournal.store.transfer.json_import import import_document

ROSEN = "What are your expectations of the person you are going to buy from?"


def _doc(answer: str, date: str = "2026-05-04") -> dict:
    return {
        "format": "reljournal",
        "version": 1,
        "accounts": [
            {
                "name": "Harbour Clinic",
                "entries": [
                    {
                        "date": date,
                        "kind": "meeting",
                        "minutes": 30,
                        "answers": [{"question": ROSEN, "answer": answer, "speaker": "Ann"}],
                    }
                ],
            },
            {"name": "Quiet Co", "entries": [{"date": date, "notes": "Dropped off samples."}]},
        ],
    }


def test_results_quote_the_journal_and_no_evidence_is_undetermined(db) -> None:
    answer = "Just send me the best price and deliver on time. I don't need meetings."
    import_document(db, parse_document(_doc(answer)))
    results = reclassify_accounts(db, today=dt.date(2026, 6, 1))
    clinic = find_account(db, "Harbour Clinic").id
    quiet = find_account(db, "Quiet Co").id
    assert results[clinic].label == "transactional"
    assert results[clinic].reasons, "a label needs reasons"
    for reason in results[clinic].reasons:
        assert reason.quote and reason.quote in answer
        assert reason.date == dt.date(2026, 5, 4)
    assert results[quiet].label == "undetermined"
    stored = latest_classification(db, clinic)
    assert stored is not None and stored.classification.label == "transactional"
    assert stored.classification.reasons[0].quote == results[clinic].reasons[0].quote


def test_history_grows_only_when_the_result_changes(db) -> None:
    import_document(db, parse_document(_doc("Price is all that matters; no lunches please.")))
    clinic = find_account(db, "Harbour Clinic").id
    reclassify_accounts(db, [clinic], today=dt.date(2026, 6, 1))
    reclassify_accounts(db, [clinic], today=dt.date(2026, 6, 2))
    assert len(classification_history(db, clinic)) == 1
    save_entry(
        db,
        Entry(
            at=dt.datetime(2026, 9, 1, 10, 0),
            account_id=clinic,
            notes="Their new director said: we want a long-term partner who advises us, "
            "with quarterly business reviews and a multi-year plan.",
        ),
    )
    history = classification_history(db, clinic)
    assert len(history) == 2  # saving the entry reclassified the account by itself
    assert history[-1].classification.score > history[0].classification.score


def test_delete_reclassifies_the_account(db) -> None:
    import_document(db, parse_document(_doc("Fast quotes and correct invoices, nothing more.")))
    clinic = find_account(db, "Harbour Clinic").id
    reclassify_accounts(db, [clinic])
    entry = Entry(
        at=dt.datetime(2026, 9, 1, 10, 0),
        account_id=clinic,
        notes="We want a partner for the next five years, with regular strategy reviews.",
    )
    save_entry(db, entry)
    after_save = latest_classification(db, clinic)
    assert entry.id is not None
    delete_entry(db, entry.id)
    after_delete = latest_classification(db, clinic)
    assert after_save is not None and after_delete is not None
    assert after_delete.classification.score < after_save.classification.score


def test_override_wins_and_keeps_history(db) -> None:
    import_document(db, parse_document(_doc("Cheapest supplier wins, we tender every year.")))
    clinic = find_account(db, "Harbour Clinic").id
    reclassify_accounts(db, [clinic])
    set_override(db, clinic, "relational", "The owner told me off the record she wants advice")
    summary = [s for s in list_account_summaries(db, dt.date.today()) if s.id == clinic][0]
    assert summary.label == "relational" and summary.overridden
    assert summary.computed_label == "transactional"
    set_override(db, clinic, "undetermined", "Waiting for the new buyer")
    assert current_override(db, clinic).label == "undetermined"
    assert clear_override(db, clinic) is True
    assert current_override(db, clinic) is None
    assert clear_override(db, clinic) is False
    history = override_history(db, clinic)
    assert [o.label for o, _ in history] == ["relational", "undetermined"]
    assert all(cleared is not None for _, cleared in history)


@pytest.mark.parametrize(
    ("label", "reason"),
    [("friendly", "why not"), ("relational", "   "), ("relational", "x" * 5000)],
)
def test_override_rejects_bad_input(db, label: str, reason: str) -> None:
    import_document(db, parse_document(_doc("Price.")))
    clinic = find_account(db, "Harbour Clinic").id
    with pytest.raises(ValidationError):
        set_override(db, clinic, label, reason)
    assert current_override(db, clinic) is None
