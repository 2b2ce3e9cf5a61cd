"""Full-text search over accounts, people, entries, answers and commitments (FTS5).

Whatever a user types is turned into a safe FTS5 query: words (letters and digits)
are quoted, a "quoted phrase" stays a phrase, the last word matches as a prefix
while typing, and every word must match. FTS syntax typed by the user (``NEAR``,
``*``, ``-``, parentheses, stray quotes) is treated as plain words and never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from reljournal.core.records import SEARCH_KINDS as KINDS
from reljournal.core.records import SEARCH_MARK_CLOSE as MARK_CLOSE
from reljournal.core.records import SEARCH_MARK_OPEN as MARK_OPEN
from reljournal.core.records import SearchHit, markup
from reljournal.store.connecting import storage_errors  # issue 18: no sqlite-utils here

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["KINDS", "MARK_CLOSE", "MARK_OPEN", "fts_query", "markup", "search"]
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')


def fts_query(text: str, *, prefix_last: bool = True) -> str | None:
    """A safe FTS5 MATCH expression for ``text``, or None when it has no words."""
    parts: list[str] = []
    rest = text
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", text)
    words = _WORD.findall(rest)
    typing = prefix_last and not rest[-1:].isspace()  # a space ends the last word
    for index, word in enumerate(words):
        last = index == len(words) - 1
        star = "*" if typing and last else ""
        parts.append(f'"{word}"{star}')
    return " ".join(parts) if parts else None


_SNIP = f"snippet({{fts}}, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 14)"

_QUERIES: Final[dict[str, str]] = {
    "account": (
        "SELECT a.id, a.id, a.name, NULL, NULL, a.name, {snip}, f.rank "
        "FROM accounts_fts f JOIN accounts a ON a.id = f.rowid "
        "WHERE accounts_fts MATCH :q ORDER BY f.rank LIMIT :limit"
    ),
    "stakeholder": (
        "SELECT s.id, s.account_id, ifnull(a.name, ''), NULL, NULL, s.name, {snip}, f.rank "
        "FROM stakeholders_fts f JOIN stakeholders s ON s.id = f.rowid "
        "LEFT JOIN accounts a ON a.id = s.account_id "
        "WHERE stakeholders_fts MATCH :q ORDER BY f.rank LIMIT :limit"
    ),
    "entry": (
        "SELECT e.id, e.account_id, ifnull(a.name, ''), e.id, e.at, e.title, {snip}, f.rank "
        "FROM entries_fts f JOIN entries e ON e.id = f.rowid "
        "LEFT JOIN accounts a ON a.id = e.account_id "
        "WHERE entries_fts MATCH :q ORDER BY f.rank LIMIT :limit"
    ),
    "answer": (
        "SELECT x.id, x.account_id, ifnull(a.name, ''), x.entry_id, x.said_on, x.question_text, "
        "{snip}, f.rank FROM answers_fts f JOIN answers x ON x.id = f.rowid "
        "LEFT JOIN accounts a ON a.id = x.account_id "
        "WHERE answers_fts MATCH :q ORDER BY f.rank LIMIT :limit"
    ),
    "commitment": (
        "SELECT c.id, c.account_id, ifnull(a.name, ''), c.entry_id, c.due, c.owner, {snip}, "
        "f.rank FROM commitments_fts f JOIN commitments c ON c.id = f.rowid "
        "LEFT JOIN accounts a ON a.id = c.account_id "
        "WHERE commitments_fts MATCH :q ORDER BY f.rank LIMIT :limit"
    ),
}
_TABLE = {
    "account": "accounts_fts",
    "stakeholder": "stakeholders_fts",
    "entry": "entries_fts",
    "answer": "answers_fts",
    "commitment": "commitments_fts",
}


def search(
    db: Database,
    text: str,
    *,
    limit: int = 50,
    kinds: Iterable[str] = KINDS,
) -> list[SearchHit]:
    """Hits for ``text``, grouped by kind in the order of ``kinds``, best first in each,
    at most ``limit`` in all."""
    return search_connection(db.conn, text, limit=limit, kinds=kinds)


def search_connection(
    conn: Any,
    text: str,
    *,
    limit: int = 50,
    kinds: Iterable[str] = KINDS,
) -> list[SearchHit]:
    """``search`` on a bare SQLite connection (issue 18: the command line's quick read)."""
    query = fts_query(text)
    if query is None or limit <= 0:
        return []
    hits: list[SearchHit] = []
    with storage_errors("search the journal"):
        for kind in kinds:
            remaining = limit - len(hits)
            if remaining <= 0:
                break
            sql = _QUERIES[kind].format(snip=_SNIP.format(fts=_TABLE[kind]))
            for row in conn.execute(sql, {"q": query, "limit": remaining}):
                when = row[4]
                hits.append(
                    SearchHit(
                        kind=kind,
                        ref_id=row[0],
                        account_id=row[1],
                        account_name=row[2],
                        entry_id=row[3],
                        date=dt.date.fromisoformat(when[:10]) if isinstance(when, str) else None,
                        title=row[5] or "",
                        snippet=row[6] or "",
                        rank=float(row[7]),
                    )
                )
    return hits


_COUNT_JOIN: Final[dict[str, str]] = {
    "account": "accounts a ON a.id = f.rowid",
    "stakeholder": "stakeholders a ON a.id = f.rowid",
    "entry": "entries a ON a.id = f.rowid",
    "answer": "answers a ON a.id = f.rowid",
    "commitment": "commitments a ON a.id = f.rowid",
}


def count_matches(db: Database, text: str, kinds: Iterable[str] = KINDS) -> dict[str, int]:
    """How many hits ``search`` would find for ``text`` in each kind, without a limit."""
    query = fts_query(text)
    counts = dict.fromkeys(kinds, 0)
    if query is None:
        return counts
    with storage_errors("search the journal"):
        for kind in counts:
            table = _TABLE[kind]
            sql = f"SELECT count(*) FROM {table} f JOIN {_COUNT_JOIN[kind]} WHERE {table} MATCH ?"
            counts[kind] = int(db.conn.execute(sql, (query,)).fetchone()[0])
    return counts
