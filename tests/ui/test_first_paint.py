"""Issue 18: the app's first paint before its journal is opened — the window's frame
with the first screenful of accounts read without the journal layer — then the journal
given to it once it is on screen, ending exactly as a window made with its journal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reljournal.journal.quick_start import FirstScreen
from reljournal.store.accounts import create_account
from reljournal.store.key_values import JournalKey
from reljournal.ui import settings as S
from reljournal.ui.windows.main_window import MainWindow
from tests.helpers.facade import facade
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

ROOT = Path(__file__).parents[2]
GOLDEN = ROOT / "tests" / "data" / "interchange" / "full.json"
ACCOUNTS = 45
FIRST = 12


@pytest.fixture
def many(db: Any) -> list[int]:
    return [create_account(db, f"Account {n:02d}", "Retail") for n in range(ACCOUNTS)]


def _shot(widget: Any, name: str) -> None:
    """A screenshot to look at, when RELJOURNAL_SCREENS_DIR names a folder."""
    folder = os.environ.get("RELJOURNAL_SCREENS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _first(journal: Any) -> FirstScreen:
    j = facade(journal)
    return FirstScreen(
        j.path, False, j.account_summaries(TODAY, limit=FIRST), ACCOUNTS, JournalKey(raw=b"k" * 32)
    )


def test_the_frame_shows_the_first_accounts_then_takes_its_journal(
    qtbot: Any, journal: Any, many: list[int], sync_runner: Any, tmp_path: Path
) -> None:
    settings = S.Settings(tmp_path / "s.ini")
    settings.set_last_account(facade(journal).path, many[3])
    window = MainWindow(None, None, settings, today=TODAY, first=_first(journal))
    qtbot.addWidget(window)
    window.resize(900, 600)
    assert not window.attached
    assert window.windowTitle().endswith(facade(journal).path.name)
    pane = window.accounts
    assert pane.model.rowCount() == FIRST
    assert pane.count.text() == f"{ACCOUNTS} accounts"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Journal", "&Edit", "&Account", "&View", "&Help"]  # no shift later
    window.show()
    qtbot.waitExposed(window)
    _shot(window, "first-paint-frame")
    window.attach(facade(journal), sync_runner)
    assert window.attached
    assert window.splitter.widget(1) is window.account_view
    assert window.account_view.title.text() == "Account 03"  # the account open last time
    assert pane.model.rowCount() == FIRST  # the first paint's rows, kept
    window.finish_start()  # what the app calls next: the rest, the watch, the meetings
    assert pane.model.rowCount() == ACCOUNTS
    assert pane.current_account_id() == many[3]
    assert window.watch is not None
    qtbot.wait(50)
    _shot(window, "first-paint-attached")
    reference = MainWindow(facade(journal), sync_runner, settings, today=TODAY)
    qtbot.addWidget(reference)
    assert reference.windowTitle() == window.windowTitle()
    assert [a.text() for a in reference.menuBar().actions()] == [
        a.text() for a in window.menuBar().actions()
    ]
    for menu_index, action in enumerate(reference.menuBar().actions()):
        theirs = window.menuBar().actions()[menu_index].menu()
        assert [a.text() for a in action.menu().actions()] == [a.text() for a in theirs.actions()]


def test_closed_before_its_journal_came(
    qtbot: Any, journal: Any, many: list[int], tmp_path: Path
) -> None:
    """The window closed at once (the journal then failed to open, or the user quit):
    it closes cleanly and keeps its size for next time."""
    settings = S.Settings(tmp_path / "s.ini")
    window = MainWindow(None, None, settings, today=TODAY, first=_first(journal))
    qtbot.addWidget(window)
    window.resize(820, 610)
    window.show()
    qtbot.waitExposed(window)
    assert window.close()
    assert not settings.get(S.WINDOW_GEOMETRY).isEmpty()


# --- the app itself, with a real keychain ---------------------------------------------------
_AT_FIRST_PAINT = """
import json, sys
import reljournal.app as A
mark = A._mark
def dump(name):
    mark(name)
    if name == "main window on screen":
        with open(sys.argv[1], "w") as out:
            json.dump(sorted(sys.modules), out)
A._mark = dump
from reljournal.launcher import main
sys.exit(main(sys.argv[2:]))
"""


def app(env: dict[str, str], args: list[str], modules: Path) -> subprocess.CompletedProcess[str]:
    """The app under xcb, quitting once its window is on screen; ``modules``: what it had
    loaded then."""
    return subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c",
         _AT_FIRST_PAINT, str(modules), *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("mode", ["keychain", "passphrase", "opened last", "make run demo"])
def test_the_app_paints_before_loading_the_journal_layer(tmp_path: Path, mode: str) -> None:
    """A keychain journal (or a passphrase one, the passphrase given by the environment
    as automation does; or one not named, known from the settings as the journal opened
    last): the window is on screen with its accounts before sqlite-utils, keyring or the
    journal layer are loaded, then gets its journal (late parts and all)."""
    from tests.benchmarks import keychain

    if not keychain.available() or shutil.which("xvfb-run") is None:
        pytest.skip("needs dbus-daemon, gnome-keyring-daemon and xvfb-run")
    passphrase = "first paint with a passphrase, 2026"
    with keychain.secret_service() as bus:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELJOURNAL_")}
        env.pop("PYTHON_KEYRING_BACKEND", None)
        env.update(bus)
        env["RELJOURNAL_DATA_DIR"] = str(tmp_path / "data")
        env["RELJOURNAL_CONFIG_DIR"] = str(tmp_path / "config")
        if mode in ("passphrase", "make run demo"):
            env["RELJOURNAL_NO_KEYCHAIN"] = "1"
            env["RELJOURNAL_PASSPHRASE"] = passphrase
        path = tmp_path / "journal.db"

        def cli(*args: str) -> None:
            done = subprocess.run(
                [sys.executable, "-m", "reljournal", *args, "--db", str(path)],
                env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 0, done.stdout + done.stderr

        if mode != "make run demo":
            cli("init")
            cli("import", str(GOLDEN))
        modules = tmp_path / "modules.json"
        app_env = dict(env, QT_QPA_PLATFORM="xcb", RELJOURNAL_EXIT_WHEN_SHOWN="1")
        named = ["--db", str(path)]
        if mode == "opened last":  # opened once by name; then started with no journal named
            app(app_env, named, modules)
            (tmp_path / "data" / "logs" / "reljournal.log").unlink()
            named = []
        if mode == "make run demo":  # the demo made by a first start, in its own file
            app(app_env, ["--demo-if-new"], modules)
            (tmp_path / "data" / "logs" / "reljournal.log").unlink()
            (tmp_path / "config" / "settings.ini").unlink()  # as if that start was killed
            named = ["--demo-if-new"]
        done = app(app_env, named, modules)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = "30" if mode == "make run demo" else "3"  # the demo's, the golden document's
    assert f"RELJOURNAL_MAIN_WINDOW_SHOWN {shown}\n" in done.stdout
    log = (tmp_path / "data" / "logs" / "reljournal.log").read_text()
    timeline = next(line for line in log.splitlines() if "start-up timeline" in line)
    assert "first screen read " in timeline and "journal attached" in log
    assert passphrase not in log
    loaded = set(json.loads(modules.read_text()))
    for heavy in (
        "sqlite_utils",
        "keyring",
        "secretstorage",
        "reljournal.journal.facade",
        "reljournal.store.database",
        "reljournal.ui.windows.account_view",
    ):
        assert heavy not in loaded, f"{heavy} was loaded before the first paint"
    assert "reljournal.ui.windows.accounts_pane" in loaded
