"""The sync worker: ``python -m reljournal.store.sync.worker`` (the frozen app: the
hidden ``--sync-worker`` argument).

It opens the journal with apsw only (SQLite's session extension; the app's own driver
never opens a file in this process: two SQLite libraries in one process do not see each
other's POSIX locks). It reads one JSON request from stdin, with the journal's path and
key (never on the command line nor in the environment), exchanges, and writes one JSON
reply to stdout.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import apsw

from reljournal.store.sync import engine
from reljournal.store.sync.tables import file_key


def _q(conn: apsw.Connection, sql: str, params: Any = ()) -> list[Any]:
    """The rows of a query, untyped (apsw's rows are unions of every SQLite type)."""
    return list(conn.execute(sql, params).fetchall())


log = logging.getLogger(__name__)


class WorkerError(Exception):
    """Something the user must hear about (the message is in their words)."""


def open_journal(path: Path, key: dict[str, str]) -> apsw.Connection:
    if not path.is_file():
        raise WorkerError(f"There is no journal at {path}.")
    conn = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READWRITE)
    conn.execute("PRAGMA cipher = 'sqlcipher'")
    conn.execute("PRAGMA legacy = 4")
    if "raw" in key:  # 32 bytes, or (a stretched passphrase, issue 17) 32 + the 16-byte salt
        raw = bytes.fromhex(key["raw"])
        if len(raw) not in (32, 48):
            raise WorkerError("The key does not open this journal.")
        conn.execute(f"PRAGMA key = \"x'{raw.hex()}'\"")
    else:
        quoted = key["passphrase"].replace("'", "''")
        conn.execute(f"PRAGMA key = '{quoted}'")
    try:
        _q(conn, "SELECT count(*) FROM sqlite_master")
    except apsw.Error as exc:
        raise WorkerError("The key does not open this journal.") from exc
    conn.set_busy_timeout(8000)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def run(request: dict[str, Any]) -> dict[str, Any]:
    conn = open_journal(Path(request["path"]), request["key"])
    try:
        schema = list(request["schema"])
        applied = (
            [str(r[0]) for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
            if _has_table(conn, "_sqlite_migrations")
            else []
        )
        if set(applied) - set(schema):
            raise WorkerError("This journal was written by a newer version of RelJournal.")
        rows = conn.execute(
            "SELECT key, value FROM sync_state WHERE key IN ('device', 'folder', 'secret')"
        )
        config = {str(k): str(v) for k, v in rows}
        if len(config) != 3:
            raise WorkerError("Sync is not set up for this journal.")
        folder = Path(request.get("folder") or config["folder"])
        if not folder.is_dir():
            raise WorkerError(f"The sync folder {folder} is not there (is the drive connected?).")
        key = file_key(bytes.fromhex(config["secret"]))
        result = engine.exchange(conn, folder, key, int(config["device"]), schema)
        return {
            "sent": result.sent_rows,
            "applied_files": result.outcome.applied_files,
            "received_rows": result.outcome.rows,
            "conflicts": result.outcome.conflicts,
            "refused": result.outcome.refused,
            "held": result.outcome.held,
            "waiting": result.outcome.waiting,
        }
    finally:
        conn.close()


def _has_table(conn: apsw.Connection, name: str) -> bool:
    return bool(_q(conn, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))


def main() -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        request = json.loads(sys.stdin.readline())
        reply = run(request)
    except WorkerError as exc:
        reply = {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - the parent logs it and tells the user
        log.exception("sync worker failed")
        reply = {
            "error": "The exchange failed and was undone; nothing was lost. Details are "
            "in the log.",
            "detail": repr(exc),
        }
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
