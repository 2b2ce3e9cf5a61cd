"""Window state restored at start, themes, errors in the user's words, keyboard reach."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reljournal.core.errors import ValidationError
from reljournal.ui import settings as S
from reljournal.ui import theme
from reljournal.ui.errors import UnexpectedErrorDialog, excepthook, show_error
from reljournal.ui.windows.main_window import MainWindow
from tests.helpers.facade import facade
from tests.ui.conftest import TODAY, Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

CTRL = Qt.KeyboardModifier.ControlModifier


def test_geometry_splitters_and_last_account_come_back(
    qtbot: Any, journal: Any, seeded: Seed, sync_runner: Any, tmp_path: Path
) -> None:
    settings = S.Settings(tmp_path / "s.ini")
    first = MainWindow(facade(journal), sync_runner, settings, today=TODAY)
    qtbot.addWidget(first)
    first.resize(760, 540)  # within the offscreen 800x600 screen
    first.show()
    qtbot.waitExposed(first)
    first.accounts.select_account(seeded.globex)
    first.splitter.setSizes([300, 460])
    first.close()
    again = MainWindow(facade(journal), sync_runner, S.Settings(tmp_path / "s.ini"), today=TODAY)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size().width() == 760
    assert again.splitter.sizes()[0] == 300
    assert again.accounts.current_account_id() == seeded.globex
    assert again.account_view.title.text() == "Globex Corporation"


def test_settings_are_typed_and_tolerate_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text("[appearance]\ntheme=1\n[meta]\nversion=oops\n", encoding="utf-8")
    settings = S.Settings(path)
    assert settings.get(S.THEME) == "1"  # read as text; unknown themes fall back later
    assert settings.get(S.WINDOW_GEOMETRY).isEmpty()
    settings.set_last_account(tmp_path / "j.db", 7)
    assert settings.last_account(tmp_path / "j.db") == 7
    assert settings.last_account(tmp_path / "other.db") is None
    assert "passphrase" not in path.read_text(encoding="utf-8")


def test_theme_follows_the_override(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(theme.ENV_THEME, "dark")
    assert theme.apply_theme(qapp, "light") == "dark"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    monkeypatch.delenv(theme.ENV_THEME)
    assert theme.apply_theme(qapp, "light") == "light"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert theme.resolve_theme("system") in ("light", "dark")


def test_every_action_shows_its_shortcut(window: Any) -> None:
    for action in (
        window.menus.new,
        window.menus.edit,
        window.menus.delete,
        window.menus.find,
        window.menus.team,
        window.menus.quit,
        window.menus.undo,
        window.menus.redo,
    ):
        shortcut = action.shortcut().toString()
        assert shortcut and shortcut in action.toolTip(), action.text()


def test_ctrl_f_filters_and_enter_opens(qtbot: Any, window: Any, seeded: Seed) -> None:
    window.accounts.select_team()
    assert window.account_view.team
    assert window.account_view.timeline.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.accounts.filter
    qtbot.keyClicks(window.accounts.filter, "glob")
    assert window.accounts.model.rowCount() == 1
    assert window.accounts.count.text() == "1 of 2 accounts"
    qtbot.keyClick(window.accounts.filter, Qt.Key.Key_Return)
    assert window.accounts.current_account_id() == seeded.globex
    assert QApplication.focusWidget() is window.accounts.view


def test_known_errors_are_short_and_unexpected_ones_copyable(
    qtbot: Any, modal: Any, caplog: Any
) -> None:
    texts: list[str] = []

    def read_and_close(widget: QWidget) -> bool:
        texts.append(widget.text() if isinstance(widget, QMessageBox) else "")
        widget.close()
        return True

    modal.then(read_and_close)
    show_error(None, ValidationError("That date is in the wrong format."))
    assert texts == ["That date is in the wrong format."]

    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        error = exc
    copied: list[str] = []

    def copy_and_close(widget: QWidget) -> bool:
        assert isinstance(widget, UnexpectedErrorDialog)
        widget.copy_button.click()
        copied.append(QGuiApplication.clipboard().text())
        widget.close()
        return True

    modal.then(copy_and_close)
    with caplog.at_level(logging.ERROR):
        excepthook(RuntimeError, error, error.__traceback__)
    assert modal.done
    assert "RuntimeError: boom" in copied[0] and "Traceback" in copied[0]
    assert any("boom" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_brief_search_hits_and_people_lead_to_the_journal(
    qtbot: Any, window: Any, seeded: Seed
) -> None:
    window.accounts.select_account(seeded.acme)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.account_view.brief_shown
    assert window.review.brief.account_id == seeded.acme
    window.accounts.select_account(seeded.globex)  # the shown brief follows the selection
    assert window.review.brief.account_id == seeded.globex
    window.review.entry_requested.emit(seeded.entries[0])  # a quote in a brief, a search hit
    assert window.accounts.current_account_id() == seeded.acme
    assert not window.account_view.brief_shown
    assert window.account_view.current_entry_id() == seeded.entries[0]
    window.show_person(seeded.dana)
    assert window.account_view.tabs.currentWidget() is window.account_view.people_view
    window.accounts.select_team()
    assert not window.account_view.pages.isTabVisible(1)  # no brief for the team
