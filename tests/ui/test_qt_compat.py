"""PySide6 6.12.0 on Python 3.11 drops a reference to True on every Signal.emit() from
Python; without the work-around a few thousand emits abort the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
import reljournal.ui.qt_compat
app = QApplication([])
class Emitter(QObject):
    happened = Signal(int)
emitter = Emitter()
emitter.happened.connect(lambda n: None)
for n in range(50_000):
    emitter.happened.emit(n)
print("survived")
"""


def test_many_emits_do_not_abort_the_app() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"
