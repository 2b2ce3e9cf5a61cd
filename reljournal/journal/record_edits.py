"""The undo steps of editing accounts and people (issue 19): each edit snapshots the
rows it touches first (``store.snapshots``), so undo puts them back exactly, and redo
makes the same edit again."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from reljournal.core.records import Change
from reljournal.journal.undo import Step
from reljournal.store import record_edits
from reljournal.store.classifications import reclassify_accounts
from reljournal.store.snapshots import Snapshot, capture, put_back


def snapshot_step(
    kind: str,
    detail: str,
    before: Snapshot,
    again: Callable[[Database], None],
    change: Change,
    *,
    made: tuple[str, int] | None = None,
    after: Snapshot | None = None,
    reclassify: tuple[int, ...] = (),
) -> Step:
    """Undo writes ``before`` back (removing ``made``, the row the edit created); redo
    runs ``again`` (or writes ``after`` back, for a row that must keep its id)."""

    def undo(db: Database) -> Change:
        put_back(db, before, drop=made)
        _settle(db, change.accounts)
        _reclassify(db, reclassify)
        return _copy(change)

    def redo(db: Database) -> Change:
        if after is not None:
            put_back(db, after)
        else:
            again(db)
        _settle(db, change.accounts)
        _reclassify(db, reclassify)
        return _copy(change)

    return Step(kind, detail, undo, redo)


def override_step(
    account_id: int,
    name: str,
    before: record_edits.OverrideRows,
    again: Callable[[Database], object],
) -> Step:
    def undo(db: Database) -> Change:
        record_edits.put_override_rows(db, account_id, before)
        return Change(accounts={account_id})

    def redo(db: Database) -> Change:
        again(db)
        return Change(accounts={account_id})

    return Step("override", name, undo, redo)


def account_snapshot(db: Database, *account_ids: int, deep: bool = True) -> Snapshot:
    return capture(db, "accounts", account_ids, deep=deep)


def person_snapshot(db: Database, person_id: int, *, deep: bool = True) -> Snapshot:
    return capture(db, "stakeholders", [person_id], deep=deep)


def _settle(db: Database, account_ids: set[int]) -> None:
    """Entries' import fingerprints follow their account's name (as it is again)."""
    for account_id in account_ids:
        record_edits.refresh_fingerprints(db, account_id)


def _reclassify(db: Database, account_ids: tuple[int, ...]) -> None:
    alive = [
        i
        for i in account_ids
        if db.conn.execute("SELECT 1 FROM accounts WHERE id = ?", (i,)).fetchone()
    ]
    if alive:
        reclassify_accounts(db, alive)


def _copy(change: Change) -> Change:
    return Change(set(change.accounts), set(change.entries), change.created, change.deleted)
