"""account edit/merge/delete and person list/add/edit/move/remove on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reljournal.cli import main

DOC = {
    "format": "reljournal",
    "version": 1,
    "accounts": [
        {"name": "Tender Corp", "entries": [{"date": "2026-10-01", "notes": "Visit."}]},
        {"name": "Tender Corporation", "entries": [{"date": "2026-10-02", "notes": "Call."}]},
        {"name": "Blank Ltd", "entries": [{"date": "2026-10-03", "notes": "Invoice sent."}]},
    ],
}


def _journal(journal_path: Path, tmp_path: Path) -> list[str]:
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(DOC), encoding="utf-8")
    db = ["--db", str(journal_path)]
    assert main(["import", str(doc), *db]) == 0
    return db


def test_account_edit_merge_delete(journal_path: Path, tmp_path: Path, capsys: Any) -> None:
    db = _journal(journal_path, tmp_path)
    assert main(["account", "edit", "blank", "--name", "Blank & Sons", "--industry", "Retail",
                 "--domain", "blank.test", *db]) == 0  # fmt: skip
    assert "Saved Blank & Sons." in capsys.readouterr().out
    assert main(["account", "edit", "blank", "--name", "Tender Corp", *db]) == 1
    assert "already called" in capsys.readouterr().err
    assert main(["account", "merge", "Tender Corporation", "Tender Corp", *db]) == 0
    assert "Merged Tender Corporation into Tender Corp." in capsys.readouterr().out
    assert main(["account", "delete", "blank", *db]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["account", "delete", "blank", "--yes", *db]) == 0
    capsys.readouterr()
    assert main(["classify", "--json", *db]) == 0
    names = [r["account"] for r in json.loads(capsys.readouterr().out)]
    assert names == ["Tender Corp"]
    assert main(["account", "merge", "nobody", "Tender Corp", *db]) == 1
    assert "No account matches" in capsys.readouterr().err


def test_people_by_command(journal_path: Path, tmp_path: Path, capsys: Any) -> None:
    db = _journal(journal_path, tmp_path)
    assert main(["person", "add", "Dana Smith", "--account", "Tender Corp", "--email",
                 "dana@tender.test", "--phone", "+44 20 7946 0000", *db]) == 0  # fmt: skip
    assert main(["person", "add", "Sam Lee", "--team", "--title", "Pre-sales", *db]) == 0
    assert main(["person", "add", "Dana Smith", "--account", "blank", *db]) == 0
    assert main(["person", "add", "Ann", "--account", "blank", "--email", "nope", *db]) == 1
    assert "not an email" in capsys.readouterr().err
    assert main(["person", "edit", "Dana Smith", "--title", "CFO", *db]) == 1
    assert "--of" in capsys.readouterr().err  # two Danas
    assert main(["person", "edit", "Dana", "--of", "tender corp", "--title", "CFO", *db]) == 0
    assert main(["person", "move", "Dana Smith", "--of", "blank", "--account", "Tender "
                 "Corporation", *db]) == 0  # fmt: skip
    assert main(["person", "remove", "Sam Lee", *db]) == 0
    capsys.readouterr()
    assert main(["person", "list", "Tender Corp", *db]) == 0
    out = capsys.readouterr().out
    assert "Dana Smith (customer)  CFO · dana@tender.test · +44 20 7946 0000" in out
    assert main(["person", "list", "Tender Corporation", *db]) == 0
    assert "Dana Smith (customer)" in capsys.readouterr().out
    assert main(["person", "list", "--team", *db]) == 0
    assert "No people in the team yet." in capsys.readouterr().out
