"""Environment faults at the command line: a full disk, a read-only journal or
folder, a path with spaces and non-ASCII letters, a journal replaced by garbage or
cut short, a WAL left by a crash.

Each ends in one line on stderr (exit 1, no traceback), nothing already saved is
lost, and what can be repaired (a stale WAL) is repaired without being asked.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal.store.keys import key_from_recovery
from tests.reliability.crash_ops import import_document_data
from tests.reliability.journal_checks import check_journal, journal_fingerprint
from tests.reliability.procs import REPO, assert_one_line_error, cli_env, run_cli, write_json


def _cli(journal_path: Path, recovery_key: str, data: Path):  # type: ignore[no-untyped-def]
    env = cli_env(data, recovery_key)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli([*args, "--db", str(journal_path)], env)

    return run


def _big_document(folder: Path, entries: int, tag: str = "big") -> Path:
    data = import_document_data(tag, entries, __import__("datetime").date(2024, 5, 1))
    for entry in data["accounts"][0]["entries"]:  # type: ignore[index]
        entry["notes"] = os.urandom(1500).hex()  # incompressible, so pages fill quickly
    return write_json(folder / f"{tag}.json", data)


@contextlib.contextmanager
def _mounted_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {result.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _chattr(flag: str, path: Path) -> None:
    result = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"chattr {flag} is not available here: {result.stderr.strip()}")


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    """Read-only even for root (who ignores permission bits): the immutable flag."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    _chattr("+i", path)
    try:
        yield
    finally:
        _chattr("-i", path)


# ---------------------------------------------------------------- disk full


def test_disk_full_refuses_in_one_line_and_loses_nothing(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    key = key_from_recovery(recovery_key)
    with _mounted_tmpfs(tmp_path / "small", "3m") as small:
        path = small / "journal.db"
        shutil.copyfile(journal_path, path)
        run = _cli(path, recovery_key, small / "data")
        assert run("import", str(_big_document(tmp_path, 20, "first"))).returncode == 0
        saved = journal_fingerprint(path, key)
        result = run("import", str(_big_document(tmp_path, 3000)))
        assert_one_line_error(result, "disk is full")
        check_journal(path, key)
        assert journal_fingerprint(path, key) == saved
        # a backup onto the full disk fails cleanly and leaves no partial file
        filler = small / "filler"
        with contextlib.suppress(OSError):
            filler.write_bytes(b"\0" * (3 * 1024 * 1024))
        result = run("backup", str(small / "copy.db"))
        assert_one_line_error(result, "disk is full")
        assert not list(small.glob("*.partial")) and not (small / "copy.db").exists()
        # with not a byte free, even reading cannot make its shared-memory file
        assert_one_line_error(run("accounts"), "disk is full")
        # once space is free again, all is there and the same journal takes writes
        filler.unlink()
        assert journal_fingerprint(path, key) == saved
        assert run("import", str(_big_document(tmp_path, 20, "after"))).returncode == 0
        check_journal(path, key)


# ---------------------------------------------------------------- read-only


def test_read_only_journal_file_reads_and_refuses_writes(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    key = key_from_recovery(recovery_key)
    run = _cli(journal_path, recovery_key, tmp_path / "data")
    assert run("import", str(_big_document(tmp_path, 5, "before"))).returncode == 0
    saved = journal_fingerprint(journal_path, key)
    with _immutable(journal_path):
        assert run("accounts").returncode == 0
        assert_one_line_error(run("import", str(_big_document(tmp_path, 5))), "read-only")
        assert_one_line_error(run("override", "imp-before-n5", "relational", "--reason", "x"))
    check_journal(journal_path, key)
    assert journal_fingerprint(journal_path, key) == saved


def test_read_only_folder_refuses_in_one_line(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    key = key_from_recovery(recovery_key)
    run = _cli(journal_path, recovery_key, tmp_path / "data")
    saved = journal_fingerprint(journal_path, key)
    outside = tmp_path.parent / f"{tmp_path.name}-docs"
    outside.mkdir()
    doc = _big_document(outside, 5)
    with _immutable(journal_path.parent):
        assert_one_line_error(run("import", str(doc)))
        assert_one_line_error(run("backup", str(journal_path.parent / "copy.db")))
    check_journal(journal_path, key)
    assert journal_fingerprint(journal_path, key) == saved


# ---------------------------------------------------------------- odd paths


def test_everything_works_on_a_path_with_spaces_and_accents(tmp_path: Path) -> None:
    from tests.reliability.test_security import Session

    folder = tmp_path / "Mes journaux — Zoë" / "Ünïcødé 日本 dir"
    s = Session(tmp_path)
    db = str(folder / "journal ü é.db")
    init = s.run("init", "--db", db)
    assert "Recovery key" in init.stdout
    doc = write_json(
        folder.parent / "doc ü.json",
        import_document_data("p", 10, __import__("datetime").date(2024, 1, 1)),
    )
    s.run("import", str(doc), "--db", db)
    assert "imp-p-n10" in s.run("accounts", "--db", db).stdout
    assert "imp-p-n10" in s.run("search", "imported", "--db", db).stdout
    s.run("backup", str(folder / "sauvegarde ü.db"), "--db", db)
    s.run("restore", str(folder / "sauvegarde ü.db"), "--force", "--db", db)
    s.run("export", str(folder / "export ü.json"), "--db", db)
    assert json.loads((folder / "export ü.json").read_text())["accounts"]


# ---------------------------------------------------------------- damaged files


@pytest.mark.parametrize("damage", ["garbage", "text", "truncated", "header-only", "empty"])
def test_damaged_journal_is_one_line_and_backups_stay_usable(
    damage: str,
    journal: object,
    recovery_key: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reljournal.cli import main
    from reljournal.core.formats.interchange import parse_document
    from reljournal.journal.transfer import import_document as import_and_classify
    from reljournal.store.backups.backup import backup_journal

    db, path, key = journal.db, journal.path, journal.key  # type: ignore[attr-defined]
    import_and_classify(
        db, parse_document(import_document_data("d", 5, __import__("datetime").date(2024, 1, 1)))
    )
    backup = backup_journal(db, tmp_path / "kept.db", key)
    journal.close()  # type: ignore[attr-defined]
    data = path.read_bytes()
    path.write_bytes(
        {
            "garbage": os.urandom(len(data)),
            "text": b"hello\n" * 1000,
            "truncated": data[: len(data) // 2],
            "header-only": data[:100],
            "empty": b"",
        }[damage]
    )
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", recovery_key)
    doc = _big_document(tmp_path, 1, "more")
    for command in (["accounts"], ["search", "x"], ["import", str(doc)]):
        assert main([*command, "--db", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("reljournal: "), err
    check_journal(backup, key)


# ---------------------------------------------------------------- stale WAL

_WRITE_THEN_HANG = """
import sys, time, datetime as dt
from pathlib import Path
from reljournal.core.formats.interchange import parse_document
from reljournal.journal.transfer import import_document as import_and_classify
from reljournal.store.database import open_database
from reljournal.store.keys import key_from_recovery
from tests.reliability.crash_ops import import_document_data
db = open_database(Path(sys.argv[1]), key_from_recovery(sys.argv[2]))
db.execute("PRAGMA wal_autocheckpoint = 0")
import_and_classify(db, parse_document(import_document_data("wal", 200, dt.date(2024, 1, 1))))
print("DONE", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("lose_shm", [False, True], ids=["wal+shm", "wal-only"])
def test_wal_left_by_a_crash_is_replayed_on_open(
    lose_shm: bool, journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITE_THEN_HANG, str(journal_path), recovery_key],
        cwd=REPO,
        env=cli_env(tmp_path / "data", recovery_key),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "DONE"
    child.send_signal(signal.SIGKILL)
    child.communicate()
    wal = Path(f"{journal_path}-wal")
    assert wal.stat().st_size > 100_000, "the committed import should still be in the WAL"
    if lose_shm:  # as after a reboot
        Path(f"{journal_path}-shm").unlink()
    run = _cli(journal_path, recovery_key, tmp_path / "data")
    listing = run("accounts", "--json")
    assert listing.returncode == 0, listing.stderr
    assert {a["account"]: a["entries"] for a in json.loads(listing.stdout)}["imp-wal-n200"] == 200
    check_journal(journal_path, key_from_recovery(recovery_key))
    assert not wal.exists() or wal.stat().st_size == 0  # folded back into the journal
