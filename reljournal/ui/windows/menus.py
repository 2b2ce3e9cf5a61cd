"""The main window's actions, menus and toolbar: every action has a shortcut, shown in
its menu and in its tooltip. ``MainActions`` is made by the window it serves and calls
back only what ``WindowCommands`` names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from reljournal.ui import keys as K
from reljournal.ui.theme import THEMES


class WindowCommands(Protocol):
    """What the main window's menus ask the window to do."""

    def open_quick_entry(self) -> object: ...
    def edit_selected_entry(self) -> None: ...
    def delete_selected_entry(self) -> None: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def focus_account_filter(self) -> None: ...
    def show_team(self) -> None: ...
    def focus_timeline(self) -> None: ...
    def show_brief(self) -> None: ...
    def reload_all(self) -> None: ...
    def quit(self) -> None: ...
    def show_about(self) -> None: ...
    def current_theme(self) -> str: ...
    def choose_theme(self, choice: str) -> None: ...


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


class MainActions(QObject):
    """The window's actions, its menu bar and its toolbar."""

    def __init__(self, window: QMainWindow, commands: WindowCommands) -> None:
        super().__init__(window)
        self._window = window
        px = QStyle.StandardPixmap
        tr = self.tr
        c = commands
        self.new = make_action(
            window, tr("&New entry…"), K.NEW_ENTRY,
            tr("Write an entry after a meeting or call"), c.open_quick_entry, px.SP_FileIcon,
        )  # fmt: skip
        self.edit = make_action(
            window, tr("&Edit entry…"), K.EDIT_ENTRY, tr("Edit the selected entry"),
            c.edit_selected_entry, px.SP_FileDialogDetailedView,
        )  # fmt: skip
        self.delete = make_action(
            window, tr("&Delete entry"), K.DELETE_ENTRY,
            tr("Delete the selected entry (Ctrl+Z brings it back)"),
            c.delete_selected_entry, px.SP_TrashIcon,
        )  # fmt: skip
        self.undo = make_action(
            window, tr("&Undo"), K.UNDO, tr("Undo the last change"), c.undo, px.SP_ArrowBack
        )
        self.redo = make_action(
            window, tr("&Redo"), K.REDO, tr("Make the undone change again"), c.redo,
            px.SP_ArrowForward,
        )  # fmt: skip
        self.find = make_action(
            window, tr("&Find account"), K.FIND_ACCOUNT, tr("Filter the account list"),
            c.focus_account_filter,
        )  # fmt: skip
        self.team = make_action(
            window, tr("&Team && partners"), K.TEAM,
            tr("Show your internal team's and partners' entries"), c.show_team,
        )  # fmt: skip
        self.timeline = make_action(
            window, tr("Go to &timeline"), K.TIMELINE,
            tr("Move to the selected account's entries"), c.focus_timeline,
        )  # fmt: skip
        self.brief = make_action(
            window, tr("Show the &brief"), K.BRIEF,
            tr("The account's brief: its class with the evidence, promises, people"),
            c.show_brief,
        )  # fmt: skip
        self.refresh = make_action(
            window, tr("&Reload"), K.RELOAD, tr("Read the journal again"), c.reload_all
        )
        self.quit = make_action(
            window, tr("&Quit"), K.QUIT,
            tr("Quit (a half-written entry is kept as a draft)"), c.quit,
        )  # fmt: skip
        self.about = make_action(
            window, tr("&About RelJournal"), K.ABOUT, tr("Version, journal and log file"),
            c.show_about,
        )  # fmt: skip
        menu = window.menuBar()
        self.file_menu = menu.addMenu(tr("&Journal"))
        self.file_menu.addActions([self.new, self.edit, self.delete])
        self.review_file_anchor = self.file_menu.addSeparator()  # exports go before it
        self.file_menu.addAction(self.quit)
        self.edit_menu = menu.addMenu(tr("&Edit"))
        self.edit_menu.addActions([self.undo, self.redo])
        # filled by the window's record editing (RecordEditing) once it has its journal
        self.account_menu = menu.addMenu(tr("&Account"))
        self.view_menu = menu.addMenu(tr("&View"))
        self.view_menu.addActions([self.find, self.team, self.timeline, self.brief])
        self.review_view_anchor = self.view_menu.addSeparator()  # search, dashboard, Due
        self.view_menu.addAction(self.refresh)
        self._build_theme_menu(self.view_menu.addMenu(tr("T&heme")), commands)
        menu.addMenu(tr("&Help")).addAction(self.about)
        toolbar = QToolBar(tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions([self.new, self.edit, self.delete])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        window.addToolBar(toolbar)

    def show_history(self, undo_text: str, redo_text: str) -> None:
        """Undo and Redo say what they would do, and are off when there is nothing."""
        for action, verb, text in (
            (self.undo, self.tr("&Undo"), undo_text),
            (self.redo, self.tr("&Redo"), redo_text),
        ):
            action.setEnabled(bool(text))
            action.setText(f"{verb} {text}" if text else verb)
            shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({shown})")

    def add_review(
        self,
        file_actions: Sequence[QAction],
        view_actions: Sequence[QAction],
        settings_actions: Sequence[QAction],
    ) -> None:
        """Put the review features' actions (made after the window) into the menus."""
        self.file_menu.insertActions(self.review_file_anchor, list(file_actions))
        self.file_menu.insertSeparator(self.review_file_anchor)
        self.view_menu.insertActions(self.review_view_anchor, list(view_actions))
        self.view_menu.insertSeparator(self.review_view_anchor)
        self.view_menu.addActions(list(settings_actions))

    def _build_theme_menu(self, menu: QMenu, commands: WindowCommands) -> None:
        group = QActionGroup(self)
        names = {
            "system": self.tr("Follow the &system"),
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
        }
        current = commands.current_theme()
        for choice in THEMES:
            action = QAction(names[choice], self._window, checkable=True)
            action.setChecked(choice == current)
            action.triggered.connect(lambda _c=False, c=choice: commands.choose_theme(c))
            group.addAction(action)
            menu.addAction(action)
