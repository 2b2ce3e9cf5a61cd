"""Stakeholders: customer contacts per account, the internal team and external partners."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from reljournal.core.errors import ValidationError
from reljournal.core.model import GROUP_CUSTOMER, GROUPS, Stakeholder, text_key
from reljournal.core.records import StakeholderRow
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.ids import new_id
from reljournal.store.stamps import now_iso

_SQL = (
    "SELECT s.id, s.account_id, s.name, s.grp, s.title, s.role, s.email, s.phone, "
    "(SELECT max(e.at) FROM entry_people p JOIN entries e ON e.id = p.entry_id "
    " WHERE p.stakeholder_id = s.id) FROM stakeholders s"
)


def _row(r: tuple[Any, ...]) -> StakeholderRow:
    return StakeholderRow(
        id=r[0],
        account_id=r[1],
        name=r[2],
        group=r[3],
        title=r[4],
        role=r[5],
        email=r[6],
        phone=r[7],
        last_contact=dt.date.fromisoformat(r[8][:10]) if r[8] else None,
    )


def list_stakeholders(
    db: Database, account_id: int | None = None, *, team: bool = False
) -> list[StakeholderRow]:
    """An account's people, or with ``team=True`` the internal team and partners."""
    params: tuple[int, ...] = ()
    if team:
        where = " WHERE s.account_id IS NULL"
    elif account_id is not None:
        where, params = " WHERE s.account_id = ?", (account_id,)
    else:
        where = ""
    with storage_errors("read the people"):
        return [
            _row(tuple(r))
            for r in db.conn.execute(_SQL + where + " ORDER BY s.grp, s.name_key", params)
        ]


def add_stakeholder(db: Database, person: Stakeholder) -> int:
    """Add a person (or return the id of the same person already in that place)."""
    name = " ".join(person.name.split())
    if not name or len(name) > 200:
        raise ValidationError("A person needs a name of at most 200 characters.")
    if person.group not in GROUPS:
        raise ValidationError(f'"{person.group}" is not a group.')
    if person.group == GROUP_CUSTOMER and person.account_id is None:
        raise ValidationError("A customer contact belongs to an account.")
    key = text_key(name)
    with storage_errors("save the person"), db.atomic():
        row = db.conn.execute(
            "SELECT id FROM stakeholders WHERE ifnull(account_id, 0) = ifnull(?, 0) "
            "AND grp = ? AND name_key = ?",
            (person.account_id, person.group, key),
        ).fetchone()
        if row is not None:
            return int(row[0])
        cur = db.conn.execute(
            "INSERT INTO stakeholders (id, name, name_key, grp, account_id, title, role, email, "
            "phone, notes, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                new_id(db.conn, "stakeholders"),
                name,
                key,
                person.group,
                person.account_id,
                person.title,
                person.role,
                person.email,
                person.phone,
                person.notes,
                now_iso(),
            ),
        )
        return inserted_id(cur)


def people_names(db: Database) -> list[tuple[int, str, int | None]]:
    """(id, name, account id) of everyone, for completion."""
    return [
        (r[0], r[1], r[2])
        for r in db.conn.execute("SELECT id, name, account_id FROM stakeholders ORDER BY name_key")
    ]
