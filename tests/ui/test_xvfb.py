"""The real app under Xvfb with the xcb platform (offscreen hides platform-plugin and
focus problems): the main window appears, a second start brings it forward, and
SIGTERM closes it cleanly."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reljournal.app import SHOWN_MARKER
from reljournal.store.accounts import create_account
from reljournal.store.opening import create_journal

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "xvfb test passphrase"


def _wait_for(log: Path, pattern: str, timeout: float = 40) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and (match := re.search(pattern, log.read_text(encoding="utf-8"))):
            return match
        time.sleep(0.1)
    text = log.read_text(encoding="utf-8") if log.exists() else "(no log)"
    raise AssertionError(f"{pattern!r} not logged in {timeout} s:\n{text[-3000:]}")


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (.ci/setup-system)")
def test_main_window_appears_under_xcb(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path, passphrase=PASSPHRASE)
    create_account(journal.db, "Acme Ltd")
    create_account(journal.db, "Globex")
    journal.close()
    data = tmp_path / "data"
    env = dict(
        os.environ,
        RELJOURNAL_PASSPHRASE=PASSPHRASE,
        RELJOURNAL_NO_KEYCHAIN="1",
        RELJOURNAL_DATA_DIR=str(data),
        RELJOURNAL_CONFIG_DIR=str(tmp_path / "config"),
        QT_QPA_PLATFORM="xcb",
    )
    log = data / "logs" / "reljournal.log"
    command = [sys.executable, "-m", "reljournal", "--db", str(path)]
    first = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # xvfb-run, Xvfb and the app: one group to clean up
    )
    try:
        shown = _wait_for(log, SHOWN_MARKER + r": (\d+) accounts, (\w+) platform, pid (\d+)")
        assert shown.group(1) == "2" and shown.group(2) == "xcb"
        pid = int(shown.group(3))
        _wait_for(log, "review features ready")  # made once the window is on screen
        second = subprocess.run(
            command,
            cwd=ROOT,
            env=dict(env, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stdout
        _wait_for(log, "asked this window to come forward")
        os.kill(pid, signal.SIGTERM)
        output, _ = first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert first.returncode == 0, output
    _wait_for(log, "quit with code 0")
    assert "Traceback" not in log.read_text(encoding="utf-8")


_FAILING_START = """
import sys
from reljournal.ui.windows import main_window
def broken(*args, **kwargs):
    raise RuntimeError("a bug while building the window")
main_window.MainWindow.__init__ = broken
from reljournal.launcher import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_a_failed_start_is_logged_and_the_process_ends(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    create_journal(path, passphrase=PASSPHRASE).close()
    data = tmp_path / "data"
    env = dict(
        os.environ,
        RELJOURNAL_PASSPHRASE=PASSPHRASE,
        RELJOURNAL_NO_KEYCHAIN="1",
        RELJOURNAL_DATA_DIR=str(data),
        RELJOURNAL_CONFIG_DIR=str(tmp_path / "config"),
        RELJOURNAL_EXIT_WHEN_SHOWN="1",  # no dialog to wait for
        QT_QPA_PLATFORM="offscreen",
    )
    done = subprocess.run(
        [sys.executable, "-c", _FAILING_START, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,  # a worker thread left running would keep the process alive
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    text = (data / "logs" / "reljournal.log").read_text(encoding="utf-8")
    assert "unexpected error in start-up" in text and "a bug while building" in text
