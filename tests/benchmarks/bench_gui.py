"""GUI figures (issue 4) on the benchmark journal:

- start-up: from process start to the main window on screen with its account list
  filled, against a script that only opens an empty QMainWindow, both measured in the
  same run (median of several alternated starts); goal: under 2x;
- selecting an account with 1,000 entries until its view is painted: under 100 ms;
- typing in the account filter: no keystroke blocks for more than 50 ms;
- peak memory of the app process (start, open the biggest account, scroll its whole
  timeline, filter): under 250 MB.

The windows run on a real X server (Xvfb started here when there is no ``DISPLAY``) with
the xcb platform, else offscreen. ``run(journal_path, quick)`` is called by ``run.py``;
``python -m tests.benchmarks.bench_gui [--quick] [JOURNAL]`` runs it alone.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.benchmarks.common import PASSPHRASE, ROOT, bench_env, figure

_BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from tests.helpers.facade import facade
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)
window.show()
def check():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        print("SHOWN", flush=True)
        app.quit()
timer = QTimer()
timer.timeout.connect(check)
timer.start(5)
app.exec()
"""


@contextmanager
def _display() -> Iterator[dict[str, str]]:
    """Environment for the windows: the current display, a private Xvfb, or offscreen."""
    if os.environ.get("DISPLAY"):
        yield {"QT_QPA_PLATFORM": "xcb"}
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def _time_until_shown(
    command: list[str], env: dict[str, str], marker: str, timeout: float = 120
) -> float:
    """Seconds from starting ``command`` to its ``marker`` line; a hung start is killed."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    found: list[float] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(marker) and not found:
                found.append(time.perf_counter() - start)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"{command[:3]} did not show its window in {timeout:.0f} s") from None
    reader.join(5)
    if not found and proc.returncode == 0:
        raise RuntimeError(f"{command[:3]} found another copy of the app on the journal")
    if not found:
        raise RuntimeError(f"{command[:3]} exited with {proc.returncode} before showing")
    return found[0]


def _startup(journal_path: Path, env: dict[str, str], runs: int) -> list[dict[str, Any]]:
    from reljournal.app import SHOWN_MARKER

    app_env = dict(env, RELJOURNAL_EXIT_WHEN_SHOWN="1")
    app = [sys.executable, "-m", "reljournal", "--db", str(journal_path)]
    bare = [sys.executable, "-c", _BARE]
    _time_until_shown(app, app_env, SHOWN_MARKER)  # warm the page cache and bytecode
    _time_until_shown(bare, env, "SHOWN")
    app_times, bare_times = [], []
    for _ in range(runs):
        bare_times.append(_time_until_shown(bare, env, "SHOWN"))
        app_times.append(_time_until_shown(app, app_env, SHOWN_MARKER))
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    platform = env.get("QT_QPA_PLATFORM", "")
    return [
        figure(f"start-up to the filled main window ({platform})", app_s * 1000, "ms", None),
        figure(f"start-up of a bare QMainWindow ({platform})", bare_s * 1000, "ms", None),
        figure("start-up, app / bare window", app_s / bare_s, "x", 2.0),
    ]


def _interactive(journal_path: Path, env: dict[str, str]) -> list[dict[str, Any]]:
    """Run the interactive measurements in a child; its peak RSS is the app's."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.bench_gui", "--interactive", str(journal_path)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"the interactive benchmark failed ({proc.returncode})")
    data = json.loads(output.strip().splitlines()[-1])
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return [
        figure(
            f"select an account with {data['entries']:,} entries (median of {data['selects']})",
            data["select_median_ms"],
            "ms",
            100,
        ),
        figure("select an account, slowest", data["select_max_ms"], "ms", 100),
        figure("read the next timeline page while scrolling", data["page_ms"], "ms", 50),
        figure(
            f"filter typing, slowest of {data['keys']} keystrokes", data["key_max_ms"], "ms", 50
        ),
        figure("filter typing, median keystroke", data["key_median_ms"], "ms", None),
        figure("peak memory of the app process", peak_mb, "MB", 250),
    ]


def _measure_interactive(journal_path: Path) -> dict[str, Any]:
    """In the child: the real main window on the benchmark journal."""
    import datetime as dt

    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from reljournal.store.opening import unlock_journal
    from reljournal.ui import qt_compat  # noqa: F401
    from reljournal.ui.settings import Settings
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner
    from tests.helpers.facade import facade

    journal = unlock_journal(journal_path, passphrase=PASSPHRASE)
    runner = TaskRunner(facade(journal), synchronous=True)
    settings = Settings(Path(tempfile.mkdtemp()) / "settings.ini")
    window = MainWindow(facade(journal), runner, settings, today=dt.date.today())
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    model = window.accounts.model
    summaries = sorted(
        (model.account_at(r) for r in range(model.rowCount())),
        key=lambda s: s.entry_count,
        reverse=True,
    )
    big = summaries[:6]
    select_ms = []
    for _round in range(3):
        for summary in big:
            start = time.perf_counter()
            window.accounts.select_account(summary.id)
            window.account_view.repaint()
            app.processEvents()
            select_ms.append((time.perf_counter() - start) * 1000)
    # scroll the whole timeline of the biggest account, a page at a time
    window.accounts.select_account(big[0].id)
    timeline = window.account_view.timeline
    page_ms = []
    while timeline.canFetchMore(QModelIndex()):
        start = time.perf_counter()
        timeline.fetchMore(QModelIndex())
        window.account_view.timeline_view.scrollToBottom()
        app.processEvents()
        page_ms.append((time.perf_counter() - start) * 1000)
    # typing in the filter: each keystroke until the list is repainted
    window.accounts.focus_filter()
    key_ms = []
    for name in [s.name for s in summaries[::400]][:5]:
        window.accounts.filter.clear()
        app.processEvents()
        for char in name[:8]:
            start = time.perf_counter()
            QTest.keyClick(window.accounts.filter, char)
            window.accounts.view.repaint()
            app.processEvents()
            key_ms.append((time.perf_counter() - start) * 1000)
        for _ in range(8):
            start = time.perf_counter()
            QTest.keyClick(window.accounts.filter, Qt.Key.Key_Backspace)
            window.accounts.view.repaint()
            app.processEvents()
            key_ms.append((time.perf_counter() - start) * 1000)
    window.close()
    journal.close()
    return {
        "entries": big[0].entry_count,
        "selects": len(select_ms),
        "select_median_ms": statistics.median(select_ms),
        "select_max_ms": max(select_ms),
        "page_ms": statistics.median(page_ms) if page_ms else 0.0,
        "keys": len(key_ms),
        "key_max_ms": max(key_ms),
        "key_median_ms": statistics.median(key_ms),
    }


def _private_copy(journal_path: Path) -> Path:
    """A copy of the journal for this run: the app may write to it, and a RelJournal left
    open on the cached journal would answer our starts as their "second instance"."""
    folder = Path(tempfile.mkdtemp(prefix="reljournal-bench-journal-"))
    for suffix in ("", "-wal"):
        source = Path(str(journal_path) + suffix)
        if source.exists():
            shutil.copyfile(source, folder / (journal_path.name + suffix))
    return folder / journal_path.name


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    journal_path = _private_copy(journal_path)
    env = bench_env()
    env["RELJOURNAL_CONFIG_DIR"] = tempfile.mkdtemp(prefix="reljournal-bench-config-")
    env["RELJOURNAL_DATA_DIR"] = tempfile.mkdtemp(prefix="reljournal-bench-data-")
    with _display() as display:
        env.update(display)
        figures = _startup(journal_path, env, runs=3 if quick else 7)
        figures += _interactive(journal_path, env)
    return figures


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--interactive"]:
        print(json.dumps(_measure_interactive(Path(args[1]))), flush=True)
        return 0
    from tests.benchmarks.common import benchmark_journal

    quick = "--quick" in args
    paths = [a for a in args if not a.startswith("--")]
    journal = Path(paths[0]) if paths else benchmark_journal(quick)
    for f in run(journal, quick):
        goal = "" if f["goal"] is None else f"goal {f['goal']} {f['unit']}"
        mark = {True: "ok", False: "MISSED", None: ""}[f["ok"]]
        print(f"  {f['name']:<62} {f['value']:>10} {f['unit']:<3} {goal:<16} {mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
