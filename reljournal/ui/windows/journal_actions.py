"""Journal ▸ New journal…, Open journal…, Recent journals and the demo journal.

Another journal opens in place of this one: the window records what to open in
``pending_switch`` and closes (keeping a half-written entry as a draft); the app then
opens that journal, asking for its secret as at start. A new journal is made empty at
the file the user names; the demo journal lives in its own file (``demo.db`` in the
data folder) and is never the user's real journal.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from reljournal.paths import data_dir, demo_journal_path
from reljournal.ui import keys
from reljournal.ui import settings as S
from reljournal.ui.dialogs.welcome import CHOICE_DEMO, CHOICE_EMPTY
from reljournal.ui.windows.menus import MainActions, make_action

log = logging.getLogger(__name__)

JOURNAL_FILTER = "RelJournal journals (*.db);;All files (*)"


class SwitchingWindow(Protocol):
    pending_switch: tuple[Path, str | None] | None

    def close(self) -> bool: ...


class JournalActions(QObject):
    """The journal actions at the top of the Journal menu."""

    def __init__(
        self,
        window: QMainWindow,
        switcher: SwitchingWindow,
        menus: MainActions,
        settings: S.Settings,
        current: Path,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._switcher = switcher
        self._settings = settings
        self._current = current
        tr = self.tr
        self.new_journal = make_action(
            window, tr("New &journal…"), "", tr("Start a new, empty journal in a file you name"),
            self.new,
        )  # fmt: skip
        self.open_journal = make_action(
            window,
            tr("&Open journal…"),
            keys.OPEN_JOURNAL,
            tr("Open another journal file"),
            self.open,
        )
        self.demo_journal = make_action(
            window, tr("Open the de&mo journal"), "",
            tr("Made-up accounts to try RelJournal out, in their own file (not your journal)"),
            self.open_demo,
        )  # fmt: skip
        self.recent_menu = QMenu(tr("&Recent journals"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        menu = menus.file_menu
        first = menu.actions()[0]  # "New entry…": the journal actions go above it
        menu.insertActions(first, [self.new_journal, self.open_journal])
        menu.insertMenu(first, self.recent_menu)
        menu.insertAction(first, self.demo_journal)
        menu.insertSeparator(first)

    # --- the actions ------------------------------------------------------------------
    def new(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("New journal"),
            str(self._start_folder() / "journal.db"),
            JOURNAL_FILTER,
        )
        if not name:
            return
        path = Path(name)
        if path.suffix == "" and not path.exists():
            path = path.with_suffix(".db")
        if path.exists():  # the dialog asked "replace?"; a journal is never replaced
            QMessageBox.information(
                self._window,
                self.tr("New journal"),
                self.tr("A file already exists at %1; RelJournal never overwrites it. "
                        "Choose another name, or open it with Open journal….").replace(
                    "%1", str(path)
                ),
            )  # fmt: skip
            return
        self.switch_to(path, CHOICE_EMPTY)

    def open(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, self.tr("Open journal"), str(self._start_folder()), JOURNAL_FILTER
        )
        if name:
            self.switch_to(Path(name), None)

    def open_demo(self) -> None:
        self.switch_to(demo_journal_path(), CHOICE_DEMO)

    def switch_to(self, path: Path, choice: str | None) -> None:
        """Close this journal's window; the app opens ``path`` next (``choice`` says
        what to make where there is no journal yet)."""
        if path.expanduser().resolve() == self._current.resolve():
            return
        log.info("switching to the journal at %s", path)
        self._switcher.pending_switch = (path, choice)
        self._switcher.close()

    # --- recent journals --------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        here = self._current.resolve()
        recent = [p for p in self._settings.recent_journals() if p.resolve() != here]
        for path in recent:
            action = self.recent_menu.addAction(f"{path.name} — {path.parent}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.switch_to(p, None))
        if not recent:
            self.recent_menu.addAction(self.tr("(no other journal yet)")).setEnabled(False)

    def _start_folder(self) -> Path:
        folder = self._current.parent
        return folder if folder.is_dir() else data_dir()
