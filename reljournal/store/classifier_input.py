"""Load accounts' whole journals (the classifier's input) in a few bulk queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from reljournal.core.model import (
    HEALTH_AREAS,
    Account,
    AccountJournal,
    Commitment,
    Entry,
    HealthRating,
    StageAssessment,
    Stakeholder,
)
from reljournal.store.answer_rows import ANSWER_COLUMNS, answer_from_row
from reljournal.store.database import storage_errors

_BATCH = 400


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def load_journals(
    db: Database, account_ids: Iterable[int] | None = None, *, for_classifier: bool = False
) -> Iterator[AccountJournal]:
    """Yield the journal of each account (all accounts, or the given ids), in batches.

    ``for_classifier=True`` leaves out what the classifier does not read (who took part
    in each entry, commitments, health ratings), which makes loading much cheaper."""
    with storage_errors("read the journal"):
        if account_ids is None:
            ids = [r[0] for r in db.conn.execute("SELECT id FROM accounts ORDER BY id")]
        else:
            ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), _BATCH):
        with storage_errors("read the journal"):
            yield from _load_batch(db, ids[start : start + _BATCH], not for_classifier)


def _load_batch(db: Database, ids: list[int], full: bool) -> list[AccountJournal]:
    conn = db.conn
    marks = ",".join("?" for _ in ids)
    journals: dict[int, AccountJournal] = {}
    for r in conn.execute(
        f"SELECT id, name, industry, notes, website FROM accounts WHERE id IN ({marks})", ids
    ):
        journals[r[0]] = AccountJournal(
            account=Account(id=r[0], name=r[1], industry=r[2], notes=r[3], website=r[4])
        )
    for r in conn.execute(
        "SELECT id, account_id, name, grp, title, role, email, phone, notes FROM stakeholders "
        f"WHERE account_id IN ({marks})",
        ids,
    ):
        journals[r[1]].stakeholders.append(
            Stakeholder(
                id=r[0],
                account_id=r[1],
                name=r[2],
                group=r[3],
                title=r[4],
                role=r[5],
                email=r[6],
                phone=r[7],
                notes=r[8],
            )
        )
    entries: dict[int, Entry] = {}
    moment = dt.datetime.fromisoformat
    for entry_id, account_id, at, kind, minutes, title, notes, initiated_by in conn.execute(
        "SELECT id, account_id, at, kind, minutes, title, notes, initiated_by FROM entries "
        f"WHERE account_id IN ({marks}) ORDER BY at, id",
        ids,
    ):
        # positional: this loop builds every entry of the journal (100,000 in the benchmark)
        entry = Entry(
            moment(at), kind, minutes, title, notes, initiated_by, account_id, [], [], [], entry_id
        )
        entries[entry_id] = entry
        journals[account_id].entries.append(entry)
    people: dict[int, list[int]] = defaultdict(list)
    for entry_id, sid in (
        ()
        if not full
        else conn.execute(
            "SELECT p.entry_id, p.stakeholder_id FROM entry_people p JOIN entries e "
            f"ON e.id = p.entry_id WHERE e.account_id IN ({marks})",
            ids,
        )
    ):
        people[entry_id].append(sid)
    for entry_id, sids in people.items():
        entries[entry_id].stakeholder_ids = sids
    for r in conn.execute(
        f"SELECT {ANSWER_COLUMNS} FROM answers WHERE account_id IN ({marks}) ORDER BY said_on, id",
        ids,
    ):
        answer = answer_from_row(r)
        journals[r[2]].answers.append(answer)
        if answer.entry_id in entries:
            entries[answer.entry_id].answers.append(answer)
    for r in (
        ()
        if not full
        else conn.execute(
            "SELECT id, entry_id, account_id, text, owner, due, state, done_on FROM commitments "
            f"WHERE account_id IN ({marks}) ORDER BY id",
            ids,
        )
    ):
        commitment = Commitment(
            id=r[0],
            entry_id=r[1],
            account_id=r[2],
            text=r[3],
            owner=r[4],
            due=_date(r[5]),
            state=r[6],
            done_on=_date(r[7]),
        )
        journals[r[2]].commitments.append(commitment)
        if commitment.entry_id in entries:
            entries[commitment.entry_id].commitments.append(commitment)
    for r in (
        ()
        if not full
        else conn.execute(
            f"SELECT id, account_id, entry_id, rated_on, {', '.join(HEALTH_AREAS)} "
            f"FROM health_ratings WHERE account_id IN ({marks}) ORDER BY rated_on, id",
            ids,
        )
    ):
        scores = {a: v for a, v in zip(HEALTH_AREAS, r[4:], strict=True) if v}
        journals[r[1]].health.append(
            HealthRating(
                id=r[0],
                account_id=r[1],
                entry_id=r[2],
                rated_on=dt.date.fromisoformat(r[3]),
                scores=scores,
            )
        )
    for r in conn.execute(
        "SELECT id, account_id, entry_id, assessed_on, stage FROM stage_assessments "
        f"WHERE account_id IN ({marks}) ORDER BY assessed_on, id",
        ids,
    ):
        journals[r[1]].stages.append(
            StageAssessment(
                id=r[0],
                account_id=r[1],
                entry_id=r[2],
                assessed_on=dt.date.fromisoformat(r[3]),
                stage=r[4],
            )
        )
    return [journals[i] for i in ids if i in journals]
