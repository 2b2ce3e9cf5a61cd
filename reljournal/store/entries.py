"""Entries with their answers, commitments, ratings and stage: save, read, delete, restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.formats.interchange import MAX_TEXT
from reljournal.core.model import (
    COMMITMENT_STATES,
    ENTRY_KINDS,
    HEALTH_AREAS,
    OWNERS,
    STAGES,
    Answer,
    Commitment,
    Entry,
    text_key,
)
from reljournal.core.records import Change, EntryExtras, EntryRow
from reljournal.store.collector import collector_paused
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.ids import new_id
from reljournal.store.stamps import entry_at_text, entry_fingerprint, now_iso

# account_id, at, kind, minutes, title, notes, initiated_by, fingerprint
EntryValues = tuple[int | None, str, str, int | None, str, str, str | None, str]


def _validate(entry: Entry, extras: EntryExtras) -> None:
    if entry.kind not in ENTRY_KINDS:
        raise ValidationError(f'"{entry.kind}" is not a kind of entry.')
    if entry.minutes is not None and not 0 <= entry.minutes <= 24 * 60 * 7:
        raise ValidationError("Minutes must be between 0 and a week.")
    if len(entry.notes) > MAX_TEXT:
        raise ValidationError(
            f"The notes are {len(entry.notes):,} characters; at most {MAX_TEXT:,} fit in one entry."
        )
    if len(entry.title) > 1000:
        raise ValidationError("The title is too long (at most 1,000 characters).")
    for answer in entry.answers:
        if not answer.question_text.strip() or not answer.answer.strip():
            raise ValidationError("Each answer needs its question and the customer's words.")
        if len(answer.answer) > MAX_TEXT:
            raise ValidationError("An answer is too long to keep.")
    for commitment in entry.commitments:
        if not commitment.text.strip():
            raise ValidationError("Each commitment needs a text.")
        if commitment.owner not in OWNERS or commitment.state not in COMMITMENT_STATES:
            raise ValidationError("A commitment's owner or state is not valid.")
    for area, value in extras.health.items():
        if area not in HEALTH_AREAS or not 1 <= value <= 5:
            raise ValidationError("Health ratings go from 1 to 5.")
    if extras.stage is not None and extras.stage not in STAGES:
        raise ValidationError(f'"{extras.stage}" is not a relationship stage.')


def save_entry(
    db: Database, entry: Entry, extras: EntryExtras | None = None, *, reinsert: bool = False
) -> Change:
    """Insert ``entry`` (``entry.id is None``) or replace it and its parts, atomically.

    With ``reinsert=True`` an entry whose id is given but gone is inserted under that id
    (undo of a delete)."""
    with collector_paused():
        return _save_entry(db, entry, extras, reinsert=reinsert)


def _save_entry(
    db: Database, entry: Entry, extras: EntryExtras | None, *, reinsert: bool
) -> Change:
    extras = extras or EntryExtras()
    _validate(entry, extras)
    conn = db.conn
    stamp = now_iso()
    at = entry_at_text(entry.at)
    with storage_errors("save the entry"), db.atomic():
        account_key = ""
        if entry.account_id is not None:
            row = conn.execute(
                "SELECT name_key FROM accounts WHERE id = ?", (entry.account_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError("The entry's account no longer exists.")
            account_key = row[0]
        before = _states(db, {entry.account_id})
        fingerprint = entry_fingerprint(account_key, at, entry.kind, entry.title, entry.notes)
        values = (
            entry.account_id,
            at,
            entry.kind,
            entry.minutes,
            entry.title,
            entry.notes,
            entry.initiated_by,
            fingerprint,
        )
        change = Change()
        if entry.id is None or reinsert:
            entry.id = insert_entry_row(conn, entry.id, values, stamp)
            change.created = True
        else:
            old = conn.execute(
                "SELECT account_id FROM entries WHERE id = ?", (entry.id,)
            ).fetchone()
            if old is None:
                raise NotFoundError("That entry no longer exists.")
            if old[0] is not None:
                change.accounts.add(old[0])
                before |= _states(db, {old[0]})
            conn.execute(
                "UPDATE entries SET account_id=?, at=?, kind=?, minutes=?, title=?, notes=?, "
                "initiated_by=?, fingerprint=?, updated_at=? WHERE id=?",
                (*values, stamp, entry.id),
            )
            for table in ("entry_people", "answers", "health_ratings", "stage_assessments"):
                conn.execute(f"DELETE FROM {table} WHERE entry_id = ?", (entry.id,))
            keep = [c.id for c in entry.commitments if c.id is not None]
            marks = ",".join("?" for _ in keep) or "NULL"
            conn.execute(
                f"DELETE FROM commitments WHERE entry_id = ? AND id NOT IN ({marks})",
                (entry.id, *keep),
            )
        _write_parts(db, entry, extras)
        _store_statements(db, entry.id)
        change.entries.add(entry.id)
        if entry.account_id is not None:
            change.accounts.add(entry.account_id)
        after = _states(db, set(before))
    _entry_changed(db, entry.id, before, after)
    _reclassify(db, change)
    return change


def _states(db: Database, account_ids: set[int | None]) -> dict[int, tuple[int, int, str]]:
    """The accounts' revision and entry count (see ``statements.entry_changed``)."""
    from reljournal.store.statements import account_state

    return {a: account_state(db, a) for a in account_ids if a is not None}


def _entry_changed(
    db: Database,
    entry_id: int,
    before: dict[int, tuple[int, int, str]],
    after: dict[int, tuple[int, int, str]],
) -> None:
    """Tell the kept accounts (the incremental weighing's input) about one entry."""
    from reljournal.store.statements import entry_changed

    for account_id, state in before.items():
        entry_changed(db, account_id, entry_id, state, after[account_id])


def insert_entry_row(
    conn: sqlite3.Connection, entry_id: int | None, values: EntryValues, stamp: str
) -> int:
    """Insert one entries row (the journal's only such statement; the JSON importer uses it
    too): ``values`` are account_id, at, kind, minutes, title, notes, initiated_by and
    fingerprint. Returns the new row's id."""
    cur = conn.execute(
        "INSERT INTO entries (id, account_id, at, kind, minutes, title, notes, "
        "initiated_by, fingerprint, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (entry_id if entry_id is not None else new_id(conn, "entries"), *values, stamp, stamp),
    )
    return inserted_id(cur)


def _store_statements(db: Database, entry_id: int) -> None:
    """Read the saved entry's statements and store their stances (issue 15)."""
    from reljournal.store.statements import store_readings

    store_readings(db, [entry_id])


def _reclassify(db: Database, change: Change) -> None:
    """Keep the accounts' classification current after their journal changed."""
    if not change.accounts:
        return
    from reljournal.store.classifications import reclassify_accounts

    reclassify_accounts(db, sorted(change.accounts))


def _write_parts(db: Database, entry: Entry, extras: EntryExtras) -> None:
    conn = db.conn
    assert entry.id is not None
    said_on = entry.at.date().isoformat()
    for sid in dict.fromkeys(entry.stakeholder_ids):
        conn.execute(
            "INSERT OR IGNORE INTO entry_people (entry_id, stakeholder_id) VALUES (?, ?)",
            (entry.id, sid),
        )
    questions = {r[1]: r[0] for r in conn.execute("SELECT id, text_key FROM questions")}
    for position, answer in enumerate(entry.answers):
        question_id = answer.question_id or questions.get(text_key(answer.question_text))
        cur = conn.execute(
            "INSERT INTO answers (id, entry_id, account_id, question_id, question_text, answer, "
            "speaker_id, speaker_name, tags, said_on, position) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                new_id(conn, "answers"),
                entry.id,
                entry.account_id,
                question_id,
                answer.question_text.strip(),
                answer.answer,
                answer.speaker_id,
                answer.speaker.strip(),
                ",".join(sorted({t.strip().lower() for t in answer.tags if t.strip()})),
                said_on,
                position,
            ),
        )
        answer.id = inserted_id(cur)
    stamp = now_iso()
    for position, c in enumerate(entry.commitments):
        due = c.due.isoformat() if c.due else None
        done = c.done_on.isoformat() if c.done_on else None
        if c.id is not None:
            conn.execute(
                "UPDATE commitments SET account_id=?, text=?, owner=?, due=?, state=?, done_on=?, "
                "position=? WHERE id=? AND entry_id=?",
                (
                    entry.account_id,
                    c.text.strip(),
                    c.owner,
                    due,
                    c.state,
                    done,
                    position,
                    c.id,
                    entry.id,
                ),
            )
        else:
            cur = conn.execute(
                "INSERT INTO commitments (id, entry_id, account_id, text, owner, due, state, "
                "done_on, position, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    new_id(conn, "commitments"),
                    entry.id,
                    entry.account_id,
                    c.text.strip(),
                    c.owner,
                    due,
                    c.state,
                    done,
                    position,
                    stamp,
                ),
            )
            c.id = inserted_id(cur)
    if entry.account_id is not None and extras.health:
        columns = ", ".join(HEALTH_AREAS)
        conn.execute(
            f"INSERT INTO health_ratings (id, account_id, entry_id, rated_on, {columns}) "
            f"VALUES (?, ?, ?, ?, {', '.join('?' for _ in HEALTH_AREAS)})",
            (
                new_id(conn, "health_ratings"),
                entry.account_id,
                entry.id,
                said_on,
                *[extras.health.get(a) for a in HEALTH_AREAS],
            ),
        )
    if entry.account_id is not None and extras.stage:
        conn.execute(
            "INSERT INTO stage_assessments (id, account_id, entry_id, assessed_on, stage) "
            "VALUES (?,?,?,?,?)",
            (new_id(conn, "stage_assessments"), entry.account_id, entry.id, said_on, extras.stage),
        )


def get_entry(db: Database, entry_id: int) -> tuple[Entry, EntryExtras]:
    """The full entry with its answers, commitments, people and extras."""
    conn = db.conn
    row = conn.execute(
        "SELECT id, account_id, at, kind, minutes, title, notes, initiated_by FROM entries "
        "WHERE id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError("That entry no longer exists.")
    entry = Entry(
        id=row[0],
        account_id=row[1],
        at=dt.datetime.fromisoformat(row[2]),
        kind=row[3],
        minutes=row[4],
        title=row[5],
        notes=row[6],
        initiated_by=row[7],
    )
    entry.stakeholder_ids = [
        r[0]
        for r in conn.execute(
            "SELECT stakeholder_id FROM entry_people WHERE entry_id = ?", (entry_id,)
        )
    ]
    for r in conn.execute(
        "SELECT id, question_id, question_text, answer, speaker_id, speaker_name, tags, said_on "
        "FROM answers WHERE entry_id = ? ORDER BY position, id",
        (entry_id,),
    ):
        entry.answers.append(
            Answer(
                id=r[0],
                question_id=r[1],
                question_text=r[2],
                answer=r[3],
                speaker_id=r[4],
                speaker=r[5],
                tags=[t for t in r[6].split(",") if t],
                said_on=dt.date.fromisoformat(r[7]),
                entry_id=entry_id,
                account_id=entry.account_id,
            )
        )
    for r in conn.execute(
        "SELECT id, text, owner, due, state, done_on FROM commitments WHERE entry_id = ? "
        "ORDER BY position, id",
        (entry_id,),
    ):
        entry.commitments.append(
            Commitment(
                id=r[0],
                text=r[1],
                owner=r[2],
                due=_date(r[3]),
                state=r[4],
                done_on=_date(r[5]),
                entry_id=entry_id,
                account_id=entry.account_id,
            )
        )
    extras = EntryExtras()
    health = conn.execute(
        f"SELECT {', '.join(HEALTH_AREAS)} FROM health_ratings WHERE entry_id = ? LIMIT 1",
        (entry_id,),
    ).fetchone()
    if health is not None:
        extras.health = {a: v for a, v in zip(HEALTH_AREAS, health, strict=True) if v}
    stage = conn.execute(
        "SELECT stage FROM stage_assessments WHERE entry_id = ? LIMIT 1", (entry_id,)
    ).fetchone()
    extras.stage = stage[0] if stage else None
    return entry, extras


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def delete_entry(db: Database, entry_id: int) -> tuple[Entry, EntryExtras, Change]:
    """Delete an entry and its parts; return what was deleted so it can be restored (undo)."""
    with collector_paused():
        entry, extras = get_entry(db, entry_id)
        with storage_errors("delete the entry"), db.atomic():
            before = _states(db, {entry.account_id})
            db.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            after = _states(db, set(before))
        _entry_changed(db, entry_id, before, after)
        change = Change(entries={entry_id}, deleted=True)
        if entry.account_id is not None:
            change.accounts.add(entry.account_id)
        _reclassify(db, change)
    return entry, extras, change


def restore_entry(db: Database, entry: Entry, extras: EntryExtras) -> Change:
    """Put back an entry returned by ``delete_entry``, under its old id when still free,
    so links to it (reasons, search hits) keep working."""
    with storage_errors("restore the entry"), db.atomic():
        taken = db.conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry.id,)).fetchone()
        if taken:
            entry.id = None
        for c in entry.commitments:
            c.id = None
        for a in entry.answers:
            a.id = None
        return save_entry(db, entry, extras, reinsert=True)


_ROW_SQL = (
    "SELECT e.id, e.account_id, e.at, e.kind, e.minutes, e.title, e.notes, e.initiated_by "
    "FROM entries e"
)


def _entry_row(
    row: tuple[Any, ...], people: tuple[str, ...] = (), expectations: tuple[str, ...] = ()
) -> EntryRow:
    return EntryRow(
        id=row[0],
        account_id=row[1],
        at=dt.datetime.fromisoformat(row[2]),
        kind=row[3],
        minutes=row[4],
        title=row[5],
        notes=row[6],
        initiated_by=row[7],
        people=people,
        expectations=expectations,
    )


def list_entries(
    db: Database,
    account_id: int | None,
    *,
    limit: int = 200,
    before: tuple[str, int] | None = None,
    team: bool = False,
) -> list[EntryRow]:
    """A page of an account's entries, newest first (keyset paging on (at, id)).

    ``account_id=None`` with ``team=True`` lists the team and partner entries.
    ``before`` is the (at text, id) of the last row of the previous page.
    """
    where = "e.account_id IS NULL" if team else "e.account_id = ?"
    params: list[Any] = [] if team else [account_id]
    if before is not None:
        where += " AND (e.at < ? OR (e.at = ? AND e.id < ?))"
        params += [before[0], before[0], before[1]]
    sql = f"{_ROW_SQL} WHERE {where} ORDER BY e.at DESC, e.id DESC LIMIT ?"
    with storage_errors("read the entries"):
        rows = db.conn.execute(sql, (*params, limit)).fetchall()
        ids = [r[0] for r in rows]
        people: dict[int, list[str]] = {}
        expectations: dict[int, list[str]] = {}
        if ids:
            marks = ",".join("?" for _ in ids)
            for entry_id, name in db.conn.execute(
                f"SELECT p.entry_id, s.name FROM entry_people p JOIN stakeholders s "
                f"ON s.id = p.stakeholder_id WHERE p.entry_id IN ({marks}) ORDER BY s.name",
                ids,
            ):
                people.setdefault(entry_id, []).append(name)
            for entry_id, answer in db.conn.execute(
                f"SELECT entry_id, answer FROM answers WHERE entry_id IN ({marks}) "
                "ORDER BY position, id",
                ids,
            ):
                expectations.setdefault(entry_id, []).append(answer)
        return [
            _entry_row(tuple(r), tuple(people.get(r[0], ())), tuple(expectations.get(r[0], ())))
            for r in rows
        ]


def entry_page_key(row: EntryRow) -> tuple[str, int]:
    """The keyset cursor after ``row`` for ``list_entries(before=...)``."""
    return entry_at_text(row.at), row.id


def count_entries(db: Database, account_id: int | None) -> int:
    if account_id is None:
        return int(
            db.conn.execute("SELECT count(*) FROM entries WHERE account_id IS NULL").fetchone()[0]
        )
    return int(
        db.conn.execute(
            "SELECT count(*) FROM entries WHERE account_id = ?", (account_id,)
        ).fetchone()[0]
    )
