"""The "To log" list: the meetings from the rep's calendar waiting to be logged.

Enter (or a double-click) opens the quick entry filled in from the selected meeting;
Del dismisses it; "Assign address…" adds the owner of an unknown address to an account
(or the team), which every meeting with that address then matches. The calendar comes
in through "Import calendar file…" or a subscription (its private iCal address)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError
from reljournal.core.meetings.queue import QueuedMeeting
from reljournal.core.meetings.records import MAX_BYTES, SKIP_KINDS, CalendarFileError
from reljournal.journal.facade import Journal
from reljournal.journal.meetings import CalendarImport
from reljournal.ui.errors import show_error
from reljournal.ui.models.meetings_model import (
    COL_ACCOUNT,
    COL_MINUTES,
    COL_PEOPLE,
    COL_TITLE,
    COL_WHEN,
    MeetingsModel,
)
from reljournal.ui.views.tables import pick_one_row
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)

MAX_FILE_BYTES = MAX_BYTES + 1


class _MeetingsTable(QTableView):
    activated_by_key = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.activated_by_key.emit()
            return
        super().keyPressEvent(event)


class AssignAddressDialog(QDialog):
    """Whose address is it: a name, and the account (or the team) they belong to."""

    def __init__(
        self,
        addresses: list[str],
        accounts: list[tuple[int, str]],
        preferred_account: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign an address"))
        self.address = QComboBox()
        self.address.addItems(addresses)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("their name (default: from the address)"))
        self.account = QComboBox()
        self.account.addItem(self.tr("Team & partners (a colleague)"), None)
        for account_id, name in accounts:
            self.account.addItem(name, account_id)
        if preferred_account is not None:
            self.account.setCurrentIndex(max(0, self.account.findData(preferred_account)))
        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("A&ccount:"), self.account)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Add this person to an account: their meetings will name them."))
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def choice(self) -> tuple[str, int | None, str]:
        account = self.account.currentData()
        return (
            self.address.currentText(),
            account if isinstance(account, int) else None,
            (self.name.text()),
        )


class MeetingsDialog(QDialog):
    log_requested = Signal(int)  # a meeting id: open the quick entry for it
    queue_changed = Signal(int)  # how many meetings wait
    subscription_changed = Signal()

    def __init__(self, journal: Journal, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._runner = runner
        self.setWindowTitle(self.tr("Meetings to log"))
        self.model = MeetingsModel(self)
        self.table = _MeetingsTable()
        self.table.setModel(self.model)
        pick_one_row(self.table)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated_by_key.connect(self.log_selected)
        self.table.doubleClicked.connect(lambda _index: self.log_selected())
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.dismiss_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_button = QPushButton(self.tr("&Log…"))
        self.log_button.setToolTip(self.tr("Write the entry for this meeting (Enter)"))
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Take it off the list without logging it (Del)"))
        self.assign_button = QPushButton(self.tr("&Assign address…"))
        self.assign_button.setToolTip(self.tr("Say whose an unknown address is"))
        self.import_button = QPushButton(self.tr("&Import calendar file…"))
        self.import_button.setToolTip(
            self.tr("An .ics export from Google Calendar, Outlook or Apple Calendar")
        )
        self.subscribe_button = QPushButton(self.tr("&Subscription…"))
        self.subscribe_button.setToolTip(
            self.tr("Your calendar's private address in iCal format, fetched every 30 minutes")
        )
        self.addresses_button = QPushButton(self.tr("My add&resses…"))
        self.addresses_button.setToolTip(self.tr("Your own email addresses in the calendar"))
        close = QPushButton(self.tr("Close"))
        for button in (self.log_button, self.dismiss_button, self.assign_button,
                       self.import_button, self.subscribe_button, self.addresses_button, close):  # fmt: skip
            button.setAutoDefault(False)
        self.log_button.clicked.connect(self.log_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.assign_button.clicked.connect(self.assign_selected)
        self.import_button.clicked.connect(self.import_file)
        self.subscribe_button.clicked.connect(self.edit_subscription)
        self.addresses_button.clicked.connect(self.edit_addresses)
        close.clicked.connect(self.close)
        actions = QHBoxLayout()
        for button in (self.log_button, self.dismiss_button, self.assign_button):
            actions.addWidget(button)
        actions.addStretch(1)
        sources = QHBoxLayout()
        for button in (self.import_button, self.subscribe_button, self.addresses_button):
            sources.addWidget(button)
        sources.addStretch(1)
        sources.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addLayout(sources)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 150, self.fontMetrics().height() * 30)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._fitted = False
        for column, width in ((COL_WHEN, 18), (COL_MINUTES, 9), (COL_TITLE, 40)):
            self.table.setColumnWidth(column, em * width)
        self.refresh()
        self.table.setFocus()

    def _fit_columns(self) -> None:
        """Once there are rows: every column as wide as its text, within reason."""
        if self._fitted or not self.model.rowCount():
            return
        self._fitted = True
        em = self.fontMetrics().averageCharWidth()
        self.table.resizeColumnsToContents()
        for column, most in ((COL_TITLE, 40), (COL_ACCOUNT, 24), (COL_PEOPLE, 26)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), em * most))

    # --- the list ----------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_meeting()
        try:
            meetings = self._journal.meetings_queue()
        except RelJournalError as exc:
            self.status.setText(exc.message)
            meetings = []
        self.model.set_meetings(meetings)
        row = self.model.row_of(current.id) if current is not None else None
        if row is None and meetings:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, COL_TITLE))
            self.table.selectRow(row)
        self._fit_columns()
        count = len(meetings)
        self.heading.setText(
            self.tr(
                "%n meeting(s) from your calendar to log. Enter logs the selected one, "
                "Del dismisses it.",
                "",
                count,
            )  # fmt: skip
            if count
            else self.tr(
                "No meetings waiting to be logged. Import your calendar, or "
                "subscribe to it, to see the meetings you had here."
            )  # fmt: skip
        )
        self._update_buttons()
        self.queue_changed.emit(count)

    def current_meeting(self) -> QueuedMeeting | None:
        index = self.table.currentIndex()
        return self.model.meeting_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        meeting = self.current_meeting()
        self.log_button.setEnabled(meeting is not None)
        self.dismiss_button.setEnabled(meeting is not None)
        self.assign_button.setEnabled(meeting is not None and bool(meeting.unmatched))

    # --- actions -----------------------------------------------------------------------
    def log_selected(self) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            self.log_requested.emit(meeting.id)

    def dismiss_selected(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            return
        meeting_id = meeting.id
        row = self.table.currentIndex().row()
        self._runner.run(
            lambda ctx: ctx.journal.dismiss_meeting(meeting_id),
            show_progress=False,
            parent_widget=self,
            on_success=lambda _change: self._after_dismiss(row),
        )

    def _after_dismiss(self, row: int) -> None:
        self.refresh()
        if self.model.rowCount():
            row = min(row, self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(row, COL_TITLE))
        self.status.setText(self.tr("Dismissed."))

    def assign_selected(self) -> None:
        meeting = self.current_meeting()
        if meeting is None or not meeting.unmatched:
            return
        dialog = AssignAddressDialog(
            list(meeting.unmatched), self._journal.account_names(), meeting.account_id, self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        address, account_id, name = dialog.choice()
        self._runner.run(
            lambda ctx: ctx.journal.assign_address(address, account_id, name),
            show_progress=False,
            parent_widget=self,
            on_success=lambda _change: self._after_assign(address),
        )

    def _after_assign(self, address: str) -> None:
        self.refresh()
        self.status.setText(self.tr("%1 is now in the journal.").replace("%1", address))

    def import_file(self) -> None:
        if not self._journal.calendar_addresses() and not self.edit_addresses():
            return
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a calendar"),
            str(Path.home()),
            self.tr("Calendar files (*.ics *.ical *.ifb *.icalendar);;All files (*)"),
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        def work(ctx: TaskContext) -> CalendarImport:
            try:
                with path.open("rb") as handle:
                    data = handle.read(MAX_FILE_BYTES)
            except OSError as exc:
                raise CalendarFileError(
                    f"{path.name}: the file could not be read ({exc.strerror or exc})."
                ) from exc
            try:
                return ctx.journal.import_calendar(data, should_cancel=ctx.should_cancel)
            except CalendarFileError as exc:
                raise CalendarFileError(f"{path.name}: {exc.message}.") from exc

        self.status.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._runner.run(
            work,
            title=self.tr("Importing the calendar…"),
            parent_widget=self,
            cancellable=True,
            on_success=lambda result: self._after_import(path.name, result),
            on_error=self._on_import_failed,
        )

    def _on_import_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _after_import(self, name: str, result: CalendarImport) -> None:
        self.refresh()
        self.status.setText(import_summary(name, result))

    def edit_addresses(self) -> bool:
        current = ", ".join(self._journal.calendar_addresses())
        text, ok = QInputDialog.getText(
            self,
            self.tr("Your addresses"),
            self.tr("Your own email addresses in the calendar (separated by commas):"),
            QLineEdit.EchoMode.Normal,
            current,
        )
        if not ok:
            return False
        addresses = [a for a in text.replace(";", ",").split(",") if a.strip()]
        try:
            self._journal.set_calendar_addresses(addresses)
        except RelJournalError as exc:
            show_error(self, exc)
            return False
        self.refresh()
        return bool(addresses)

    def edit_subscription(self) -> None:
        if not self._journal.calendar_addresses() and not self.edit_addresses():
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Calendar subscription"),
            self.tr(
                "Your calendar's private address in iCal format (Google Calendar: Settings, "
                "Integrate calendar; Outlook: Shared calendars, Publish a calendar). It is "
                "kept in the encrypted journal. Leave it empty to stop."
            ),
            QLineEdit.EchoMode.PasswordEchoOnEdit,
            self._journal.calendar_subscription(),
        )
        if not ok:
            return
        try:
            self._journal.set_calendar_subscription(text)
        except RelJournalError as exc:
            show_error(self, exc)
            return
        self.status.setText(
            self.tr("Subscribed: the calendar is fetched now and every 30 minutes.")
            if text.strip()
            else self.tr("Subscription removed.")
        )
        self.subscription_changed.emit()


class ImportSummary(QObject):
    """The words of a calendar import's outcome (its own translation context)."""

    def text(self, name: str, result: CalendarImport) -> str:
        counts = result.counts
        words = {
            "cancelled": self.tr("%n cancelled", "", counts.skipped.get("cancelled", 0)),
            "all-day": self.tr("%n all-day", "", counts.skipped.get("all-day", 0)),
            "declined": self.tr("%n declined", "", counts.skipped.get("declined", 0)),
            "without other attendees": self.tr(
                "%n without other attendees",
                "",
                counts.skipped.get("without other attendees", 0),
            ),
        }
        skipped = ", ".join(words[k] for k in SKIP_KINDS if counts.skipped.get(k))
        text = (
            self.tr("%1: %n meeting(s) from %2 to %3", "", counts.queued)
            .replace("%1", name)
            .replace("%2", result.since.isoformat())
            .replace("%3", result.until.isoformat())
            + " — "
            + self.tr("%n new", "", counts.added)
            + ", "
            + self.tr("%n moved or changed", "", counts.updated)
            + ", "
            + self.tr("%n removed", "", counts.removed)
            + "."
        )
        if skipped:
            text += " " + self.tr("Skipped: %1.").replace("%1", skipped)
        return text


def import_summary(name: str, result: CalendarImport) -> str:
    """One line on a calendar import: what was queued, changed and skipped."""
    return ImportSummary().text(name, result)
