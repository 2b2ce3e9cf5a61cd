"""Stored statements: what each entry says, read once - when the entry is saved.

``store_readings`` reads entries (their statements, speakers and stances, see
``core/classify/reading``) and keeps one row per stance in ``statements`` and one row
per entry in ``statement_readings`` with the version of the reader (code version and
cue file fingerprint). ``load_account_readings`` gives the classifier each account's
stored readings without reading any text; an entry whose reading is missing or was
made by another version is read there and then and stored. ``rescore_statements``
reads every such entry again, in batches - the background job after an upgrade.
"""

from __future__ import annotations

import bisect
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlite_utils import Database

from reljournal.core.classify import statement_model as sm
from reljournal.core.classify.cues import Cues, load_cues
from reljournal.core.classify.reading import (
    UNDECIDED,
    EntryReading,
    Evidence,
    customer_names,
    read_entry,
    reader_version,
)
from reljournal.core.errors import CancelledError
from reljournal.core.model import (
    GROUP_CUSTOMER,
    Account,
    AccountJournal,
    Entry,
    StageAssessment,
    Stakeholder,
)
from reljournal.store.answer_rows import ANSWER_COLUMNS, answer_from_row
from reljournal.store.database import storage_errors

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]
_BATCH = 400
RESCORE_BATCH = 500


@cache
def default_cues() -> Cues:
    return load_cues()


# -- writing ---------------------------------------------------------------------------


def store_readings(db: Database, entry_ids: Iterable[int], cues: Cues | None = None) -> int:
    """Read the given entries and store what they say (inside the caller's transaction,
    if any). Returns how many entries were read."""
    cues = cues or default_cues()
    ids = list(dict.fromkeys(entry_ids))
    done = 0
    for start in range(0, len(ids), RESCORE_BATCH):
        readings = _read_entries(db, ids[start : start + RESCORE_BATCH], cues)
        _write(db, readings, reader_version(cues))
        done += len(readings)
    return done


def _read_entries(db: Database, ids: list[int], cues: Cues) -> list[EntryReading]:
    """Load the entries with their answers and read them."""
    if not ids:
        return []
    conn = db.conn
    marks = ",".join("?" for _ in ids)
    entries: dict[int, Entry] = {}
    for entry_id, account_id, at, kind, title, notes, initiated_by in conn.execute(
        "SELECT id, account_id, at, kind, title, notes, initiated_by FROM entries "
        f"WHERE id IN ({marks})",
        ids,
    ):
        entries[entry_id] = Entry(
            dt.datetime.fromisoformat(at),
            kind,
            None,
            title,
            notes,
            initiated_by or "",
            account_id,
            id=entry_id,
        )
    for r in conn.execute(
        f"SELECT {ANSWER_COLUMNS} FROM answers WHERE entry_id IN ({marks}) ORDER BY said_on, id",
        ids,
    ):
        entries[r[1]].answers.append(answer_from_row(r))
    accounts = {e.account_id for e in entries.values()}
    sides = _our_sides(db, accounts)
    theirs = _their_names(db, accounts)
    named = _account_names(db, accounts)
    return [
        read_entry(
            entries[i],
            cues,
            sides.get(entries[i].account_id, frozenset()),
            customers=theirs.get(entries[i].account_id, frozenset()),
            account=named.get(entries[i].account_id, ""),
        )
        for i in ids
        if i in entries
    ]


def _per_account(
    db: Database, sql: str, account_ids: set[int | None], *params: object
) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` (whose ``{marks}`` takes the account ids, after ``params``) for
    the given accounts, in batches that stay under SQLite's limit on parameters."""
    wanted = [a for a in account_ids if a is not None]
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" for _ in part)
        yield from db.conn.execute(sql.format(marks=marks), [*params, *part])


def _account_names(db: Database, account_ids: set[int | None]) -> dict[int | None, str]:
    """Per account, its name (notes may head a line with it: "Duckett's: ...")."""
    rows = _per_account(db, "SELECT id, name FROM accounts WHERE id IN ({marks})", account_ids)
    return {account_id: name or "" for account_id, name in rows}


def _their_names(db: Database, account_ids: set[int | None]) -> dict[int | None, frozenset[str]]:
    """Per account, the names by which the rep may refer to the customer's people."""
    names: dict[int | None, list[str]] = defaultdict(list)
    for account_id, name in _per_account(
        db,
        "SELECT account_id, name FROM stakeholders WHERE grp = ? AND account_id IN ({marks})",
        account_ids,
        GROUP_CUSTOMER,
    ):
        names[account_id].append(name or "")
    return {a: customer_names(n) for a, n in names.items()}


def _our_sides(db: Database, account_ids: set[int | None]) -> dict[int | None, frozenset[str]]:
    """Per account, the lower-case names (full and first) of the rep's colleagues and
    partners: those of the account and those kept apart from any account."""
    rows = db.conn.execute(
        "SELECT account_id, name FROM stakeholders WHERE grp != ?", (GROUP_CUSTOMER,)
    ).fetchall()
    common: set[str] = set()
    own: dict[int, set[str]] = defaultdict(set)
    for account_id, name in rows:
        names = {name.strip().casefold(), name.strip().split()[0].casefold()} if name else set()
        (common if account_id is None else own[account_id]).update(names)
    return {
        a: frozenset(common | own.get(a, set())) if a else frozenset(common) for a in account_ids
    }


def _write(db: Database, readings: list[EntryReading], version: str) -> None:
    ids = [r.entry_id for r in readings if r.entry_id is not None]
    if not ids:
        return
    conn = db.conn
    marks = ",".join("?" for _ in ids)
    with db.atomic():
        conn.execute(f"DELETE FROM statements WHERE entry_id IN ({marks})", ids)
        stamp = uuid.uuid4().hex
        conn.executemany(
            "INSERT OR REPLACE INTO statement_readings (entry_id, purchase, version, stamp) "
            "VALUES (?,?,?,?)",
            [
                (r.entry_id, int(r.purchase), version, stamp)
                for r in readings
                if r.entry_id is not None
            ],
        )
        conn.executemany(
            "INSERT INTO statements "
            "(entry_id, answer_id, said_on, speaker, signal, weight, quote, who)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    r.entry_id,
                    ev.answer_id,
                    ev.date.isoformat() if ev.date else "",
                    ev.speaker,
                    ev.signal,
                    ev.weight,
                    ev.quote,
                    ev.who,
                )
                for r in readings
                if r.entry_id is not None
                for ev in r.evidence
            ],
        )


def stale_statement_count(db: Database, cues: Cues | None = None) -> int:
    """How many entries have no stored reading by the current reader."""
    version = reader_version(cues or default_cues())
    with storage_errors("read the stored statements"):
        row = db.conn.execute(
            "SELECT count(*) FROM entries e LEFT JOIN statement_readings r ON r.entry_id = e.id "
            "WHERE r.entry_id IS NULL OR r.version != ?",
            (version,),
        ).fetchone()
    return int(row[0])


def rescore_statements(
    db: Database,
    cues: Cues | None = None,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> int:
    """Read again every entry whose stored reading is missing or was made by another
    version of the reader (after an upgrade), in batches that each commit, so a
    cancelled run keeps what it did. Returns how many entries were read."""
    cues = cues or default_cues()
    version = reader_version(cues)
    with storage_errors("read the stored statements"):
        ids = [
            r[0]
            for r in db.conn.execute(
                "SELECT e.id FROM entries e LEFT JOIN statement_readings r "
                "ON r.entry_id = e.id WHERE r.entry_id IS NULL OR r.version != ? ORDER BY e.id",
                (version,),
            )
        ]
    total = len(ids)
    if progress is not None:
        progress(0, total)
    try:
        for start in range(0, total, RESCORE_BATCH):
            if should_cancel is not None and should_cancel():
                raise CancelledError()
            with storage_errors("store the statements"):
                _write(db, _read_entries(db, ids[start : start + RESCORE_BATCH], cues), version)
            if progress is not None:
                progress(min(start + RESCORE_BATCH, total), total)
    finally:
        # Every sentence was read once: keeping them all would only make a large heap
        # that the garbage collector walks again and again (slow saves afterwards).
        if total > RESCORE_BATCH:
            cues.sentence_cache.clear()
    return total


# -- reading ---------------------------------------------------------------------------


def load_account_readings(
    db: Database, account_ids: list[int] | None, cues: Cues | None = None
) -> Iterator[tuple[AccountJournal, list[EntryReading]]]:
    """Per account (all, or the given ids, in that order): the journal the classifier
    weighs behaviour on (entries without their notes, stakeholders, stages) and the
    stored readings of its entries, in the entries' order. Entries without a current
    reading are read now and their reading stored."""
    cues = cues or default_cues()
    with storage_errors("read the journal"):
        if account_ids is None:
            ids = [r[0] for r in db.conn.execute("SELECT id FROM accounts ORDER BY id")]
        else:
            ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), _BATCH):
        with storage_errors("read the journal"):
            yield from _load_batch(db, ids[start : start + _BATCH], cues)


def _load_batch(
    db: Database, ids: list[int], cues: Cues
) -> list[tuple[AccountJournal, list[EntryReading]]]:
    if len(ids) == 1:
        kept = _kept_account(db, ids[0], cues)
        if kept is not None:
            return [(kept.journal, kept.in_order())]
    out = _read_batch(db, ids, cues)
    if len(out) == 1:
        journal, read = out[0]
        assert journal.account.id is not None
        _keep_account(db, journal, read, cues)
    return out


# Untitled entries keep the start of their notes: a behaviour reason quotes it.
_ENTRY_COLUMNS = (
    "id, account_id, at, kind, minutes, title, "
    "CASE WHEN trim(title) = '' THEN substr(notes, 1, 400) ELSE '' END, initiated_by"
)


def _entry_of(row: Any) -> Entry:
    entry_id, account_id, at, kind, minutes, title, start, initiated_by = row
    return Entry(
        dt.datetime.fromisoformat(at),
        kind,
        minutes,
        title,
        start,
        initiated_by,
        account_id,
        id=entry_id,
    )


def _stages(db: Database, where: str, params: list[int]) -> list[StageAssessment]:
    return [
        StageAssessment(dt.date.fromisoformat(r[3]), r[4], r[1], r[2], id=r[0])
        for r in db.conn.execute(
            "SELECT id, account_id, entry_id, assessed_on, stage FROM stage_assessments "
            f"WHERE {where} ORDER BY assessed_on, id",
            params,
        )
    ]


def _people(db: Database, where: str, params: list[int]) -> dict[int, list[int]]:
    """Who took part in each entry (``where`` over the entries ``e``): words nobody is
    named for, said where no decision maker was, are not the decision maker's."""
    out: dict[int, list[int]] = {}
    for entry_id, stakeholder_id in db.conn.execute(
        "SELECT p.entry_id, p.stakeholder_id FROM entry_people p JOIN entries e "
        f"ON e.id = p.entry_id WHERE {where}",
        params,
    ):
        out.setdefault(entry_id, []).append(stakeholder_id)
    return out


def _read_batch(
    db: Database, ids: list[int], cues: Cues
) -> list[tuple[AccountJournal, list[EntryReading]]]:
    conn = db.conn
    marks = ",".join("?" for _ in ids)
    journals: dict[int, AccountJournal] = {}
    for r in conn.execute(f"SELECT id, name FROM accounts WHERE id IN ({marks})", ids):
        journals[r[0]] = AccountJournal(account=Account(id=r[0], name=r[1]))
    for sid, account_id, name, grp, title, role in conn.execute(
        "SELECT id, account_id, name, grp, title, role FROM stakeholders "
        f"WHERE account_id IN ({marks})",
        ids,
    ):
        journals[account_id].stakeholders.append(
            Stakeholder(name=name, group=grp, account_id=account_id, title=title, role=role, id=sid)
        )
    entries: dict[int, Entry] = {}
    for row in conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE account_id IN ({marks}) ORDER BY at, id",
        ids,
    ):
        entry = _entry_of(row)
        assert entry.id is not None and entry.account_id is not None
        entries[entry.id] = entry
        journals[entry.account_id].entries.append(entry)
    for stage in _stages(db, f"account_id IN ({marks})", ids):
        assert stage.account_id is not None
        journals[stage.account_id].stages.append(stage)
    for entry_id, people in _people(db, f"e.account_id IN ({marks})", ids).items():
        entries[entry_id].stakeholder_ids = people
    readings = _stored_readings(db, marks, ids, cues)
    stale = [i for i in entries if i not in readings]
    if stale:
        fresh = _read_entries(db, stale, cues)
        _write(db, fresh, reader_version(cues))
        readings.update((r.entry_id, r) for r in fresh if r.entry_id is not None)
    out = []
    for account_id in ids:
        journal = journals.get(account_id)
        if journal is not None:
            out.append((journal, [readings[e.id] for e in journal.entries if e.id in readings]))
    return out


# What this process read of entries' stored statements: (database, entry id) ->
# (the reading's stamp and version, the reading). A reading written again gets a new
# stamp, so a kept one is good while its stamp is the one stored; saving an entry to a
# large account then reads only that entry's statements. Bounded; shared by threads.
# Only single accounts' readings are kept (a save reclassifies one account): keeping a
# whole journal's would make a heap the garbage collector walks again and again.
_KEPT: dict[tuple[object, int], tuple[str, str, EntryReading]] = {}
KEPT_LIMIT = 20_000
KEEP_ACCOUNTS = 4  # readings loaded for at most this many accounts at once are kept
_FEW = 200  # up to this many entries' statements are read by their ids


def _database_key(db: Database) -> object:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    return path or ("memory", id(db.conn))


def _stored_readings(
    db: Database, marks: str, ids: list[int], cues: Cues, only: int | None = None
) -> dict[int, EntryReading]:
    """The stored readings of the accounts' entries (``only``: of that entry alone)."""
    version = reader_version(cues)
    conn = db.conn
    where = _database_key(db)
    readings: dict[int, EntryReading] = {}
    stamps: dict[int, str] = {}
    one = "" if only is None else " AND r.entry_id = ?"
    for entry_id, purchase, stamp in conn.execute(
        "SELECT r.entry_id, r.purchase, r.stamp FROM statement_readings r JOIN entries e "
        f"ON e.id = r.entry_id WHERE e.account_id IN ({marks}) AND r.version = ?{one}",
        (*ids, version) if only is None else (*ids, version, only),
    ):
        kept = _KEPT.get((where, entry_id)) if stamp else None
        if kept is not None and kept[0] == stamp and kept[1] == version:
            readings[entry_id] = kept[2]
        else:
            readings[entry_id] = EntryReading(entry_id, [], bool(purchase))
            stamps[entry_id] = stamp
    if not stamps:
        return readings
    sources = _sources(cues)
    days: dict[str, dt.date | None] = {"": None}
    columns = "s.entry_id, s.answer_id, s.said_on, s.speaker, s.signal, s.weight, s.quote, s.who"
    if len(stamps) <= _FEW:
        wanted = list(stamps)
        rows: Any = conn.execute(
            f"SELECT {columns} FROM statements s WHERE s.entry_id IN "
            f"({','.join('?' for _ in wanted)}) ORDER BY s.entry_id, s.id",
            wanted,
        )
    else:
        rows = conn.execute(
            f"SELECT {columns} FROM statements s JOIN entries e ON e.id = s.entry_id "
            f"WHERE e.account_id IN ({marks}) ORDER BY s.entry_id, s.id",
            ids,
        )
    for entry_id, answer_id, said_on, speaker, signal, weight, quote, who in rows:
        if entry_id not in stamps:
            continue  # kept, or read by another version: read again by the caller
        day = days.get(said_on, dt.date.min)
        if day == dt.date.min:
            day = days[said_on] = dt.date.fromisoformat(said_on)
        readings[entry_id].evidence.append(
            Evidence(
                signal,
                quote,
                day,
                weight,
                sources.get(signal, ""),
                entry_id,
                answer_id,
                speaker,
                who,
            )
        )
    if len(ids) <= KEEP_ACCOUNTS:
        if len(_KEPT) + len(stamps) > KEPT_LIMIT:
            _KEPT.clear()
        for entry_id, stamp in stamps.items():
            if stamp:
                _KEPT[(where, entry_id)] = (stamp, version, readings[entry_id])
    return readings


def _sources(cues: Cues) -> dict[str, str]:
    """The literature source of each signal a statement can carry."""
    out = {g.id: g.source for g in cues.groups}
    out[UNDECIDED] = cues.undecided_source
    out[sm.SIGNAL] = sm.SOURCE
    return out


# -- the incremental weighing's input ----------------------------------------------------
# Saving an entry reclassifies its account, which weighs all of the account's entries
# again. The account's journal (entries without notes but with who took part,
# stakeholders, stages) and stored readings are kept in this process for the few accounts
# last classified one at a time, with the account's revision (moved by triggers on
# everything the classifier reads), entry count and latest entry change; a save or delete
# of one entry then updates the kept copy with that entry alone (``entry_changed``)
# instead of reading the whole account again. Any other change moves the revision without
# telling this cache, and the account is read in full. (Who took part changes only with
# its entry, whose row update moves the revision.)


@dataclass
class _KeptAccount:
    state: tuple[int, int, str]  # ``account_state`` the copy reflects
    version: str
    journal: AccountJournal
    readings: dict[int, EntryReading]

    def in_order(self) -> list[EntryReading]:
        got = self.readings.get
        return [r for r in (got(e.id) for e in self.journal.entries if e.id is not None) if r]


_ACCOUNTS: dict[tuple[object, int], _KeptAccount] = {}


def account_state(db: Database, account_id: int) -> tuple[int, int, str]:
    """An account's revision, number of entries and latest entry change (what a kept copy
    is checked by; the last two also tell a journal restored from a backup apart)."""
    row = db.conn.execute(
        "SELECT coalesce((SELECT revision FROM account_revisions WHERE account_id = ?), 0), "
        "count(*), coalesce(max(updated_at), '') FROM entries WHERE account_id = ?",
        (account_id, account_id),
    ).fetchone()
    return int(row[0]), int(row[1]), str(row[2])


def _kept_account(db: Database, account_id: int, cues: Cues) -> _KeptAccount | None:
    kept = _ACCOUNTS.get((_database_key(db), account_id))
    if kept is None or kept.version != reader_version(cues):
        return None
    if kept.state != account_state(db, account_id):
        return None
    return kept


def _keep_account(
    db: Database, journal: AccountJournal, read: list[EntryReading], cues: Cues
) -> None:
    assert journal.account.id is not None
    key = (_database_key(db), journal.account.id)
    _ACCOUNTS.pop(key, None)
    while len(_ACCOUNTS) >= KEEP_ACCOUNTS:
        _ACCOUNTS.pop(next(iter(_ACCOUNTS)))
    readings = {r.entry_id: r for r in read if r.entry_id is not None}
    state = account_state(db, journal.account.id)
    _ACCOUNTS[key] = _KeptAccount(state, reader_version(cues), journal, readings)


def entry_changed(
    db: Database,
    account_id: int,
    entry_id: int,
    before: tuple[int, int, str],
    after: tuple[int, int, str],
    cues: Cues | None = None,
) -> None:
    """Update a kept account after one entry of it was saved or deleted: ``before`` and
    ``after`` are ``account_state`` read in the same transaction just before and after
    the change (so they bracket that change alone). A copy that was not current before
    is dropped."""
    cues = cues or default_cues()
    key = (_database_key(db), account_id)
    kept = _ACCOUNTS.pop(key, None)
    if kept is None or kept.state != before or kept.version != reader_version(cues):
        return
    with storage_errors("read the journal"):
        journal = kept.journal
        journal.entries = [e for e in journal.entries if e.id != entry_id]
        journal.stages = [st for st in journal.stages if st.entry_id != entry_id]
        kept.readings.pop(entry_id, None)
        row = db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ? AND account_id = ?",
            (entry_id, account_id),
        ).fetchone()
        if row is not None:
            reading = _stored_readings(db, "?", [account_id], cues, only=entry_id).get(entry_id)
            if reading is None:
                return  # not read by this version: the account is read in full next time
            entry = _entry_of(row)
            entry.stakeholder_ids = _people(db, "e.id = ?", [entry_id]).get(entry_id, [])
            keys = [(e.at, e.id or 0) for e in journal.entries]
            journal.entries.insert(bisect.bisect(keys, (entry.at, entry_id)), entry)
            journal.stages += _stages(db, "entry_id = ? AND account_id = ?", [entry_id, account_id])
            journal.stages.sort(key=lambda st: (st.assessed_on, st.id or 0))
            kept.readings[entry_id] = reading
    kept.state = after
    _ACCOUNTS[key] = kept


def forget_kept() -> None:
    """Drop everything this process kept of journals' readings and accounts (a journal
    closed or locked: its statements do not stay in memory)."""
    _KEPT.clear()
    _ACCOUNTS.clear()
