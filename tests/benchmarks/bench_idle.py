"""What auto-lock costs while the app sits idle (issue 17): the real app, opened on a demo
journal under the current display, left alone; its CPU time (user + system, from
/proc/PID/stat) is read over an idle minute, with auto-lock at 15 minutes and with
auto-lock off (0), and for the idle watch alone in an event loop.

    xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python tests/benchmarks/bench_idle.py [SECONDS] [--loop-only]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def app_idle(minutes: int, seconds: float, settle: float = 25.0) -> float:
    """CPU seconds the app used over ``seconds`` of idleness (after ``settle``)."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config"
        config.mkdir()
        (config / "settings.ini").write_text(
            f"[security]\nauto_lock_minutes={minutes}\n", encoding="utf-8"
        )
        env = dict(
            os.environ,
            RELJOURNAL_DATA_DIR=str(Path(folder) / "data"),
            RELJOURNAL_CONFIG_DIR=str(config),
            RELJOURNAL_NO_KEYCHAIN="1",
            RELJOURNAL_PASSPHRASE="correct horse battery staple",
            PYTHONPATH=str(ROOT),
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "reljournal", "--demo-if-new"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(settle)
            if proc.poll() is not None:
                raise RuntimeError(f"the app ended early ({proc.returncode})")
            start = _cpu_seconds(proc.pid)
            time.sleep(seconds)
            return _cpu_seconds(proc.pid) - start
        finally:
            proc.terminate()
            proc.wait(30)


def event_loop(seconds: float, *, with_watch: bool) -> float:
    """CPU seconds of a bare event loop over ``seconds``, with or without the idle watch."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reljournal.ui.windows.auto_lock import IdleWatch

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    watch = IdleWatch(app, 15 * 60) if with_watch else None
    QTimer.singleShot(int(seconds * 1000), app.quit)
    start = time.process_time()
    app.exec()
    used = time.process_time() - start
    if watch is not None:
        watch.stop()
    return used


def main() -> int:
    numbers = [a for a in sys.argv[1:] if not a.startswith("--")]
    seconds = float(numbers[0]) if numbers else 60.0
    if "--loop-only" not in sys.argv:
        with_lock = app_idle(15, seconds)
        without = app_idle(0, seconds)
        print(f"idle app, {seconds:.0f} s, auto-lock 15 min: {with_lock * 1000:.0f} ms CPU")
        print(f"idle app, {seconds:.0f} s, auto-lock off:    {without * 1000:.0f} ms CPU")
    bare = event_loop(seconds, with_watch=False)
    watched = event_loop(seconds, with_watch=True)
    print(f"bare event loop, {seconds:.0f} s: {bare * 1000:.1f} ms CPU")
    print(f"event loop with the idle watch, {seconds:.0f} s: {watched * 1000:.1f} ms CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
