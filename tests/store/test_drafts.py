"""Quick-entry drafts live in the encrypted journal."""

from __future__ import annotations

from typing import Any

from reljournal.store.drafts import delete_draft, load_drafts, save_draft


def test_save_replace_load_delete(db: Any) -> None:
    first = save_draft(db, {"notes": "half a thought", "account": "Acme"})
    assert save_draft(db, {"notes": "a whole thought"}, draft_id=first) == first
    other = save_draft(db, {"notes": "x"}, kind="other")
    drafts = load_drafts(db)
    assert [d.id for d in drafts] == [first]
    assert drafts[0].payload == {"notes": "a whole thought"}
    assert {d.id for d in load_drafts(db, None)} == {first, other}
    delete_draft(db, first)
    assert load_drafts(db) == []
    # saving under a deleted id makes a new draft instead of failing
    again = save_draft(db, {"notes": "back"}, draft_id=first)
    assert load_drafts(db)[0].id == again


def test_unreadable_drafts_are_skipped(db: Any) -> None:
    db.conn.execute(
        "INSERT INTO drafts (kind, payload, updated_at) VALUES ('entry', '{oops', '2025-01-01')"
    )
    db.conn.execute(
        "INSERT INTO drafts (kind, payload, updated_at) VALUES ('entry', '[1]', '2025-01-01')"
    )
    kept = save_draft(db, {"notes": "fine"})
    assert [d.id for d in load_drafts(db)] == [kept]


def test_drafts_are_not_in_plain_text(journal_path: Any, db: Any) -> None:
    save_draft(db, {"notes": "a very secret sentence about the customer"})
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in journal_path.parent.iterdir():
        if path.is_file():
            assert b"very secret sentence" not in path.read_bytes()
