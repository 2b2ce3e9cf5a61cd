"""An account's phones and postal addresses (issue 13): the contact points an account
file brought in (``contact_points`` rows with an ``account_id``), read and replaced."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError
from reljournal.core.formats.contacts import ContactPoint
from reljournal.store.database import storage_errors
from reljournal.store.ids import new_ids


def account_points(db: Database, account_id: int) -> list[ContactPoint]:
    """The account's phones and addresses, in their order (the preferred first)."""
    with storage_errors("read the account's phones and addresses"):
        return [
            ContactPoint(kind, value, label, bool(preferred), e164)
            for kind, value, label, preferred, e164 in db.conn.execute(
                "SELECT kind, value, label, preferred, e164 FROM contact_points "
                "WHERE account_id = ? ORDER BY kind = 'address', preferred DESC, position, id",
                (account_id,),
            )
        ]


def set_account_points(db: Database, account_id: int, points: Sequence[ContactPoint]) -> None:
    """Replace the account's phones and addresses with ``points`` (in that order). The
    rows there are written over in place, in their order, and only where they differ;
    rows left over are deleted and new ones get ids as sync requires (issue 16): an
    edit on one computer changes the fields it changed, so an edit made meanwhile on
    another merges with it (or is kept as a conflict) rather than doubling the list."""
    conn = db.conn
    with storage_errors("save the account's phones and addresses"), db.atomic():
        if conn.execute("SELECT 1 FROM accounts WHERE id = ?", (account_id,)).fetchone() is None:
            raise NotFoundError("That account no longer exists.")
        there = conn.execute(
            "SELECT id, kind, label, value, e164, preferred, position FROM contact_points "
            "WHERE account_id = ? ORDER BY kind = 'address', preferred DESC, position, id",
            (account_id,),
        ).fetchall()
        wanted = [
            (p.kind, p.label, p.value, p.normalized, int(p.preferred), i)
            for i, p in enumerate(points)
        ]
        for (row_id, *was), values in zip(there, wanted, strict=False):
            if tuple(was) != values:
                conn.execute(
                    "UPDATE contact_points SET kind = ?, label = ?, value = ?, e164 = ?, "
                    "preferred = ?, position = ? WHERE id = ?",
                    (*values, row_id),
                )
        conn.executemany(
            "DELETE FROM contact_points WHERE id = ?", [(r[0],) for r in there[len(wanted) :]]
        )
        added = wanted[len(there) :]
        conn.executemany(
            "INSERT INTO contact_points (id, account_id, kind, label, value, e164, preferred, "
            "position) VALUES (?,?,?,?,?,?,?,?)",
            [
                (row_id, account_id, *values)
                for row_id, values in zip(
                    new_ids(conn, "contact_points", len(added)), added, strict=True
                )
            ],
        )
