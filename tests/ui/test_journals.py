"""Journals: New journal…, Open journal…, recent journals, the open journal's name in the
title; the demo lives in its own file, marked as a demo, never in the user's journal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from reljournal.journal import opening
from reljournal.store.opening import create_journal
from reljournal.ui import startup
from reljournal.ui.dialogs.welcome import CHOICE_DEMO, CHOICE_EMPTY

PASSPHRASE = "journals test passphrase"


def test_the_title_names_the_open_journal(window: Any) -> None:
    assert window.journal.path.name in window.windowTitle()
    assert "demo" not in window.windowTitle()


def test_a_demo_journal_says_so_in_the_title(
    qtbot: Any, tmp_path: Path, no_keychain: Any, settings: Any
) -> None:
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    path = tmp_path / "demo.db"
    opening.create_demo(
        path, accounts=2, entries=4, seed=1,
        create_journal=lambda p: opening.create(p, passphrase=PASSPHRASE),
        open_existing=lambda: opening.unlock(path, passphrase=PASSPHRASE),
    )  # fmt: skip
    journal = opening.unlock(path, passphrase=PASSPHRASE)
    try:
        assert journal.is_demo()
        runner = TaskRunner(journal, synchronous=True)
        win = MainWindow(journal, runner, settings)
        qtbot.addWidget(win)
        assert "demo.db" in win.windowTitle() and "demo journal" in win.windowTitle()
        win.close()
        runner.deleteLater()
    finally:
        journal.close()


def test_a_new_empty_journal_is_not_a_demo(journal: Any) -> None:
    from tests.helpers.facade import facade

    assert not facade(journal).is_demo()


def test_the_welcomes_demo_goes_into_its_own_file(
    tmp_path: Path, no_keychain: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(startup, "DEMO_ACCOUNTS", 2)
    real, demo = tmp_path / "journal.db", tmp_path / "demo.db"
    journal = startup.open_or_create(real, choice=CHOICE_DEMO, demo_path=demo, settings=settings)
    assert journal is not None
    try:
        assert journal.path == demo and journal.is_demo()
        assert not real.exists()  # the user's journal is not made, let alone filled
        assert settings.recent_journals()[0] == demo.resolve()
    finally:
        journal.close()
    again = startup.open_or_create(real, choice=CHOICE_DEMO, demo_path=demo, settings=settings)
    assert again is not None and again.path == demo  # opened, not made twice
    again.close()
    empty = startup.open_or_create(real, choice=CHOICE_EMPTY, demo_path=demo, settings=settings)
    assert empty is not None and empty.path == real and not empty.is_demo()
    assert empty.account_names() == []
    empty.close()


@pytest.mark.parametrize("flag", [["--demo-if-new"]])
def test_make_run_opens_the_demo_in_its_own_file_where_there_is_no_journal(
    tmp_path: Path, flag: list[str]
) -> None:
    """The README's run command (``reljournal --demo-if-new``) on a fresh machine."""
    data = tmp_path / "data"
    env = dict(
        os.environ,
        RELJOURNAL_DATA_DIR=str(data),
        RELJOURNAL_CONFIG_DIR=str(tmp_path / "config"),
        RELJOURNAL_NO_KEYCHAIN="1",
        RELJOURNAL_PASSPHRASE=PASSPHRASE,
        RELJOURNAL_EXIT_WHEN_SHOWN="1",
    )
    env.pop("RELJOURNAL_DB", None)
    for _run in range(2):  # the second start opens the same demo, and makes nothing else
        done = subprocess.run(
            [sys.executable, "-m", "reljournal", *flag],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        assert "RELJOURNAL_MAIN_WINDOW_SHOWN 30" in done.stdout
    # a plain start (no flag) opens the journal used last: the demo, not a welcome
    done = subprocess.run(
        [sys.executable, "-m", "reljournal"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "RELJOURNAL_MAIN_WINDOW_SHOWN 30" in done.stdout
    assert not (data / "journal.db").exists()
    demo = opening.unlock(data / "demo.db", passphrase=PASSPHRASE)
    try:
        assert demo.is_demo() and len(demo.account_names()) == 30
    finally:
        demo.close()


def test_an_existing_journal_is_opened_not_replaced_by_the_demo(
    tmp_path: Path, no_keychain: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", PASSPHRASE)
    real = tmp_path / "journal.db"
    create_journal(real, passphrase=PASSPHRASE).close()
    journal = startup.open_or_create(
        real, demo_if_new=True, demo_path=tmp_path / "demo.db", settings=settings
    )
    assert journal is not None and journal.path == real and not journal.is_demo()
    journal.close()
    assert not (tmp_path / "demo.db").exists()


def test_open_journal_switches_to_the_chosen_file(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), ""))
    )
    window.journals.open_journal.trigger()
    assert window.pending_switch == (other, None)
    assert not window.isVisible()


def test_new_journal_makes_an_empty_one_and_never_replaces_a_file(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modal: Any
) -> None:
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"precious")
    answers = iter([str(taken), str(tmp_path / "mine")])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(answers), ""))
    )
    said: list[str] = []

    def close_notice(widget: QWidget) -> bool:
        said.append(getattr(widget, "text", lambda: "")())
        widget.close()
        return True

    modal.then(close_notice)
    window.journals.new_journal.trigger()
    assert modal.done and "never overwrites" in said[0]
    assert window.pending_switch is None and taken.read_bytes() == b"precious"
    window.journals.new_journal.trigger()
    assert window.pending_switch == (tmp_path / "mine.db", CHOICE_EMPTY)


def test_recent_journals_are_listed_and_open(window: Any, tmp_path: Path, settings: Any) -> None:
    older = tmp_path / "older.db"
    older.write_bytes(b"")
    settings.add_recent_journal(older)
    settings.add_recent_journal(window.journal.path)
    menu = window.journals.recent_menu
    menu.aboutToShow.emit()
    actions = [a for a in menu.actions() if a.isEnabled()]
    assert [a.toolTip() for a in actions] == [str(older.resolve())]  # not the open one
    actions[0].trigger()
    assert window.pending_switch == (older.resolve(), None)


def test_the_journal_menu_offers_the_journal_actions(window: Any) -> None:
    texts = [a.text().replace("&", "") for a in window.menus.file_menu.actions()]
    assert texts[:2] == ["New journal…", "Open journal…"]
    assert "Recent journals" in texts and "Open the demo journal" in texts
