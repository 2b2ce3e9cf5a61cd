"""The "Due" view: overdue commitments, those due today, and relational accounts whose
cadence says it is time to get in touch, in the order they need doing: due today first,
then the overdue ones from the most recent (a promise 977 days late is not the first
thing to do today), then the accounts to call. Tick a promise to mark it done (Space);
Enter or a double-click opens the promise (or the account) in the main window.
"Export calendar…" writes the open commitments as an .ics file."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.brief.markdown import OVERDUE_COLOUR
from reljournal.core.errors import RelJournalError
from reljournal.core.formats.ics import IcsWords, commitments_to_ics
from reljournal.core.model import OWNER_ME, STATE_DONE
from reljournal.core.records import CommitmentRow, ContactDue, DueList
from reljournal.journal.facade import Journal
from reljournal.journal.transfer import write_text_file
from reljournal.printing.brief_words import locale_date_format
from reljournal.ui.dialogs.saved_notice import confirm_saved
from reljournal.ui.errors import show_error
from reljournal.ui.work.read_worker import ReadWorker

log = logging.getLogger(__name__)

CHANNEL: Final = "due"
_KIND_ROLE: Final = Qt.ItemDataRole.UserRole
_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
_COMMITMENT_ROLE: Final = Qt.ItemDataRole.UserRole + 2


class DueView(QWidget):
    account_requested = Signal(int)
    entry_requested = Signal(int)
    commitment_requested = Signal(int)  # open this promise where it lives
    state_change_requested = Signal(int, str)  # commitment id, new state (ticked done)
    due_shown = Signal(int)  # how many items are due

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        reader: ReadWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._today = today
        self._due: DueList | None = None
        self._format_date = locale_date_format()
        self._owns_worker = reader is None  # a shared reader is shut down by its owner
        self._worker = reader or ReadWorker(journal, self)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self.summary = QLabel(self.tr("Loading…"), self)
        self.export_button = QPushButton(self.tr("Export calendar (.ics)…"), self)
        self.export_button.clicked.connect(self.export_calendar)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        top.addWidget(refresh)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Account"), self.tr("When")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        # the promise gets the space; the account and the date take what they need
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.tree.setToolTip(
            self.tr("Tick a promise when it is done; Enter or a double-click opens it.")
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

    @property
    def due(self) -> DueList | None:
        return self._due

    def refresh(self) -> None:
        today = self._today()
        self._worker.submit(CHANNEL, lambda journal: journal.due_list(today))

    def shutdown(self) -> None:
        if self._owns_worker:
            self._worker.shutdown()

    def _on_worker_finished(self, channel: str, token: int, result: object) -> None:
        if channel == CHANNEL and isinstance(result, DueList):
            self.set_due(result)

    def _on_worker_failed(self, channel: str, token: int, error: object) -> None:
        if channel != CHANNEL:
            return
        if isinstance(error, RelJournalError):
            self.summary.setText(error.message)
        else:
            self.summary.setText(self.tr("The due list could not be read; details are in the log."))

    # -- showing ---------------------------------------------------------------------------

    def set_due(self, due: DueList) -> None:
        self._due = due
        self.tree.blockSignals(True)  # itemChanged is the user ticking a box, not filling
        self.tree.clear()
        # what needs doing first: today's, then the overdue from the most recent
        overdue = sorted(due.overdue, key=lambda c: (c.due or due.today, c.id), reverse=True)
        sections = (
            (
                self.tr("Due today (%1)"),
                [self._commitment_item(c, due.today) for c in due.due_today],
            ),
            (self.tr("Overdue (%1)"), [self._commitment_item(c, due.today) for c in overdue]),
            (
                self.tr("Time to get in touch (%1)"),
                [self._contact_item(c, due.today) for c in due.contacts],
            ),
        )
        bold = QFont(self.tree.font())
        bold.setBold(True)
        first_item: QTreeWidgetItem | None = None
        for title, items in sections:
            header = QTreeWidgetItem([title.replace("%1", str(len(items)))])
            header.setFont(0, bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(header)
            header.setFirstColumnSpanned(True)  # only once the item is in the tree
            for item in items:
                self.tree.addTopLevelItem(item)
                first_item = first_item or item
        self.tree.blockSignals(False)
        if first_item is not None:
            self.tree.setCurrentItem(first_item)
        if due.total == 0:
            self.summary.setText(self.tr("Nothing is due. Well done."))
        else:
            self.summary.setText(
                self.tr("%1 overdue, %2 due today, %3.")
                .replace("%1", str(len(due.overdue)))
                .replace("%2", str(len(due.due_today)))
                .replace("%3", self.tr("%n account(s) to get in touch with", "", len(due.contacts)))
            )
        self.due_shown.emit(due.total)

    def _commitment_item(self, c: CommitmentRow, today: dt.date) -> QTreeWidgetItem:
        who = self.tr("I promised") if c.owner == OWNER_ME else self.tr("They promised")
        when = self._format_date(c.due) if c.due else ""
        if c.due is not None and c.due < today:
            when = self.tr("%1 (%n day(s) late)", "", (today - c.due).days).replace("%1", when)
        item = QTreeWidgetItem([f"{who}: {c.text}", c.account_name or self.tr("Team"), when])
        if c.due is not None and c.due < today:
            item.setForeground(2, QBrush(QColor(OVERDUE_COLOUR)))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        item.setData(0, _COMMITMENT_ROLE, c.id)
        if c.entry_id is not None:
            item.setData(0, _KIND_ROLE, "entry")
            item.setData(0, _ID_ROLE, c.entry_id)
        elif c.account_id is not None:
            item.setData(0, _KIND_ROLE, "account")
            item.setData(0, _ID_ROLE, c.account_id)
        item.setToolTip(0, c.text)
        return item

    def _contact_item(self, c: ContactDue, today: dt.date) -> QTreeWidgetItem:
        days = c.days_since(today)
        what = self.tr("Get in touch (every %n day(s))", "", c.cadence_days)
        when = (
            self.tr("never in touch")
            if days is None
            else self.tr("last contact %n day(s) ago", "", days)
        )
        item = QTreeWidgetItem([what, c.name, when])
        item.setData(0, _KIND_ROLE, "account")
        item.setData(0, _ID_ROLE, c.account_id)
        return item

    def _on_tree_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        kind, ref = item.data(0, _KIND_ROLE), item.data(0, _ID_ROLE)
        commitment = item.data(0, _COMMITMENT_ROLE)
        if commitment is not None:
            self.commitment_requested.emit(int(commitment))
        elif kind == "entry" and ref is not None:
            self.entry_requested.emit(int(ref))
        elif kind == "account" and ref is not None:
            self.account_requested.emit(int(ref))

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        commitment = item.data(0, _COMMITMENT_ROLE)
        if commitment is None or column != 0:
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            font = QFont(item.font(0))
            font.setStrikeOut(True)
            self.tree.blockSignals(True)
            item.setFont(0, font)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)  # done is done
            self.tree.blockSignals(False)
            self.state_change_requested.emit(int(commitment), STATE_DONE)

    # -- calendar ----------------------------------------------------------------------------

    def calendar_text(self) -> str:
        rows = self._journal.commitments(open_only=True)
        words = IcsWords(
            mine=self.tr("I promised"),
            theirs=self.tr("They promised"),
            team=self.tr("Team"),
            calendar_name=self.tr("RelJournal commitments"),
        )
        return commitments_to_ics(rows, words=words, journal_id=self._journal.journal_id())

    def export_calendar(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export open commitments"),
            str(Path.home() / "reljournal-commitments.ics"),
            self.tr("Calendar (*.ics)"),
        )
        if not path:
            return
        try:
            write_text_file(Path(path), self.calendar_text())
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = self.tr("The calendar could not be saved: %1").replace("%1", reason)
            show_error(self, RelJournalError(message), where="calendar export")
        except RelJournalError as exc:
            show_error(self, exc, where="calendar export")
        else:
            confirm_saved(self, Path(path), self.tr("The calendar"))
