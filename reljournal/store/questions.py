"""The journal's question bank: list, add, edit, retire (answers are kept)."""

from __future__ import annotations

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.model import text_key
from reljournal.core.records import QuestionRow
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.ids import new_id
from reljournal.store.stamps import now_iso


def list_questions(db: Database, *, include_retired: bool = False) -> list[QuestionRow]:
    """The bank in its order (Rosen's two first), with how often each was answered."""
    where = "" if include_retired else " WHERE q.retired_at IS NULL"
    sql = (
        "SELECT q.id, q.text, q.topic, q.position, q.builtin, q.retired_at, "
        "(SELECT count(*) FROM answers a WHERE a.question_id = q.id) FROM questions q"
        f"{where} ORDER BY q.position, q.id"
    )
    with storage_errors("read the question bank"):
        return [
            QuestionRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5] is not None, r[6])
            for r in db.conn.execute(sql)
        ]


def _clean(text: str) -> str:
    clean = " ".join(text.split())
    if not clean or not text_key(clean):
        raise ValidationError("A question needs some text.")
    if len(clean) > 1000:
        raise ValidationError("A question can have at most 1,000 characters.")
    return clean


def add_question(db: Database, text: str, topic: str = "") -> int:
    clean = _clean(text)
    key = text_key(clean)
    with storage_errors("save the question"), db.atomic():
        row = db.conn.execute(
            "SELECT id, retired_at FROM questions WHERE text_key = ?", (key,)
        ).fetchone()
        if row is not None:
            if row[1] is not None:
                db.conn.execute("UPDATE questions SET retired_at = NULL WHERE id = ?", (row[0],))
            return int(row[0])
        position = db.conn.execute("SELECT ifnull(max(position), 0) + 1 FROM questions").fetchone()[
            0
        ]
        cur = db.conn.execute(
            "INSERT INTO questions (id, text, text_key, topic, position, builtin, created_at) "
            "VALUES (?,?,?,?,?,0,?)",
            (new_id(db.conn, "questions"), clean, key, topic, position, now_iso()),
        )
        return inserted_id(cur)


def edit_question(db: Database, question_id: int, text: str) -> None:
    """Reword a question; answers already given keep the wording they were asked with."""
    clean = _clean(text)
    key = text_key(clean)
    with storage_errors("save the question"), db.atomic():
        clash = db.conn.execute(
            "SELECT id FROM questions WHERE text_key = ? AND id != ?", (key, question_id)
        ).fetchone()
        if clash is not None:
            raise ValidationError("The bank already has that question.")
        cur = db.conn.execute(
            "UPDATE questions SET text = ?, text_key = ? WHERE id = ?", (clean, key, question_id)
        )
        if cur.rowcount == 0:
            raise NotFoundError("That question no longer exists.")


def set_question_retired(db: Database, question_id: int, retired: bool) -> None:
    with storage_errors("save the question"), db.atomic():
        cur = db.conn.execute(
            "UPDATE questions SET retired_at = ? WHERE id = ?",
            (now_iso() if retired else None, question_id),
        )
        if cur.rowcount == 0:
            raise NotFoundError("That question no longer exists.")
