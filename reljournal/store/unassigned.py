"""Customers imported without an account (issue 13): listed so the rep can give each
one its account."""

from __future__ import annotations

from sqlite_utils import Database

from reljournal.core.errors import ValidationError
from reljournal.core.model import GROUP_CUSTOMER
from reljournal.core.records import Change, StakeholderRow
from reljournal.store.database import storage_errors
from reljournal.store.people import list_stakeholders


def people_without_account(db: Database) -> list[StakeholderRow]:
    """Customer contacts that belong to no account yet, by name."""
    return [p for p in list_stakeholders(db, team=True) if p.group == GROUP_CUSTOMER]


def set_person_account(db: Database, person_id: int, account_id: int | None) -> Change:
    """Give a person an account (or take it away again: ``None``)."""
    with storage_errors("assign the person to the account"), db.atomic():
        row = db.execute("SELECT name, account_id FROM stakeholders WHERE id = ?", (person_id,))
        found = row.fetchone()
        if found is None:
            raise ValidationError("That person is no longer in the journal.")
        name, old_account = found
        if account_id is not None:
            account = db.execute("SELECT name FROM accounts WHERE id = ?", (account_id,)).fetchone()
            if account is None:
                raise ValidationError("That account is no longer in the journal.")
            clash = db.execute(
                "SELECT 1 FROM stakeholders WHERE account_id = ? AND grp = "
                "(SELECT grp FROM stakeholders WHERE id = ?) AND name_key = "
                "(SELECT name_key FROM stakeholders WHERE id = ?)",
                (account_id, person_id, person_id),
            ).fetchone()
            if clash:
                raise ValidationError(
                    f"{account[0]} already has a person named {name}; merge them there."
                )
        db.execute("UPDATE stakeholders SET account_id = ? WHERE id = ?", (account_id, person_id))
    touched = {a for a in (old_account, account_id) if a is not None}
    return Change(accounts=touched)
