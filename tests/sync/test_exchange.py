"""Two and three computers exchanging through a folder: edits, deletes, conflicts,
undo, joining."""

from __future__ import annotations

from pathlib import Path

import pytest

from reljournal.store.ids import device_of
from tests.sync.devices import add_entry, dump, first_computer, join


def test_two_computers_exchange_entries_and_edits(tmp_path: Path) -> None:
    a, recovery, folder = first_computer(tmp_path)
    first = add_entry(a, "Acme", "before the other computer joined")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    assert dump(b) == dump(a)
    from_b = add_entry(b, "Acme", "written on the laptop")
    assert device_of(from_b) != 0  # the laptop numbers its rows in its own range
    from_a = add_entry(a, "Globex", "written on the desktop")
    assert device_of(from_a) == 0
    assert b.sync_now().sent >= 1
    report = a.sync_now()
    assert report.received_rows >= 1
    b.sync_now()
    assert dump(a) == dump(b)
    notes = {r[0]: r[6] for r in dump(a)["entries"]}
    assert notes[first] == "before the other computer joined"
    assert notes[from_b] == "written on the laptop"
    a.close()
    b.close()


def test_same_field_conflict_keeps_the_later_value_and_lists_the_loser(tmp_path: Path) -> None:
    from tests.sync.test_convergence import _edit

    a, recovery, folder = first_computer(tmp_path)
    entry = add_entry(a, "Acme", "first words")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    _edit(a, entry, notes="the desktop's words")
    _edit(b, entry, notes="the laptop's words, later")
    _edit(a, entry, minutes=45)  # another field: merges
    a.sync_now()
    b.sync_now()
    a.sync_now()
    assert dump(a) == dump(b)
    row = next(r for r in dump(a)["entries"] if r[0] == entry)
    assert row[6] == "the laptop's words, later"
    assert row[4] == 45
    conflicts = a.sync_conflicts()
    assert [(c.column, c.kept, c.lost) for c in conflicts] == [
        ("notes", "the laptop's words, later", "the desktop's words")
    ]
    # the rep puts the losing value back: a normal edit, sent to the other computer
    a.restore_sync_conflict(conflicts[0].id)
    assert a.sync_conflicts() == []
    a.sync_now()
    b.sync_now()
    assert next(r for r in dump(b)["entries"] if r[0] == entry)[6] == "the desktop's words"
    a.close()
    b.close()


def test_deletes_propagate_and_undo_brings_the_entry_back_everywhere(tmp_path: Path) -> None:
    a, recovery, folder = first_computer(tmp_path)
    entry = add_entry(a, "Acme", "to be deleted")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    b.delete_entry(entry)
    b.sync_now()
    report = a.sync_now()
    assert report.received_rows >= 1
    assert entry not in [r[0] for r in dump(a)["entries"]]
    # what arrived is not on this computer's undo list: only its own edit is
    assert [a.history.next_undo()] == [("new_entry", "2026-03-02")]
    b.undo()  # the laptop takes its delete back: a normal change, sent again
    assert entry in [r[0] for r in dump(b)["entries"]]
    b.sync_now()
    a.sync_now()
    assert dump(a) == dump(b)
    assert entry in [r[0] for r in dump(a)["entries"]]
    a.close()
    b.close()


def test_an_account_deleted_on_one_computer_takes_what_the_other_added_to_it(
    tmp_path: Path,
) -> None:
    a, recovery, folder = first_computer(tmp_path)
    add_entry(a, "Acme", "old")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    account = a.find_account("Acme").id
    assert account is not None
    a.delete_account(account)
    add_entry(b, "Acme", "added meanwhile on the laptop")
    a.sync_now()
    b.sync_now()
    a.sync_now()
    assert dump(a) == dump(b)
    assert dump(a)["accounts"] == []
    a.close()
    b.close()


def test_nothing_new_is_decided_without_the_worker(tmp_path: Path) -> None:
    a, _recovery, _folder = first_computer(tmp_path)
    add_entry(a, "Acme", "x")
    assert a.sync_now().ran
    assert not a.sync_now().ran  # nothing to send, nothing new in the folder
    overview = a.sync_overview()
    assert overview is not None
    assert overview.status.local_changes == 0
    assert overview.pending_files == 0
    assert overview.status.last_exchange is not None
    a.close()


@pytest.mark.parametrize("count", [3, 120])  # one by one, and fed to the index at once
def test_entries_received_are_found_by_search(tmp_path: Path, count: int) -> None:
    from tests.sync.test_convergence import _edit

    a, recovery, folder = first_computer(tmp_path)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    made = [add_entry(a, f"Acme {n % 3}", f"pricing walkthrough number {n}") for n in range(count)]
    _edit(a, made[0], notes="renegotiated completely")
    a.sync_now()
    b.sync_now()
    assert b.search_counts("walkthrough")["entry"] == count - 1
    assert b.search_counts("renegotiated")["entry"] == 1
    a.close()
    b.close()


_RECEIVE_ONLY = """
import json, sys
from pathlib import Path
from reljournal.store.sync import engine, worker
from reljournal.store.sync.tables import file_key
request = json.loads(sys.stdin.readline())
conn = worker.open_journal(Path(request["path"]), request["key"])
secret = bytes.fromhex(engine.state(conn, "secret"))
device = int(engine.state(conn, "device"))
folder = Path(engine.state(conn, "folder"))
outcome = engine.receive(conn, folder, file_key(secret), device, request["schema"])
print(outcome.applied_files)
"""


def test_an_edit_made_here_while_changes_arrive_is_kept_and_wins(tmp_path: Path) -> None:
    """Another program edits the journal between this exchange's sending and its
    receiving: the edit is not overwritten, and it is what both computers end with."""
    import json
    import subprocess
    import sys

    from reljournal.store.database import current_schema
    from tests.sync.test_convergence import _edit

    a, recovery, folder = first_computer(tmp_path)
    entry = add_entry(a, "Acme", "first")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    _edit(b, entry, notes="the laptop's edit")
    b.sync_now()
    _edit(a, entry, notes="the desktop's edit, made while the laptop's arrives")
    raw = a.secret.raw
    assert raw is not None
    request = {"path": str(a.path), "key": {"raw": raw.hex()}, "schema": current_schema()}
    done = subprocess.run(
        [sys.executable, "-c", _RECEIVE_ONLY],
        input=json.dumps(request) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "1"
    notes = {r[0]: r[6] for r in dump(a)["entries"]}
    assert notes[entry] == "the desktop's edit, made while the laptop's arrives"
    a.sync_now()
    b.sync_now()
    assert dump(a) == dump(b)
    assert {r[0]: r[6] for r in dump(b)["entries"]}[entry] == notes[entry]
    a.close()
    b.close()


def test_two_accounts_of_one_name_made_on_two_computers_are_both_kept(tmp_path: Path) -> None:
    a, recovery, folder = first_computer(tmp_path)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    c = join(tmp_path, "c", folder, recovery)
    add_entry(a, "Northwind", "met on the desktop")
    add_entry(b, "Northwind", "met on the laptop")
    add_entry(c, "northwind", "met on the tablet")
    for journal in (b, a, c, b, a):
        journal.sync_now()
    assert dump(a) == dump(b) == dump(c)
    names = {r[0]: r[1] for r in dump(a)["accounts"]}
    from reljournal.store.ids import device_of

    assert sorted(names.values()) == sorted(
        ["Northwind"]
        + [f"{n.split(' (')[0]} (device {device_of(i)})" for i, n in names.items() if i != 1]
    )
    assert names[1] == "Northwind"  # the first computer's, made with the smallest id
    assert len(dump(a)["entries"]) == 3
    a.close()
    b.close()
    c.close()


def test_a_passphrase_journal_syncs_and_joins_with_its_passphrase(tmp_path: Path) -> None:
    from reljournal.journal import opening

    passphrase = "orchard lantern velvet harbour 42"
    folder = tmp_path / "folder"
    folder.mkdir()
    a = opening.create(tmp_path / "a" / "journal.db", passphrase=passphrase)
    a.sync_setup(folder)
    entry = add_entry(a, "Acme", "kept under a passphrase")
    a.sync_now()
    from reljournal.core.errors import WrongKeyError

    with pytest.raises(WrongKeyError):
        opening.join_sync(folder, tmp_path / "b" / "journal.db", passphrase="not the passphrase")
    b, _restored = opening.join_sync(folder, tmp_path / "b" / "journal.db", passphrase=passphrase)
    assert b.is_passphrase_protected
    assert entry in [r[0] for r in dump(b)["entries"]]
    add_entry(b, "Globex", "from the laptop")
    b.sync_now()
    a.sync_now()
    assert dump(a) == dump(b)
    a.close()
    b.close()


def test_a_backup_restored_on_a_synced_computer_gets_back_what_it_sent_since(
    tmp_path: Path,
) -> None:
    from reljournal.journal import opening

    a, recovery, folder = first_computer(tmp_path)
    add_entry(a, "Acme", "before the backup")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    backup = a.backup_now(tmp_path / "backup.db")
    after = add_entry(a, "Acme", "after the backup, already sent")
    a.sync_now()
    path = a.path
    a.close()
    opening.restore(backup, path, recovery_key=recovery)
    a = opening.unlock(path, recovery_key=recovery)
    assert after not in [r[0] for r in dump(a)["entries"]]
    new = add_entry(a, "Acme", "after the restore")
    assert new != after  # never the id of a row sent before the restore
    a.sync_now()  # its own file comes back, and the new entry goes out
    b.sync_now()
    assert dump(a) == dump(b)
    assert {after, new} <= {r[0] for r in dump(a)["entries"]}
    a.close()
    b.close()


def test_after_a_new_recovery_key_the_new_key_joins(tmp_path: Path) -> None:
    from reljournal.core.errors import WrongKeyError

    a, old_key, folder = first_computer(tmp_path)
    add_entry(a, "Acme", "x")
    a.sync_now()
    new_key = a.rotate_recovery_key()
    with pytest.raises(WrongKeyError):
        join(tmp_path, "b", folder, old_key)
    b = join(tmp_path, "c", folder, new_key)
    assert dump(a) == dump(b)
    a.close()
    b.close()


def test_what_arrives_is_read_by_the_classifier_here(tmp_path: Path) -> None:
    from tests.sync.test_convergence import _edit

    a, recovery, folder = first_computer(tmp_path)
    entry = add_entry(a, "Acme", "They said the price is all that matters to them.")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    assert b.outdated_statements() == 0
    add_entry(a, "Acme", "They asked us to help plan next year's roll-out together.")
    _edit(a, entry, notes="They trust us with the whole programme now.")
    a.sync_now()
    b.sync_now()
    assert b.outdated_statements() == 0  # read on arrival, the edited one again
    db_a, db_b = a._db(), b._db()  # noqa: SLF001
    sql = "SELECT entry_id, signal, quote FROM statements ORDER BY entry_id, id"
    assert db_b.execute(sql).fetchall() == db_a.execute(sql).fetchall()
    a.close()
    b.close()


def test_joining_from_a_shared_copy_written_again_by_another_computer(tmp_path: Path) -> None:
    """The shared copy is written again weekly by whichever computer exchanges; a third
    computer joining from a copy the laptop wrote (with edits it had not sent yet)
    ends with the same journal as the others."""
    import os

    from reljournal.journal import sync
    from reljournal.store.sync.tables import SNAPSHOT_NAME
    from tests.sync.test_convergence import _edit

    a, recovery, folder = first_computer(tmp_path)
    entry = add_entry(a, "Acme", "first")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    add_entry(b, "Globex", "from the laptop")
    b.sync_now()
    _edit(b, entry, notes="not sent yet when the copy was made")
    add_entry(a, "Initech", "sent by the desktop meanwhile")
    a.sync_now()
    old = folder / SNAPSHOT_NAME
    os.utime(old, (0, 0))  # a week and more ago
    assert sync.shared_copy_is_old(b._db())  # noqa: SLF001
    b._refresh_sync_copy()  # noqa: SLF001 - what b's next exchange does
    assert old.stat().st_mtime > 0
    c = join(tmp_path, "c", folder, recovery)
    assert c.sync_overview().status.device not in (0, b.sync_overview().status.device)  # type: ignore[union-attr]
    for journal in (b, a, c, a, b, c):
        journal.sync_now()
    assert dump(a) == dump(b) == dump(c)
    assert {r[0]: r[6] for r in dump(c)["entries"]}[entry] == "not sent yet when the copy was made"
    a.close()
    b.close()
    c.close()
