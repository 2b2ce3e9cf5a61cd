"""The exchange, run by the sync worker over an apsw connection to the journal.

Sending: the local edits the triggers noted in ``sync_log`` get hybrid-logical-clock
stamps (per row, and per column for updates); each touched row goes into a changeset
(SQLite's session extension, built with ``ChangesetBuilder``) with its current values,
or as a delete with its last values, together with the stamps of all its columns. The
file is kept in ``sync_outbox`` in the same transaction that empties ``sync_log``, then
written to the folder, so a crash at any point loses nothing and writes nothing twice
under two names.

Receiving: each other computer's files are applied in order (and only once the files
they build on are applied here), each in one transaction. Every row and column is a
last-writer-wins register: the stamps decide, column by column, which value stays; the
result is written by applying a changeset through the session extension, whose conflict
handler skips what is already gone and notes what the journal's rules refuse. A value
that lost to a concurrent edit is kept in ``sync_conflicts``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import apsw

from reljournal.core.model import text_key
from reljournal.store.ids import LOCAL_BITS
from reljournal.store.sync.changefile import (
    BadChangeFile,
    ChangeFile,
    decode,
    encode,
    remove_stale_parts,
    write_atomically,
)
from reljournal.store.sync.tables import (
    SYNCED_TABLES,
    change_file_name,
    parse_change_file_name,
)


def _q(conn: apsw.Connection, sql: str, params: Any = ()) -> list[Any]:
    """The rows of a query, untyped (apsw's rows are unions of every SQLite type)."""
    return list(conn.execute(sql, params).fetchall())


def _builder() -> Any:
    return apsw.ChangesetBuilder()  # type: ignore[no-untyped-call]


log = logging.getLogger(__name__)

Value = Any
_COUNTER_LIMIT: Final = 0xFFFF
UPDATE_NEEDED: Final = "update RelJournal on this computer"
# columns that change with every edit of a row: not a conflict the rep has to review
_BOOKKEEPING: Final = frozenset({"updated_at", "fingerprint", "name_key", "text_key"})


# --- the hybrid logical clock ---------------------------------------------------------------
class Clock:
    """Stamps ``<ms:12 hex><counter:4 hex><device:5 hex>``: ordered as strings, never
    behind any stamp seen, and unique to the device."""

    def __init__(self, state: str, device: int) -> None:
        self.device = device
        self.ms, self.counter = (int(state[:12], 16), int(state[12:16], 16)) if state else (0, 0)

    def tick(self, wall_ms: int) -> str:
        if wall_ms > self.ms:
            self.ms, self.counter = wall_ms, 0
        elif self.counter >= _COUNTER_LIMIT:
            self.ms, self.counter = self.ms + 1, 0
        else:
            self.counter += 1
        return self.state

    def observe(self, stamp: str) -> None:
        if stamp:
            seen = (int(stamp[:12], 16), int(stamp[12:16], 16))
            if seen > (self.ms, self.counter):
                self.ms, self.counter = seen

    @property
    def state(self) -> str:
        return f"{self.ms:012x}{self.counter:04x}{self.device:05x}"


def wall_ms() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1000)


# --- the journal's side -------------------------------------------------------------------
@dataclass
class Table:
    name: str
    columns: list[str]
    pk: list[str]

    def pk_text(self, values: Iterable[Value]) -> str:
        return "/".join(str(v) for v in values)

    def pk_values(self, text: str) -> list[int]:
        return [int(part) for part in text.split("/")]

    def where(self) -> str:
        return " AND ".join(f"[{c}] = ?" for c in self.pk)


def journal_tables(conn: apsw.Connection) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for name in SYNCED_TABLES:
        info = _q(conn, f"PRAGMA table_info([{name}])")
        columns = [str(r[1]) for r in info]
        pk = [str(r[1]) for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        tables[name] = Table(name, columns, pk)
    return tables


def state(conn: apsw.Connection, key: str, default: str = "") -> str:
    rows = _q(conn, "SELECT value FROM sync_state WHERE key = ?", (key,))
    return str(rows[0][0]) if rows else default


def set_state(conn: apsw.Connection, key: str, value: str) -> None:
    _q(
        conn,
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def applied_seqs(conn: apsw.Connection) -> dict[int, int]:
    return {int(d): int(s) for d, s in conn.execute("SELECT device, seq FROM sync_applied")}


def _set_applied(conn: apsw.Connection, device: int, seq: int) -> None:
    conn.execute(
        "INSERT INTO sync_applied (device, seq, applied_at) VALUES (?, ?, ?) "
        "ON CONFLICT (device) DO UPDATE SET seq = excluded.seq, applied_at = excluded.applied_at",
        (device, seq, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )


@contextlib.contextmanager
def _transaction(conn: apsw.Connection) -> Any:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --- sending --------------------------------------------------------------------------------
@dataclass
class _Touched:
    exist: tuple[int, str] | None = None
    cols: dict[str, str] = field(default_factory=dict)


def send(
    conn: apsw.Connection,
    folder: Path,
    key: bytes,
    device: int,
    schema: list[str],
    *,
    after_outbox: Callable[[], None] | None = None,
) -> int:
    """Write this computer's pending edits as the next change file; the number of rows."""
    flush_outbox(conn, folder, device)
    tables = journal_tables(conn)
    with _transaction(conn):
        logs = _q(conn, "SELECT seq, tbl, pk, op, cols, wall FROM sync_log ORDER BY seq")
        if not logs:
            return 0
        clock = Clock(state(conn, "clock"), device)
        touched: dict[tuple[str, str], _Touched] = {}
        for _seq, tbl, pk, op, cols, wall in logs:
            stamp = clock.tick(int(wall))
            item = touched.setdefault((tbl, pk), _Touched())
            if op == "i":
                item.exist = (1, stamp)
                item.cols = dict.fromkeys(tables[tbl].columns, stamp)
            elif op == "u":
                for col in str(cols).split(","):
                    if col:
                        item.cols[col] = stamp
            else:
                item.exist = (0, stamp)
        seq = max(int(state(conn, "seq", "0")), _highest_own_file(folder, device)) + 1
        change = ChangeFile(
            device=device,
            seq=seq,
            schema=schema,
            depends={d: s for d, s in applied_seqs(conn).items() if d != device},
            changeset=b"",
            columns={t.name: t.columns for t in tables.values()},
        )
        builder = _builder()
        builder.schema(conn, "main")
        for (tbl, pk), item in touched.items():
            table = tables[tbl]
            before = dict(
                _q(conn, "SELECT col, hlc FROM sync_stamps WHERE tbl = ? AND pk = ?", (tbl, pk))
            )
            conn.executemany(
                "INSERT INTO sync_stamps (tbl, pk, col, hlc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (tbl, pk, col) DO UPDATE SET hlc = excluded.hlc",
                [(tbl, pk, c, s) for c, s in item.cols.items()],
            )
            for col, stamp in item.cols.items():
                change.stamps.append((tbl, pk, col, stamp, str(before.get(col, ""))))
            for col, stamp in before.items():
                if col not in item.cols:
                    change.stamps.append((tbl, pk, str(col), str(stamp), str(stamp)))
            row = _row(conn, table, pk)
            register = _register(conn, tbl, pk)
            if item.exist is not None:
                alive, hlc = item.exist
            elif register is not None:
                alive, hlc = register[0], register[1]
            else:
                alive, hlc = (1 if row is not None else 0), ""
            alive = 1 if row is not None else 0  # what the journal holds now decides
            ghost = None if alive else (register[2] if register else None)
            _q(
                conn,
                "INSERT INTO sync_rows (tbl, pk, alive, hlc, ghost) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (tbl, pk) DO UPDATE SET alive = excluded.alive, hlc = excluded.hlc, "
                "ghost = excluded.ghost",
                (tbl, pk, alive, hlc, ghost),
            )
            change.rows.append((tbl, pk, alive, hlc))
            if row is not None:
                builder.add_insert(tbl, False, list(row))
            else:
                values = json.loads(ghost) if ghost else None
                if values is None or len(values) != len(table.columns):
                    values = _pk_only(table, pk)
                builder.add_delete(tbl, False, values)
        change.changeset = builder.output()
        with tempfile.TemporaryDirectory(prefix="reljournal-sync-") as scratch:
            data = encode(change, key, Path(scratch) / "change")  # never in the shared folder
        conn.execute("DELETE FROM sync_log WHERE seq <= ?", (logs[-1][0],))
        conn.execute("INSERT OR REPLACE INTO sync_outbox (seq, body) VALUES (?, ?)", (seq, data))
        set_state(conn, "clock", clock.state)
        set_state(conn, "seq", str(seq))
        if applied_seqs(conn).get(device, 0) == seq - 1:
            _set_applied(conn, device, seq)  # else (a restored backup): the files it sent
            # after the backup come back first, in order, then this one (already here)
    if after_outbox is not None:
        after_outbox()  # tests: a crash here must lose nothing
    flush_outbox(conn, folder, device)
    return len(touched)


def _pk_only(table: Table, pk: str) -> list[Value]:
    values: list[Value] = [None] * len(table.columns)
    for col, value in zip(table.pk, table.pk_values(pk), strict=True):
        values[table.columns.index(col)] = value
    return values


def flush_outbox(conn: apsw.Connection, folder: Path, device: int) -> None:
    """Put in the folder the change files already made but not yet written there."""
    for seq, body in _q(conn, "SELECT seq, body FROM sync_outbox ORDER BY seq"):
        write_atomically(folder, change_file_name(device, int(seq)), bytes(body))
        with _transaction(conn):
            conn.execute("DELETE FROM sync_outbox WHERE seq = ?", (seq,))


def _highest_own_file(folder: Path, device: int) -> int:
    highest = 0
    for name in os.listdir(folder):
        parsed = parse_change_file_name(name)
        if parsed is not None and parsed[0] == device:
            highest = max(highest, parsed[1])
    return highest


def _row(conn: apsw.Connection, table: Table, pk: str) -> tuple[Value, ...] | None:
    cols = ", ".join(f"[{c}]" for c in table.columns)
    rows = _q(conn, f"SELECT {cols} FROM [{table.name}] WHERE {table.where()}", table.pk_values(pk))
    return tuple(rows[0]) if rows else None


def _register(conn: apsw.Connection, tbl: str, pk: str) -> tuple[int, str, str | None] | None:
    rows = _q(conn, "SELECT alive, hlc, ghost FROM sync_rows WHERE tbl = ? AND pk = ?", (tbl, pk))
    if not rows:
        return None
    return int(rows[0][0]), str(rows[0][1]), rows[0][2]


# --- receiving ------------------------------------------------------------------------------
@dataclass
class Outcome:
    applied_files: int = 0
    rows: int = 0
    conflicts: int = 0
    refused: list[str] = field(default_factory=list)  # files that are not whole change files
    held: list[str] = field(default_factory=list)  # written by a newer RelJournal
    waiting: int = 0  # files waiting for the ones they build on


def pending_files(folder: Path, applied: dict[int, int]) -> dict[int, list[tuple[int, str]]]:
    """Per device, the (seq, name) of its change files not yet applied here, in order."""
    found: dict[int, list[tuple[int, str]]] = {}
    for name in os.listdir(folder):
        parsed = parse_change_file_name(name)
        if parsed is None:
            continue
        device, seq = parsed
        if seq > applied.get(device, 0):
            found.setdefault(device, []).append((seq, name))
    for files in found.values():
        files.sort()
    return found


def receive(
    conn: apsw.Connection,
    folder: Path,
    key: bytes,
    device: int,
    schema: list[str],
    *,
    bad_files: set[str] | None = None,
) -> Outcome:
    outcome = Outcome()
    tables = journal_tables(conn)
    known = set(schema)
    progress = True
    while progress:
        progress = False
        applied = applied_seqs(conn)
        for source, files in sorted(pending_files(folder, applied).items()):
            for seq, name in files:
                if seq != applied.get(source, 0) + 1:
                    outcome.waiting += 1
                    break  # the one before is not here yet
                try:
                    change = decode(folder / name, key, source, seq)
                except (BadChangeFile, OSError) as exc:
                    log.warning("sync: refused %s: %s", name, exc)
                    outcome.refused.append(name)
                    if bad_files is not None:
                        bad_files.add(name)
                    break
                if set(change.schema) - known:
                    outcome.held.append(name)
                    break
                if any(applied.get(d, 0) < s for d, s in change.depends.items() if d != device):
                    outcome.waiting += 1
                    break
                try:
                    rows = apply_change(conn, change, tables, device, outcome)
                except _Unusable as exc:
                    log.warning("sync: refused %s: %s", name, exc)
                    outcome.refused.append(name)
                    break
                applied[source] = seq
                progress = True
                if rows is not None:
                    outcome.rows += rows
                    outcome.applied_files += 1
    return outcome


class _Unusable(Exception):
    pass


def apply_change(
    conn: apsw.Connection,
    change: ChangeFile,
    tables: dict[str, Table],
    device: int,
    outcome: Outcome,
) -> int | None:
    """Apply one change file in one transaction; the number of rows it carried (None:
    another exchange applied it meanwhile)."""
    registers = {(t, p): (alive, hlc) for t, p, alive, hlc in change.rows}
    stamps: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for tbl, pk, col, hlc, base in change.stamps:
        stamps.setdefault((tbl, pk), {})[col] = (hlc, base)
    try:
        records = [(c.name, c.op, c.old, c.new) for c in apsw.Changeset.iter(change.changeset)]
    except apsw.Error as exc:
        raise _Unusable("its changes cannot be read") from exc
    clock = Clock(state(conn, "clock"), device)
    with _transaction(conn):
        if applied_seqs(conn).get(change.device, 0) >= change.seq:
            return None  # another exchange (the app's, the command line's) applied it meanwhile
        set_state(conn, "applying", "1")
        builder = _builder()
        builder.schema(conn, "main")
        conflicts: list[tuple[Any, ...]] = []
        found_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        incoming: list[tuple[Table, str, dict[str, Value], tuple[int, str]]] = []
        for name, op, old, new in records:
            table = tables.get(name)
            their_columns = change.columns.get(name)
            if table is None or their_columns is None:
                continue
            raw = new if op == "INSERT" else old
            if raw is None:
                continue
            theirs = dict(zip(their_columns, raw, strict=False))
            pk = table.pk_text(theirs[c] for c in table.pk)
            exist = registers.get((name, pk))
            if exist is not None:
                incoming.append((table, pk, theirs, exist))
        local = _Local.read(conn, tables, {(table.name, pk) for table, pk, _t, _e in incoming})
        for table, pk, theirs, exist in incoming:
            name = table.name
            their_stamps = stamps.get((name, pk), {})
            for hlc, _base in their_stamps.values():
                clock.observe(hlc)
            clock.observe(exist[1])
            _merge_row(
                conn, builder, table, pk, exist, theirs, their_stamps, change.device,
                conflicts, found_at, local,
            )  # fmt: skip
        local.write(conn)
        refused: list[str] = []
        dangling: list[bool] = []
        clashes: list[tuple[str, tuple[Value, ...]]] = []

        def on_conflict(reason: int, change_: apsw.TableChange) -> int:
            if reason == apsw.SQLITE_CHANGESET_DATA:
                return apsw.SQLITE_CHANGESET_REPLACE
            if reason == apsw.SQLITE_CHANGESET_CONSTRAINT:
                if change_.op == "INSERT" and change_.name in _NAMED and change_.new:
                    clashes.append((change_.name, tuple(change_.new)))
                else:
                    refused.append(change_.name)
            if reason == apsw.SQLITE_CHANGESET_FOREIGN_KEY:
                dangling.append(True)  # commit, then remove what points nowhere
            return apsw.SQLITE_CHANGESET_OMIT

        effective = builder.output()
        if effective:
            with _bulk_search_index(conn, tables, local.inserted):
                apsw.Changeset.apply(effective, conn, conflict=on_conflict)
        for name, values in clashes:
            if not _insert_beside_namesake(conn, tables[name], values):
                refused.append(name)
        if dangling:
            _drop_orphans(conn)
        _forget_readings(conn, incoming)
        conn.executemany(
            "INSERT INTO sync_conflicts (tbl, pk, col, kept, lost, lost_device, found_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            conflicts,
        )
        outcome.conflicts += len(conflicts)
        if refused:
            log.warning("sync: %d rows refused by the journal's rules (%s)", len(refused), refused)
        set_state(conn, "clock", clock.state)
        _set_applied(conn, change.device, change.seq)
        conn.execute("DELETE FROM sync_state WHERE key = 'applying'")
    return len(records)


def _merge_row(
    conn: apsw.Connection,
    builder: Any,
    table: Table,
    pk: str,
    exist: tuple[int, str],
    theirs: dict[str, Value],
    their_stamps: dict[str, tuple[str, str]],
    their_device: int,
    conflicts: list[tuple[Any, ...]],
    found_at: str,
    local: _Local,
) -> None:
    if (table.name, pk) in local.pending and local.pending[(table.name, pk)] is None:
        return  # inserted or deleted here meanwhile: that edit, sent next, wins
    busy = local.pending.get((table.name, pk)) or set()
    row = local.rows.get((table.name, pk))
    register = local.registers.get((table.name, pk))
    mine_exist: tuple[int, str] | None
    if register is not None:
        mine_exist = (register[0], register[1])
        if row is not None and not register[0]:
            mine_exist = (1, register[1])
    else:
        mine_exist = (1, "") if row is not None else None
    ghost = json.loads(register[2]) if register and register[2] else None
    mine: dict[str, Value] | None = None
    if row is not None:
        mine = dict(zip(table.columns, row, strict=True))
    elif ghost is not None and len(ghost) == len(table.columns):
        mine = dict(zip(table.columns, ghost, strict=True))
    my_stamps = local.stamps.get((table.name, pk), {})
    # which values stay, column by column
    their_full = all(c in theirs for c in table.columns) and all(
        theirs[c] is not None or c not in table.pk for c in table.columns
    )
    merged: dict[str, Value] = dict(mine) if mine is not None else {}
    new_stamps: list[tuple[str, str, str, str]] = []
    for col in table.columns:
        if col in table.pk or col not in theirs or col in busy:
            continue
        their_hlc, their_base = their_stamps.get(col, ("", ""))
        my_hlc = str(my_stamps.get(col, ""))
        if mine is None:
            if their_full:
                merged[col] = theirs[col]
                if their_hlc:
                    new_stamps.append((table.name, pk, col, their_hlc))
            continue
        written = their_hlc != their_base  # this file's computer wrote it (not only knew it)
        shown = written and col not in _BOOKKEEPING
        if their_hlc > my_hlc:
            if shown and theirs[col] != mine[col] and my_hlc and my_hlc != their_base:
                conflicts.append(
                    (table.name, pk, col, _text(theirs[col]), _text(mine[col]),
                     int(my_hlc[16:], 16), found_at)
                )  # fmt: skip
            merged[col] = theirs[col]
            new_stamps.append((table.name, pk, col, their_hlc))
        elif shown and their_hlc < my_hlc and theirs[col] != mine[col]:
            conflicts.append(
                (table.name, pk, col, _text(mine[col]), _text(theirs[col]), their_device, found_at)
            )
    if mine is None and their_full:
        for col in table.pk:
            merged[col] = theirs[col]
    alive_reg = exist
    if mine_exist is not None:
        alive_reg = max(exist, mine_exist, key=lambda r: (r[1], r[0]))
    have_values = len(merged) == len(table.columns)
    if alive_reg[0] and have_values:
        values = [merged[c] for c in table.columns]
        if row is None:
            builder.add_insert(table.name, False, values)
            local.inserted.setdefault(table.name, []).append(pk)
        else:
            changed = [i for i, c in enumerate(table.columns) if row[i] != merged[c]]
            if changed:
                old = [
                    row[i] if (c in table.pk or i in changed) else apsw.no_change
                    for i, c in enumerate(table.columns)
                ]
                new = [values[i] if i in changed else apsw.no_change for i in range(len(values))]
                builder.add_update(table.name, False, old, new)
    elif row is not None:
        builder.add_delete(table.name, False, list(row))
    ghost_text = None
    if not alive_reg[0] and have_values:
        ghost_text = json.dumps([merged[c] for c in table.columns])
    local.registers_out.append((table.name, pk, alive_reg[0], alive_reg[1], ghost_text))
    local.stamps_out.extend(new_stamps)


@dataclass
class _Local:
    """What this journal holds of the rows one change file touches, read in a few
    queries (not three per row), and the registers to write back."""

    rows: dict[tuple[str, str], tuple[Value, ...]] = field(default_factory=dict)
    registers: dict[tuple[str, str], tuple[int, str, str | None]] = field(default_factory=dict)
    stamps: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    registers_out: list[tuple[Any, ...]] = field(default_factory=list)
    stamps_out: list[tuple[Any, ...]] = field(default_factory=list)
    inserted: dict[str, list[str]] = field(default_factory=dict)
    # edits made here since this exchange sent (another program, meanwhile): they are
    # stamped later than anything received now, so they stay as they are
    pending: dict[tuple[str, str], set[str] | None] = field(default_factory=dict)

    @classmethod
    def read(
        cls, conn: apsw.Connection, tables: dict[str, Table], keys: set[tuple[str, str]]
    ) -> _Local:
        local = cls()
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_incoming (tbl TEXT, pk TEXT)")
        conn.execute("DELETE FROM temp.sync_incoming")
        conn.executemany("INSERT INTO temp.sync_incoming VALUES (?, ?)", sorted(keys))
        for tbl, pk, alive, hlc, ghost in _q(
            conn,
            "SELECT r.tbl, r.pk, r.alive, r.hlc, r.ghost FROM sync_rows r "
            "JOIN temp.sync_incoming i ON r.tbl = i.tbl AND r.pk = i.pk",
        ):
            local.registers[(str(tbl), str(pk))] = (int(alive), str(hlc), ghost)
        for tbl, pk, col, hlc in _q(
            conn,
            "SELECT s.tbl, s.pk, s.col, s.hlc FROM sync_stamps s "
            "JOIN temp.sync_incoming i ON s.tbl = i.tbl AND s.pk = i.pk",
        ):
            local.stamps.setdefault((str(tbl), str(pk)), {})[str(col)] = str(hlc)
        for tbl, pk, op, cols in _q(
            conn,
            "SELECT l.tbl, l.pk, l.op, l.cols FROM sync_log l "
            "JOIN temp.sync_incoming i ON l.tbl = i.tbl AND l.pk = i.pk ORDER BY l.seq",
        ):
            key = (str(tbl), str(pk))
            columns = local.pending.get(key, set())
            if op != "u" or columns is None:
                local.pending[key] = None  # the whole row
            else:
                local.pending[key] = columns | {c for c in str(cols).split(",") if c}
        for table in tables.values():
            cols = ", ".join(f"[{c}]" for c in table.columns)
            if len(table.pk) == 1:
                found = _q(
                    conn,
                    f"SELECT {cols} FROM [{table.name}] WHERE [{table.pk[0]}] IN "
                    "(SELECT CAST(pk AS INTEGER) FROM temp.sync_incoming WHERE tbl = ?)",
                    (table.name,),
                )
            else:
                found = []
                for tbl, pk in keys:
                    if tbl == table.name:
                        row = _row(conn, table, pk)
                        if row is not None:
                            found.append(row)
            for row in found:
                pk_text = table.pk_text(row[table.columns.index(c)] for c in table.pk)
                local.rows[(table.name, pk_text)] = tuple(row)
        return local

    def write(self, conn: apsw.Connection) -> None:
        conn.executemany(
            "INSERT INTO sync_rows (tbl, pk, alive, hlc, ghost) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (tbl, pk) DO UPDATE SET alive = excluded.alive, hlc = excluded.hlc, "
            "ghost = excluded.ghost",
            self.registers_out,
        )
        conn.executemany(
            "INSERT INTO sync_stamps (tbl, pk, col, hlc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tbl, pk, col) DO UPDATE SET hlc = excluded.hlc",
            self.stamps_out,
        )


_BULK: Final = 100  # rows inserted in a table from which its search index is fed at once


@contextlib.contextmanager
def _bulk_search_index(
    conn: apsw.Connection, tables: dict[str, Table], inserted: dict[str, list[str]]
) -> Iterator[None]:
    """Many new rows: index them for search in one statement after the apply rather than
    one trigger per row (as the importers do); the trigger is put back as it was."""
    paused: list[tuple[str, str, str]] = []
    for name, pks in inserted.items():
        found = _q(
            conn,
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND name = ?",
            (name, f"{name}_ai"),
        )
        fts = _q(conn, "SELECT 1 FROM sqlite_master WHERE name = ?", (f"{name}_fts",))
        if len(pks) >= _BULK and found and fts and len(tables[name].pk) == 1:
            conn.execute(f"DROP TRIGGER [{found[0][0]}]")
            paused.append((name, str(found[0][0]), str(found[0][1])))
    yield
    for name, _trigger, sql in paused:
        columns = [str(r[1]) for r in _q(conn, f"PRAGMA table_info([{name}_fts])")]
        col_list = ", ".join(f"[{c}]" for c in columns)
        conn.executemany(
            "INSERT INTO temp.sync_incoming VALUES ('+', ?)", [(pk,) for pk in inserted[name]]
        )
        conn.execute(
            f"INSERT INTO [{name}_fts] (rowid, {col_list}) SELECT id, {col_list} FROM [{name}] "
            "WHERE id IN (SELECT CAST(pk AS INTEGER) FROM temp.sync_incoming WHERE tbl = '+') "
            "ORDER BY id"
        )
        conn.execute("DELETE FROM temp.sync_incoming WHERE tbl = '+'")
        conn.execute(sql)


# tables whose rows must have distinct names (the name, its key, and the columns within
# which it must be unique): two made on two computers before they exchanged are both kept
_NAMED: Final = {
    "accounts": ("name", "name_key", ()),
    "questions": ("text", "text_key", ()),
    "stakeholders": ("name", "name_key", ("account_id", "grp")),
}


def _insert_beside_namesake(conn: apsw.Connection, table: Table, values: tuple[Value, ...]) -> bool:
    """A row refused because a row of the same name is here: the one with the larger id
    is renamed "Name (device N)" after the computer that made it, and both are kept.
    The new name depends only on that row, so every computer ends with the same names,
    whatever order the rows arrive in."""
    name_col, key_col, scope = _NAMED[table.name]
    row = dict(zip(table.columns, values, strict=True))
    where = " AND ".join([f"[{key_col}] = ?", *(f"[{c}] IS ?" for c in scope)])
    found = _q(
        conn,
        f"SELECT id FROM [{table.name}] WHERE {where}",
        (row[key_col], *(row[c] for c in scope)),
    )
    if not found:
        return False
    other = int(found[0][0])
    incoming = int(row["id"])
    rename_incoming = incoming > other
    loser_id = incoming if rename_incoming else other
    loser_name = (
        str(row[name_col])
        if rename_incoming
        else str(_q(conn, f"SELECT [{name_col}] FROM [{table.name}] WHERE id = ?", (other,))[0][0])
    )
    for n in range(1, 1000):
        new_name = f"{loser_name} (device {loser_id >> LOCAL_BITS})" + (f" {n}" if n > 1 else "")
        new_key = text_key(new_name)
        taken = _q(
            conn,
            f"SELECT 1 FROM [{table.name}] WHERE {where} AND id != ?",
            (new_key, *(row[c] for c in scope), loser_id),
        )
        if not taken:
            break
    else:
        return False
    if rename_incoming:
        row[name_col], row[key_col] = new_name, new_key
    else:
        conn.execute(
            f"UPDATE [{table.name}] SET [{name_col}] = ?, [{key_col}] = ? WHERE id = ?",
            (new_name, new_key, other),
        )
    cols = ", ".join(f"[{c}]" for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    conn.execute(
        f"INSERT INTO [{table.name}] ({cols}) VALUES ({marks})", [row[c] for c in table.columns]
    )
    log.info("sync: two %s named alike were kept, one renamed", table.name)
    return True


def _forget_readings(
    conn: apsw.Connection, incoming: list[tuple[Table, str, dict[str, Value], tuple[int, str]]]
) -> None:
    """What the classifier read from an entry is this computer's own (not sent): entries
    and answers that arrived are read again (``Journal.sync_now`` does it)."""
    entry_ids = {int(pk) for table, pk, _t, _e in incoming if table.name == "entries"}
    entry_ids |= {
        int(theirs["entry_id"])
        for table, _pk, theirs, _e in incoming
        if table.name == "answers" and theirs.get("entry_id") is not None
    }
    if entry_ids:
        conn.executemany(
            "DELETE FROM statement_readings WHERE entry_id = ?", [(i,) for i in entry_ids]
        )


def _text(value: Value) -> str | None:
    return None if value is None else str(value)


def _drop_orphans(conn: apsw.Connection) -> None:
    """Rows whose parent another computer deleted meanwhile (a person added to an
    account deleted elsewhere) go, as the deletion would have taken them."""
    for _round in range(20):
        problems = _q(conn, "PRAGMA foreign_key_check")
        if not problems:
            return
        for table, rowid, _parent, _fk in problems:
            if rowid is not None:
                conn.execute(f"DELETE FROM [{table}] WHERE rowid = ?", (rowid,))
            else:  # a table without rowid (entry_people): by its dangling links
                for fk in _q(conn, f"PRAGMA foreign_key_list([{table}])"):
                    parent, child_col, parent_col = fk[2], fk[3], fk[4] or "id"
                    conn.execute(
                        f"DELETE FROM [{table}] WHERE [{child_col}] IS NOT NULL AND "
                        f"[{child_col}] NOT IN (SELECT [{parent_col}] FROM [{parent}])"
                    )


# --- one exchange ---------------------------------------------------------------------------
@dataclass
class Exchange:
    sent_rows: int
    outcome: Outcome


def exchange(
    conn: apsw.Connection,
    folder: Path,
    key: bytes,
    device: int,
    schema: list[str],
    *,
    after_outbox: Callable[[], None] | None = None,
) -> Exchange:
    remove_stale_parts(folder, device)  # what a killed exchange left half-written
    sent = send(conn, folder, key, device, schema, after_outbox=after_outbox)
    outcome = receive(conn, folder, key, device, schema)
    with _transaction(conn):
        set_state(conn, "last_exchange", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        set_state(conn, "held", json.dumps(outcome.held))
        set_state(conn, "refused", json.dumps(outcome.refused))
    return Exchange(sent, outcome)


__all__ = ["UPDATE_NEEDED", "BadChangeFile", "Clock", "exchange", "wall_ms"]
