"""Facts about the journal itself, in its ``meta`` table (key → text): for now, whether
it is a demo journal (made-up accounts, never the user's real journal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from reljournal.store.connecting import storage_errors

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_KEY: Final = "demo"


def is_demo(db: Database) -> bool:
    return is_demo_connection(db.conn)


def is_demo_connection(conn: Any) -> bool:
    """``is_demo`` over any DB-API connection (the app's first window, issue 18)."""
    with storage_errors("read what kind of journal this is"):
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (DEMO_KEY,)).fetchone()
    return row is not None and row[0] == "1"


def mark_as_demo(db: Database) -> None:
    with storage_errors("mark the journal as a demo"), db.atomic():
        db.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, '1') "
            "ON CONFLICT (key) DO UPDATE SET value = '1'",
            (DEMO_KEY,),
        )
