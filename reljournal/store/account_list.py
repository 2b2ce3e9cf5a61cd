"""The account list's rows (name, badge, commitment markers) read over any DB-API
connection: the journal's, or the bare SQLCipher one the app's first window reads before
the journal layer is loaded (issue 18)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from reljournal.core.model import LABEL_UNDETERMINED
from reljournal.core.records import AccountSummary


class _Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


_SUMMARY_SQL = """
SELECT a.id, a.name, a.industry,
  (SELECT label FROM classifications c WHERE c.account_id = a.id ORDER BY c.id DESC LIMIT 1),
  (SELECT score FROM classifications c WHERE c.account_id = a.id ORDER BY c.id DESC LIMIT 1),
  (SELECT confidence FROM classifications c WHERE c.account_id = a.id ORDER BY c.id DESC LIMIT 1),
  (SELECT label FROM overrides o WHERE o.account_id = a.id AND o.cleared_at IS NULL
     ORDER BY o.id DESC LIMIT 1),
  (SELECT max(at) FROM entries e WHERE e.account_id = a.id),
  (SELECT count(*) FROM entries e WHERE e.account_id = a.id),
  (SELECT count(*) FROM commitments m WHERE m.account_id = a.id AND m.state = 'open'),
  (SELECT count(*) FROM commitments m WHERE m.account_id = a.id AND m.state = 'open'
     AND m.due < :today),
  (SELECT min(due) FROM commitments m WHERE m.account_id = a.id AND m.state = 'open'
     AND m.due >= :today)
FROM accounts a
"""


def _summary(row: tuple[Any, ...]) -> AccountSummary:
    computed = row[3] or LABEL_UNDETERMINED
    override = row[6]
    return AccountSummary(
        id=row[0],
        name=row[1],
        industry=row[2],
        label=override or computed,
        computed_label=computed,
        overridden=override is not None,
        score=row[4],
        confidence=row[5],
        last_contact=dt.date.fromisoformat(row[7][:10]) if row[7] else None,
        entry_count=row[8],
        open_commitments=row[9],
        overdue=row[10],
        next_due=dt.date.fromisoformat(row[11]) if row[11] else None,
    )


def read_account_summaries(
    conn: _Connection,
    today: dt.date,
    *,
    account_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[AccountSummary]:
    """Every account (or the given ones) by name, at most ``limit`` of them."""
    params: dict[str, Any] = {"today": today.isoformat()}
    sql = _SUMMARY_SQL
    if account_ids is not None:
        marks = ", ".join(f":a{i}" for i in range(len(account_ids)))
        sql += f" WHERE a.id IN ({marks})"
        params.update({f"a{i}": v for i, v in enumerate(account_ids)})
    sql += " ORDER BY a.name_key"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = max(0, int(limit))
    return [_summary(tuple(r)) for r in conn.execute(sql, params)]


def count_account_rows(conn: _Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM accounts").fetchone()[0])
