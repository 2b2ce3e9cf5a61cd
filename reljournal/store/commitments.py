"""Commitments: promises both ways, open first and overdue first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.model import COMMITMENT_STATES, STATE_DONE
from reljournal.core.records import Change, CommitmentRow
from reljournal.store.database import storage_errors

_SQL = (
    "SELECT m.id, m.account_id, ifnull(a.name, ''), m.entry_id, m.text, m.owner, m.due, m.state, "
    "m.done_on FROM commitments m LEFT JOIN accounts a ON a.id = m.account_id"
)
# open before done/dropped; within open: overdue and soonest first, no due date last
_ORDER = " ORDER BY m.state != 'open', m.due IS NULL, m.due, m.id"


def _row(r: tuple[Any, ...]) -> CommitmentRow:
    return CommitmentRow(
        id=r[0],
        account_id=r[1],
        account_name=r[2],
        entry_id=r[3],
        text=r[4],
        owner=r[5],
        due=dt.date.fromisoformat(r[6]) if r[6] else None,
        state=r[7],
        done_on=dt.date.fromisoformat(r[8]) if r[8] else None,
    )


def list_commitments(
    db: Database, account_id: int | None = None, *, open_only: bool = False
) -> list[CommitmentRow]:
    """An account's commitments (or all of them with ``account_id=None``)."""
    clauses, params = [], []
    if account_id is not None:
        clauses.append("m.account_id = ?")
        params.append(account_id)
    if open_only:
        clauses.append("m.state = 'open'")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    with storage_errors("read the commitments"):
        return [_row(tuple(r)) for r in db.conn.execute(_SQL + where + _ORDER, params)]


def due_commitments(db: Database, today: dt.date, *, within_days: int = 0) -> list[CommitmentRow]:
    """Open commitments due today (or within ``within_days``) or overdue."""
    until = (today + dt.timedelta(days=within_days)).isoformat()
    with storage_errors("read the commitments"):
        return [
            _row(tuple(r))
            for r in db.conn.execute(
                _SQL + " WHERE m.state = 'open' AND m.due IS NOT NULL AND m.due <= ?" + _ORDER,
                (until,),
            )
        ]


def set_commitment_state(
    db: Database, commitment_id: int, state: str, today: dt.date
) -> tuple[CommitmentRow, Change]:
    """Mark a commitment open, done (dated today) or dropped; return its previous row."""
    if state not in COMMITMENT_STATES:
        raise ValidationError(f'"{state}" is not a commitment state.')
    with storage_errors("update the commitment"), db.atomic():
        before = db.conn.execute(_SQL + " WHERE m.id = ?", (commitment_id,)).fetchone()
        if before is None:
            raise NotFoundError("That commitment no longer exists.")
        done_on = today.isoformat() if state == STATE_DONE else None
        db.conn.execute(
            "UPDATE commitments SET state = ?, done_on = ? WHERE id = ?",
            (state, done_on, commitment_id),
        )
    previous = _row(tuple(before))
    change = Change()
    if previous.account_id is not None:
        change.accounts.add(previous.account_id)
    return previous, change


def restore_commitment_state(db: Database, row: CommitmentRow) -> Change:
    """Undo of ``set_commitment_state``: put back the previous state and done date."""
    with storage_errors("update the commitment"), db.atomic():
        db.conn.execute(
            "UPDATE commitments SET state = ?, done_on = ? WHERE id = ?",
            (row.state, row.done_on.isoformat() if row.done_on else None, row.id),
        )
    return Change(accounts={row.account_id} if row.account_id is not None else set())


def commitment_by_id(db: Database, commitment_id: int) -> CommitmentRow | None:
    """One commitment, or None when there is none with that id."""
    with storage_errors("read the commitment"):
        row = db.conn.execute(_SQL + " WHERE m.id = ?", (commitment_id,)).fetchone()
    return _row(tuple(row)) if row else None
