"""Import and export: the golden round trip, merging by name, re-import adding nothing,
and an import that fails or is cancelled leaving the journal exactly as it was."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlite_utils import Database

from reljournal.core.errors import CancelledError, StorageError
from reljournal.core.formats.interchange import document_to_dict, loads, parse_document
from reljournal.core.questions import ROSEN_EXPECTATIONS
from reljournal.store.transfer import json_import as importer_module
from reljournal.store.transfer.json_export import export_document
from reljournal.store.transfer.json_import import ImportSummary, import_document

GOLDEN = Path(__file__).parents[1] / "data" / "interchange" / "full.json"


def golden() -> dict[str, Any]:
    data = loads(GOLDEN.read_bytes())
    assert isinstance(data, dict)
    return data


def differences(actual: Any, expected: Any, where: str = "$") -> list[str]:
    """Every place where two documents differ, as 'path: actual != expected'."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = []
        for key in sorted(set(actual) | set(expected), key=str):
            if key not in actual:
                found.append(f"{where}.{key}: missing (expected {expected[key]!r:.80})")
            elif key not in expected:
                found.append(f"{where}.{key}: unexpected {actual[key]!r:.80}")
            else:
                found += differences(actual[key], expected[key], f"{where}.{key}")
        return found
    if isinstance(actual, list) and isinstance(expected, list):
        found = []
        if len(actual) != len(expected):
            found.append(f"{where}: {len(actual)} items, expected {len(expected)}")
        for index, (a, e) in enumerate(zip(actual, expected, strict=False)):
            found += differences(a, e, f"{where}[{index}]")
        return found
    if actual != expected or type(actual) is not type(expected):
        return [f"{where}: {actual!r:.80} != {expected!r:.80}"]
    return []


def assert_same_document(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    found = differences(actual, expected)
    assert not found, "documents differ:\n" + "\n".join(found[:30])


def export(db: Database) -> dict[str, Any]:
    return document_to_dict(export_document(db))


def load(db: Database, data: dict[str, Any]) -> ImportSummary:
    return import_document(db, parse_document(data))


def table_counts(db: Database) -> dict[str, int]:
    names = [
        t
        for t in db.table_names()
        if not t.endswith(("_fts", "_data", "_idx", "_docsize", "_config"))
    ]
    return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in names}


def doc(*accounts: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "reljournal", "version": 1, "accounts": list(accounts), **top}


# ---------------------------------------------------------------- the golden round trip


def test_golden_document_round_trips_field_by_field(db: Database) -> None:
    summary = load(db, golden())
    assert (summary.accounts_created, summary.entries_created, summary.questions_created) == (
        3,
        6,
        1,
    )
    assert summary.warnings == []
    assert_same_document(export(db), golden())


def test_reimport_adds_nothing(db: Database) -> None:
    load(db, golden())
    before, counts = export(db), table_counts(db)
    summary = load(db, golden())
    assert not summary.changed
    assert summary.accounts_matched == 3 and summary.entries_matched == 6
    assert table_counts(db) == counts
    assert_same_document(export(db), before)


def test_export_of_an_imported_export_is_stable(db: Database, tmp_path: Path) -> None:
    """export → import into an empty journal → export gives the same document."""
    from reljournal.store.opening import create_journal

    load(db, golden())
    first = export(db)
    other = create_journal(tmp_path / "other.db")
    try:
        load(other.db, first)
        assert_same_document(export(other.db), first)
    finally:
        other.close()


def test_a_file_holding_the_same_entry_twice_adds_it_once(db: Database) -> None:
    entry = {"date": "2026-03-04", "kind": "call", "title": "Pricing", "notes": "Same words."}
    summary = load(db, doc({"name": "Acme", "entries": [entry, dict(entry)]}))
    assert (summary.entries_created, summary.entries_matched) == (1, 1)


# ---------------------------------------------------------------- what the import keeps


def test_answers_match_bank_questions_case_and_punctuation_aside(db: Database) -> None:
    load(db, golden())
    rows = db.execute(
        "SELECT a.question_text, q.text FROM answers a LEFT JOIN questions q ON q.id = a.question_id "
        "ORDER BY a.id"
    ).fetchall()
    asked = dict(rows)
    # matched to the bank, and the question is kept as it was asked
    assert (
        asked["what are your expectations of the person you are going to buy from"]
        == ROSEN_EXPECTATIONS
    )
    # a question not in the bank stays an ad-hoc question
    assert asked["Who signs off on new equipment?"] is None
    # a question the file added to the bank
    assert (
        asked["What does a good quarter look like for you?"]
        == "What does a good quarter look like for you?"
    )


def test_retired_question_keeps_its_answers(db: Database) -> None:
    data = doc(
        {
            "name": "Acme",
            "entries": [
                {
                    "date": "2026-03-04",
                    "answers": [
                        {
                            "question": "Do you buy this from one supplier or several?",
                            "answer": "Several.",
                        }
                    ],
                }
            ],
        },
        questions=[{"text": "Do you buy this from one supplier or several?", "retired": True}],
    )
    load(db, data)
    row = db.execute(
        "SELECT q.retired_at IS NOT NULL, count(a.id) FROM questions q JOIN answers a ON a.question_id = q.id "
        "WHERE q.text = 'Do you buy this from one supplier or several?'"
    ).fetchone()
    assert tuple(row) == (1, 1)


def test_people_in_entries_resolve_to_contacts_then_team_then_new_contacts(db: Database) -> None:
    load(db, golden())
    rows = db.execute(
        "SELECT s.name, s.grp, ifnull(a.name, '') FROM entry_people p JOIN stakeholders s ON s.id = p.stakeholder_id "
        "LEFT JOIN accounts a ON a.id = s.account_id JOIN entries e ON e.id = p.entry_id "
        "WHERE e.title = 'Intro'"
    ).fetchall()
    assert sorted(map(tuple, rows)) == [
        ("Dana Ruiz", "customer", "Acme Dental"),
        ("Lee (pre-sales)", "internal", ""),
    ]
    load(
        db,
        doc(
            {
                "name": "Acme Dental",
                "entries": [{"date": "2026-05-01", "people": ["dana ruiz", "New Person"]}],
            }
        ),
    )
    people = db.execute(
        "SELECT s.name, s.grp FROM stakeholders s JOIN accounts a ON a.id = s.account_id WHERE a.name = 'Acme Dental' "
        "ORDER BY s.name"
    ).fetchall()
    assert [tuple(p) for p in people] == [
        ("Dana Ruiz", "customer"),
        ("New Person", "customer"),
        ("Pat Kim", "customer"),
        ("Sam Ortiz", "partner"),
    ]


def test_import_merges_accounts_by_name(db: Database) -> None:
    load(db, golden())
    counts = table_counts(db)
    summary = load(
        db,
        doc(
            {
                "name": "ACME  dental!",
                "industry": "Dentistry",  # already set: kept
                "notes": "ignored, notes are set",
                "entries": [{"date": "2026-04-01", "kind": "call", "notes": "New call."}],
            },
            {"name": "zenith tools", "industry": "Hardware"},  # empty: filled
        ),
    )
    assert (summary.accounts_created, summary.accounts_matched, summary.entries_created) == (
        0,
        2,
        1,
    )
    accounts = {
        r[0]: (r[1], r[2]) for r in db.execute("SELECT name, industry, notes FROM accounts")
    }
    assert accounts["Acme Dental"][0] == "Healthcare"
    assert accounts["Acme Dental"][1].startswith("Three practices")
    assert accounts["Zenith Tools"] == ("Hardware", "")
    assert table_counts(db)["accounts"] == counts["accounts"]
    assert table_counts(db)["entries"] == counts["entries"] + 1


def test_reimport_with_a_commitment_done_updates_it(db: Database) -> None:
    data = golden()
    load(db, data)
    later = copy.deepcopy(data)
    commitment = later["accounts"][0]["entries"][0]["commitments"][1]
    assert commitment["text"] == "Share the floor plan"
    commitment.update(state="done", done="2026-03-12")
    summary = load(db, later)
    assert (summary.commitments_created, summary.commitments_updated) == (0, 1)
    assert_same_document(export(db), later)


def test_export_of_some_accounts(db: Database) -> None:
    load(db, golden())
    zenith = db.execute("SELECT id FROM accounts WHERE name = 'Zenith Tools'").fetchone()[0]
    acme = db.execute("SELECT id FROM accounts WHERE name = 'Acme Dental'").fetchone()[0]
    part = document_to_dict(export_document(db, [acme, zenith]))
    assert [a["name"] for a in part["accounts"]] == ["Acme Dental", "Zenith Tools"]
    assert part["accounts"][0] == golden()["accounts"][0]
    assert "team" not in part and "team_entries" not in part and "questions" not in part


# ---------------------------------------------------------------- all or nothing


def test_a_failure_halfway_leaves_the_journal_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(db, doc({"name": "Existing", "entries": [{"date": "2026-01-01", "notes": "kept"}]}))
    before, counts = export(db), table_counts(db)
    real = importer_module._Importer.entry
    calls = 0

    def entry_then_disk_full(self: Any, *args: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise sqlcipher3.OperationalError("database or disk is full")
        real(self, *args)

    monkeypatch.setattr(importer_module._Importer, "entry", entry_then_disk_full)
    with pytest.raises(StorageError, match="Could not import into the journal: the disk is full"):
        load(db, golden())
    assert calls == 4
    assert table_counts(db) == counts
    assert_same_document(export(db), before)


def test_cancel_leaves_the_journal_as_it_was(db: Database) -> None:
    before, counts = export(db), table_counts(db)
    asked = 0
    progress: list[tuple[int, int]] = []

    def cancel_on_second_account() -> bool:
        nonlocal asked
        asked += 1
        return asked == 2

    with pytest.raises(CancelledError, match="nothing was changed"):
        import_document(
            db,
            parse_document(golden()),
            progress=lambda done, total: progress.append((done, total)),
            should_cancel=cancel_on_second_account,
        )
    assert progress == [(4, 6)]  # the team entry and Acme's three were written, then undone
    assert table_counts(db) == counts
    assert_same_document(export(db), before)


def test_progress_reaches_the_total(db: Database) -> None:
    progress: list[tuple[int, int]] = []
    import_document(db, parse_document(golden()), progress=lambda d, t: progress.append((d, t)))
    assert progress[-1] == (6, 6)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
