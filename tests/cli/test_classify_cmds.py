"""The classify, override and effort commands."""

from __future__ import annotations

import json
from pathlib import Path

from reljournal.cli import main

DOC = {
    "format": "reljournal",
    "version": 1,
    "accounts": [
        {
            "name": "Tender Corp",
            "entries": [
                {
                    "date": "2026-10-01",
                    "minutes": 240,
                    "kind": "visit",
                    "answers": [
                        {
                            "question": "What are your expectations of the person you are "
                            "going to buy from?",
                            "answer": "I'm not looking for a partner, I'm looking for a "
                            "supplier. Lowest price wins the tender.",
                        }
                    ],
                }
            ],
        },
        {"name": "Blank Ltd", "entries": [{"date": "2026-10-02", "notes": "Invoice sent."}]},
    ],
}


def _journal(journal_path: Path, tmp_path: Path) -> list[str]:
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(DOC), encoding="utf-8")
    db = ["--db", str(journal_path)]
    assert main(["import", str(doc), *db]) == 0
    return db


def test_classify_json_has_the_documented_shape(journal_path, tmp_path, capsys) -> None:
    db = _journal(journal_path, tmp_path)
    capsys.readouterr()
    assert main(["classify", "--json", *db]) == 0
    results = {r["account"]: r for r in json.loads(capsys.readouterr().out)}
    tender = results["Tender Corp"]
    assert set(tender) >= {
        "account",
        "label",
        "score",
        "confidence",
        "reasons",
        "override",
        "effort",
    }
    assert tender["label"] == "transactional"
    assert 0.0 <= tender["score"] <= 1.0 and 0.0 <= tender["confidence"] <= 1.0
    assert tender["override"] is None
    for reason in tender["reasons"]:
        assert set(reason) == {"signal", "quote", "date", "weight"}
        assert reason["date"] == "2026-10-01"
    assert any("supplier" in r["quote"] or "price" in r["quote"] for r in tender["reasons"])
    assert results["Blank Ltd"]["label"] == "undetermined"
    assert "mismatch" in tender["effort"]


def test_override_set_and_clear(journal_path, tmp_path, capsys) -> None:
    db = _journal(journal_path, tmp_path)
    assert main(["override", "tender", "relational", "--reason", "Met the CEO", *db]) == 0
    capsys.readouterr()
    assert main(["classify", "Tender Corp", "--json", *db]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["override"] == {"label": "relational", "reason": "Met the CEO"}
    assert result["label"] == "transactional"  # the computed result stays beside it
    assert main(["override", "tender", "--clear", *db]) == 0
    capsys.readouterr()
    main(["classify", "Tender Corp", "--json", *db])
    assert json.loads(capsys.readouterr().out)[0]["override"] is None


def test_override_needs_a_reason_and_a_real_account(journal_path, tmp_path, capsys) -> None:
    db = _journal(journal_path, tmp_path)
    capsys.readouterr()
    assert main(["override", "tender", "relational", *db]) == 1
    assert "--reason" in capsys.readouterr().err
    assert main(["override", "nobody", "relational", "--reason", "x", *db]) == 1
    assert "No account matches" in capsys.readouterr().err
    assert main(["override", "tender", "friendly", "--reason", "x", *db]) == 2


def test_effort_lists_over_investing(journal_path, tmp_path, capsys) -> None:
    db = _journal(journal_path, tmp_path)
    capsys.readouterr()
    assert main(["effort", "--json", "--all", *db]) == 0
    rows = {r["account"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"Tender Corp", "Blank Ltd"}
    assert main(["effort", *db]) == 0
