"""What the folder may hold besides whole change files of this journal: tampered, cut
short, half-synced, foreign and newer files; and a worker killed mid-exchange."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from reljournal.journal import sync
from reljournal.store.database import current_schema
from reljournal.store.sync.tables import parse_change_file_name
from tests.sync.devices import add_entry, dump, first_computer, join


def _files_of(folder: Path, journal_device: int) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if (parse_change_file_name(p.name) or (-1,))[0] == journal_device
    )


def _laptop_with_one_new_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    a, recovery, folder = first_computer(tmp_path)
    add_entry(a, "Acme", "shared")
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    add_entry(b, "Acme", "from the laptop")
    b.sync_now()
    overview = b.sync_overview()
    assert overview is not None
    (sent,) = _files_of(folder, overview.status.device)
    return a, b, folder, sent


@pytest.mark.parametrize("damage", ["tampered", "truncated", "foreign"])
def test_a_bad_file_is_refused_whole_and_applied_once_it_is_whole(
    tmp_path: Path, damage: str
) -> None:
    a, b, folder, sent = _laptop_with_one_new_file(tmp_path)
    good = sent.read_bytes()
    if damage == "tampered":
        data = bytearray(good)
        data[len(data) // 2] ^= 0x01
        sent.write_bytes(bytes(data))
    elif damage == "truncated":
        sent.write_bytes(good[: len(good) - 4096])
    else:  # the same name, from another journal's sync
        other, _r, other_folder = first_computer(tmp_path / "other")
        add_entry(other, "Stranger", "not ours")
        other.sync_now()
        (theirs,) = _files_of(other_folder, 0)
        sent.write_bytes(theirs.read_bytes())
        other.close()
    before = dump(a)
    report = a.sync_now()
    assert report.refused == [sent.name]
    assert report.message is not None and sent.name in report.message
    assert dump(a) == before  # nothing of it applied
    sent.write_bytes(good)  # the sync tool delivers the whole, genuine file
    report = a.sync_now()
    assert report.refused == []
    assert dump(a) == dump(b)
    a.close()
    b.close()


def test_a_half_synced_file_is_ignored_until_whole(tmp_path: Path) -> None:
    a, b, folder, sent = _laptop_with_one_new_file(tmp_path)
    data = sent.read_bytes()
    sent.unlink()
    part = folder / (sent.name + ".part")
    part.write_bytes(data[:5000])
    syncthing_temp = folder / f".syncthing.{sent.name}.tmp"
    syncthing_temp.write_bytes(data[:5000])
    before = dump(a)
    report = a.sync_now()
    assert report.refused == [] and dump(a) == before
    part.unlink()
    syncthing_temp.unlink()
    sent.write_bytes(data)
    a.sync_now()
    assert dump(a) == dump(b)
    a.close()
    b.close()


def test_a_file_from_a_newer_version_is_kept_unapplied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, recovery, folder = first_computer(tmp_path)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    monkeypatch.setattr(sync, "current_schema", lambda: [*current_schema(), "0099_future"])
    add_entry(b, "Acme", "written by a newer RelJournal")
    b.sync_now()
    monkeypatch.undo()
    before = dump(a)
    report = a.sync_now()
    assert report.held and report.message is not None
    assert "update RelJournal on this computer" in report.message
    assert dump(a) == before
    overview = a.sync_overview()
    assert overview is not None and overview.status.held == report.held
    assert (folder / report.held[0]).exists()  # kept for when this computer is updated
    a.close()
    b.close()


def _start_worker(journal_path: Path, key_hex: str) -> subprocess.Popen[str]:
    request = {
        "path": str(journal_path),
        "key": {"raw": key_hex},
        "folder": None,
        "schema": current_schema(),
    }
    proc = subprocess.Popen(
        sync.worker_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write(json.dumps(request) + "\n")
    proc.stdin.flush()
    return proc


@pytest.mark.slow
def test_kill_9_during_an_exchange_loses_nothing(tmp_path: Path) -> None:
    """The worker is killed at several moments of exchanges that both send and apply
    (hundreds of rows each way), spread over how long such an exchange takes on this
    machine; each next exchange completes, and the two computers end equal, with every
    entry."""
    a, recovery, folder = first_computer(tmp_path)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    raw = a.secret.raw
    assert raw is not None
    total = 0

    def round_of_edits(round_: int) -> None:
        nonlocal total
        for n in range(200):
            add_entry(a, f"Account {n % 7}", f"round {round_} entry {n}")
            add_entry(b, f"Laptop {n % 5}", f"round {round_} laptop entry {n}")
        total += 400
        b.sync_now()  # the laptop's file waits in the folder: the killed exchange applies it

    round_of_edits(0)
    started = time.monotonic()
    proc = _start_worker(a.path, raw.hex())
    proc.communicate()
    whole = time.monotonic() - started  # an uninterrupted exchange of this size
    b.sync_now()
    killed = 0
    shares = (0.3, 0.45, 0.6, 0.75, 0.9, 0.5, 0.7)
    round_ = 0
    # seven rounds, and more (aimed early) while fewer than three kills landed: on a busy
    # machine an exchange's length varies from one round to the next
    while round_ < len(shares) or (killed < 3 and round_ < 3 * len(shares)):
        share = shares[round_] if round_ < len(shares) else 0.2
        round_ += 1
        round_of_edits(round_)
        started = time.monotonic()
        proc = _start_worker(a.path, raw.hex())
        time.sleep(whole * share)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
            proc.communicate()
        else:  # it was quicker this time: aim the next kills earlier
            proc.communicate()
            whole = min(whole, time.monotonic() - started)
        a.sync_now()  # the next exchange completes what the killed one began
        b.sync_now()
        assert dump(a) == dump(b)
        assert len(dump(a)["entries"]) == total
        assert not any(p.name.endswith(".part") for p in folder.iterdir())
    assert killed >= 3, f"only {killed} of {round_} kills landed while the worker ran"
    a.close()
    b.close()


def test_two_exchanges_at_once_on_one_computer(tmp_path: Path) -> None:
    """The app and the command line exchange at the same moment: each file is written
    whole once, applied once, and the computers end equal."""
    a, recovery, folder = first_computer(tmp_path)
    a.sync_now()
    b = join(tmp_path, "b", folder, recovery)
    for n in range(150):
        add_entry(a, f"Account {n % 4}", f"desk {n}")
        add_entry(b, f"Laptop {n % 3}", f"laptop {n}")
    b.sync_now()
    raw = a.secret.raw
    assert raw is not None
    workers = [_start_worker(a.path, raw.hex()) for _ in range(2)]
    replies = [json.loads(w.communicate()[0].strip().splitlines()[-1]) for w in workers]
    assert all("error" not in r for r in replies), replies
    assert sum(r["applied_files"] for r in replies) == 1  # the laptop's file, once
    b.sync_now()
    assert dump(a) == dump(b)
    assert len(dump(a)["entries"]) == 300
    assert not any(p.name.endswith(".part") for p in folder.iterdir())
    a.close()
    b.close()


def test_a_killed_exchanges_half_written_file_is_removed_by_the_next(tmp_path: Path) -> None:
    """Only this computer's ``.part`` files of a process that is gone (or older than any
    write takes) are removed; another computer's, and one being written, are left."""
    import sys

    from reljournal.store.sync.changefile import STALE_PART_S, remove_stale_parts

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        mine = "0000003-000000012.rjsync"
        dead = tmp_path / f"{mine}.{gone.pid}.part"
        busy = tmp_path / f"{mine}.{alive.pid}.part"
        old_busy = tmp_path / f"0000003-000000013.rjsync.{alive.pid}.part"
        theirs = tmp_path / f"0000004-000000012.rjsync.{gone.pid}.part"
        whole = tmp_path / mine
        other = tmp_path / f"{mine}.syncthing.tmp"
        for path in (dead, busy, old_busy, theirs, whole, other):
            path.write_bytes(b"x" * 512)
        stale = time.time() - STALE_PART_S - 60
        os.utime(old_busy, (stale, stale))
        assert remove_stale_parts(tmp_path, 3) == 2
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            p.name for p in (busy, theirs, whole, other)
        )
    finally:
        alive.kill()
        alive.wait()
