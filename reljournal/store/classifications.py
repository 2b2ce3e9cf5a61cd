"""Classification results, their history and the rep's overrides.

``reclassify_accounts`` runs the classifier over accounts' stored statements (each
entry is read when it is saved, see ``statements``) and their behaviour, and stores a
new result only when it differs from the account's latest one, so the table is
the account's history: how it moved between transactional and relational.
Overrides are kept as history too; the latest uncleared one is in force.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from reljournal.core.classify.classifier import (
    Weighing,
    finish,
    weigh_readings,
    weigher_version,
)
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import reader_version
from reljournal.core.errors import CancelledError, ValidationError
from reljournal.core.model import LABELS, Classification, Override, Reason
from reljournal.store.account_weighings import keep_weighings, kept_weighings
from reljournal.store.database import storage_errors
from reljournal.store.ids import new_id
from reljournal.store.stamps import now_iso
from reljournal.store.statements import default_cues as default_cues
from reljournal.store.statements import load_account_readings

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]
MAX_REASON = 2000


@dataclass(frozen=True)
class StoredClassification:
    account_id: int
    computed_at: dt.datetime
    classification: Classification


def reason_to_dict(reason: Reason) -> dict[str, Any]:
    return {
        "signal": reason.signal,
        "quote": reason.quote,
        "date": reason.date.isoformat() if reason.date else None,
        "weight": round(reason.weight, 4),
        "source": reason.source,
        "entry_id": reason.entry_id,
        "answer_id": reason.answer_id,
    }


def reason_from_dict(data: dict[str, Any]) -> Reason:
    return Reason(
        signal=str(data.get("signal", "")),
        quote=str(data.get("quote", "")),
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        weight=float(data.get("weight", 0.0)),
        source=str(data.get("source", "")),
        entry_id=data.get("entry_id"),
        answer_id=data.get("answer_id"),
    )


SCORE_STEP = 0.02  # a smaller move of the score is not kept as a new point of history
CONFIDENCE_STEP = 0.05


@dataclass(frozen=True)
class _Latest:
    score: float
    label: str
    confidence: float
    quotes: frozenset[tuple[str, str]]


def _quotes(reasons: list[dict[str, Any]]) -> frozenset[tuple[str, str]]:
    return frozenset((str(r.get("signal", "")), str(r.get("quote", ""))) for r in reasons)


def _changed(old: _Latest | None, new: _Latest) -> bool:
    """Whether a new result is worth a new point in the account's history: a new label,
    a real move of the score or confidence, or different evidence (not daily decay)."""
    if old is None:
        return True
    return (
        old.label != new.label
        or abs(old.score - new.score) >= SCORE_STEP
        or abs(old.confidence - new.confidence) >= CONFIDENCE_STEP
        or old.quotes != new.quotes
    )


def reclassify_accounts(
    db: Database,
    account_ids: Iterable[int] | None = None,
    *,
    today: dt.date | None = None,
    cues: Cues | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> dict[int, Classification]:
    """Classify accounts (all, or the given ids); store results that changed."""
    today = today or dt.date.today()
    cues = cues or default_cues()
    ids = None if account_ids is None else list(account_ids)
    with storage_errors("read the classifications"):
        if ids is None:
            total = db.conn.execute("SELECT count(*) FROM accounts").fetchone()[0]
            latest_rows = db.conn.execute(
                "SELECT c.account_id, c.score, c.label, c.confidence, c.reasons "
                "FROM classifications c JOIN (SELECT account_id, max(id) AS id "
                "FROM classifications GROUP BY account_id) m ON m.id = c.id"
            ).fetchall()
        else:
            total = len(ids)
            latest_rows = [
                row
                for account_id in ids
                for row in db.conn.execute(
                    "SELECT account_id, score, label, confidence, reasons FROM classifications "
                    "WHERE account_id = ? ORDER BY id DESC LIMIT 1",
                    (account_id,),
                )
            ]
        latest = {
            r[0]: _Latest(r[1], r[2], r[3], _quotes(json.loads(r[4] or "[]"))) for r in latest_rows
        }
    # Each entry was read when it was saved; an unchanged account's weighing is kept.
    version = weigher_version(cues)
    with storage_errors("read the classifications"):
        ordered, weighings = kept_weighings(db, ids, version, reader_version(cues))
        redo = [i for i in ordered if i not in weighings or _before_latest(weighings[i], today)]
        fresh: dict[int, Weighing] = {}
        for journal, read in load_account_readings(db, redo, cues):
            if should_cancel is not None and should_cancel():
                raise CancelledError()
            assert journal.account.id is not None
            fresh[journal.account.id] = weigh_readings(journal, read, cues, today)
            if progress is not None and len(fresh) % 50 == 0:
                progress(len(fresh), total)
    if fresh:
        with storage_errors("save the classifications"):
            keep_weighings(
                db, {i: w for i, w in fresh.items() if not _before_latest(w, today)}, version
            )
    weighings.update(fresh)
    results: dict[int, Classification] = {}
    rows: list[tuple[Any, ...]] = []
    stamp = now_iso()
    for account_id in ordered:
        weighing = weighings.get(account_id)
        if weighing is None:
            continue
        result = finish(weighing, cues, today)
        results[account_id] = result
        quotes = frozenset((r.signal, r.quote) for r in result.reasons)
        new = _Latest(result.score, result.label, result.confidence, quotes)
        if _changed(latest.get(account_id), new):
            reasons = [reason_to_dict(r) for r in result.reasons]
            reasons_json = json.dumps(reasons, ensure_ascii=False, sort_keys=True)
            rows.append(
                (account_id, stamp, result.score, result.label, result.confidence, reasons_json)
            )
    if progress is not None:
        progress(total, total)
    if rows:
        with storage_errors("save the classifications"), db.atomic():
            db.conn.executemany(
                "INSERT INTO classifications (account_id, computed_at, score, label, confidence, "
                "reasons) VALUES (?,?,?,?,?,?)",
                rows,
            )
    return results


def _before_latest(weighing: Weighing, today: dt.date) -> bool:
    """A weighing made before the account's latest entry (a clock set back, a date in
    the future) counts ages from ``today``: it is good for that day only."""
    return weighing.latest is not None and today < weighing.latest


def _stored(row: tuple[Any, ...]) -> StoredClassification:
    reasons = [reason_from_dict(r) for r in json.loads(row[5] or "[]")]
    return StoredClassification(
        account_id=row[0],
        computed_at=dt.datetime.fromisoformat(row[1]),
        classification=Classification(
            score=row[2], label=row[3], confidence=row[4], reasons=reasons
        ),
    )


def latest_classification(db: Database, account_id: int) -> StoredClassification | None:
    with storage_errors("read the classification"):
        row = db.conn.execute(
            "SELECT account_id, computed_at, score, label, confidence, reasons "
            "FROM classifications WHERE account_id = ? ORDER BY id DESC LIMIT 1",
            (account_id,),
        ).fetchone()
    return _stored(tuple(row)) if row else None


def classification_history(db: Database, account_id: int) -> list[StoredClassification]:
    """Every stored result for the account, oldest first."""
    with storage_errors("read the classification history"):
        return [
            _stored(tuple(r))
            for r in db.conn.execute(
                "SELECT account_id, computed_at, score, label, confidence, reasons "
                "FROM classifications WHERE account_id = ? ORDER BY id",
                (account_id,),
            )
        ]


def current_override(db: Database, account_id: int) -> Override | None:
    with storage_errors("read the override"):
        row = db.conn.execute(
            "SELECT label, reason, created_at FROM overrides WHERE account_id = ? "
            "AND cleared_at IS NULL ORDER BY id DESC LIMIT 1",
            (account_id,),
        ).fetchone()
    if row is None:
        return None
    return Override(label=row[0], reason=row[1], created_at=dt.datetime.fromisoformat(row[2]))


def override_history(db: Database, account_id: int) -> list[tuple[Override, dt.datetime | None]]:
    """(override, cleared at) for every override of the account, oldest first."""
    with storage_errors("read the overrides"):
        return [
            (
                Override(label=r[0], reason=r[1], created_at=dt.datetime.fromisoformat(r[2])),
                dt.datetime.fromisoformat(r[3]) if r[3] else None,
            )
            for r in db.conn.execute(
                "SELECT label, reason, created_at, cleared_at FROM overrides "
                "WHERE account_id = ? ORDER BY id",
                (account_id,),
            )
        ]


def set_override(db: Database, account_id: int, label: str, reason: str) -> None:
    """Override the account's label with a reason; the computed result stays beside it."""
    if label not in LABELS:
        raise ValidationError(f'"{label}" is not a label: use one of {", ".join(LABELS)}.')
    clean = " ".join(reason.split())
    if not clean:
        raise ValidationError("Say why you override the classification (a short reason).")
    if len(clean) > MAX_REASON:
        raise ValidationError(f"The reason can have at most {MAX_REASON:,} characters.")
    stamp = now_iso()
    with storage_errors("save the override"), db.atomic():
        db.conn.execute(
            "UPDATE overrides SET cleared_at = ? WHERE account_id = ? AND cleared_at IS NULL",
            (stamp, account_id),
        )
        db.conn.execute(
            "INSERT INTO overrides (id, account_id, label, reason, created_at) VALUES (?,?,?,?,?)",
            (new_id(db.conn, "overrides"), account_id, label, clean, stamp),
        )


def clear_override(db: Database, account_id: int) -> bool:
    """Remove the override in force; return whether there was one."""
    with storage_errors("clear the override"), db.atomic():
        cur = db.conn.execute(
            "UPDATE overrides SET cleared_at = ? WHERE account_id = ? AND cleared_at IS NULL",
            (now_iso(), account_id),
        )
    return bool(cur.rowcount)
