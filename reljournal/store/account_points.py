"""An account's phones and postal addresses (issue 13): the contact points an account
file brought in (``contact_points`` rows with an ``account_id``), read and replaced."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError
from reljournal.core.formats.contacts import ContactPoint
from reljournal.store.database import storage_errors


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
    """Replace the account's phones and addresses with ``points`` (in that order)."""
    with storage_errors("save the account's phones and addresses"), db.atomic():
        if db.conn.execute("SELECT 1 FROM accounts WHERE id = ?", (account_id,)).fetchone() is None:
            raise NotFoundError("That account no longer exists.")
        db.conn.execute("DELETE FROM contact_points WHERE account_id = ?", (account_id,))
        db.conn.executemany(
            "INSERT INTO contact_points (account_id, kind, label, value, e164, preferred, "
            "position) VALUES (?,?,?,?,?,?,?)",
            [
                (account_id, p.kind, p.label, p.value, p.normalized, int(p.preferred), i)
                for i, p in enumerate(points)
            ],
        )
