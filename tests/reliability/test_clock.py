"""A clock that jumps backwards: nothing is replaced or lost because a time stamp
repeats or goes back, and orderings do not depend on stamps.

Machines with a dead clock battery boot at the same moment every time; a user
fixes a wrong clock by setting it back. Backups named by the second must then
never replace one another, and history (classifications, overrides, entries)
must keep its order.
"""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest

from reljournal.core.errors import StorageError
from reljournal.core.model import Entry
from reljournal.store.backups import backup as backup_module
from reljournal.store.backups.backup import backup_beside, backup_journal
from reljournal.store.backups.restore import restore_journal
from reljournal.store.database import open_database
from reljournal.store.keys import key_from_recovery
from tests.reliability.journal_checks import journal_fingerprint

FROZEN = dt.datetime(2024, 3, 1, 9, 15, 0)


class _FrozenDatetime(dt.datetime):
    moment = FROZEN

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDatetime:  # type: ignore[override]
        return cls.fromtimestamp(cls.moment.timestamp(), tz)


def _freeze(monkeypatch: pytest.MonkeyPatch, *modules: types.ModuleType) -> None:
    fake = types.SimpleNamespace(**{k: getattr(dt, k) for k in dir(dt) if not k.startswith("_")})
    fake.datetime = _FrozenDatetime
    for module in modules:
        monkeypatch.setattr(module, "dt", fake)


def test_backups_in_the_same_second_never_replace_each_other(
    journal: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    _freeze(monkeypatch, backup_module)
    db, path, key = journal.db, journal.path, journal.key  # type: ignore[attr-defined]
    made = []
    for i in range(3):
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"k{i}", "v"))
        db.conn.commit()
        made.append(backup_beside(db, path, "replaced", key))
    assert len(set(made)) == 3
    for i, backup in enumerate(made):
        other = open_database(backup, key, migrate=False)
        assert other.execute("SELECT count(*) FROM meta WHERE key LIKE 'k%'").fetchone()[0] == i + 1
        other.conn.close()


def test_a_backup_never_replaces_an_existing_file(journal: object, tmp_path: Path) -> None:
    dest = tmp_path / "taken.db"
    dest.write_bytes(b"precious")
    with pytest.raises(StorageError, match="already exists"):
        backup_journal(journal.db, dest, journal.key)  # type: ignore[attr-defined]
    assert dest.read_bytes() == b"precious"
    assert list(tmp_path.glob("*.partial")) == []


def test_two_restores_in_the_same_second_keep_both_replaced_journals(
    journal_path: Path, recovery_key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring the wrong backup and at once the right one must not lose the
    journal the first restore set aside (it was the user's latest data)."""
    import reljournal.store.backups.restore as restore_module

    _freeze(monkeypatch, backup_module, restore_module)
    key = key_from_recovery(recovery_key)
    db = open_database(journal_path, key)
    backups = []
    for name in ("first", "second"):
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (name, "x"))
        db.conn.commit()
        backups.append(backup_journal(db, tmp_path / f"{name}.db", key))
    db.execute("INSERT INTO meta (key, value) VALUES ('latest', 'only here')")
    db.conn.commit()
    db.conn.close()
    latest = journal_fingerprint(journal_path, key)
    first = restore_journal(backups[0], journal_path, recovery_key=recovery_key)
    second = restore_journal(backups[1], journal_path, recovery_key=recovery_key)
    assert first.replaced_backup != second.replaced_backup
    assert first.replaced_backup is not None
    assert journal_fingerprint(first.replaced_backup, key) == latest


def test_entries_and_history_keep_their_order_when_the_clock_goes_back(
    journal: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reljournal.store.accounts import create_account
    from reljournal.store.classifications import (
        classification_history,
        current_override,
        override_history,
        reclassify_accounts,
        set_override,
    )
    from reljournal.store.entries import list_entries, save_entry
    from reljournal.store.transfer import json_import as importer

    db = journal.db  # type: ignore[attr-defined]
    account_id = create_account(db, "Clockwork Ltd")
    stamps = iter(["2030-01-01T10:00:00", "2030-01-01T10:00:00", "2001-01-01T00:00:00"] * 20)
    monkeypatch.setattr(importer, "now_iso", lambda: next(stamps))
    import reljournal.store.classifications as classification_module
    import reljournal.store.entries as entries_module

    monkeypatch.setattr(entries_module, "now_iso", lambda: next(stamps))
    monkeypatch.setattr(classification_module, "now_iso", lambda: next(stamps))
    notes = [
        "They want a long-term partner who knows their business.",
        "They only care about the lowest price; they buy from whoever is cheapest.",
        "They want a partner again; quarterly reviews please.",
    ]
    for i, text in enumerate(notes):
        save_entry(
            db,
            Entry(
                at=dt.datetime(2024, 1, 1 + i, 9), kind="call", notes=text, account_id=account_id
            ),
        )
    set_override(db, account_id, "relational", "first")
    set_override(db, account_id, "transactional", "second")
    reclassify_accounts(db, [account_id], today=dt.date(1999, 1, 1))
    rows = list_entries(db, account_id)
    assert [r.notes for r in rows] == notes[::-1]
    override = current_override(db, account_id)
    assert override is not None and override.reason == "second"
    assert [o.reason for o, _ in override_history(db, account_id)] == ["first", "second"]
    history = classification_history(db, account_id)
    assert history, "no classification kept"
    for stored in history:
        assert 0.0 <= stored.classification.score <= 1.0


def test_automatic_backups_keep_todays_copy_after_the_clock_went_back(journal: object) -> None:
    """Backups stamped in the future (a clock once set ahead) used to make every new
    automatic backup the 'oldest', pruned at once: the current journal was never kept."""
    from reljournal.store.backups.automatic import list_backups, maybe_auto_backup

    future = dt.datetime(2030, 6, 1, 9, 0)
    for day in range(7):
        maybe_auto_backup(journal, keep=7, now=future + dt.timedelta(days=day))  # type: ignore[arg-type]
    db = journal.db  # type: ignore[attr-defined]
    db.execute("INSERT INTO meta (key, value) VALUES ('latest', 'only in the journal now')")
    db.conn.commit()
    today = dt.datetime(2024, 3, 1, 9, 0)
    made = maybe_auto_backup(journal, keep=7, now=today)  # type: ignore[arg-type]
    assert made is not None and made.exists()
    assert maybe_auto_backup(journal, keep=7, now=today) is None  # still one a day
    backups = list_backups(journal.path, "auto")  # type: ignore[attr-defined]
    assert len(backups) == 7 and made in [b.path for b in backups]
    copy = open_database(made, journal.key, migrate=False)  # type: ignore[attr-defined]
    assert copy.execute("SELECT value FROM meta WHERE key = 'latest'").fetchone() is not None
    copy.conn.close()
