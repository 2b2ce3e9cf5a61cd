"""The classifier's labelled development set (``tests/data/devset/*.json``).

Each file is a RelJournal interchange document whose accounts also carry
``expected_label`` and ``split`` ("dev" or "holdout"); ``as_of`` at the top is
the day the set is classified on. ``load_devset`` turns the accounts into
``AccountJournal`` objects with made-up ids.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reljournal.core.model import (
    Account,
    AccountJournal,
    Answer,
    Commitment,
    Entry,
    StageAssessment,
    Stakeholder,
)

DEVSET_DIR = Path(__file__).resolve().parents[1] / "data" / "devset"


@dataclass
class Case:
    journal: AccountJournal
    expected: str
    split: str
    as_of: dt.date
    source_file: str


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])  # "2025-01-14T10:00": the day, as the importer reads it


def account_to_journal(item: dict[str, Any], ids: itertools.count[int]) -> AccountJournal:
    """One interchange account as an ``AccountJournal`` (answers, commitments and stages
    appear both on their entry and on the journal, as the store loads them)."""
    account = Account(name=item["name"], id=next(ids))
    journal = AccountJournal(account=account)
    for p in item.get("stakeholders", []):
        journal.stakeholders.append(
            Stakeholder(
                name=p["name"],
                group=p.get("group", "customer"),
                title=p.get("title", ""),
                role=p.get("role", ""),
                account_id=account.id,
                id=next(ids),
            )
        )
    for e in item.get("entries", []):
        day = _date(e["date"])
        entry = Entry(
            at=dt.datetime.combine(day, dt.time(9, 0)),
            kind=e.get("kind", "meeting"),
            minutes=e.get("minutes"),
            title=e.get("title", ""),
            notes=e.get("notes", ""),
            initiated_by=e.get("initiated_by", ""),
            account_id=account.id,
            id=next(ids),
        )
        by_name = {p.name.casefold(): p.id for p in journal.stakeholders if p.id is not None}
        entry.stakeholder_ids = [
            by_name[n.casefold()] for n in e.get("people", []) if n.casefold() in by_name
        ]
        for a in e.get("answers", []):
            answer = Answer(
                question_text=a["question"],
                answer=a["answer"],
                said_on=day,
                speaker=a.get("speaker", ""),
                entry_id=entry.id,
                account_id=account.id,
                id=next(ids),
            )
            entry.answers.append(answer)
            journal.answers.append(answer)
        for c in e.get("commitments", []):
            commitment = Commitment(
                text=c["text"],
                owner=c.get("owner", "me"),
                due=_date(c["due"]) if c.get("due") else None,
                state=c.get("state", "open"),
                entry_id=entry.id,
                account_id=account.id,
                id=next(ids),
            )
            entry.commitments.append(commitment)
            journal.commitments.append(commitment)
        if e.get("stage"):
            journal.stages.append(
                StageAssessment(day, e["stage"], account.id, entry.id, id=next(ids))
            )
        journal.entries.append(entry)
    return journal


def load_devset(split: str = "all", directory: Path = DEVSET_DIR) -> list[Case]:
    """The labelled accounts of one split ("dev", "holdout" or "all")."""
    ids = itertools.count(1)
    cases = []
    for path in sorted(directory.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        as_of = _date(doc["as_of"])
        for item in doc["accounts"]:
            if split in ("all", item["split"]):
                cases.append(
                    Case(
                        account_to_journal(item, ids),
                        item["expected_label"],
                        item["split"],
                        as_of,
                        path.name,
                    )
                )
    return cases
