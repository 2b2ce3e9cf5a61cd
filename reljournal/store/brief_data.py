"""Gather an account's brief from the store in a few indexed queries.

Only what the brief shows is read: the entries of the effort window (and the last
contact before it), the account's answers, its open commitments, ratings, stages,
people, the question bank and the classification history without its reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from reljournal.core.brief.build import (
    COMPUTED,
    OVERRIDDEN,
    OVERRIDE_CLEARED,
    REASK_AFTER_DAYS,
    Brief,
    BriefInput,
    BriefPerson,
    HistoryPoint,
    build_brief,
)
from reljournal.core.effort.plans import EffortPlans, default_plans
from reljournal.core.model import (
    HEALTH_AREAS,
    Commitment,
    Entry,
    HealthRating,
    StageAssessment,
)
from reljournal.store.accounts import get_account
from reljournal.store.answer_rows import ANSWER_COLUMNS, answer_from_row
from reljournal.store.classifications import (
    current_override,
    latest_classification,
    override_history,
)
from reljournal.store.database import storage_errors

_CONTACTS_SQL = (
    "SELECT p.stakeholder_id, max(e.at) FROM entries e JOIN entry_people p ON p.entry_id = e.id "
    "WHERE e.account_id = ? GROUP BY p.stakeholder_id"
)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _entry(r: tuple[Any, ...], account_id: int) -> Entry:
    return Entry(
        id=r[0],
        account_id=account_id,
        at=dt.datetime.fromisoformat(r[1]),
        kind=r[2],
        minutes=r[3],
        initiated_by=r[4],
    )


def _effort_entries(
    db: Database, account_id: int, today: dt.date, plans: EffortPlans
) -> list[Entry]:
    """The window's entries and the latest contact before it: all ``compare_effort`` reads."""
    conn = db.conn
    start = (today - dt.timedelta(days=plans.window_days)).isoformat()
    rows = conn.execute(
        "SELECT id, at, kind, minutes, initiated_by FROM entries "
        "WHERE account_id = ? AND at >= ? ORDER BY at, id",
        (account_id, start),
    ).fetchall()
    kinds = sorted(plans.contact_kinds)
    marks = ",".join("?" for _ in kinds)
    last = conn.execute(
        "SELECT id, at, kind, minutes, initiated_by FROM entries "
        f"WHERE account_id = ? AND at < ? AND kind IN ({marks}) ORDER BY at DESC LIMIT 1",
        (account_id, start, *kinds),
    ).fetchone()
    if last is not None:
        rows.insert(0, last)
    return [_entry(tuple(r), account_id) for r in rows]


def _people(db: Database, account_id: int) -> list[BriefPerson]:
    """The account's contacts and the team members who took part in its entries, each
    with the last entry of this account they were in."""
    last = {r[0]: r[1] for r in db.conn.execute(_CONTACTS_SQL, (account_id,))}
    marks = ",".join("?" for _ in last) or "NULL"
    return [
        BriefPerson(
            name=r[1], group=r[2], role=r[3], title=r[4], last_contact=_date(last.get(r[0]))
        )
        for r in db.conn.execute(
            "SELECT id, name, grp, role, title FROM stakeholders "
            f"WHERE account_id = ? OR id IN ({marks})",
            (account_id, *last),
        )
    ]


def _history(db: Database, account_id: int) -> list[HistoryPoint]:
    points = [
        HistoryPoint(dt.datetime.fromisoformat(r[0]), COMPUTED, r[1], r[2], r[3])
        for r in db.conn.execute(
            "SELECT computed_at, label, score, confidence FROM classifications "
            "WHERE account_id = ? ORDER BY id",
            (account_id,),
        )
    ]
    for override, cleared in override_history(db, account_id):
        assert override.created_at is not None
        points.append(
            HistoryPoint(override.created_at, OVERRIDDEN, override.label, reason=override.reason)
        )
        if cleared is not None:
            points.append(HistoryPoint(cleared, OVERRIDE_CLEARED, override.label))
    return points


def gather_brief_input(
    db: Database, account_id: int, today: dt.date, plans: EffortPlans
) -> BriefInput:
    account = get_account(db, account_id)
    conn = db.conn
    with storage_errors("read the account's brief"):
        count, last_at = conn.execute(
            "SELECT count(*), max(at) FROM entries WHERE account_id = ?", (account_id,)
        ).fetchone()
        stored = latest_classification(db, account_id)
        answers = [
            answer_from_row(r)
            for r in conn.execute(
                f"SELECT {ANSWER_COLUMNS} FROM answers WHERE account_id = ?", (account_id,)
            )
        ]
        commitments = [
            Commitment(id=r[0], entry_id=r[1], text=r[2], owner=r[3], due=_date(r[4]), state=r[5])
            for r in conn.execute(
                "SELECT id, entry_id, text, owner, due, state FROM commitments "
                "WHERE account_id = ? AND state = 'open'",
                (account_id,),
            )
        ]
        health = [
            HealthRating(
                id=r[0],
                entry_id=r[1],
                rated_on=dt.date.fromisoformat(r[2]),
                scores={a: v for a, v in zip(HEALTH_AREAS, r[3:], strict=True) if v},
            )
            for r in conn.execute(
                f"SELECT id, entry_id, rated_on, {', '.join(HEALTH_AREAS)} FROM health_ratings "
                "WHERE account_id = ? ORDER BY rated_on, id",
                (account_id,),
            )
        ]
        stages = [
            StageAssessment(
                id=r[0], entry_id=r[1], assessed_on=dt.date.fromisoformat(r[2]), stage=r[3]
            )
            for r in conn.execute(
                "SELECT id, entry_id, assessed_on, stage FROM stage_assessments "
                "WHERE account_id = ? ORDER BY assessed_on, id",
                (account_id,),
            )
        ]
        people = _people(db, account_id)
        bank = [
            (r[0], r[1])
            for r in conn.execute(
                "SELECT id, text FROM questions WHERE retired_at IS NULL ORDER BY position, id"
            )
        ]
        return BriefInput(
            account_id=account_id,
            account_name=account.name,
            industry=account.industry,
            today=today,
            classification=stored.classification if stored else None,
            override=current_override(db, account_id),
            entries=_effort_entries(db, account_id, today, plans),
            entry_count=count,
            last_contact=_date(last_at),
            answers=answers,
            commitments=commitments,
            health=health,
            stages=stages,
            people=people,
            bank=bank,
            history=_history(db, account_id),
        )


def load_brief(
    db: Database,
    account_id: int,
    today: dt.date | None = None,
    *,
    plans: EffortPlans | None = None,
    reask_after_days: int = REASK_AFTER_DAYS,
) -> Brief:
    """The brief of one account as the journal stands (raises NotFoundError if it is gone)."""
    plans = plans or default_plans()
    data = gather_brief_input(db, account_id, today or dt.date.today(), plans)
    return build_brief(data, plans, reask_after_days=reask_after_days)
