"""GUI figures on the benchmark journal (issues 4 and 18):

- start-up: from process start to the first visible main window (the app's
  ``RELJOURNAL_MAIN_WINDOW_SHOWN`` line), with a real keychain (GNOME Keyring's Secret
  Service on a private D-Bus, see keychain.py) and in passphrase mode (there also less
  SQLCipher's key derivation, measured apart), against a script that only opens an empty
  PySide6 QMainWindow, all by turns in one run (a new order each round), medians of 7
  (5 with --quick); goal: at most 1.5x the bare window. ``--before DIR`` adds a checkout
  of the app as it was, ``--frozen EXE`` the frozen app, to the same runs;
- peak memory (issue 18): the app opens the benchmark journal, 50 accounts are selected in
  turn, then the portfolio dashboard is opened and filled; under 250 MB, beside a bare
  window's;
- selecting an account with 1,000 entries until its view is painted: under 100 ms;
- typing in the account filter: no keystroke blocks for more than 50 ms;
- peak memory of the app process (start, open the biggest account, scroll its whole
  timeline, filter): under 250 MB.

The windows run on a real X server (Xvfb started here when there is no ``DISPLAY``) with
the xcb platform, else offscreen. ``run(journal_path, quick)`` is called by ``run.py``;
``python -m tests.benchmarks.bench_gui [--quick] [--before DIR] [--frozen EXE]
[--startup-only] [JOURNAL]`` runs it alone.
"""

from __future__ import annotations

import json
import os
import random
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

STARTUP_GOAL = 1.5  # the app / a bare QMainWindow, start to first visible window (issue 18)

_BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
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
    command: list[str],
    env: dict[str, str],
    marker: str,
    timeout: float = 120,
    cwd: Path = ROOT,
) -> float:
    """Seconds from starting ``command`` to its ``marker`` line; a hung start is killed."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, text=True)
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


def _kdf_seconds(passphrase_journal: Path, keychain_journal: Path, key_hex: str) -> float:
    """The key derivation on the passphrase journal: Argon2id of the passphrase for the
    file's salt, as an unlock runs it (issue 17; median of 5, in a child so that nothing
    is shared with this process). A journal keyed by SQLCipher's own PBKDF2 (made before
    Argon2id): opening it with the passphrase less opening the keychain copy by its key."""
    script = f"""
import statistics, sys, time, sqlcipher3
from pathlib import Path
from reljournal.store import kdf
salt = kdf.file_salt(Path({str(passphrase_journal)!r}))
def once(path, pragma):
    start = time.perf_counter()
    conn = sqlcipher3.connect(path)
    conn.execute(pragma)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    return time.perf_counter() - start
def stretch():
    start = time.perf_counter()
    kdf.stretch({PASSPHRASE!r}, salt)
    return time.perf_counter() - start
if kdf.parameters_of(salt) is not None:
    print(statistics.median(stretch() for _ in range(5)))
else:
    slow, fast = [], []
    for _ in range(5):
        slow.append(once({str(passphrase_journal)!r}, "PRAGMA key = '{PASSPHRASE}'"))
        fast.append(once({str(keychain_journal)!r}, "PRAGMA key = \\"x'{key_hex}'\\""))
    print(statistics.median(slow) - statistics.median(fast))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip())


def _startup(
    journal_path: Path,
    env: dict[str, str],
    runs: int,
    before: Path | None = None,
    frozen: Path | None = None,
) -> list[dict[str, Any]]:
    """Start to the first visible main window, on the benchmark journal with a real
    keychain (GNOME Keyring's Secret Service on a private D-Bus) and in passphrase mode,
    each start by turns with a bare QMainWindow (and the app as it was, ``before``, and
    the frozen app, ``frozen``: its executable)."""
    from reljournal.app import SHOWN_MARKER
    from tests.benchmarks import keychain

    bare = [sys.executable, "-c", _BARE]
    source = [sys.executable, "-m", "reljournal", "--db"]
    roots: dict[str, tuple[list[str], Path]] = {"app": (source, ROOT)}
    if before is not None:
        roots["before"] = (source, before)
    if frozen is not None:
        roots["frozen"] = ([str(frozen), "--db"], ROOT)
    platform = env.get("QT_QPA_PLATFORM", "")
    figures: list[dict[str, Any]] = []
    with keychain.secret_service() as bus:
        key_journal = keychain.keychain_journal(journal_path, bus)
        modes = {
            "keychain": (keychain.keychain_env(env, bus), key_journal),
            "passphrase": (dict(env), journal_path),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for mode, (mode_env, path) in modes.items():
            app_env = dict(mode_env, RELJOURNAL_EXIT_WHEN_SHOWN="1")
            for app, root in roots.values():  # warm-up: page cache, bytecode, fonts
                _time_until_shown([*app, str(path)], app_env, SHOWN_MARKER, cwd=root)
            _time_until_shown(bare, mode_env, "SHOWN")
            order = ["bare", *roots]
            shuffle = random.Random(18).shuffle  # a new order each round: no place favoured
            for _ in range(runs):
                shuffle(order)
                for name in order:
                    if name == "bare":
                        seconds = _time_until_shown(bare, mode_env, "SHOWN")
                    else:
                        app, root = roots[name]
                        seconds = _time_until_shown(
                            [*app, str(path)], app_env, SHOWN_MARKER, cwd=root
                        )
                    times.setdefault((mode, name), []).append(seconds)
        kdf = _kdf_seconds(journal_path, key_journal, keychain.stored_key_hex(key_journal))
    med = {k: statistics.median(v) for k, v in times.items()}
    for mode in modes:
        bare_s = med[(mode, "bare")]
        figures.append(
            figure(f"bare QMainWindow ({platform}, {mode} run)", bare_s * 1000, "ms", None)
        )
        for name in roots:
            app_s = med[(mode, name)]
            label = "app" if name == "app" else f"app {name}"
            figures.append(figure(f"start-up, {label} ({mode})", app_s * 1000, "ms", None))
            figures.append(
                figure(
                    f"start-up, {label} / bare window ({mode})",
                    app_s / bare_s,
                    "x",
                    STARTUP_GOAL if name == "app" and mode == "keychain" else None,
                )
            )
            if mode == "passphrase":
                # the app stretches the passphrase on a thread while Qt loads (issue 18): the
                # window can then come as soon as the derivation ends, so this ratio can
                # fall to zero or below; the start is then bound by the derivation alone
                figures.append(
                    figure(
                        f"start-up, {label} without the key derivation / bare window",
                        (app_s - kdf) / bare_s,
                        "x",
                        STARTUP_GOAL if name == "app" else None,
                        note=f"key derivation {kdf * 1000:.0f} ms"
                        + (", overlapping Qt's loading" if app_s < kdf + bare_s else ""),
                    )
                )
    return figures


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


_BARE_MEMORY = """
import sys
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 900)
window.show()
QTest.qWaitForWindowExposed(window)
app.processEvents()
print("{}", flush=True)
"""


def _peak_rss_mb(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, str]:
    """Peak resident memory (MB) of a child process and its last line of output."""
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed ({proc.returncode})")
    return usage.ru_maxrss / 1024, output.strip().splitlines()[-1]  # KB on Linux


def _memory(
    journal_path: Path, env: dict[str, str], runs: int, before: Path | None = None
) -> list[dict[str, Any]]:
    """Issue 18's memory scenario: the app opens the benchmark journal, 50 accounts are
    selected in turn (each painted), then the portfolio dashboard is opened and filled;
    the peak RSS of that process, beside a bare QMainWindow's (by turns, medians)."""
    app = [sys.executable, "-m", "tests.benchmarks.bench_gui", "--memory", str(journal_path)]
    bare = [sys.executable, "-c", _BARE_MEMORY]
    app_mb: list[float] = []
    bare_mb: list[float] = []
    before_mb: list[float] = []
    accounts = 0
    if before is not None:  # the same scenario, run with the app as it was
        shutil.copytree(
            Path(__file__).parent,
            before / "tests" / "benchmarks",
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".cache", "__pycache__"),
        )
    for _ in range(runs):
        bare_mb.append(_peak_rss_mb(bare, env)[0])
        peak, line = _peak_rss_mb(app, env)
        app_mb.append(peak)
        accounts = json.loads(line)["accounts"]
        if before is not None:
            before_mb.append(_peak_rss_mb(app, env, cwd=before)[0])
    app_m, bare_m = statistics.median(app_mb), statistics.median(bare_mb)
    extra = []
    if before_mb:
        before_m = statistics.median(before_mb)
        extra = [
            figure("peak memory, app before", before_m, "MB", None),
            figure("peak memory, app before / bare window", before_m / bare_m, "x", None),
        ]
    return extra + [
        figure(f"peak memory: journal, {accounts} accounts selected, dashboard", app_m, "MB", 250),
        figure("peak memory of a bare QMainWindow", bare_m, "MB", None),
        figure("peak memory, app / bare window", app_m / bare_m, "x", None),
    ]


def _measure_memory(journal_path: Path) -> dict[str, Any]:
    """In the child: the memory scenario on the real main window (reminder and
    read-ahead started as at start-up)."""
    import datetime as dt

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from reljournal.journal.opening import unlock
    from reljournal.ui import qt_compat  # noqa: F401
    from reljournal.ui.settings import Settings
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    journal = unlock(journal_path, passphrase=PASSPHRASE)
    runner = TaskRunner(journal)
    settings = Settings(Path(tempfile.mkdtemp()) / "settings.ini")
    window = MainWindow(journal, runner, settings, today=dt.date.today())
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.attach_review_later(start=True)
    model = window.accounts.model
    step = max(1, model.rowCount() // 50)
    chosen = [model.account_at(r).id for r in range(0, model.rowCount(), step)][:50]
    for account_id in chosen:
        window.accounts.select_account(account_id)
        window.account_view.repaint()
        app.processEvents()
    hub = window.review
    shown: list[bool] = []
    hub.dashboard.portfolio_shown.connect(lambda: shown.append(True))
    hub.toggle_dashboard()
    deadline = time.monotonic() + 120
    while not shown and time.monotonic() < deadline:
        QTest.qWait(20)
    if not shown:
        raise RuntimeError("the dashboard did not fill in 120 s")
    hub.dashboard.repaint()
    app.processEvents()
    window.close()
    runner.shutdown()
    journal.close()
    return {"accounts": len(chosen)}


def run(
    journal_path: Path, quick: bool, before: Path | None = None, frozen: Path | None = None
) -> list[dict[str, Any]]:
    """All the figures; ``before`` (a checkout of the app as it was, or the environment's
    ``RELJOURNAL_BENCH_BEFORE``) adds its start-up to the same interleaved runs."""
    if before is None and os.environ.get("RELJOURNAL_BENCH_BEFORE"):
        before = Path(os.environ["RELJOURNAL_BENCH_BEFORE"])
    journal_path = _private_copy(journal_path)
    env = bench_env()
    env["RELJOURNAL_CONFIG_DIR"] = tempfile.mkdtemp(prefix="reljournal-bench-config-")
    env["RELJOURNAL_DATA_DIR"] = tempfile.mkdtemp(prefix="reljournal-bench-data-")
    runs = 5 if quick else 7
    with _display() as display:
        env.update(display)
        figures = _startup(journal_path, env, runs=runs, before=before, frozen=frozen)
        if os.environ.get("RELJOURNAL_BENCH_STARTUP_ONLY") != "1":
            figures += _memory(journal_path, env, runs=5, before=before)
            figures += _interactive(journal_path, env)
    return figures


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--interactive"]:
        print(json.dumps(_measure_interactive(Path(args[1]))), flush=True)
        return 0
    if args[:1] == ["--memory"]:
        print(json.dumps(_measure_memory(Path(args[1]))), flush=True)
        return 0
    import argparse

    from tests.benchmarks.common import benchmark_journal

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", nargs="?", type=Path, help="default: the benchmark journal")
    parser.add_argument("--quick", action="store_true", help="the small benchmark journal")
    parser.add_argument("--before", type=Path, help="a checkout of the app as it was")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up")
    parser.add_argument("--frozen", type=Path, help="also the frozen app (its executable)")
    parsed = parser.parse_args(args)
    if parsed.startup_only:
        os.environ["RELJOURNAL_BENCH_STARTUP_ONLY"] = "1"
    journal = parsed.journal or benchmark_journal(parsed.quick)
    for f in run(journal, parsed.quick, parsed.before, parsed.frozen):
        goal = "" if f["goal"] is None else f"goal {f['goal']} {f['unit']}"
        mark = {True: "ok", False: "MISSED", None: ""}[f["ok"]]
        note = f"  {f['note']}" if f["note"] else ""
        print(f"  {f['name']:<62} {f['value']:>10} {f['unit']:<3} {goal:<16} {mark}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
