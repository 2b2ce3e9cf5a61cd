"""The meetings queue: occurrences imported from the rep's calendar (issue 14).

A meeting is identified by its UID and original start. Importing replaces, for every
UID the file contains, that UID's queued meetings in the import's window with what the
file gives now; meetings already logged or dismissed are never touched. The ``--me``
addresses and the calendar subscription live here too (inside the encrypted journal).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, Final

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError
from reljournal.core.meetings.queue import (
    DISMISSED,
    LOGGED,
    QUEUED,
    ImportCounts,
    StoredMeeting,
)
from reljournal.core.meetings.records import Expansion, Occurrence, Participant
from reljournal.store.database import storage_errors
from reljournal.store.ids import new_id
from reljournal.store.stamps import now_iso

ME_KEY: Final = "meetings.me"
JOURNAL_ID_KEY: Final = "journal.id"
_COLUMNS: Final = "id, uid, recurrence_id, start, minutes, title, participants, state, entry_id"
_CHUNK: Final = 500


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _participants_json(people: Iterable[Participant]) -> str:
    return json.dumps([[p.email, p.name, p.organizer] for p in people], ensure_ascii=False)


def _participants(text: str) -> tuple[Participant, ...]:
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    return tuple(
        Participant(str(p[0]), str(p[1]), bool(p[2]))
        for p in data
        if isinstance(p, list) and len(p) == 3
    )


def _stored(row: tuple[Any, ...]) -> StoredMeeting:
    return StoredMeeting(
        id=int(row[0]),
        uid=row[1],
        recurrence_id=row[2],
        start=dt.datetime.fromisoformat(row[3]),
        minutes=int(row[4]),
        title=row[5],
        participants=_participants(row[6]),
        state=row[7],
        entry_id=row[8],
    )


def _fields(item: Occurrence) -> dict[str, Any]:
    return {
        "start": item.start.isoformat(),
        "start_utc": utc_text(item.start),
        "minutes": item.minutes,
        "title": item.title,
        "participants": _participants_json(item.participants),
    }


def replace_meetings(db: Database, expansion: Expansion) -> ImportCounts:
    """Bring the queue in line with what a calendar file gives in its window."""
    counts = ImportCounts(queued=len(expansion.occurrences), skipped=dict(expansion.skipped))
    low = utc_text(expansion.low)
    high = utc_text(expansion.high)
    fresh = {o.key: o for o in expansion.occurrences}
    stamp = now_iso()
    with storage_errors("update the meetings queue"), db.atomic():
        existing: dict[tuple[str, str], tuple[Any, ...]] = {}
        uids = sorted({o.uid for o in expansion.occurrences})
        for i in range(0, len(uids), _CHUNK):
            chunk = uids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in db.conn.execute(
                f"SELECT id, uid, recurrence_id, state, start, start_utc, minutes, title, "
                f"participants FROM meetings WHERE uid IN ({marks})",
                chunk,
            ):
                existing[(row[1], row[2])] = tuple(row)
        for row in db.conn.execute(
            "SELECT id, uid, recurrence_id FROM meetings WHERE state = ? AND start_utc >= ? "
            "AND start_utc < ?",
            (QUEUED, low, high),
        ).fetchall():
            if row[1] in expansion.uids and (row[1], row[2]) not in fresh:
                db.conn.execute("DELETE FROM meetings WHERE id = ?", (row[0],))
                counts.removed += 1
        for key, item in fresh.items():
            values = _fields(item)
            old = existing.get(key)
            if old is None:
                db.conn.execute(
                    "INSERT INTO meetings (id, uid, recurrence_id, start, start_utc, minutes, "
                    "title, participants, state, imported_at, updated_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (new_id(db.conn, "meetings"), item.uid, item.recurrence_id, values["start"], values["start_utc"],
                     values["minutes"], values["title"], values["participants"], QUEUED,
                     stamp, stamp),
                )  # fmt: skip
                counts.added += 1
            elif old[3] != QUEUED:
                counts.kept += 1
            elif tuple(old[4:9]) == tuple(values[k] for k in
                                          ("start", "start_utc", "minutes", "title", "participants")):  # fmt: skip
                counts.unchanged += 1
            else:
                db.conn.execute(
                    "UPDATE meetings SET start = ?, start_utc = ?, minutes = ?, title = ?, "
                    "participants = ?, updated_at = ? WHERE id = ?",
                    (values["start"], values["start_utc"], values["minutes"], values["title"],
                     values["participants"], stamp, old[0]),
                )  # fmt: skip
                counts.updated += 1
    return counts


def list_meetings(db: Database, state: str = QUEUED) -> list[StoredMeeting]:
    """The meetings in a state, oldest first."""
    with storage_errors("read the meetings queue"):
        rows = db.conn.execute(
            f"SELECT {_COLUMNS} FROM meetings WHERE state = ? ORDER BY start_utc, id", (state,)
        ).fetchall()
    return [_stored(tuple(r)) for r in rows]


def count_queued(db: Database) -> int:
    with storage_errors("read the meetings queue"):
        return int(
            db.conn.execute("SELECT count(*) FROM meetings WHERE state = ?", (QUEUED,)).fetchone()[
                0
            ]
        )


def get_meeting(db: Database, meeting_id: int) -> StoredMeeting:
    with storage_errors("read the meetings queue"):
        row = db.conn.execute(
            f"SELECT {_COLUMNS} FROM meetings WHERE id = ?", (meeting_id,)
        ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no meeting {meeting_id} in the queue.")
    return _stored(tuple(row))


def set_meeting_state(
    db: Database, meeting_id: int, state: str, entry_id: int | None = None
) -> StoredMeeting:
    """Dismiss a queued meeting, mark it logged (with its entry), or queue it again.
    Returns the meeting as it was."""
    if state not in (QUEUED, LOGGED, DISMISSED):
        raise ValueError(state)
    with storage_errors("update the meetings queue"), db.atomic():
        before = get_meeting(db, meeting_id)
        db.conn.execute(
            "UPDATE meetings SET state = ?, entry_id = ?, updated_at = ? WHERE id = ?",
            (state, entry_id, now_iso(), meeting_id),
        )
    return before


def mark_logged(db: Database, meeting_id: int, entry_id: int) -> None:
    """The meeting was logged as that entry (nothing happens if it is gone)."""
    with storage_errors("update the meetings queue"):
        db.conn.execute(
            "UPDATE meetings SET state = ?, entry_id = ?, updated_at = ? WHERE id = ?",
            (LOGGED, entry_id, now_iso(), meeting_id),
        )


def set_person_email(db: Database, person_id: int, email: str) -> bool:
    """Give a person the address unless they have another one; whether they have it."""
    with storage_errors("save the person"):
        row = db.conn.execute(
            "SELECT email FROM stakeholders WHERE id = ?", (person_id,)
        ).fetchone()
        if row is None:
            return False
        if not row[0].strip():
            db.conn.execute("UPDATE stakeholders SET email = ? WHERE id = ?", (email, person_id))
            return True
        return bool(row[0].strip().lower() == email.lower())


def journal_id(db: Database) -> str:
    """The journal's random id, made the first time it is asked for."""
    with storage_errors("read the journal's id"):
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (JOURNAL_ID_KEY,)).fetchone()
        if row is not None:
            return str(row[0])
        db.conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, lower(hex(randomblob(8))))",
            (JOURNAL_ID_KEY,),
        )
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (JOURNAL_ID_KEY,)).fetchone()
    return str(row[0])


def known_people(db: Database) -> list[tuple[int, str, str, str, int | None]]:
    """(id, name, email, group, account id) of everyone with an email address."""
    with storage_errors("read the people"):
        return [
            (int(r[0]), r[1], r[2], r[3], r[4])
            for r in db.conn.execute(
                "SELECT id, name, email, grp, account_id FROM stakeholders "
                "WHERE email LIKE '%@%' ORDER BY id"
            )
        ]


def remembered_me(db: Database) -> list[str]:
    with storage_errors("read the calendar addresses"):
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (ME_KEY,)).fetchone()
    if row is None:
        return []
    try:
        value = json.loads(row[0])
    except ValueError:
        return []
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def remember_me(db: Database, addresses: list[str]) -> None:
    with storage_errors("save the calendar addresses"), db.atomic():
        db.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value",
            (ME_KEY, json.dumps(addresses)),
        )


# --- the calendar subscription (its address is a secret: kept only in the journal) ------
def feed(db: Database) -> tuple[str, bytes | None, str | None]:
    """(address, last good copy, when it was fetched) of the calendar subscription."""
    with storage_errors("read the calendar subscription"):
        row = db.conn.execute(
            "SELECT url, body, fetched_at FROM calendar_feed WHERE id = 1"
        ).fetchone()
    if row is None:
        return "", None, None
    return str(row[0]), (bytes(row[1]) if row[1] is not None else None), row[2]


def set_feed_url(db: Database, url: str) -> None:
    """Set (or with "" remove) the subscription; a new address drops the old copy."""
    with storage_errors("save the calendar subscription"), db.atomic():
        old = feed(db)[0]
        if not url:
            db.conn.execute("DELETE FROM calendar_feed")
        elif url != old:
            db.conn.execute(
                "INSERT INTO calendar_feed (id, url, body, fetched_at) VALUES (1, ?, NULL, NULL) "
                "ON CONFLICT(id) DO UPDATE SET url = excluded.url, body = NULL, fetched_at = NULL",
                (url,),
            )


def save_feed_copy(db: Database, body: bytes) -> None:
    with storage_errors("save the calendar subscription"):
        db.conn.execute(
            "UPDATE calendar_feed SET body = ?, fetched_at = ? WHERE id = 1", (body, now_iso())
        )
