"""The main window's actions, menus and toolbar: every action has a shortcut, shown in
its menu and in its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from reljournal.ui import settings as S
from reljournal.ui.theme import THEMES


def make_action(
    window: QMainWindow,
    text: str,
    keys: str | QKeySequence.StandardKey,
    tip: str,
    slot: Callable[[], object],
    icon: QStyle.StandardPixmap | None = None,
) -> QAction:
    action = QAction(text, window)
    if isinstance(keys, QKeySequence.StandardKey):
        action.setShortcuts(keys)  # every platform binding, not only the first
    else:
        action.setShortcut(QKeySequence(keys))
    sequence = action.shortcut()
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: Any) -> None:
    """The window's actions (each with its shortcut in menu and tooltip), menus, toolbar."""
    px = QStyle.StandardPixmap
    window.new_action = make_action(
        window,
        window.tr("&New entry…"),
        "Ctrl+N",
        window.tr("Write an entry after a meeting or call"),
        window.open_quick_entry,
        px.SP_FileIcon,
    )
    window.edit_action = make_action(
        window,
        window.tr("&Edit entry…"),
        "Ctrl+E",
        window.tr("Edit the selected entry"),
        window.edit_selected_entry,
        px.SP_FileDialogDetailedView,
    )
    window.delete_action = make_action(
        window,
        window.tr("&Delete entry"),
        QKeySequence.StandardKey.Delete,
        window.tr("Delete the selected entry (Ctrl+Z brings it back)"),
        window.delete_selected_entry,
        px.SP_TrashIcon,
    )
    window.undo_action = _undo_action(
        window,
        window.edits.stack.createUndoAction(window, window.tr("&Undo")),
        QKeySequence.StandardKey.Undo,
        px.SP_ArrowBack,
    )
    window.redo_action = _undo_action(
        window,
        window.edits.stack.createRedoAction(window, window.tr("&Redo")),
        QKeySequence.StandardKey.Redo,
        px.SP_ArrowForward,
    )
    window.find_action = make_action(
        window,
        window.tr("&Find account"),
        "Ctrl+F",
        window.tr("Filter the account list"),
        window.accounts.focus_filter,
    )
    window.team_action = make_action(
        window,
        window.tr("&Team && partners"),
        "Ctrl+T",
        window.tr("Show your internal team's and partners' entries"),
        window.accounts.select_team,
    )
    window.timeline_action = make_action(
        window,
        window.tr("Go to &timeline"),
        "Ctrl+1",
        window.tr("Move to the selected account's entries"),
        window.focus_timeline,
    )
    window.brief_action = make_action(
        window,
        window.tr("Show the &brief"),
        "Ctrl+2",
        window.tr("The account's brief: its class with the evidence, promises, people"),
        window.show_brief,
    )
    window.refresh_action = make_action(
        window,
        window.tr("&Reload"),
        QKeySequence.StandardKey.Refresh,
        window.tr("Read the journal again"),
        window.reload_all,
    )
    window.quit_action = make_action(
        window,
        window.tr("&Quit"),
        "Ctrl+Q",
        window.tr("Quit (a half-written entry is kept as a draft)"),
        window.close,
    )
    window.about_action = make_action(
        window,
        window.tr("&About RelJournal"),
        "F1",
        window.tr("Version, journal and log file"),
        window.show_about,
    )
    window.edits.stack.indexChanged.connect(window.update_undo_tips)
    window.edits.stack.cleanChanged.connect(window.update_undo_tips)
    window.update_undo_tips()
    menu = window.menuBar()
    file_menu = menu.addMenu(window.tr("&Journal"))
    file_menu.addActions([window.new_action, window.edit_action, window.delete_action])
    window.review_file_anchor = file_menu.addSeparator()  # the review's exports go here
    file_menu.addAction(window.quit_action)
    edit_menu = menu.addMenu(window.tr("&Edit"))
    edit_menu.addActions([window.undo_action, window.redo_action])
    view_menu = menu.addMenu(window.tr("&View"))
    view_menu.addActions(
        [window.find_action, window.team_action, window.timeline_action, window.brief_action]
    )
    window.review_view_anchor = view_menu.addSeparator()  # search, dashboard, Due go here
    view_menu.addAction(window.refresh_action)
    _build_theme_menu(window, view_menu.addMenu(window.tr("T&heme")))
    window.file_menu, window.view_menu = file_menu, view_menu
    menu.addMenu(window.tr("&Help")).addAction(window.about_action)
    toolbar = QToolBar(window.tr("Main"))
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    toolbar.addActions([window.new_action, window.edit_action, window.delete_action])
    toolbar.addSeparator()
    toolbar.addActions([window.undo_action, window.redo_action])
    window.addToolBar(toolbar)


def _undo_action(
    window: QMainWindow,
    action: QAction,
    keys: QKeySequence.StandardKey,
    icon: QStyle.StandardPixmap,
) -> QAction:
    action.setShortcuts(keys)
    action.setIcon(window.style().standardIcon(icon))
    window.addAction(action)
    return action


def _build_theme_menu(window: Any, menu: QMenu) -> None:
    group = QActionGroup(window)
    names = {
        "system": window.tr("Follow the &system"),
        "light": window.tr("&Light"),
        "dark": window.tr("&Dark"),
    }
    current = window.settings.get(S.THEME)
    for choice in THEMES:
        action = QAction(names[choice], window, checkable=True)
        action.setChecked(choice == current)
        action.triggered.connect(lambda _c=False, c=choice: _on_theme_chosen(window, c))
        group.addAction(action)
        menu.addAction(action)


def _on_theme_chosen(window: Any, choice: str) -> None:
    window.settings.set(S.THEME, choice)
    if window.theme is not None:
        window.theme.set_choice(choice)
    window.account_view.refresh()
    window.accounts.view.viewport().update()


def add_review_actions(window: Any, hub: Any) -> None:
    """Put the review features' actions (made after the window) into its menus."""
    window.file_menu.insertActions(window.review_file_anchor, hub.file_actions)
    window.file_menu.insertSeparator(window.review_file_anchor)
    window.view_menu.insertActions(window.review_view_anchor, hub.view_actions)
    window.view_menu.insertSeparator(window.review_view_anchor)
    window.view_menu.addActions(hub.settings_actions)
