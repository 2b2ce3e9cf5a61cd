"""Row snapshots for undo: what an account (or a person) and everything hanging on it
looked like before an edit, and putting that back.

The rows that hang on a row are found through the schema's foreign keys, not a list
written here, so a table added later (several emails per person, say) is taken along:
rows that ``ON DELETE CASCADE`` would remove are kept whole, and references that
``ON DELETE SET NULL`` would clear are noted with their value. ``restore`` writes the
rows back, parents first (an existing row is updated in place, a missing one inserted
under its old id), removes link rows (tables without an ``id``) made since, and puts
the cleared references back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

Row = tuple[Any, ...]


@dataclass(frozen=True)
class _ForeignKey:
    table: str  # the child table
    column: str  # its column that refers to the parent
    parent: str
    parent_column: str
    on_delete: str


@dataclass
class Snapshot:
    """Rows by table, in the order they can be inserted again (parents first)."""

    roots: tuple[str, tuple[int, ...]]
    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)
    cleared: list[tuple[str, str, int, Any]] = field(default_factory=list)  # SET NULL refs


def foreign_keys(db: Database) -> list[_ForeignKey]:
    keys = []
    for (table,) in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        for row in db.conn.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            # id, seq, table, from, to, on_update, on_delete, match
            keys.append(_ForeignKey(table, row[3], row[2], row[4] or "id", row[6].upper()))
    return keys


def _columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.conn.execute(f"PRAGMA table_info([{table}])").fetchall()]


def _has_id(columns: list[str]) -> bool:
    return "id" in columns


def capture(db: Database, table: str, ids: Iterable[int], *, deep: bool = True) -> Snapshot:
    """The rows ``ids`` of ``table`` and (``deep``) everything that hangs on them."""
    roots = tuple(sorted(set(ids)))
    snap = Snapshot((table, roots))
    keys = foreign_keys(db) if deep else []
    seen: dict[str, set[Any]] = {}
    queue: list[tuple[str, str, tuple[Any, ...]]] = [(table, "id", roots)]
    order: list[str] = []
    while queue:
        name, column, values = queue.pop(0)
        if not values:
            continue
        columns = snap.columns.setdefault(name, _columns(db, name))
        found: list[Row] = []
        for chunk in _chunks(values):
            marks = ",".join("?" * len(chunk))
            found += [
                tuple(r)
                for r in db.conn.execute(
                    f"SELECT * FROM [{name}] WHERE [{column}] IN ({marks})", chunk
                ).fetchall()
            ]
        kept = seen.setdefault(name, set())
        ident = columns.index("id") if _has_id(columns) else None
        new = []
        for row in found:
            key = row[ident] if ident is not None else row
            if key not in kept:
                kept.add(key)
                new.append(row)
        if not new:
            continue
        if name not in order:
            order.append(name)
        snap.rows.setdefault(name, []).extend(new)
        for fk in keys:
            if fk.parent != name:
                continue
            parent_values = tuple({row[columns.index(fk.parent_column)] for row in new} - {None})
            if fk.on_delete == "CASCADE":
                queue.append((fk.table, fk.column, parent_values))
            elif fk.on_delete == "SET NULL":
                snap.cleared += _references(db, fk, parent_values)
    # parents before children: a table comes after every table it refers to
    parents = {t: {fk.parent for fk in keys if fk.table == t} for t in order}
    ordered: list[str] = []
    pending = list(order)
    while pending:
        ready = [t for t in pending if not (parents[t] & set(pending)) - {t}] or pending[:1]
        for t in ready:
            ordered.append(t)
            pending.remove(t)
    snap.rows = {t: snap.rows[t] for t in ordered}
    return snap


def _references(db: Database, fk: _ForeignKey, values: tuple[Any, ...]) -> list[Any]:
    out = []
    for chunk in _chunks(values):
        marks = ",".join("?" * len(chunk))
        out += [
            (fk.table, fk.column, r[0], r[1])
            for r in db.conn.execute(
                f"SELECT id, [{fk.column}] FROM [{fk.table}] WHERE [{fk.column}] IN ({marks})",
                chunk,
            ).fetchall()
        ]
    return out


def restore(db: Database, snap: Snapshot) -> None:
    """Put the snapshot's rows back (inside the caller's transaction)."""
    conn = db.conn
    for table, rows in snap.rows.items():
        columns = snap.columns[table]
        names = ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" * len(columns))
        if _has_id(columns):
            ident = columns.index("id")
            sets = ", ".join(f"[{c}] = ?" for c in columns if c != "id")
            for row in rows:
                exists = conn.execute(
                    f"SELECT 1 FROM [{table}] WHERE id = ?", (row[ident],)
                ).fetchone()
                if exists:
                    values = [v for i, v in enumerate(row) if i != ident]
                    conn.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?", (*values, row[ident]))
                else:
                    conn.execute(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", row)
        else:
            _restore_links(db, table, columns, rows, snap)
    for table, column, row_id, value in snap.cleared:
        conn.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", (value, row_id))


def _restore_links(
    db: Database, table: str, columns: list[str], rows: list[Row], snap: Snapshot
) -> None:
    """A link table (no id): the links of the snapshot's rows become what they were."""
    keys = [fk for fk in foreign_keys(db) if fk.table == table]
    for fk in keys:
        parent_rows = snap.rows.get(fk.parent, [])
        if not parent_rows or "id" not in snap.columns[fk.parent]:
            continue
        ident = snap.columns[fk.parent].index("id")
        parent_ids = {r[ident] for r in parent_rows}
        if not parent_ids:
            continue
        for chunk in _chunks(tuple(parent_ids)):
            marks = ",".join("?" * len(chunk))
            db.conn.execute(f"DELETE FROM [{table}] WHERE [{fk.column}] IN ({marks})", chunk)
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" * len(columns))
    db.conn.executemany(f"INSERT OR IGNORE INTO [{table}] ({names}) VALUES ({marks})", rows)


def _chunks(values: tuple[Any, ...], size: int = 500) -> Iterable[tuple[Any, ...]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def put_back(db: Database, snap: Snapshot, *, drop: tuple[str, int] | None = None) -> None:
    """``restore`` in one transaction; ``drop`` (table, id) first removes a row the edit
    made (the person an "add" created)."""
    from reljournal.store.database import storage_errors

    with storage_errors("undo the change"), db.atomic():
        if drop is not None:
            db.conn.execute(f"DELETE FROM [{drop[0]}] WHERE id = ?", (drop[1],))
        restore(db, snap)
