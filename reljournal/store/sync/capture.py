"""The app's side of device sync: turn it on, note local edits, read its state.

Once sync is set up, triggers on every synced table note each insert, update (with the
columns that changed) and delete in ``sync_log``, in the same transaction as the edit,
whatever program makes it; the sync worker turns the log into change files. While the
worker applies another computer's changes it sets ``sync_state.applying``, which the
triggers skip (those changes are not sent back, nor put on this computer's undo list).
A journal without sync has no triggers and behaves as before.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlite_utils import Database

from reljournal.store.ids import MAX_DEVICE
from reljournal.store.sync.tables import SYNCED_TABLES

_WALL: Final = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
_NOT_APPLYING: Final = "NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')"


@dataclass(frozen=True)
class SyncConfig:
    device: int
    folder: Path
    secret: bytes


def _columns(db: Database, table: str) -> tuple[list[str], list[str]]:
    info = db.execute(f"PRAGMA table_info([{table}])").fetchall()
    columns = [str(r[1]) for r in info]
    pk = [str(r[1]) for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    return columns, pk


def _pk_expr(prefix: str, pk: list[str]) -> str:
    return " || '/' || ".join(f"CAST({prefix}.[{c}] AS TEXT)" for c in pk)


def trigger_sql(db: Database) -> list[str]:
    statements = []
    for table in SYNCED_TABLES:
        columns, pk = _columns(db, table)
        new_pk, old_pk = _pk_expr("new", pk), _pk_expr("old", pk)
        changed = " || ".join(
            f"CASE WHEN old.[{c}] IS NOT new.[{c}] THEN '{c},' ELSE '' END" for c in columns
        )
        ghost = ", ".join(f"old.[{c}]" for c in columns)
        statements += [
            f"CREATE TRIGGER [sync_{table}_ai] AFTER INSERT ON [{table}] WHEN {_NOT_APPLYING} "
            f"BEGIN INSERT INTO sync_log (tbl, pk, op, wall) VALUES ('{table}', {new_pk}, 'i', "
            f"{_WALL}); END",
            f"CREATE TRIGGER [sync_{table}_au] AFTER UPDATE ON [{table}] WHEN {_NOT_APPLYING} "
            f"BEGIN "
            f"INSERT INTO sync_log (tbl, pk, op, wall) SELECT '{table}', {old_pk}, 'd', {_WALL} "
            f"WHERE ({old_pk}) != ({new_pk}); "
            f"INSERT INTO sync_log (tbl, pk, op, wall) SELECT '{table}', {new_pk}, 'i', {_WALL} "
            f"WHERE ({old_pk}) != ({new_pk}); "
            f"INSERT INTO sync_log (tbl, pk, op, cols, wall) SELECT '{table}', {new_pk}, 'u', c, "
            f"{_WALL} FROM (SELECT {changed} AS c) WHERE c != '' AND ({old_pk}) = ({new_pk}); "
            f"END",
            f"CREATE TRIGGER [sync_{table}_ad] AFTER DELETE ON [{table}] BEGIN "
            f"INSERT INTO sync_log (tbl, pk, op, wall) SELECT '{table}', {old_pk}, 'd', {_WALL} "
            f"WHERE {_NOT_APPLYING}; "
            f"INSERT INTO sync_rows (tbl, pk, alive, hlc, ghost) VALUES ('{table}', {old_pk}, 1, "
            f"'', json_array({ghost})) ON CONFLICT (tbl, pk) DO UPDATE SET ghost = excluded.ghost; "
            f"END",
        ]
    return statements


def install_triggers(db: Database) -> None:
    """(Re)create the capture triggers (a migration that rebuilds a table drops them)."""
    for name in trigger_names(db):
        db.execute(f"DROP TRIGGER [{name}]")
    for sql in trigger_sql(db):
        db.execute(sql)


def trigger_names(db: Database) -> list[str]:
    return [
        str(r[0])
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' "
            "ESCAPE '\\'"
        )
    ]


def ensure_triggers(db: Database) -> None:
    """At opening: a synced journal whose triggers are missing gets them back."""
    if sync_config(db) is not None and len(trigger_names(db)) != 3 * len(SYNCED_TABLES):
        with db.atomic():
            install_triggers(db)


def _state(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def sync_config(db: Database) -> SyncConfig | None:
    device, folder, secret = _state(db, "device"), _state(db, "folder"), _state(db, "secret")
    if device is None or folder is None or secret is None:
        return None
    return SyncConfig(int(device), Path(folder), bytes.fromhex(secret))


def enable_sync(db: Database, folder: Path) -> SyncConfig:
    """Make this journal the first computer of a sync (device 0: its ids stay)."""
    with db.atomic():
        _set(db, "device", "0")
        _set(db, "folder", str(folder))
        _set(db, "secret", secrets.token_hex(32))
        _set(db, "seq", "0")
        install_triggers(db)
    config = sync_config(db)
    assert config is not None
    return config


def become_new_device(db: Database, folder: Path, taken: set[int]) -> SyncConfig:
    """This journal (a copy of the shared one) becomes a new computer of the sync: a
    device number no other computer in the folder has; nothing of its own sent yet."""
    device = 0
    while device == 0 or device in taken:
        device = secrets.randbelow(MAX_DEVICE) + 1
    with db.atomic():
        _set(db, "device", str(device))
        _set(db, "folder", str(folder))
        _set(db, "seq", "0")
        db.execute("DELETE FROM sync_state WHERE key LIKE 'next\\_id:%' ESCAPE '\\'")
        db.execute("DELETE FROM sync_log")
        db.execute("DELETE FROM sync_outbox")
        install_triggers(db)
    config = sync_config(db)
    assert config is not None
    return config


RESTORE_GAP: Final = 1 << 32  # ids skipped after a restore (a device range holds 2**43)


def skip_ids_after_restore(db: Database) -> bool:
    """A backup of a synced journal was restored: the ids this computer gave after the
    backup (already sent, and applied again at the next exchange) must not be given
    again, so its new rows start well past them. False when the journal is not synced."""
    from reljournal.store.ids import device_range

    config = sync_config(db)
    if config is None:
        return False
    lo, hi = device_range(config.device)
    with db.atomic():
        for table in SYNCED_TABLES:
            columns, pk = _columns(db, table)
            if pk != ["id"]:
                continue
            highest = db.execute(
                f"SELECT max(id) FROM [{table}] WHERE id >= ? AND id < ?", (lo, hi)
            ).fetchone()[0]
            given = _state(db, f"next_id:{table}")
            start = max(int(highest) + 1 if highest is not None else lo + 1, int(given or 0))
            _set(db, f"next_id:{table}", str(min(start + RESTORE_GAP, hi - 1)))
    return True


def sync_status_devices(db: Database) -> set[int]:
    """The computers this journal has applied changes from."""
    return {int(r[0]) for r in db.execute("SELECT device FROM sync_applied")}


def note_exchange(db: Database) -> None:
    """An exchange found nothing to do: it still counts as the last exchange."""
    with db.atomic():
        _set(db, "last_exchange", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def set_folder(db: Database, folder: Path) -> None:
    with db.atomic():
        _set(db, "folder", str(folder))


@dataclass(frozen=True)
class SyncStatus:
    device: int
    folder: Path
    last_exchange: dt.datetime | None
    local_changes: int  # edits not yet sent
    applied: dict[int, int]  # per device, the last file applied
    held: list[str]  # files from a newer RelJournal
    refused: list[str]
    open_conflicts: int


def sync_status(db: Database) -> SyncStatus | None:
    config = sync_config(db)
    if config is None:
        return None
    last = _state(db, "last_exchange")
    pending = db.execute(
        "SELECT (SELECT count(*) FROM sync_log) + (SELECT count(*) FROM sync_outbox)"
    ).fetchone()[0]
    conflicts = db.execute("SELECT count(*) FROM sync_conflicts WHERE state = 'open'").fetchone()[0]
    return SyncStatus(
        device=config.device,
        folder=config.folder,
        last_exchange=dt.datetime.fromisoformat(last) if last else None,
        local_changes=int(pending),
        applied={int(d): int(s) for d, s in db.execute("SELECT device, seq FROM sync_applied")},
        held=list(json.loads(_state(db, "held") or "[]")),
        refused=list(json.loads(_state(db, "refused") or "[]")),
        open_conflicts=int(conflicts),
    )


@dataclass(frozen=True)
class SyncConflict:
    id: int
    table: str
    row_id: str
    column: str
    kept: str | None
    lost: str | None
    lost_device: int
    found_at: str
    record: str = ""  # the record in the rep's terms: an account's or person's name, an entry


# how each synced table's row is named for the rep (its row is gone: the table's name)
_DESCRIBE: Final = {
    "accounts": "SELECT name FROM accounts WHERE id = ?",
    "stakeholders": "SELECT name FROM stakeholders WHERE id = ?",
    "entries": "SELECT substr(e.at, 1, 10) || ifnull(' · ' || a.name, '') || "
    "CASE WHEN e.title != '' THEN ' · ' || e.title ELSE '' END "
    "FROM entries e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.id = ?",
    "commitments": "SELECT text FROM commitments WHERE id = ?",
    "answers": "SELECT question_text FROM answers WHERE id = ?",
    "meetings": "SELECT title FROM meetings WHERE id = ?",
    "questions": "SELECT text FROM questions WHERE id = ?",
}


def _describe(db: Database, table: str, pk: str) -> str:
    sql = _DESCRIBE.get(table)
    if sql is None or "/" in pk:
        return ""
    row = db.execute(sql, (int(pk),)).fetchone()
    return "" if row is None or row[0] is None else str(row[0])


def open_conflicts(db: Database) -> list[SyncConflict]:
    return [
        SyncConflict(
            int(r[0]),
            str(r[1]),
            str(r[2]),
            str(r[3]),
            r[4],
            r[5],
            int(r[6]),
            str(r[7]),
            _describe(db, str(r[1]), str(r[2])),
        )  # fmt: skip
        for r in db.execute(
            "SELECT id, tbl, pk, col, kept, lost, lost_device, found_at FROM sync_conflicts "
            "WHERE state = 'open' ORDER BY id DESC"
        ).fetchall()
    ]


def restore_conflict(db: Database, conflict_id: int) -> str:
    """Put the losing value back (a local edit, sent at the next exchange); the table
    it went back to."""
    row = db.execute(
        "SELECT tbl, pk, col, lost FROM sync_conflicts WHERE id = ? AND state = 'open'",
        (conflict_id,),
    ).fetchone()
    if row is None:
        raise LookupError(conflict_id)
    table, pk, col, lost = str(row[0]), str(row[1]), str(row[2]), row[3]
    if table not in SYNCED_TABLES:
        raise LookupError(conflict_id)
    columns, keys = _columns(db, table)
    if col not in columns:
        raise LookupError(conflict_id)
    where = " AND ".join(f"[{k}] = ?" for k in keys)
    with db.atomic():
        db.execute(
            f"UPDATE [{table}] SET [{col}] = ? WHERE {where}",
            (lost, *[int(p) for p in pk.split("/")]),
        )
        db.execute("UPDATE sync_conflicts SET state = 'restored' WHERE id = ?", (conflict_id,))
    return table


def dismiss_conflict(db: Database, conflict_id: int) -> None:
    with db.atomic():
        db.execute(
            "UPDATE sync_conflicts SET state = 'dismissed' WHERE id = ? AND state = 'open'",
            (conflict_id,),
        )
