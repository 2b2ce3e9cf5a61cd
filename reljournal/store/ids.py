"""Row ids that stay unique across the computers a journal is synced between (issue 16).

A journal that is not synced lets SQLite pick ids as it always did (``new_id`` gives
None, and ``INSERT … (id, …) VALUES (NULL, …)`` is SQLite's own choice). Once sync is
set up, each computer has a device number and makes new rows only in its own range of
ids: the device number in the top 20 bits of the 63-bit id. The computer the journal was
started on is device 0, so every id it had before keeps its meaning; a computer that
joins later starts from a copy of the shared journal and numbers its rows from its own
range. An id is never given twice on a computer, even after its row was deleted (an undo
on another computer may bring the row back).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Protocol


class _Executes(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


DEVICE_BITS: Final = 20
LOCAL_BITS: Final = 63 - DEVICE_BITS
MAX_DEVICE: Final = (1 << DEVICE_BITS) - 1
ID_LIMIT: Final = (1 << 63) - 1  # SQLite's largest integer


def device_range(device: int) -> tuple[int, int]:
    """The ids device ``device`` gives: ``lo <= id < hi``."""
    lo = device << LOCAL_BITS
    return lo, min(lo + (1 << LOCAL_BITS), ID_LIMIT)


def device_of(row_id: int) -> int:
    return row_id >> LOCAL_BITS


def new_id(conn: _Executes, table: str) -> int | None:
    """The id for a new row of ``table`` on this computer, or None when the journal is
    not synced (SQLite chooses, as before sync existed). Call it inside the transaction
    that inserts the row."""
    found = _next_local(conn, table)
    if found is None:
        return None
    candidate, hi = found
    if candidate >= hi:
        raise OverflowError(f"this computer has used every id of {table}")
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (f"next_id:{table}", str(candidate + 1)),
    )
    return candidate


def _next_local(conn: _Executes, table: str) -> tuple[int, int] | None:
    """In a synced journal, the next id of ``table`` this computer may give and the end
    of its range (exclusive); None when the journal is not synced."""
    row = conn.execute("SELECT value FROM sync_state WHERE key = 'device'").fetchone()
    if row is None:
        return None
    lo, hi = device_range(int(row[0]))
    highest = conn.execute(
        f"SELECT max(id) FROM [{table}] WHERE id >= ? AND id < ?", (lo, hi)
    ).fetchone()[0]
    given = conn.execute(
        "SELECT value FROM sync_state WHERE key = ?", (f"next_id:{table}",)
    ).fetchone()
    return max(
        int(highest) + 1 if highest is not None else lo + 1, int(given[0]) if given else 0
    ), hi


def free_ids(conn: _Executes, table: str) -> tuple[int, int]:
    """The ids a bulk insert into ``table`` may number its rows with, from the first up
    to the second (exclusive), without marking any as given (``reserve_ids`` marks what
    was used, in the same transaction): this computer's next ids in a synced journal;
    after the highest id otherwise, as SQLite itself numbers a new row."""
    found = _next_local(conn, table)
    if found is not None:
        return found
    highest = conn.execute(f"SELECT max(id) FROM [{table}]").fetchone()[0]
    return (int(highest) + 1 if highest is not None else 1), ID_LIMIT


def reserve_ids(conn: _Executes, table: str, upto: int) -> None:
    """Mark the ids of ``table`` below ``upto`` as given (a bulk insert numbers its own
    rows from the first ``new_id``)."""
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = max(CAST(value AS INTEGER), excluded.value)",
        (f"next_id:{table}", str(upto)),
    )


def is_synced(conn: _Executes) -> bool:
    """Whether the journal is synced (this computer numbers its rows in its own range)."""
    return conn.execute("SELECT 1 FROM sync_state WHERE key = 'device'").fetchone() is not None


def local_id_range(conn: _Executes) -> tuple[int, int]:
    """The ids this computer gives (every id when the journal is not synced)."""
    row = conn.execute("SELECT value FROM sync_state WHERE key = 'device'").fetchone()
    if row is None:
        return 0, ID_LIMIT
    return device_range(int(row[0]))


def new_ids(conn: _Executes, table: str, count: int) -> Sequence[int | None]:
    """Ids for ``count`` new rows of ``table`` given at once (a bulk insert): a block of
    this computer's range, marked as given, in a synced journal; ``count`` Nones (SQLite
    chooses each) when not synced. Call it inside the transaction that inserts them."""
    if count <= 0:
        return ()
    first = new_id(conn, table)
    if first is None:
        return (None,) * count
    if first + count > local_id_range(conn)[1]:
        raise OverflowError(f"this computer has used every id of {table}")
    reserve_ids(conn, table, first + count)
    return range(first, first + count)
