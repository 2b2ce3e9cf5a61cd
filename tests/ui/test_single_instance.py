"""A second copy started on the same journal brings the first forward and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reljournal.ui.single_instance import InstanceGuard, server_name

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

ROOT = Path(__file__).resolve().parents[2]
_CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from reljournal.ui.single_instance import InstanceGuard
guard = InstanceGuard(Path(sys.argv[2]))
if sys.argv[1] == "activate":
    print(guard.activate_existing(), flush=True)
else:
    print(guard.listen(), flush=True)
    time.sleep(60)
"""


def _child(mode: str, path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, mode, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def test_names_differ_per_journal(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert server_name(a) != server_name(b)
    assert server_name(a) == server_name(tmp_path / "x" / ".." / "a.db")


def test_second_instance_brings_the_first_forward(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    first = InstanceGuard(path, qapp)
    assert not first.activate_existing(200)  # nobody there yet
    assert first.listen()
    with qtbot.waitSignal(first.activation_requested, timeout=15_000):
        second = _child("activate", path)
    out, _ = second.communicate(timeout=15)
    assert out.strip() == "True" and second.returncode == 0
    first.close()
    first.deleteLater()


def test_a_crashed_instance_does_not_block_the_next(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    crashed = _child("listen", path)
    assert crashed.stdout is not None and crashed.stdout.readline().strip() == "True"
    os.kill(crashed.pid, signal.SIGKILL)
    crashed.communicate(timeout=10)
    guard = InstanceGuard(path, qapp)
    assert not guard.activate_existing(500)
    assert guard.listen()
    guard.close()
    guard.deleteLater()
