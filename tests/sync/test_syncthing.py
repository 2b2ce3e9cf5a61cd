"""Two real Syncthing instances on 127.0.0.1 carry the sync folder between two
journals: set up on one, joined on the other, edits on both, one journal everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from reljournal.journal import opening
from reljournal.store.sync.tables import SNAPSHOT_NAME, parse_change_file_name
from tests.sync import syncthing
from tests.sync.devices import add_entry, dump
from tests.sync.test_convergence import _edit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not syncthing.available(), reason="Debian's syncthing package is needed"),
]


def _change_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if parse_change_file_name(p.name)}


def test_two_syncthing_instances_carry_one_journal_between_two_computers(tmp_path: Path) -> None:
    desk_folder, laptop_folder = tmp_path / "desk-sync", tmp_path / "laptop-sync"
    desk_folder.mkdir()
    laptop_folder.mkdir()
    desk_st = syncthing.Syncthing(tmp_path / "desk-st")
    laptop_st = syncthing.Syncthing(tmp_path / "laptop-st")
    try:
        desk_st.add_device(laptop_st)
        laptop_st.add_device(desk_st)
        desk_st.share("reljournal", desk_folder, laptop_st)
        laptop_st.share("reljournal", laptop_folder, desk_st)

        desk = opening.create(tmp_path / "desk" / "journal.db")
        recovery = desk.recovery_key
        assert recovery is not None
        entry = add_entry(desk, "Acme", "met the buyer")
        desk.sync_setup(desk_folder)
        desk.sync_now()
        desk_st.scan("reljournal")
        syncthing.wait_for(
            lambda: (
                (laptop_folder / SNAPSHOT_NAME).exists()
                and _change_files(laptop_folder) == _change_files(desk_folder)
            )
        )
        laptop, _restored = opening.join_sync(
            laptop_folder, tmp_path / "laptop" / "journal.db", recovery_key=recovery
        )
        assert dump(laptop) == dump(desk)

        _edit(laptop, entry, notes="met the buyer; they want a trial")
        add_entry(laptop, "Globex", "first call")
        add_entry(desk, "Initech", "visit")
        laptop.sync_now()
        desk.sync_now()
        laptop_st.scan("reljournal")
        desk_st.scan("reljournal")
        seconds = syncthing.wait_for(
            lambda: _change_files(laptop_folder) == _change_files(desk_folder)
        )
        print(f"the folders agreed {seconds:.2f} s after the exchanges")
        desk.sync_now()
        laptop.sync_now()
        assert dump(desk) == dump(laptop)
        names = {r[1] for r in dump(desk)["accounts"]}
        assert names == {"Acme", "Globex", "Initech"}
        notes = {r[0]: r[6] for r in dump(desk)["entries"]}
        assert notes[entry] == "met the buyer; they want a trial"
        desk.close()
        laptop.close()
    finally:
        desk_st.stop()
        laptop_st.stop()
