"""Concurrency: two command-line writers at once, readers during an import, a
long-lived connection (as the GUI holds one) writing while the CLI imports, and a
writer that waits longer than the busy timeout.

No "database is locked" may reach the user while the other writer merely takes a
few seconds; no write is lost; a reader never sees half an import; a writer that
cannot get in is told so in one line.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

from reljournal.cli import main
from reljournal.core.model import Entry
from reljournal.store import database
from reljournal.store.database import open_database
from reljournal.store.entries import save_entry
from reljournal.store.keys import key_from_recovery
from tests.reliability.crash_ops import import_document_data, read_state
from tests.reliability.journal_checks import assert_consistent
from tests.reliability.procs import cli_env, run_cli, start_cli, write_json


def _import_files(folder: Path, count: int, entries: int) -> list[Path]:
    return [
        write_json(
            folder / f"doc{i}.json",
            import_document_data(f"w{i}", entries, dt.date(2024, 3, 1) - dt.timedelta(days=i)),
        )
        for i in range(count)
    ]


def _state(path: Path, recovery_key: str):  # type: ignore[no-untyped-def]
    db = open_database(path, key_from_recovery(recovery_key), migrate=False)
    try:
        assert_consistent(db)
        return read_state(db)
    finally:
        db.conn.close()


def test_two_cli_writers_at_once_both_land(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    env = cli_env(tmp_path / "data", recovery_key)
    files = _import_files(tmp_path, 4, 150)
    children = [start_cli(["import", str(f), "--db", str(journal_path)], env) for f in files]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert "locked" not in err
    state = _state(journal_path, recovery_key)
    assert state.imports == {f"imp-w{i}-n150" for i in range(4)}


def test_readers_never_see_half_an_import(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    env = cli_env(tmp_path / "data", recovery_key)
    (doc,) = _import_files(tmp_path, 1, 400)
    writer = start_cli(["import", str(doc), "--db", str(journal_path)], env)
    seen: set[int] = set()
    while writer.poll() is None:
        result = run_cli(["accounts", "--json", "--db", str(journal_path)], env)
        assert result.returncode == 0, result.stderr
        import json

        counts = {a["account"]: a["entries"] for a in json.loads(result.stdout)}
        seen.add(counts.get("imp-w0-n400", 0))
    _out, err = writer.communicate()
    assert writer.returncode == 0, err
    assert seen <= {0, 400}, seen


def _save(db, account_id: int | None, title: str) -> None:  # type: ignore[no-untyped-def]
    save_entry(db, Entry(at=dt.datetime(2024, 5, 1, 10, 0), kind="note", title=title, notes=title))


def test_open_connection_keeps_writing_while_the_cli_imports(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    """What the GUI does while a CLI import runs: its own saves wait their turn, none
    is lost, and the imported data is visible on the same connection afterwards."""
    key = key_from_recovery(recovery_key)
    gui = open_database(journal_path, key)
    env = cli_env(tmp_path / "data", recovery_key)
    files = _import_files(tmp_path, 2, 250)
    children = [start_cli(["import", str(f), "--db", str(journal_path)], env) for f in files]
    saved = 0
    while any(c.poll() is None for c in children):
        _save(gui, None, f"gui note {saved}")
        saved += 1
    for child in children:
        _out, err = child.communicate()
        assert child.returncode == 0, err
    titles = {r[0] for r in gui.execute("SELECT title FROM entries WHERE title LIKE 'gui note %'")}
    assert titles == {f"gui note {i}" for i in range(saved)}
    names = {r[0] for r in gui.execute("SELECT name FROM accounts")}
    assert {"imp-w0-n250", "imp-w1-n250"} <= names
    gui.conn.close()


def test_parallel_quick_entries_from_threads_each_with_its_connection(
    journal_path: Path, recovery_key: str
) -> None:
    key = key_from_recovery(recovery_key)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            db = open_database(journal_path, key)
            try:
                for i in range(25):
                    _save(db, None, f"t{n}-{i}")
            finally:
                db.conn.close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    db = open_database(journal_path, key)
    count = db.execute("SELECT count(*) FROM entries WHERE title GLOB 't[0-9]-*'").fetchone()[0]
    db.conn.close()
    assert count == 100


def test_writer_blocked_past_the_busy_timeout_gets_one_clear_line(
    journal_path: Path,
    recovery_key: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", recovery_key)
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    (doc,) = _import_files(tmp_path, 1, 5)
    holder = open_database(journal_path, key_from_recovery(recovery_key))
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        code = main(["import", str(doc), "--db", str(journal_path)])
        took = time.monotonic() - started
    finally:
        holder.conn.rollback()
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "another program is writing" in err, err
    assert took < 5
    assert "imp-w0-n5" not in {r[0] for r in holder.execute("SELECT name FROM accounts")}
    holder.conn.close()
    # once the other writer is done, the same command goes through
    assert main(["import", str(doc), "--db", str(journal_path)]) == 0


_OPEN_WITH_MIGRATION = """
import sys
from pathlib import Path
from reljournal.store.database import open_database
from reljournal.store.keys import key_from_recovery
from tests.reliability.crash_ops import register_test_migrations
register_test_migrations(2)
db = open_database(Path(sys.argv[1]), key_from_recovery(sys.argv[2]))
db.conn.close()
"""


def test_copies_starting_at_once_apply_a_migration_once(
    journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    """Two copies of a new version started together both find a migration pending."""
    import subprocess
    import sys

    from tests.reliability.crash_ops import crash_migrations_known
    from tests.reliability.procs import REPO

    env = cli_env(tmp_path / "data", recovery_key)
    (doc,) = _import_files(tmp_path, 1, 300)
    assert run_cli(["import", str(doc), "--db", str(journal_path)], env).returncode == 0
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_WITH_MIGRATION, str(journal_path), recovery_key],
            cwd=REPO,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [c.communicate(timeout=120)[1] for c in children]
    assert [c.returncode for c in children] == [0] * 4, errors
    with crash_migrations_known(2):
        state = _state(journal_path, recovery_key)
    assert state.migrations == {"9xxx_crash_0001", "9xxx_crash_0002"}
    assert state.imports == {"imp-w0-n300"}
    backups = list((journal_path.parent / "backups").glob("*.db"))
    assert backups, "no backup was made before migrating"


def test_restore_while_the_journal_is_open_elsewhere_is_refused(
    journal: object, recovery_key: str, tmp_path: Path
) -> None:
    """The open window's later saves used to go to the replaced (deleted) file: lost,
    with no error shown."""
    from reljournal.store.backups.backup import backup_journal

    db = journal.db  # type: ignore[attr-defined]
    backup = backup_journal(db, tmp_path / "b.db", journal.key)  # type: ignore[attr-defined]
    _save(db, None, "before")
    env = cli_env(tmp_path / "data", recovery_key)
    result = run_cli(["restore", str(backup), "--force", "--db", str(journal.path)], env)  # type: ignore[attr-defined]
    assert result.returncode == 1 and "open in another program" in result.stderr
    _save(db, None, "after")
    other = open_database(journal.path, key_from_recovery(recovery_key))  # type: ignore[attr-defined]
    titles = {r[0] for r in other.execute("SELECT title FROM entries")}
    other.conn.close()
    assert titles == {"before", "after"}
