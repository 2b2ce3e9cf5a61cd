"""Two and three computers exchanging through a folder: edits, deletes, conflicts,
undo, joining."""

from __future__ import annotations

from pathlib import Path

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
