"""Stated expectations (answers), latest first, with superseded ones marked."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from reljournal.core.model import text_key
from reljournal.core.records import ExpectationRow
from reljournal.store.database import storage_errors


def list_expectations(db: Database, account_id: int) -> list[ExpectationRow]:
    """The account's answers, newest first. An answer is superseded when a newer answer
    to the same question (by bank id, else by wording) exists for the account."""
    with storage_errors("read the expectations"):
        rows = db.conn.execute(
            "SELECT a.id, a.entry_id, a.account_id, a.question_id, a.question_text, a.answer, "
            "a.speaker_name, a.said_on, a.tags FROM answers a JOIN entries e ON e.id = a.entry_id "
            "WHERE a.account_id = ? ORDER BY a.said_on DESC, e.at DESC, a.id DESC",
            (account_id,),
        ).fetchall()
    seen: set[object] = set()
    result = []
    for r in rows:
        question: object = r[3] if r[3] is not None else text_key(r[4])
        result.append(
            ExpectationRow(
                id=r[0],
                entry_id=r[1],
                account_id=r[2],
                question_text=r[4],
                answer=r[5],
                speaker=r[6],
                said_on=dt.date.fromisoformat(r[7]),
                tags=tuple(t for t in r[8].split(",") if t),
                superseded=question in seen,
            )
        )
        seen.add(question)
    return result
