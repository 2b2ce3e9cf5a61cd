"""The app's shortcuts against the standard keys of Windows, macOS, GNOME and KDE.

``STANDARD`` is Qt's table of standard shortcuts (QKeySequence's documentation, the
table in qplatformtheme.cpp) written as data: for each standard key, its bindings and
the keyboard schemes that have them. W Windows, M macOS, X every X11 desktop, G GNOME,
K KDE; Qt gives GNOME and KDE the X11 bindings too. Qt's notation: on macOS "Ctrl" is
Command and "Meta" is Control.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from reljournal.ui import keys as K
from tests.ui.conftest import Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

SK = QKeySequence.StandardKey
ALL = "WMXGK"
STANDARD: dict[str, list[tuple[str, str]]] = {
    "HelpContents": [("Ctrl+?", "M"), ("F1", "WX")],
    "WhatsThis": [("Shift+F1", ALL)],
    "Open": [("Ctrl+O", ALL)],
    "Close": [("Ctrl+F4", "MW"), ("Ctrl+W", "MWX")],
    "Save": [("Ctrl+S", ALL)],
    "New": [("Ctrl+N", ALL)],
    "Delete": [("Ctrl+D", "X"), ("Del", ALL), ("Meta+D", "M")],
    "Cut": [("Ctrl+X", ALL), ("Shift+Del", "WX"), ("F20", "X"), ("Meta+K", "M")],
    "Copy": [("Ctrl+Ins", "WX"), ("Ctrl+C", ALL), ("F16", "X")],
    "Paste": [
        ("Ctrl+Shift+Ins", "X"),
        ("Ctrl+V", ALL),
        ("Shift+Ins", "WX"),
        ("F18", "X"),
        ("Meta+Y", "M"),
    ],  # fmt: skip
    "Undo": [("Alt+Backspace", "W"), ("Ctrl+Z", ALL), ("F14", "X")],
    "Redo": [("Alt+Shift+Backspace", "W"), ("Ctrl+Shift+Z", ALL), ("Ctrl+Y", "W")],
    "Back": [
        ("Alt+Left", "WX"),
        ("Ctrl+Left", "M"),
        ("Ctrl+[", "M"),
        ("Backspace", "W"),
    ],  # fmt: skip
    "Forward": [
        ("Alt+Right", "WX"),
        ("Ctrl+Right", "M"),
        ("Ctrl+]", "M"),
        ("Shift+Backspace", "W"),
    ],  # fmt: skip
    "Refresh": [("Ctrl+R", "GM"), ("F5", "WX")],
    "ZoomIn": [("Ctrl++", ALL), ("Ctrl+=", ALL)],
    "ZoomOut": [("Ctrl+-", ALL)],
    "Print": [("Ctrl+P", ALL)],
    "AddTab": [("Ctrl+Shift+N", "K"), ("Ctrl+T", ALL)],
    "NextChild": [
        ("Ctrl+F6", "W"),
        ("Ctrl+Tab", ALL),
        ("Ctrl+}", "M"),
        ("Ctrl+,", "K"),
        ("Forward", ALL),
    ],  # fmt: skip
    "PreviousChild": [
        ("Ctrl+Shift+F6", "W"),
        ("Ctrl+Shift+Backtab", ALL),
        ("Ctrl+{", "M"),
        ("Ctrl+.", "K"),
        ("Back", ALL),
    ],  # fmt: skip
    "Find": [("Ctrl+F", ALL)],
    "FindNext": [("Ctrl+G", "WGM"), ("F3", "WX")],
    "FindPrevious": [("Ctrl+Shift+G", "WGM"), ("Shift+F3", "WX")],
    "Replace": [("Ctrl+R", "K"), ("Ctrl+H", "GW")],
    "SelectAll": [("Ctrl+A", ALL)],
    "Bold": [("Ctrl+B", ALL)],
    "Italic": [("Ctrl+I", ALL)],
    "Underline": [("Ctrl+U", ALL)],
    "MoveToNextChar": [("Right", ALL), ("Meta+F", "M")],
    "MoveToPreviousChar": [("Left", ALL), ("Meta+B", "M")],
    "MoveToNextWord": [("Alt+Right", "M"), ("Ctrl+Right", "WX")],
    "MoveToPreviousWord": [("Alt+Left", "M"), ("Ctrl+Left", "WX")],
    "MoveToNextLine": [("Down", ALL), ("Meta+N", "M")],
    "MoveToPreviousLine": [("Up", ALL), ("Meta+P", "M")],
    "MoveToNextPage": [
        ("Meta+PgDown", "M"),
        ("Meta+Down", "M"),
        ("Meta+V", "M"),
        ("Alt+PgDown", "M"),
        ("PgDown", ALL),
    ],  # fmt: skip
    "MoveToPreviousPage": [
        ("Meta+PgUp", "M"),
        ("Meta+Up", "M"),
        ("Alt+PgUp", "M"),
        ("PgUp", ALL),
    ],  # fmt: skip
    "MoveToStartOfLine": [("Meta+Left", "M"), ("Ctrl+Left", "M"), ("Home", "WX")],
    "MoveToEndOfLine": [
        ("Meta+Right", "M"),
        ("Ctrl+Right", "M"),
        ("End", "WX"),
        ("Ctrl+E", "X"),
    ],  # fmt: skip
    "MoveToStartOfBlock": [("Meta+A", "M"), ("Alt+Up", "M")],
    "MoveToEndOfBlock": [("Meta+E", "M"), ("Alt+Down", "M")],
    "MoveToStartOfDocument": [("Ctrl+Up", "M"), ("Ctrl+Home", "WX"), ("Home", "M")],
    "MoveToEndOfDocument": [("Ctrl+Down", "M"), ("Ctrl+End", "WX"), ("End", "M")],
    "SelectNextChar": [("Shift+Right", ALL)],
    "SelectPreviousChar": [("Shift+Left", ALL)],
    "SelectNextWord": [("Alt+Shift+Right", "M"), ("Ctrl+Shift+Right", "WX")],
    "SelectPreviousWord": [("Alt+Shift+Left", "M"), ("Ctrl+Shift+Left", "WX")],
    "SelectNextLine": [("Shift+Down", ALL)],
    "SelectPreviousLine": [("Shift+Up", ALL)],
    "SelectNextPage": [("Shift+PgDown", ALL)],
    "SelectPreviousPage": [("Shift+PgUp", ALL)],
    "SelectStartOfLine": [("Meta+Shift+Left", "M"), ("Ctrl+Shift+Left", "M"), ("Shift+Home", "WX")],
    "SelectEndOfLine": [("Meta+Shift+Right", "M"), ("Ctrl+Shift+Right", "M"), ("Shift+End", "WX")],
    "SelectStartOfBlock": [("Alt+Shift+Up", "M"), ("Meta+Shift+A", "M")],
    "SelectEndOfBlock": [("Alt+Shift+Down", "M"), ("Meta+Shift+E", "M")],
    "SelectStartOfDocument": [
        ("Ctrl+Shift+Up", "M"),
        ("Ctrl+Shift+Home", "WX"),
        ("Shift+Home", "M"),
    ],  # fmt: skip
    "SelectEndOfDocument": [
        ("Ctrl+Shift+Down", "M"),
        ("Ctrl+Shift+End", "WX"),
        ("Shift+End", "M"),
    ],  # fmt: skip
    "DeleteStartOfWord": [("Alt+Backspace", "M"), ("Ctrl+Backspace", "WX")],
    "DeleteEndOfWord": [("Alt+Del", "M"), ("Ctrl+Del", "WX")],
    "DeleteEndOfLine": [("Ctrl+K", "X")],
    "DeleteCompleteLine": [("Ctrl+U", "X")],
    "InsertParagraphSeparator": [("Enter", ALL), ("Return", ALL)],
    "InsertLineSeparator": [
        ("Meta+Enter", "M"),
        ("Meta+Return", "M"),
        ("Shift+Enter", ALL),
        ("Shift+Return", ALL),
        ("Meta+O", "M"),
    ],  # fmt: skip
    "SaveAs": [("Ctrl+Shift+S", "GM")],
    "Preferences": [("Ctrl+,", "M")],
    "Quit": [("Ctrl+Q", "XGKM")],
    "FullScreen": [
        ("Meta+Ctrl+F", "M"),
        ("Alt+Enter", "W"),
        ("Ctrl+Shift+F", "K"),
        ("Ctrl+F11", "G"),
        ("F11", "WK"),
    ],  # fmt: skip
    "Deselect": [("Ctrl+Shift+A", "X")],
    "Backspace": [("Meta+H", "M")],
    "Cancel": [("Esc", ALL), ("Ctrl+.", "M")],
}
# the dedicated keys of keyboards that have them (Qt 6 binds them on every platform)
for _name, _key in (
    ("HelpContents", "Help"), ("Open", "Open"), ("Close", "Close"), ("Save", "Save"),
    ("New", "New"), ("Cut", "Cut"), ("Copy", "Copy"), ("Paste", "Paste"), ("Undo", "Undo"),
    ("Redo", "Redo"), ("Back", "Back"), ("Forward", "Forward"), ("Refresh", "Refresh"),
    ("ZoomIn", "Zoom In"), ("ZoomOut", "Zoom Out"), ("Find", "Find"), ("SaveAs", "Shift+Save"),
    ("Quit", "Exit"), ("Cancel", "Cancel"),
):  # fmt: skip
    STANDARD[_name].append((_key, ALL))
PLATFORMS = {"Windows": "W", "macOS": "M", "GNOME": "GX", "KDE": "KX"}


def _norm(keys: str | QKeySequence) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


def standard_keys(platform: str) -> dict[str, set[str]]:
    """key -> the standard keys it is bound to on that platform."""
    schemes = PLATFORMS[platform]
    bound: dict[str, set[str]] = {}
    for name, bindings in STANDARD.items():
        for keys, where in bindings:
            if set(where) & set(schemes):
                bound.setdefault(_norm(keys), set()).add(name)
    return bound


def window_keys(window: Any) -> list[tuple[str, str]]:
    """(key, what it does) of every action and shortcut of a window."""
    found = []
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            found.append((_norm(seq), action.text().replace("&", "")))
    for shortcut in window.findChildren(QShortcut):
        for seq in shortcut.keys():
            found.append((_norm(seq), f"shortcut {shortcut.objectName() or id(shortcut)}"))
    return [(k, what) for k, what in found if k]


def _check(keys: list[tuple[str, str]]) -> None:
    roles = {_norm(k): v.name for k, v in K.STANDARD_ROLES.items()}
    seen: dict[str, str] = {}
    for key, what in keys:
        assert key not in seen, f"{key} does both {seen[key]!r} and {what!r}"
        seen[key] = what
        # a plain key or Alt+letter is text (or a menu mnemonic) in a form
        first = QKeySequence(key)[0]
        mods = first.keyboardModifiers()
        is_function = Qt.Key.Key_F1.value <= first.key().value <= Qt.Key.Key_F35.value
        if not is_function and key != "Del":
            assert mods & (Qt.KeyboardModifier.ControlModifier), f"{key} ({what}) needs Ctrl"
        for platform in PLATFORMS:
            standard = standard_keys(platform).get(key, set())
            allowed = {roles[key]} if key in roles else set()
            assert standard <= allowed, (
                f"{key} ({what}) is {', '.join(sorted(standard))} on {platform}"
            )


def test_the_table_holds_every_binding_qt_has_here(qapp: QApplication) -> None:
    """The encoded table is not stale: what Qt binds on this platform is in it."""
    encoded = {_norm(k) for bindings in STANDARD.values() for k, _w in bindings}
    missing = []
    for name in STANDARD:
        for seq in QKeySequence.keyBindings(getattr(SK, name)):
            if _norm(seq) not in encoded:
                missing.append((name, _norm(seq)))
    assert not missing
    here = {
        _norm(s) for member in SK for s in QKeySequence.keyBindings(member) if _norm(s)
    }  # every standard key Qt knows, including any not in the table
    assert here <= encoded | {""}, here - encoded


def test_no_two_actions_share_a_key_and_none_is_a_standard_key(qtbot: Any, window: Any) -> None:
    window.attach_review_later(start=False)
    qtbot.waitUntil(lambda: window._review is not None)
    keys = window_keys(window)
    assert len(keys) >= 21
    _check(keys)
    for wanted in (K.DUE, K.DASHBOARD, K.SEARCH, K.EDIT_ACCOUNT, K.ADD_PERSON, K.DELETE_ENTRY):
        assert _norm(wanted) in {k for k, _w in keys}


def test_the_quick_entry_keys(qtbot: Any, window: Any) -> None:
    dialog = window.open_quick_entry()
    qtbot.waitExposed(dialog)
    keys = window_keys(dialog)
    _check(keys)
    assert {_norm(k) for k in (K.GO_QUESTIONS, K.ADD_PROMISE, K.RATINGS)} <= {k for k, _w in keys}


def test_a_rule_breaking_key_is_caught() -> None:
    with pytest.raises(AssertionError, match="Underline on Windows"):
        _check([("Ctrl+U", "Due")])
    with pytest.raises(AssertionError, match="does both"):
        _check([("Ctrl+3", "Due"), ("Ctrl+3", "Dashboard")])
    with pytest.raises(AssertionError, match="Delete on GNOME"):
        _check([("Ctrl+D", "Dashboard")])


def test_due_and_dashboard_open_from_the_account_filter(
    qtbot: Any, window: Any, seeded: Seed
) -> None:
    """On xcb: Ctrl+3 in the filter opens Due and leaves the filter's text alone; Ctrl+4
    opens the dashboard (Ctrl+U cleared the filter, Ctrl+D was ambiguous)."""
    window.attach_review_later(start=False)
    qtbot.waitUntil(lambda: window._review is not None)
    filter_edit = window.accounts.filter
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filter_edit)
    qtbot.keyClicks(filter_edit, "acm")
    hub = window.review
    qtbot.keyClick(filter_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: hub.due.isVisible())
    assert filter_edit.text() == "acm"
    hub.due.close()
    show_again(qtbot, window)
    filter_edit.setFocus()
    qtbot.keyClick(filter_edit, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: hub.dashboard.isVisible())
    assert filter_edit.text() == "acm"
    hub.dashboard.close()


def show_again(qtbot: Any, widget: Any) -> None:
    widget.activateWindow()
    widget.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
