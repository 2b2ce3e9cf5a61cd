"""Every keyboard shortcut of the app, in one place.

A shortcut is either the platform's own key for the same job (``STANDARD_ROLES``: New,
Undo, Find, Quit…) or a key that is *no* standard key on Windows, macOS, GNOME or KDE and
no text-editing key: a text field takes its standard keys before any shortcut sees them
(on X11 Ctrl+U clears a line, Ctrl+K cuts to its end, Ctrl+D deletes a character, Ctrl+E
goes to its end), and a shortcut that is also a standard key of the same window is
ambiguous and never fires. ``tests/ui/test_keys.py`` checks both rules against Qt's
tables of standard shortcuts for the four platforms.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QKeySequence

SK = QKeySequence.StandardKey

# --- the main window -----------------------------------------------------------------------
NEW_ENTRY: Final = "Ctrl+N"
EDIT_ENTRY: Final = "F2"
DELETE_ENTRY: Final = "Del"  # not QKeySequence.Delete: on X11 that is Ctrl+D too
UNDO: Final = "Ctrl+Z"
REDO: Final = "Ctrl+Shift+Z"
FIND_ACCOUNT: Final = "Ctrl+F"
TEAM: Final = "Ctrl+Shift+T"
TIMELINE: Final = "Ctrl+1"
BRIEF: Final = "Ctrl+2"
DUE: Final = "Ctrl+3"
DASHBOARD: Final = "Ctrl+4"
SEARCH: Final = "Ctrl+J"
EXPORT_BRIEF: Final = "Ctrl+Shift+E"
RELOAD: Final = "F5"
QUIT: Final = "Ctrl+Q"
ABOUT: Final = "F1"
IMPORT: Final = "Ctrl+Shift+I"
BACK_UP: Final = "Ctrl+Shift+B"
EDIT_ACCOUNT: Final = "Ctrl+Shift+M"
OVERRIDE_LABEL: Final = "Ctrl+Shift+L"
ADD_PERSON: Final = "Ctrl+Shift+H"
OPEN_JOURNAL: Final = "Ctrl+O"
MEETINGS_TO_LOG: Final = "Ctrl+M"

# --- the quick entry -------------------------------------------------------------------------
SAVE_ENTRY: Final = ("Ctrl+Return", "Ctrl+Enter")
GO_ACCOUNT: Final = "Ctrl+L"
GO_QUESTIONS: Final = "Ctrl+Shift+K"
ADD_PROMISE: Final = "Ctrl+Shift+P"
RATINGS: Final = "Ctrl+Shift+R"
GO_ATTENDEES: Final = "Ctrl+Shift+W"

# the standard job a key does where it is also a platform's standard key
STANDARD_ROLES: Final[dict[str, QKeySequence.StandardKey]] = {
    NEW_ENTRY: SK.New,
    DELETE_ENTRY: SK.Delete,
    UNDO: SK.Undo,
    REDO: SK.Redo,
    FIND_ACCOUNT: SK.Find,
    RELOAD: SK.Refresh,
    QUIT: SK.Quit,
    ABOUT: SK.HelpContents,
    OPEN_JOURNAL: SK.Open,
}


def shown(keys: str) -> str:
    """A key as the platform writes it (Ctrl+Shift+K, or ⇧⌘K on a Mac)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
