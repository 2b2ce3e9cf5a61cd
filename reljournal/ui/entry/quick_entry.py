"""The quick entry: an entry after a meeting in under a minute, by keyboard.

Ctrl+N opens it with the focus in the account field; Enter accepts the completion and
moves on to the notes; Ctrl+Enter saves and closes; Esc asks before throwing typed text
away. The form is kept as a draft in the journal while it is open.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError
from reljournal.core.model import ENTRY_KINDS
from reljournal.journal.entry_form import EntryForm, SavedEntry
from reljournal.journal.facade import Journal
from reljournal.ui import keys as K
from reljournal.ui import theme
from reljournal.ui.entry.account_field import AccountField, Target
from reljournal.ui.entry.ask_them import AskThemPanel
from reljournal.ui.entry.attendees_field import AttendeesField
from reljournal.ui.entry.commitments_editor import CommitmentsEditor
from reljournal.ui.entry.draft_keeper import DraftKeeper
from reljournal.ui.entry.ratings_panel import RatingsPanel
from reljournal.ui.errors import show_error
from reljournal.ui.wording import from_qdatetime, kind_text, to_qdatetime
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)

SAVE_KEYS = K.SAVE_ENTRY


@dataclass
class QuickEntryStart:
    """How the dialog opens: a fresh entry (maybe for an account), a draft, or an edit."""

    form: EntryForm | None = None
    target: Target | None = None
    draft_id: int | None = None


class WholeFieldDateTimeEdit(QDateTimeEdit):
    """A date field Tab leaves at once (QDateTimeEdit walks its sections with Tab, so
    digits typed "in the next field" changed the date); Left and Right move between the
    sections, and the field's text is selected as a whole when Tab arrives."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002  (Qt's name)
        return QWidget.focusNextPrevChild(self, next)


class QuickEntryDialog(QDialog):
    entry_saved = Signal(object)  # SavedEntry
    closed = Signal()
    quit_requested = Signal()  # Ctrl+Q here too: quit, keeping this entry as a draft

    def __init__(
        self,
        journal: Journal,
        runner: TaskRunner,
        start: QuickEntryStart | None = None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        start = start or QuickEntryStart()
        self._journal = journal
        self._runner = runner
        self.today = today or dt.date.today()
        self._saving = False
        self._entry_id = start.form.entry_id if start.form else None
        self._people: list[int] = list(start.form.people) if start.form else []
        # issue 14: logging a meeting from the calendar keeps its title and its queue id
        self._title = start.form.title if start.form else ""
        self._meeting_id = start.form.meeting_id if start.form else None
        self.setWindowTitle(
            self.tr("Edit entry")
            if self._entry_id
            else self.tr("Log meeting")
            if self._meeting_id is not None
            else self.tr("New entry")
        )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._build()
        self.account.set_names(journal.account_names(), journal.people_names())
        self.ask_them.set_questions(journal.questions())
        if start.form is not None:
            self.set_form(start.form)
        elif start.target is not None:
            self.account.set_target(start.target)
        self._on_account_target_changed(self.account.target)
        # Esc asks only if something changed; a recovered draft is unsaved work from the
        # start, so Esc always asks about it (it is deleted only when saved or discarded)
        self._recovered = start.draft_id is not None
        self._initial = self.form().to_payload()
        self.drafts = DraftKeeper(runner, self, self._draft_payload, start.draft_id, self)
        self.account.setFocus()
        self.account.edit.selectAll()

    # --- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.account = AccountField()
        self.when = WholeFieldDateTimeEdit(
            to_qdatetime(dt.datetime.now().replace(second=0, microsecond=0))
        )
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.kind = QComboBox()
        for kind in ENTRY_KINDS:
            self.kind.addItem(kind_text(kind), kind)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setSpecialValueText("—")
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setToolTip(self.tr("Minutes you spent on it, preparation included (optional)"))
        self.attendees = AttendeesField()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What happened, what you noticed, what comes next"))
        self.ask_them = AskThemPanel()
        self.commitments = CommitmentsEditor(self.today)
        self.ratings = RatingsPanel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {theme.colours().overdue.name()};")
        self.keys_hint = QLabel(
            self.tr("%1 save · Esc close · %2 account · %3 questions · %4 promise · %5 ratings")
            .replace("%1", K.shown(K.SAVE_ENTRY[0]))
            .replace("%2", K.shown(K.GO_ACCOUNT))
            .replace("%3", K.shown(K.GO_QUESTIONS))
            .replace("%4", K.shown(K.ADD_PROMISE))
            .replace("%5", K.shown(K.RATINGS))
            + self.tr(" · %1 people").replace("%1", K.shown(K.GO_ATTENDEES))
        )
        self.keys_hint.setEnabled(False)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save and close (Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        top = QGridLayout()
        account_label = QLabel(self.tr("&Account:"))
        account_label.setBuddy(self.account.edit)
        account_label.setMinimumHeight(self.account.edit.sizeHint().height())
        top.addWidget(account_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.account, 0, 1, 1, 7)
        for column, (text, widget) in enumerate(
            [
                (self.tr("&Kind:"), self.kind),
                (self.tr("&Minutes:"), self.minutes),
                (self.tr("&When:"), self.when),
            ]
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label, 1, column * 2)
            top.addWidget(widget, 1, column * 2 + 1)
        people_label = QLabel(self.tr("&People:"))
        people_label.setBuddy(self.attendees)
        top.addWidget(people_label, 2, 0)
        top.addWidget(self.attendees, 2, 1, 1, 7)
        top.setColumnStretch(7, 1)
        notes_label = QLabel(self.tr("&Notes:"))
        notes_label.setBuddy(self.notes)
        ask_box = QGroupBox(self.tr("Ask them — what did they say they expect?"))
        QVBoxLayout(ask_box).addWidget(self.ask_them)
        promises_box = QGroupBox(self.tr("Promises — ours and theirs"))
        QVBoxLayout(promises_box).addWidget(self.commitments)
        middle = QHBoxLayout()
        middle.addWidget(ask_box, 3)  # the questions' texts need the room
        middle.addWidget(promises_box, 2)
        buttons = QHBoxLayout()
        hints = QVBoxLayout()
        hints.addWidget(self.status)
        hints.addWidget(self.keys_hint)
        buttons.addLayout(hints, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.meeting_label = QLabel()
        self.meeting_label.setWordWrap(True)
        self.meeting_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meeting_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.meeting_label)
        layout.addLayout(top)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 2)
        layout.addLayout(middle, 3)
        layout.addWidget(self.ratings)
        layout.addLayout(buttons)
        # kind and minutes first: they change with every entry, the date seldom (it is
        # now), and Tab passes the date as one field (its sections are for the arrows)
        self.setTabOrder(self.account.edit, self.kind)
        self.setTabOrder(self.kind, self.minutes)
        self.setTabOrder(self.minutes, self.when)
        self.setTabOrder(self.when, self.attendees)
        self.setTabOrder(self.attendees, self.notes)
        self.setTabOrder(self.notes, self.ask_them.questions)
        self.account.accepted.connect(self.notes.setFocus)
        self.ask_them.questions.typed_text_ignored.connect(
            lambda: self._say(
                self.tr("Typing in the question list does nothing: Tab goes to the answer.")
            )
        )
        self.account.target_changed.connect(self._on_account_target_changed)
        for keys in SAVE_KEYS:
            QShortcut(QKeySequence(keys), self, self.save)
        QShortcut(QKeySequence(K.ADD_PROMISE), self, lambda: self.commitments.focus_next_empty())
        QShortcut(QKeySequence(K.RATINGS), self, self.ratings.toggle_and_focus)
        QShortcut(QKeySequence(K.GO_ACCOUNT), self, self.account.setFocus)
        QShortcut(
            QKeySequence(K.GO_QUESTIONS),
            self,
            lambda: self.ask_them.questions.setFocus(Qt.FocusReason.ShortcutFocusReason),
        )
        QShortcut(QKeySequence(K.QUIT), self, self.quit_requested.emit)
        QShortcut(QKeySequence(K.GO_ATTENDEES), self, self.attendees.setFocus)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 165, self.fontMetrics().height() * 46)

    # --- the form ----------------------------------------------------------------------
    def form(self) -> EntryForm:
        target = self.account.target
        return EntryForm(
            at=from_qdatetime(self.when.dateTime()),
            account_text=target.name if not target.team else "",
            team=target.team,
            kind=self.kind.currentData(),
            minutes=self.minutes.value() or None,
            notes=self.notes.toPlainText(),
            answers=self.ask_them.state(),
            commitments=self.commitments.state(),
            health=self.ratings.health(),
            stage=self.ratings.stage_value(),
            people=[target.person_id] if target.person_id else [],
            entry_id=self._entry_id,
            attendees=self.attendees.names(),
            title=self._title,
            meeting_id=self._meeting_id,
        )

    def set_form(self, form: EntryForm) -> None:
        target = (
            Target(self.account.team_text, team=True)
            if form.team
            else self.account.resolve(form.account_text)
        )
        self.account.set_target(target)
        self.when.setDateTime(to_qdatetime(form.at))
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        self.minutes.setValue(form.minutes or 0)
        self.notes.setPlainText(form.notes)
        self.ask_them.set_state(form.answers)
        self.commitments.set_state(form.commitments)
        self.ratings.set_values(form.health, form.stage)
        self._entry_id = form.entry_id
        if form.attendees is not None:
            self.attendees.set_attendees(form.attendees)
        else:
            names = {i: n for i, n, _a in self._journal.people_names()}
            self.attendees.set_attendees([names[i] for i in form.people if i in names])
        self._people = list(form.people)
        self._title, self._meeting_id = form.title, form.meeting_id
        self._show_meeting()

    def _show_meeting(self) -> None:
        """Logging a meeting: its title and who was there, above the form."""
        if self._meeting_id is None:
            self.meeting_label.hide()
            return
        names = {pid: name for pid, name, _account in self._journal.people_names()}
        who = ", ".join(names[p] for p in self._people if p in names)
        text = self.tr("From your calendar: %1").replace("%1", " ".join(self._title.split()))
        if who:
            text += "\n" + self.tr("With: %1").replace("%1", who)
        self.meeting_label.setText(text)
        self.meeting_label.show()

    def _draft_payload(self) -> dict[str, object] | None:
        form = self.form()
        if not form.has_content():
            return None
        return form.to_payload()

    def _on_account_target_changed(self, target: Target) -> None:
        if target.account_id is not None:
            people = self._journal.people(target.account_id)
        elif target.team:
            people = self._journal.people(team=True)
        else:
            people = []
        self.ask_them.set_speakers([p.name for p in people])
        team = self._journal.people(team=True) if not target.team else []
        self.attendees.set_names([p.name for p in people + team])

    # --- save and close --------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return
        if not self.account.target.team and not self.account.target.name.strip():
            self._say(self.tr("Name the account first."))
            self.account.setFocus()
            return
        bad = self.commitments.first_bad_due()
        if bad is not None:
            self._say(bad[1].message)
            bad[0].due.setFocus()
            return
        missing = self.ask_them.unanswered()
        if missing:
            self._say(self.tr("Write what they said, or untick the question."))
            self.ask_them.focus_question(missing[0])
            return
        form = self.form()
        self._saving = True
        self.drafts.stop()
        self.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        ref = self.drafts.draft_ref

        def write(ctx: TaskContext) -> SavedEntry:
            saved = ctx.journal.record_entry(form, draft_id=ref["id"])
            ref["id"] = None
            return saved

        self._runner.run(
            write,
            title=self.tr("Saving the entry…"),
            parent_widget=self,
            on_success=self._on_saved,
            on_error=self._on_save_failed,
        )

    def _on_saved(self, saved: SavedEntry) -> None:
        log.info("entry %s saved", saved.entry.id)
        self._saving = False
        self.entry_saved.emit(saved)
        self._finish(QDialog.DialogCode.Accepted)

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.setEnabled(True)
        self.status.setText("")
        self.drafts.resume()
        show_error(self, exc)
        if isinstance(exc, RelJournalError):
            self._say(exc.message)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()  # Return moves between fields; it never presses a button here
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._saving:
            return
        changed = self._recovered or self.form().to_payload() != self._initial
        if changed and not self._confirm_discard():
            return
        self.drafts.discard()
        self._finish(QDialog.DialogCode.Rejected)

    def _confirm_discard(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard this entry?"))
        box.setText(self.tr("Throw away what you typed in this entry?"))
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def keep_draft_and_close(self) -> None:
        """Save the draft now and close (the app is quitting)."""
        if not self._saving:
            self.drafts.save_if_changed()
        self._finish(QDialog.DialogCode.Rejected)

    def _finish(self, code: QDialog.DialogCode) -> None:
        self.drafts.detach()
        self.closed.emit()
        self.done(code)
