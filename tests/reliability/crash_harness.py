"""The parent side of the crash harness: runs ``crash_driver`` children on a journal,
kills each with SIGKILL at a random moment, and checks the journal after every kill."""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from reljournal.core.formats.interchange import parse_document
from reljournal.journal.transfer import import_document as import_and_classify
from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey, key_from_recovery
from reljournal.store.opening import create_journal
from tests.reliability.crash_ops import BASE_ACCOUNT, State, read_state
from tests.reliability.journal_checks import assert_consistent

REPO = Path(__file__).resolve().parents[2]


@dataclass
class LaneReport:
    kills: int = 0
    interrupted: collections.Counter[str] = field(default_factory=collections.Counter)
    completed: collections.Counter[str] = field(default_factory=collections.Counter)


class Lane:
    """One journal and the children that write to it, one at a time."""

    def __init__(self, folder: Path, seed: int, max_migrations: int) -> None:
        self.folder = folder
        self.path = folder / "journal.db"
        self.rng = random.Random(seed)
        self.max_migrations = max_migrations
        self.report = LaneReport()
        folder.mkdir(parents=True)
        journal = create_journal(self.path)
        assert journal.recovery_key is not None
        self.recovery = journal.recovery_key
        self.key: JournalKey = key_from_recovery(self.recovery)
        doc = parse_document(
            {"format": "reljournal", "version": 1, "accounts": [{"name": BASE_ACCOUNT}]}
        )
        import_and_classify(journal.db, doc)
        journal.close()
        self.model = State()
        self.backup_states: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.checked_backups: set[str] = set()

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            RELJOURNAL_RECOVERY_KEY=self.recovery,
            RELJOURNAL_NO_KEYCHAIN="1",
            RELJOURNAL_DATA_DIR=str(self.folder / "data"),
            CRASH_MIGRATIONS=str(len(self.model.migrations)),
            CRASH_MAX_MIGRATIONS=str(self.max_migrations),
            PYTHONPATH=str(REPO),
        )
        env.pop("RELJOURNAL_PASSPHRASE", None)
        return env

    def run_once(self, max_delay: float) -> None:
        """Start a child, kill it at a random moment, check the journal."""
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.crash_driver",
                str(self.path),
                str(self.rng.getrandbits(32)),
            ],
            cwd=REPO,
            env=self._env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: list[str] = []
        ready = threading.Event()

        def read() -> None:
            assert child.stdout is not None
            for line in child.stdout:
                if not line.endswith("\n"):
                    break  # cut by the kill
                lines.append(line.strip())
                if line.startswith("READY"):
                    ready.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        if self.rng.random() < 0.1:
            time.sleep(self.rng.uniform(0.0, 0.8))  # while starting and opening
        else:
            ready.wait(timeout=30)
            time.sleep(self.rng.uniform(0.0, max_delay))
        if child.poll() is not None:
            _, err = child.communicate()
            raise AssertionError(f"the child stopped by itself ({child.returncode}):\n{err}")
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join(timeout=10)
        assert child.stderr is not None
        err = child.stderr.read()
        child.stderr.close()
        if child.stdout is not None:
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL, err
        self.report.kills += 1
        self._check(lines)

    def _check(self, lines: list[str]) -> None:
        in_flight: tuple[str, str] | None = None
        for line in lines:
            if line == "READY":
                continue
            word, op, arg = line.split(" ", 2)
            if word == "BEGIN":
                in_flight = (op, arg)
                if op == "backup":
                    self.backup_states[arg] = self.model.content()
                continue
            assert in_flight == (op, arg), (line, in_flight)
            in_flight = None
            self.report.completed[op] += 1
            if op == "import":
                self.model.imports.add(arg)
            elif op == "save":
                self.model.saves.add(arg)
            elif op == "delete":
                self.model.saves.discard(arg)
            elif op == "restore":
                imports, saves = self.backup_states[arg]
                self.model.imports, self.model.saves = set(imports), set(saves)
            elif op == "migrate":
                self.model.migrations.add(arg)
        if in_flight is not None:
            self.report.interrupted[in_flight[0]] += 1
        else:
            self.report.interrupted["opening" if "READY" not in lines else "between writes"] += 1
        db = open_database(self.path, self.key, migrate=False)
        try:
            assert_consistent(db)
            found = read_state(db)
        finally:
            db.conn.close()
        allowed = [self.model]
        if in_flight is not None:
            op, arg = in_flight
            other = self.model.copy()
            if op == "import":
                other.imports.add(arg)
            elif op == "save":
                other.saves.add(arg)
            elif op == "delete":
                other.saves.discard(arg)
            elif op == "restore":
                imports, saves = self.backup_states[arg]
                other.imports, other.saves = set(imports), set(saves)
            elif op == "migrate":
                other.migrations.add(arg)
            allowed.append(other)
        assert found in allowed, _explain(found, allowed, in_flight)
        self.model = found
        self._check_backups()

    def _check_backups(self) -> None:
        folder = self.folder / "harness-backups"
        if not folder.exists():
            return
        for backup in sorted(folder.glob("b-*.db")):
            if backup.name in self.checked_backups:
                continue
            db = open_database(backup, self.key, migrate=False)
            try:
                assert_consistent(db)
                found = read_state(db)
            finally:
                db.conn.close()
            assert found.content() == self.backup_states[backup.name], backup.name
            self.checked_backups.add(backup.name)


def _explain(found: State, allowed: list[State], in_flight: tuple[str, str] | None) -> str:
    want = allowed[0]
    return (
        f"killed during {in_flight}: journal differs from every allowed outcome; "
        f"imports +{sorted(found.imports - want.imports)} -{sorted(want.imports - found.imports)}, "
        f"saves +{sorted(found.saves - want.saves)} -{sorted(want.saves - found.saves)}, "
        f"migrations {sorted(found.migrations ^ want.migrations)}"
    )


def run_lanes(lanes: list[Lane], kills_per_lane: int, max_delay: float) -> None:
    """Run the lanes in parallel threads; re-raise the first failure."""
    errors: list[BaseException] = []

    def work(lane: Lane) -> None:
        try:
            for _ in range(kills_per_lane):
                if errors:
                    return
                lane.run_once(max_delay)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def summary(lanes: list[Lane]) -> str:
    kills = sum(lane.report.kills for lane in lanes)
    interrupted: collections.Counter[str] = collections.Counter()
    completed: collections.Counter[str] = collections.Counter()
    for lane in lanes:
        interrupted.update(lane.report.interrupted)
        completed.update(lane.report.completed)
    return (
        f"{kills} kills; interrupted: {dict(sorted(interrupted.items()))}; "
        f"completed before a kill: {dict(sorted(completed.items()))}"
    )
