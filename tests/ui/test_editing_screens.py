"""The editing forms and menus on a demo journal at 1280×800 and 1920×1080, light and
dark: every form fits the smaller screen with its labels and fields whole. With
RELJOURNAL_SCREENS_DIR set, each view is saved there as a PNG to look at."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from reljournal.core.formats.interchange import parse_document
from reljournal.ui.dialogs.record_dialogs import (
    AccountDialog,
    MergeDialog,
    OverrideDialog,
    PersonDialog,
)
from reljournal.ui.theme import apply_theme
from tests.helpers.facade import facade

pytestmark = pytest.mark.usefixtures("no_qt_warnings")
TODAY = dt.date(2026, 12, 6)


def _save(widget: QWidget, name: str) -> None:
    folder = os.environ.get("RELJOURNAL_SCREENS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _fits(form: QWidget, screen: tuple[int, int]) -> None:
    hint = form.sizeHint()
    assert hint.width() <= screen[0] and hint.height() <= screen[1], (hint, screen)
    for label in form.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap() and label.text():
            assert label.width() >= label.sizeHint().width() - 1, label.text()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_editing_views(
    qtbot: Any, journal: Any, sync_runner: Any, settings: Any, theme: str, size: Any
) -> None:
    from reljournal.demo.generator import build_demo_document
    from reljournal.ui.windows.main_window import MainWindow

    j = facade(journal)
    j.import_document(parse_document(build_demo_document(accounts=12, seed=3, today=TODAY)))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        window = MainWindow(j, sync_runner, settings, today=TODAY)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        tag = f"{size[0]}x{size[1]}-{theme}"
        first = window.accounts.model.account_at(0)
        window.accounts.select_account(first.id)
        view = window.account_view
        view.tabs.setCurrentWidget(view.people_view)
        view.people_view.setCurrentIndex(view.people.index(0, 0))
        editing = window.record_editing
        editing.update_actions()
        _save(window, f"window-{tag}")
        # the Account menu and a context menu, over the window
        menu = editing.menu
        menu.popup(window.mapToGlobal(QPoint(200, 30)))
        qtbot.waitUntil(menu.isVisible)
        _save(menu, f"account-menu-{tag}")
        menu.hide()
        people_menu = QMenu(window)
        editing._people_menu(people_menu, view.people.index(0, 0))
        people_menu.popup(view.people_view.mapToGlobal(QPoint(40, 40)))
        qtbot.waitUntil(people_menu.isVisible)
        _save(people_menu, f"people-menu-{tag}")
        people_menu.hide()
        names = j.account_names()
        person = view.people.row_at(0)
        forms: list[tuple[str, QWidget]] = [
            ("account", AccountDialog(j.account(first.id), window)),
            ("override", OverrideDialog(first.name, first.computed_label, None, window)),
            ("merge", MergeDialog(first.name, names[1:], window)),
            ("person", PersonDialog("Edit", names, person, parent=window)),
        ]
        for name, form in forms:
            form.show()
            qtbot.waitExposed(form)
            if isinstance(form, PersonDialog):
                form.say("“x@” is not an email address.")  # the problem line, shown
            _fits(form, size)
            _save(form, f"form-{name}-{tag}")
            form.close()
        entry = window.open_quick_entry()
        qtbot.waitExposed(entry)
        entry.attendees.set_names([p.name for p in j.people(first.id)])
        entry.attendees.setFocus()
        entry.attendees.setText("")
        qtbot.keyClicks(entry.attendees, person.name[:2])
        _save(entry, f"quick-entry-people-{tag}")
        entry.keep_draft_and_close()
    finally:
        apply_theme(app, "light")
