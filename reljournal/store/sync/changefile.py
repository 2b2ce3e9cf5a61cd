"""Change files: what one computer sends the others, one immutable file per exchange.

Each file is a small SQLCipher 4 database (AES-256 with an HMAC-SHA512 on every page),
keyed from the journal's sync secret, holding the changeset (SQLite's session extension
format), the last-writer stamps of the rows and columns in it, the schema it was written
with, and the changes of other computers it builds on. It is written as ``<name>.part``
and renamed when complete, so a sync tool never hands over half a file under its name;
a file that does not open with the key, fails its page checks, is cut short or does not
say what its name says is refused whole.

Only the sync worker imports this module (it uses apsw, not the app's driver).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import apsw

from reljournal.store.sync.tables import FORMAT


def _q(conn: apsw.Connection, sql: str, params: Any = ()) -> list[Any]:
    """The rows of a query, untyped (apsw's rows are unions of every SQLite type)."""
    return list(conn.execute(sql, params).fetchall())


_TABLES: Final = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE body (changeset BLOB NOT NULL);
CREATE TABLE rows_ (tbl TEXT, pk TEXT, alive INTEGER, hlc TEXT);
CREATE TABLE stamps (tbl TEXT, pk TEXT, col TEXT, hlc TEXT, base TEXT);
"""


class BadChangeFile(Exception):
    """A file in the folder that is not a whole change file of this journal."""


@dataclass
class ChangeFile:
    device: int
    seq: int
    schema: list[str]
    depends: dict[int, int]  # the files of other computers the writer had applied
    changeset: bytes
    columns: dict[str, list[str]]  # each table's columns, in the changeset's order
    rows: list[tuple[str, str, int, str]] = field(default_factory=list)
    stamps: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def open_keyed(path: Path, key: bytes) -> apsw.Connection:
    conn = apsw.Connection(str(path))
    conn.execute("PRAGMA cipher = 'sqlcipher'")
    conn.execute("PRAGMA legacy = 4")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def encode(change: ChangeFile, key: bytes, scratch: Path) -> bytes:
    """The bytes of the change file (built in ``scratch``, which is removed)."""
    with contextlib.suppress(FileNotFoundError):
        scratch.unlink()
    conn = open_keyed(scratch, key)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("BEGIN")
        conn.execute(_TABLES)
        meta = {
            "format": str(FORMAT),
            "device": str(change.device),
            "seq": str(change.seq),
            "schema": json.dumps(change.schema),
            "depends": json.dumps({str(k): v for k, v in change.depends.items()}),
            "columns": json.dumps(change.columns),
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        conn.execute("INSERT INTO body VALUES (?)", (change.changeset,))
        conn.executemany("INSERT INTO rows_ VALUES (?, ?, ?, ?)", change.rows)
        conn.executemany("INSERT INTO stamps VALUES (?, ?, ?, ?, ?)", change.stamps)
        conn.execute("COMMIT")
        pages = _q(conn, "PRAGMA page_count")[0][0]
        conn.execute("BEGIN")
        conn.execute("INSERT INTO meta VALUES ('pages', ?)", (str(pages),))
        conn.execute("COMMIT")
    finally:
        conn.close()
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def write_atomically(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name``: first ``name.<pid>.part`` (two exchanges at
    once, the app's and the command line's, never write into one file), flushed, then
    renamed."""
    final = folder / name
    part = folder / f"{name}.{os.getpid()}.part"
    with part.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, final)
    with contextlib.suppress(OSError):  # the rename itself, where the platform allows
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return final


STALE_PART_S: Final = 600  # no exchange writes one file for this long


def _running(pid: int) -> bool:
    """Whether a process ``pid`` runs here (POSIX; elsewhere assumed, the age decides)."""
    if sys.platform == "win32":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, say: running
        return True
    return True


def remove_stale_parts(folder: Path, device: int) -> int:
    """Remove this computer's half-written change files left by an exchange that was
    killed (its ``.part``: the process is gone, or it is older than any write takes);
    another computer's are left alone. How many were removed."""
    pattern = re.compile(rf"^{device:07d}-\d{{9}}\.rjsync\.(\d+)\.part$")
    removed = 0
    now = time.time()
    try:
        names = [p for p in folder.iterdir() if pattern.match(p.name)]
    except OSError:
        return 0
    for part in names:
        match = pattern.match(part.name)
        assert match is not None
        pid = int(match.group(1))
        try:
            old = now - part.stat().st_mtime > STALE_PART_S
        except OSError:
            continue
        if pid == os.getpid() or (not old and _running(pid)):
            continue
        with contextlib.suppress(OSError):
            part.unlink()
            removed += 1
    return removed


def decode(path: Path, key: bytes, device: int, seq: int) -> ChangeFile:
    """Read and check the change file at ``path`` (named for ``device`` and ``seq``)."""
    size = path.stat().st_size
    if size == 0 or size % 512:
        raise BadChangeFile(f"{path.name} is cut short")
    conn = open_keyed(path, key)
    try:
        conn.execute("PRAGMA query_only = ON")
        try:
            check = _q(conn, "PRAGMA quick_check")
            meta = dict(_q(conn, "SELECT key, value FROM meta"))
            page_size = _q(conn, "PRAGMA page_size")[0][0]
            (changeset,) = _q(conn, "SELECT changeset FROM body")[0]
            rows = _q(conn, "SELECT tbl, pk, alive, hlc FROM rows_")
            stamps = _q(conn, "SELECT tbl, pk, col, hlc, base FROM stamps")
        except (apsw.Error, IndexError, ValueError) as exc:
            raise BadChangeFile(f"{path.name} does not open with this journal's key") from exc
    finally:
        conn.close()
    if check != [("ok",)]:
        raise BadChangeFile(f"{path.name} is damaged")
    try:
        if int(meta["pages"]) * int(page_size) != size:
            raise BadChangeFile(f"{path.name} is cut short or padded")
        if int(meta["format"]) != FORMAT:
            raise BadChangeFile(f"{path.name} has a file format this version does not know")
        if (int(meta["device"]), int(meta["seq"])) != (device, seq):
            raise BadChangeFile(f"{path.name} does not hold what its name says")
        return ChangeFile(
            device=device,
            seq=seq,
            schema=list(json.loads(meta["schema"])),
            depends={int(k): int(v) for k, v in json.loads(meta["depends"]).items()},
            changeset=bytes(changeset),
            columns={str(k): list(v) for k, v in json.loads(meta["columns"]).items()},
            rows=[(str(a), str(b), int(c), str(d)) for a, b, c, d in rows],
            stamps=[(str(a), str(b), str(c), str(d), str(e)) for a, b, c, d, e in stamps],
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise BadChangeFile(f"{path.name} is not a change file of this journal") from exc
