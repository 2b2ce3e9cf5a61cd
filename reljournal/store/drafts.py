"""Drafts of half-written entries, kept inside the encrypted journal (never in a plain file).

A draft's payload is the quick-entry form's state as a JSON object; the UI owns its
shape. Saving again under the same id replaces the draft, so saving every few seconds
keeps one row per open form.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from typing import Any, Final

from sqlite_utils import Database

from reljournal.core.records import DraftRow
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.stamps import now_iso

log = logging.getLogger(__name__)

KIND_ENTRY: Final = "entry"


def save_draft(
    db: Database,
    payload: Mapping[str, Any],
    *,
    kind: str = KIND_ENTRY,
    draft_id: int | None = None,
) -> int:
    """Keep ``payload`` as a draft; replace draft ``draft_id`` if it still exists.

    Returns the draft's id (a new one when ``draft_id`` is None or was deleted).
    """
    text = json.dumps(dict(payload), ensure_ascii=False, sort_keys=True)
    stamp = now_iso()
    with storage_errors("save the draft"), db.atomic():
        if draft_id is not None:
            cur = db.conn.execute(
                "UPDATE drafts SET kind = ?, payload = ?, updated_at = ? WHERE id = ?",
                (kind, text, stamp, draft_id),
            )
            if cur.rowcount:
                return draft_id
        cur = db.conn.execute(
            "INSERT INTO drafts (kind, payload, updated_at) VALUES (?, ?, ?)",
            (kind, text, stamp),
        )
        return inserted_id(cur)


def load_drafts(db: Database, kind: str | None = KIND_ENTRY) -> list[DraftRow]:
    """The drafts (of ``kind``, or all with ``kind=None``), newest first.

    A draft whose payload cannot be read is skipped (and logged), never raised:
    a damaged draft must not stop the app from starting."""
    sql = "SELECT id, kind, payload, updated_at FROM drafts"
    params: tuple[str, ...] = ()
    if kind is not None:
        sql += " WHERE kind = ?"
        params = (kind,)
    with storage_errors("read the drafts"):
        rows = db.conn.execute(sql + " ORDER BY updated_at DESC, id DESC", params).fetchall()
    result = []
    for draft_id, draft_kind, text, updated in rows:
        try:
            payload = json.loads(text)
            stamp = dt.datetime.fromisoformat(updated)
        except ValueError:
            log.warning("draft %s is not readable; skipped", draft_id)
            continue
        if not isinstance(payload, dict):
            log.warning("draft %s is not a JSON object; skipped", draft_id)
            continue
        result.append(DraftRow(draft_id, draft_kind, payload, stamp))
    return result


def delete_draft(db: Database, draft_id: int) -> None:
    """Forget a draft (after its entry was saved or the user discarded it)."""
    with storage_errors("delete the draft"), db.atomic():
        db.conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
