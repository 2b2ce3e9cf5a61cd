"""Accounts: create, find, list with their class badge and commitment markers."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.model import Account, text_key
from reljournal.core.records import AccountSummary
from reljournal.store.account_list import count_account_rows, read_account_summaries
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.ids import new_id
from reljournal.store.stamps import now_iso

MAX_NAME = 200


def list_account_summaries(
    db: Database,
    today: dt.date,
    *,
    account_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[AccountSummary]:
    """Every account (or the given ones) with its badge data, ordered by name; ``limit``:
    only the first ones (read through the name index: the cost is that of the rows read)."""
    with storage_errors("read the accounts"):
        return read_account_summaries(db.conn, today, account_ids=account_ids, limit=limit)


def count_accounts(db: Database) -> int:
    with storage_errors("read the accounts"):
        return count_account_rows(db.conn)


def account_summary(db: Database, account_id: int, today: dt.date) -> AccountSummary:
    rows = list_account_summaries(db, today, account_ids=[account_id])
    if not rows:
        raise NotFoundError("That account no longer exists.")
    return rows[0]


def get_account(db: Database, account_id: int) -> Account:
    row = db.conn.execute(
        "SELECT id, name, industry, notes, website FROM accounts WHERE id = ?", (account_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError("That account no longer exists.")
    return Account(id=row[0], name=row[1], industry=row[2], notes=row[3], website=row[4])


def find_account(db: Database, text: str) -> Account:
    """The account a user named: exact name (case and punctuation aside), else the only
    one that starts with or contains the text."""
    key = text_key(text)
    if not key:
        raise NotFoundError("Name an account.")
    rows = db.conn.execute("SELECT id, name_key, name FROM accounts").fetchall()
    for account_id, name_key, _name in rows:
        if name_key == key:
            return get_account(db, account_id)
    for matcher in (lambda k: k.startswith(key), lambda k: key in k):
        found = [(i, n) for i, k, n in rows if matcher(k)]
        if len(found) == 1:
            return get_account(db, found[0][0])
        if len(found) > 1:
            names = ", ".join(n for _, n in found[:5])
            more = "…" if len(found) > 5 else ""
            raise NotFoundError(f'"{text}" matches several accounts: {names}{more}')
    raise NotFoundError(f'No account matches "{text}".')


def account_id_named(db: Database, name: str) -> int | None:
    """The id of the account called ``name`` (case and punctuation aside), if any."""
    row = db.conn.execute(
        "SELECT id FROM accounts WHERE name_key = ?", (text_key(name),)
    ).fetchone()
    return int(row[0]) if row is not None else None


def validate_account_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean or not text_key(clean):
        raise ValidationError("An account needs a name.")
    if len(clean) > MAX_NAME:
        raise ValidationError(f"An account name can have at most {MAX_NAME} characters.")
    return clean


def create_account(db: Database, name: str, industry: str = "") -> int:
    """Create an account; return the existing one's id if the name is already there."""
    clean = validate_account_name(name)
    key = text_key(clean)
    with storage_errors("save the account"), db.atomic():
        row = db.conn.execute("SELECT id FROM accounts WHERE name_key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        stamp = now_iso()
        cur = db.conn.execute(
            "INSERT INTO accounts (id, name, name_key, industry, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?)",
            (new_id(db.conn, "accounts"), clean, key, industry, stamp, stamp),
        )
        return inserted_id(cur)


def update_account(
    db: Database,
    account_id: int,
    *,
    name: str,
    industry: str = "",
    website: str = "",
    notes: str = "",
) -> None:
    clean = validate_account_name(name)
    key = text_key(clean)
    with storage_errors("save the account"), db.atomic():
        clash = db.conn.execute(
            "SELECT id FROM accounts WHERE name_key = ? AND id != ?", (key, account_id)
        ).fetchone()
        if clash is not None:
            raise ValidationError(f'Another account is already called "{clean}".')
        # A new name re-reads the account's entries (a trigger: notes may head a line
        # with the account's name, "Duckett's: ...", which is the rep's, not a speaker).
        db.conn.execute(
            "UPDATE accounts SET name=?, name_key=?, industry=?, website=?, notes=?, "
            "updated_at=? WHERE id=?",
            (clean, key, industry, website, notes, now_iso(), account_id),
        )


def delete_account(db: Database, account_id: int) -> None:
    with storage_errors("delete the account"), db.atomic():
        db.conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))


def account_names(db: Database) -> list[tuple[int, str]]:
    return [
        (r[0], r[1]) for r in db.conn.execute("SELECT id, name FROM accounts ORDER BY name_key")
    ]
