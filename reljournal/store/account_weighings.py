"""Each account's weighed evidence, kept while nothing it was made from changes.

An account's classification depends on ``today`` only through the quiet time since
its latest entry (see ``classifier.Weighing``), so the weighing of its stored
statements and behaviour is kept with the account's revision (moved by triggers on
everything the classifier reads, see the 0004 migration) and the weigher's version (which
includes the reader's), as long as every entry of the account has a reading by the
reader's version;
classifying an unchanged account is then one row read and a little arithmetic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from reljournal.core.classify.classifier import Weighing
from reljournal.core.model import Reason


def current_revisions(db: Database, account_ids: Iterable[int]) -> dict[int, int]:
    """The revision of each account (0 for one never changed since the migration)."""
    ids = list(account_ids)
    out = dict.fromkeys(ids, 0)
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        marks = ",".join("?" for _ in part)
        for account_id, revision in db.conn.execute(
            f"SELECT account_id, revision FROM account_revisions WHERE account_id IN ({marks})",
            part,
        ):
            out[account_id] = revision
    return out


def kept_weighings(
    db: Database, account_ids: list[int] | None, version: str, reader: str
) -> tuple[list[int], dict[int, Weighing]]:
    """All the account ids asked for (all accounts when None, by id), and the kept
    weighings that are still good: same revision, made the same way (``version``, see
    ``classifier.weigher_version``), and every entry read by the same reader
    (``reader``, see ``reading.reader_version``)."""
    sql = (
        "SELECT a.id, coalesce(r.revision, 0), w.revision, w.version, w.weighing "
        "FROM accounts a LEFT JOIN account_revisions r ON r.account_id = a.id "
        "LEFT JOIN account_weighings w ON w.account_id = a.id"
    )
    rows: list[Any] = []
    if account_ids is None:
        rows = db.conn.execute(sql + " ORDER BY a.id").fetchall()
        ids = [r[0] for r in rows]
    else:
        ids = list(dict.fromkeys(account_ids))
        for start in range(0, len(ids), 900):
            part = ids[start : start + 900]
            marks = ",".join("?" for _ in part)
            rows += db.conn.execute(sql + f" WHERE a.id IN ({marks})", part).fetchall()
        known = {r[0] for r in rows}
        ids = [i for i in ids if i in known]
    unread = _accounts_with_unread_entries(db, account_ids, reader)
    kept = {
        r[0]: _decode(r[4])
        for r in rows
        if r[2] is not None and r[2] == r[1] and r[3] == version and r[0] not in unread
    }
    return ids, kept


def _accounts_with_unread_entries(
    db: Database, account_ids: list[int] | None, version: str
) -> set[int]:
    """Accounts with an entry that has no reading by this version (new, imported)."""
    sql = (
        "SELECT DISTINCT e.account_id FROM entries e LEFT JOIN statement_readings r "
        "ON r.entry_id = e.id WHERE e.account_id IS NOT NULL "
        "AND (r.entry_id IS NULL OR r.version != ?)"
    )
    if account_ids is None:
        return {r[0] for r in db.conn.execute(sql, (version,))}
    out: set[int] = set()
    ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        marks = ",".join("?" for _ in part)
        out.update(
            r[0] for r in db.conn.execute(sql + f" AND e.account_id IN ({marks})", (version, *part))
        )
    return out


def keep_weighings(db: Database, weighings: dict[int, Weighing], version: str) -> None:
    """Keep the weighings with the accounts' current revisions."""
    if not weighings:
        return
    revisions = current_revisions(db, weighings)
    with db.atomic():
        db.conn.executemany(
            "INSERT OR REPLACE INTO account_weighings (account_id, revision, version, weighing) "
            "VALUES (?,?,?,?)",
            [
                (account_id, revisions[account_id], version, _encode(w))
                for account_id, w in weighings.items()
            ],
        )


def _encode(w: Weighing) -> str:
    return json.dumps(
        [
            w.score,
            w.label,
            w.confidence,
            w.latest.isoformat() if w.latest else None,
            [
                [
                    r.signal,
                    r.quote,
                    r.date.isoformat() if r.date else None,
                    r.weight,
                    r.source,
                    r.entry_id,
                    r.answer_id,
                ]
                for r in w.reasons
            ],
        ],
        ensure_ascii=False,
    )


def _decode(text: str) -> Weighing:
    score, label, confidence, latest, reasons = json.loads(text)
    day = dt.date.fromisoformat
    return Weighing(
        score,
        label,
        confidence,
        [Reason(r[0], r[1], day(r[2]) if r[2] else None, r[3], r[4], r[5], r[6]) for r in reasons],
        day(latest) if latest else None,
    )
