"""Journal → Protect memory (slower) (issue 17): SQLCipher's memory security, off by
default for speed, chosen in the app and applied at the next start. (That the store turns
it on when asked is tests/store/test_database.py's memory-security test, run in a process
of its own: once on, it stays on for the process.)"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from reljournal.store.connecting import ENV_MEMORY_SECURITY as STORE_ENV
from reljournal.ui import settings as S
from reljournal.ui.windows import memory_protection as mp

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


def test_the_app_and_the_store_name_the_same_switch() -> None:
    assert mp.ENV_MEMORY_SECURITY == STORE_ENV


def test_the_setting_turns_it_on_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # (set first, so that the test's end puts the environment back as it was: a switch
    # left on would turn memory security on for every later test of this process)
    monkeypatch.setenv(mp.ENV_MEMORY_SECURITY, "")
    monkeypatch.delenv(mp.ENV_MEMORY_SECURITY)
    assert mp.apply_at_start(False) is False
    assert mp.ENV_MEMORY_SECURITY not in os.environ
    assert mp.apply_at_start(True) is True
    assert os.environ[mp.ENV_MEMORY_SECURITY] == "1"


def test_off_by_default(settings: S.Settings) -> None:
    assert settings.get(S.MEMORY_PROTECTION) is False


def test_the_menu_item_keeps_the_choice_and_says_when_it_applies(
    qtbot: Any, window: Any, settings: S.Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    menu = window.menus.file_menu
    item = mp.MemoryProtectionAction(
        window,
        menu,
        window.menus.quit,
        wanted=False,
        active=False,
        on_changed=lambda on: settings.set(S.MEMORY_PROTECTION, on),
    )
    assert item.action in menu.actions()
    if os.environ.get("RELJOURNAL_SCREENSHOTS"):
        menu.popup(window.mapToGlobal(window.rect().topLeft()))
        qtbot.waitExposed(menu)
        menu.grab().save(str(Path(os.environ["RELJOURNAL_SCREENSHOTS"]) / "journal-menu.png"))
        menu.hide()
    assert item.action.isCheckable() and not item.action.isChecked()
    item.action.trigger()  # the rep ticks it
    assert settings.get(S.MEMORY_PROTECTION) is True
    assert "next time" in said[-1] and "slower" in said[-1]
    item.action.trigger()  # and unticks it before restarting: nothing changes then
    assert settings.get(S.MEMORY_PROTECTION) is False
    assert said[-1] == "Memory protection stays as it is now."
