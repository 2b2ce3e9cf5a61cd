"""The main window: accounts on the left, the selected account on the right, and the
quick entry one keystroke away. Every action has a shortcut, shown in its menu and
tooltip."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QSplitter, QWidget

from reljournal import APP_NAME, __version__
from reljournal.core.errors import RelJournalError
from reljournal.ui import keys
from reljournal.ui import settings as S
from reljournal.ui.windows.accounts_pane import AccountsPane
from reljournal.ui.windows.menus import MainActions, make_action

if TYPE_CHECKING:
    from reljournal.core.records import Change
    from reljournal.journal.entry_form import SavedEntry
    from reljournal.journal.facade import Journal
    from reljournal.journal.quick_start import FirstScreen
    from reljournal.ui.dialogs.sync_dialog import SyncDialog  # issue 16
    from reljournal.ui.entry.account_field import Target
    from reljournal.ui.entry.quick_entry import QuickEntryDialog, QuickEntryStart
    from reljournal.ui.theme import ThemeFollower
    from reljournal.ui.views.meetings_view import MeetingsDialog
    from reljournal.ui.windows.account_view import AccountView
    from reljournal.ui.windows.edits import JournalEdits
    from reljournal.ui.windows.journal_actions import JournalActions
    from reljournal.ui.windows.record_editing import RecordEditing
    from reljournal.ui.windows.review_hub import ReviewHub
    from reljournal.ui.windows.transfer_actions import TransferActions
    from reljournal.ui.work.calendar_feed import CalendarSubscription
    from reljournal.ui.work.journal_watch import JournalWatch
    from reljournal.ui.work.sync_exchange import SyncExchange
    from reljournal.ui.work.tasks import TaskRunner

# issue 18: the quick entry and the meetings list load when first opened, not at start

log = logging.getLogger(__name__)


def window_title(path: Path, demo: bool) -> str:
    """ "RelJournal — journal.db", or with "(demo journal)" for the demo."""
    if demo:
        text = QCoreApplication.translate("JournalActions", "%1 — %2 (demo journal)")
        return text.replace("%1", APP_NAME).replace("%2", path.name)
    return f"{APP_NAME} — {path.name}"


def show_error(parent: QWidget, exc: RelJournalError) -> None:
    """``reljournal.ui.errors.show_error``, loaded when first needed (issue 18)."""
    from reljournal.ui.errors import show_error as show

    show(parent, exc)


class MainWindow(QMainWindow):
    quick_entry_opened = Signal(object)  # QuickEntryDialog
    shown_with_accounts = Signal()

    journal: Journal
    runner: TaskRunner
    edits: JournalEdits
    account_view: AccountView
    journals: JournalActions
    transfers: TransferActions
    record_editing: RecordEditing
    calendar_feed: CalendarSubscription
    sync_exchange: SyncExchange

    def __init__(
        self,
        journal: Journal | None,
        runner: TaskRunner | None,
        settings: S.Settings,
        *,
        theme: ThemeFollower | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
        first_screen: int | None = None,
        first: FirstScreen | None = None,
    ) -> None:
        """``first_screen`` (issue 18, the app's start): read only that many accounts
        now, and the rest, the journal watch and the meetings count once the window is
        on screen (``finish_start``); None reads everything now (tests, self-check).

        ``journal`` None (issue 18, the app's quick start): only the window's frame —
        its title, menus and ``first``'s accounts — for the first paint; ``attach``
        adds the journal and everything else once the window is on screen."""
        super().__init__(parent)
        self.settings = settings
        self.theme = theme
        self.today = today or dt.date.today()
        self.quick_entry: QuickEntryDialog | None = None
        self.attached = False
        if journal is not None:
            path, self.is_demo = journal.path, journal.is_demo()
        else:
            assert first is not None, "a window without its journal shows a first screen"
            path, self.is_demo = first.path, first.is_demo
        self._path = path
        self.setWindowTitle(window_title(path, self.is_demo))
        self.accounts = AccountsPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.accounts)
        # the account view's place while the journal is not there yet (the quick start)
        self._detail_placeholder: QWidget | None = QWidget() if journal is None else None
        if self._detail_placeholder is not None:
            self.splitter.addWidget(self._detail_placeholder)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        # the review features (brief, search, dashboard, Due, reminders): made once the
        # window is on screen (see attach_review_later), or when first asked for
        self._review: ReviewHub | None = None
        self.menus = MainActions(self, self)
        self.menus.show_history("", "")  # nothing to undo before the journal is here
        self.pending_restore: Path | None = None  # a backup to restore once closed
        self.pending_switch: tuple[Path, str | None] | None = None  # a journal to open next
        self.statusBar().showMessage(str(path))
        self._accounts_partial = False  # issue 18: only the first screenful read yet
        self._start_finished = first_screen is None and first is None
        self._from_first = first is not None
        self._last_account_pending: int | None = None
        self._shown_once = False
        self.watch: JournalWatch | None = None
        if first is not None:
            self._accounts_partial = first.partial
            self.accounts.model.set_accounts(first.summaries, self.today)
            if first.partial:  # "of …" the real count, not the rows read so far
                self.accounts.set_total_hint(first.total)
        self._frame_restored = False
        if journal is None:
            self._restore_frame()  # the size and splits the first paint shows
        else:
            assert runner is not None
            self.attach(journal, runner, first_screen=first_screen)

    def attach(
        self, journal: Journal, runner: TaskRunner, *, first_screen: int | None = None
    ) -> None:
        """The journal and everything the window does with it: the account view, editing,
        the menus' journal actions, the meetings count, sync (issue 18: after the first
        paint in the app's quick start; at once otherwise)."""
        from reljournal.ui.windows.account_view import AccountView
        from reljournal.ui.windows.edits import JournalEdits
        from reljournal.ui.windows.journal_actions import JournalActions
        from reljournal.ui.windows.record_editing import RecordEditing
        from reljournal.ui.windows.transfer_actions import TransferActions
        from reljournal.ui.work.journal_watch import JournalWatch  # noqa: F401  (finish_start)

        self.journal = journal
        self.runner = runner
        self.edits = JournalEdits(journal, runner, self, self)
        self.edits.journal_changed.connect(self._on_edits_journal_changed)
        self.account_view = AccountView()
        self.edits.edit_failed.connect(lambda: self.account_view.refresh())
        placeholder, self._detail_placeholder = self._detail_placeholder, None
        if placeholder is None:
            self.splitter.addWidget(self.account_view)
        else:  # in its place, at its size (QSplitter.replaceWidget left every later
            sizes = self.splitter.sizes()  # paint of the account view a third slower)
            placeholder.hide()
            placeholder.setParent(None)
            placeholder.deleteLater()
            self.splitter.addWidget(self.account_view)
            self.splitter.setSizes(sizes)
        self.splitter.setStretchFactor(1, 1)
        if not self._frame_restored:
            self._restore_frame()
        self.accounts.account_selected.connect(self._on_accounts_account_selected)
        self.accounts.team_selected.connect(self._on_accounts_team_selected)
        self.account_view.entry_activated.connect(self.edit_entry)
        self.account_view.commitments.state_change_requested.connect(
            lambda cid, state: self.edits.set_commitment_state(cid, state, self.today)
        )
        self.account_view.pages.currentChanged.connect(self._on_pages_current_changed)
        self.edits.history_changed.connect(self._on_edits_history_changed)
        self._on_edits_history_changed()
        self.journals = JournalActions(self, self, self.menus, self.settings, journal.path)
        self.transfers = TransferActions(self, self, journal, runner, self.settings, self.menus)
        self.record_editing = RecordEditing(self, self)  # the Account menu, context menus
        if self._from_first:
            pass  # the accounts of the first paint stay; the rest comes in finish_start
        elif first_screen is None:
            self.reload_accounts()
        else:
            self._read_first_screen(first_screen)
        self._restore_selection()
        # what another program (the command line, a second window) commits shows up here
        self.edits.journal_changed.connect(self._on_own_change)
        self._build_meetings(count_now=self._start_finished)
        if self._start_finished:
            self._start_watch()
        self._build_sync()
        self.attached = True

    # --- what the menus ask for (WindowCommands) ---------------------------------------
    def _on_edits_history_changed(self) -> None:
        self.menus.show_history(self.edits.undo_text(), self.edits.redo_text())

    def undo(self) -> None:
        self.edits.undo()

    def redo(self) -> None:
        self.edits.redo()

    def focus_account_filter(self) -> None:
        self.accounts.focus_filter()

    def show_team(self) -> None:
        self.accounts.select_team()

    def quit(self) -> None:
        self.close()

    def current_theme(self) -> str:
        return self.settings.get(S.THEME)

    def choose_theme(self, choice: str) -> None:
        self.settings.set(S.THEME, choice)
        if self.theme is not None:
            self.theme.set_choice(choice)
        self.account_view.refresh()
        self.accounts.view.viewport().update()

    # --- accounts and selection ------------------------------------------------------
    def reload_accounts(self) -> None:
        self._accounts_partial = False
        self.accounts.model.set_accounts(self.journal.account_summaries(self.today), self.today)

    # --- issue 18: a quick start (the first screenful, then the rest once on screen) ---
    def _read_first_screen(self, rows: int) -> None:
        first = self.journal.account_summaries(self.today, limit=rows)
        self._accounts_partial = len(first) >= rows
        self.accounts.model.set_accounts(first, self.today)
        if self._accounts_partial:  # "of …" the real count, not the rows read so far
            self.accounts.set_total_hint(self.journal.account_count())

    def finish_start(self) -> None:
        """Once the window is on screen: the rest of the accounts (read on a worker
        thread), the watch for other programs' changes and the meetings count."""
        if self._start_finished:
            return
        self._start_finished = True
        if self._shown_once:
            QTimer.singleShot(0, self.shown_with_accounts.emit)
        self._start_watch()
        self.refresh_meetings()
        if self._accounts_partial:
            today = self.today
            self.runner.run(
                lambda ctx: ctx.journal.account_summaries(today),
                show_progress=False,
                on_success=self._on_all_accounts_read,
                on_error=self._on_all_accounts_failed,
            )
        if self._sync_wanted:  # issue 16: its exchange queued after the accounts' read
            self._start_sync()

    def _on_all_accounts_read(self, summaries: object) -> None:
        if not self._accounts_partial:
            return  # reloaded since (an edit): that list is newer
        assert isinstance(summaries, list)
        self._accounts_partial = False
        log.info("the rest of the accounts read: %s in all", len(summaries))
        pane = self.accounts
        keep = pane.current_account_id()
        team = self.account_view.team
        pane.set_total_hint(None)
        pane.model.set_accounts(summaries, self.today)
        pending, self._last_account_pending = self._last_account_pending, None
        if team:
            return
        if keep is None and pending == self.account_view.account_id:
            keep = pending  # the account open last time, beyond the first screenful
        if keep is not None:
            pane.keep_selection(keep)

    def _on_all_accounts_failed(self, error: BaseException) -> None:
        log.warning("the account list could not be read in the background: %s", error)
        keep = self.accounts.current_account_id()
        self.reload_accounts()
        if keep is not None:
            self.accounts.keep_selection(keep)

    def _start_watch(self) -> None:
        if self.watch is None:
            from reljournal.ui.work.journal_watch import JournalWatch

            self.watch = JournalWatch(self.journal, self)
            self.watch.changed_elsewhere.connect(self.reload_all)

    def _on_own_change(self, _change: Change) -> None:
        if self.watch is not None:
            self.watch.note_own_change()

    def reload_all(self) -> None:
        keep = self.accounts.current_account_id()
        self.reload_accounts()
        if keep is not None:
            self.accounts.select_account(keep)
        self.account_view.refresh()
        self.refresh_meetings()

    def _on_accounts_account_selected(self, account_id: int) -> None:
        summary = self.accounts.model.account_by_id(account_id)
        if summary is None:
            return
        self.account_view.show_account(self.journal, summary, self.today)
        if self._review is not None and self.account_view.brief_shown:
            self._review.show_account(account_id)
        self.settings.set_last_account(self.journal.path, account_id)

    def _on_accounts_team_selected(self) -> None:
        self.account_view.show_team(self.journal, self.today)

    def _on_edits_journal_changed(self, change: Change) -> None:
        if change.accounts:
            ids = sorted(change.accounts)
            summaries = self.journal.account_summaries(self.today, ids)
            gone = len(summaries) < len(ids)  # deleted or merged away
            if gone or not self.accounts.model.update_accounts(summaries):
                keep = self.accounts.current_account_id()
                self.reload_accounts()
                if keep is not None and not self.accounts.select_account(keep):
                    self.account_view.clear()
        if self._review is not None:
            self._review.journal_changed(change)
        shown = self.account_view.account_id
        if self.account_view.team or (shown is not None and shown in change.accounts):
            summary = self.accounts.model.account_by_id(shown) if shown is not None else None
            self.account_view.refresh(summary)

    def show_account(self, account_id: int) -> None:
        """Select an account (asked for by search, the dashboard or the Due list)."""
        if self.accounts.model.row_of(account_id) is None:
            self.accounts.filter.clear()
            if self._accounts_partial and self.accounts.model.row_of(account_id) is None:
                self.reload_accounts()  # issue 18: asked for before the rest was read
        self.accounts.select_account(account_id)

    def show_entry(self, entry_id: int) -> None:
        """Select an entry in its account's timeline (a quote in the brief, a search hit)."""
        try:
            entry, _extras = self.journal.entry(entry_id)
        except RelJournalError as exc:
            show_error(self, exc)
            return
        if entry.account_id is None:
            self.accounts.select_team()
        else:
            self.show_account(entry.account_id)
        self.account_view.pages.setCurrentIndex(0)
        timeline = self.account_view.timeline
        for _page in range(50):  # an old entry: read pages until it is there
            row = timeline.row_of(entry_id)
            if row is not None or not timeline.canFetchMore(QModelIndex()):
                break
            timeline.fetchMore(QModelIndex())
        if row is None:
            self.edit_entry(entry_id)
            return
        index = timeline.index(row, 0)
        view = self.account_view.timeline_view
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus()

    def show_person(self, person_id: int) -> None:
        """Show a person's account (or the team) on its People tab."""
        account = next((a for i, _n, a in self.journal.people_names() if i == person_id), -1)
        if account == -1:
            return
        if account is None:
            self.accounts.select_team()
        else:
            self.show_account(account)
        self.account_view.pages.setCurrentIndex(0)
        self.account_view.tabs.setCurrentWidget(self.account_view.people_view)

    def show_commitment(self, commitment_id: int) -> None:
        """Show a promise on its account's (or the team's) Promises tab, selected."""
        try:
            row = self.journal.commitment(commitment_id)
        except RelJournalError as exc:
            show_error(self, exc)
            return
        if row is None:
            return
        if row.account_id is None:
            self.accounts.select_team()
        else:
            self.show_account(row.account_id)
        view = self.account_view
        view.pages.setCurrentIndex(0)
        view.tabs.setCurrentWidget(view.commitments_view)
        rows = view.commitments.rows()
        found = next((i for i, r in enumerate(rows) if r.id == commitment_id), None)
        if found is not None:
            index = view.commitments.index(found, 1)
            view.commitments_view.setCurrentIndex(index)
            view.commitments_view.scrollTo(index)
        view.commitments_view.setFocus()

    def focus_timeline(self) -> None:
        self.account_view.pages.setCurrentIndex(0)
        self.account_view.timeline_view.setFocus()

    def show_brief(self) -> None:
        if self.account_view.team or self.account_view.account_id is None:
            return
        hub = self.review  # made now if it was not yet
        self.account_view.pages.setCurrentIndex(1)
        hub.brief.setFocus()

    def _on_pages_current_changed(self, _index: int) -> None:
        shown = self.account_view.account_id
        if self._review is not None and self.account_view.brief_shown and shown is not None:
            if self._review.brief.account_id != shown:
                self._review.show_account(shown)

    # --- the review features -----------------------------------------------------------
    @property
    def review(self) -> ReviewHub:
        if self._review is None:
            self._attach_review()
        assert self._review is not None
        return self._review

    def _attach_review(self) -> None:

        from reljournal.ui.windows import (
            review_hub,  # its code takes a moment to load: not at start
        )

        hub = review_hub.ReviewHub(self, self.journal, self.settings, today=lambda: self.today)
        self._review = hub
        self.account_view.add_brief(hub.brief)
        hub.account_requested.connect(self.show_account)
        hub.entry_requested.connect(self.show_entry)
        hub.person_requested.connect(self.show_person)
        hub.commitment_requested.connect(self.show_commitment)
        hub.commitment_state_requested.connect(
            lambda cid, state: self.edits.set_commitment_state(cid, state, self.today)
        )
        self.menus.add_review(hub.file_actions, hub.view_actions, hub.settings_actions)
        log.info("review features ready")

    def attach_review_later(self, *, start: bool = True) -> None:
        """Make the review features once the window is on screen (their code takes a
        noticeable moment to load), then start their reminder and read-ahead."""
        polls = [0]

        def check() -> None:
            handle = self.windowHandle()
            polls[0] += 1
            if handle is not None and not handle.isExposed() and polls[0] < 200:
                QTimer.singleShot(10, self, check)
                return
            if start:
                self.review.start()
                self.calendar_feed.start()  # the subscribed calendar, if any (issue 14)
                self._start_sync()  # device sync, if set up (issue 16)
            else:
                _ = self.review

        QTimer.singleShot(10, self, check)

    # --- entries ---------------------------------------------------------------------
    def current_target(self) -> Target | None:
        from reljournal.ui.entry.account_field import Target

        if self.account_view.team:
            return Target(self.tr("Team & partners"), team=True)
        summary = self.account_view.summary
        return Target(summary.name, account_id=summary.id) if summary else None

    def open_quick_entry(self, start: QuickEntryStart | None = None) -> QuickEntryDialog:
        if self.quick_entry is not None:
            self.quick_entry.raise_()
            self.quick_entry.activateWindow()
            return self.quick_entry
        from reljournal.ui.entry.quick_entry import QuickEntryDialog, QuickEntryStart

        if start is None:
            start = QuickEntryStart(target=self.current_target())
        dialog = QuickEntryDialog(self.journal, self.runner, start, self, today=self.today)
        geometry = self.settings.get(S.QUICK_ENTRY_GEOMETRY)
        if not geometry.isEmpty():
            dialog.restoreGeometry(geometry)
        dialog.entry_saved.connect(self._on_quick_entry_saved)
        dialog.closed.connect(self._on_quick_entry_closed)
        dialog.quit_requested.connect(self.close)
        self.quick_entry = dialog
        dialog.open()
        self.quick_entry_opened.emit(dialog)
        return dialog

    def _on_quick_entry_saved(self, saved: SavedEntry) -> None:
        self.edits.entry_saved(saved)
        account_id = saved.entry.account_id
        if account_id is not None and account_id != self.accounts.current_account_id():
            self.accounts.filter.clear()
            self.accounts.select_account(account_id)
        elif account_id is None and not self.account_view.team:
            self.accounts.select_team()
        self.statusBar().showMessage(self.tr("Entry saved."), 5000)

    def _on_quick_entry_closed(self) -> None:
        if self.quick_entry is not None:
            self.settings.set(S.QUICK_ENTRY_GEOMETRY, self.quick_entry.saveGeometry())
        self.quick_entry = None

    def edit_selected_entry(self) -> None:
        entry_id = self.account_view.current_entry_id()
        if entry_id is not None:
            self.edit_entry(entry_id)

    def edit_entry(self, entry_id: int) -> None:
        try:
            entry, extras = self.journal.entry(entry_id)
            name = ""
            if entry.account_id is not None:
                name = self.journal.account_summary(entry.account_id, self.today).name
        except RelJournalError as exc:
            show_error(self, exc)
            return
        from reljournal.journal.entry_form import form_from_entry
        from reljournal.ui.entry.quick_entry import QuickEntryStart

        self.open_quick_entry(QuickEntryStart(form=form_from_entry(entry, extras, name)))

    def delete_selected_entry(self) -> None:
        entry_id = self.account_view.current_entry_id()
        if entry_id is not None:
            self.edits.delete_entry(entry_id)

    # --- drafts ----------------------------------------------------------------------
    def offer_drafts(self) -> None:
        """Offer back the entry a crash or a quit left half-written."""
        drafts = self.journal.drafts()
        if not drafts or self.quick_entry is not None:
            return
        draft = drafts[0]
        from reljournal.journal.entry_form import EntryForm

        form = EntryForm.from_payload(draft.payload)
        about = (
            self.tr("Team & partners")
            if form.team
            else form.account_text or self.tr("no account yet")
        )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved entry"))
        box.setText(
            self.tr("You were writing an entry (%1, last changed %2). Open it again?")
            .replace("%1", about)
            .replace("%2", f"{draft.updated_at:%Y-%m-%d %H:%M}")
        )
        open_button = box.addButton(self.tr("&Open it"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Discard it"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(later)
        box.exec()
        if box.clickedButton() is open_button:
            from reljournal.ui.entry.quick_entry import QuickEntryStart

            self.open_quick_entry(QuickEntryStart(form=form, draft_id=draft.id))
        elif box.clickedButton() is discard:
            draft_id = draft.id
            self.runner.run(lambda ctx: ctx.journal.delete_draft(draft_id), show_progress=False)

    # --- meetings from the calendar (issue 14) -----------------------------------------
    def _build_meetings(self, *, count_now: bool = True) -> None:
        self.meetings_dialog: MeetingsDialog | None = None
        self.to_log_button = QPushButton()
        self.to_log_button.setFlat(True)
        self.to_log_button.setToolTip(
            self.tr("Meetings from your calendar to log (%1)").replace(
                "%1", keys.shown(keys.MEETINGS_TO_LOG)
            )
        )
        self.to_log_button.clicked.connect(self.open_meetings)
        self.statusBar().addPermanentWidget(self.to_log_button)
        from reljournal.ui.work.calendar_feed import CalendarSubscription

        self.meetings_action = make_action(
            self, self.tr("&Meetings to log…"), keys.MEETINGS_TO_LOG,
            self.tr("The meetings from your calendar waiting to be logged"), self.open_meetings,
        )  # fmt: skip
        self.menus.view_menu.insertAction(self.menus.review_view_anchor, self.meetings_action)
        self.calendar_feed = CalendarSubscription(self.journal, self.runner, self)
        self.calendar_feed.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.calendar_feed.updated.connect(lambda _outcome: self.refresh_meetings())
        self.edits.journal_changed.connect(lambda _change: self.refresh_meetings())
        if count_now:  # else once the window is on screen (issue 18, finish_start)
            self.refresh_meetings()

    # --- device sync (issue 16) ------------------------------------------------------------
    def _build_sync(self) -> None:
        self.sync_dialog: SyncDialog | None = None
        self._sync_wanted = False  # asked to start (see _start_sync)
        self.sync_action = make_action(
            self, self.tr("S&ync…"), "",
            self.tr("Keep this journal on every computer you use, through a synced folder"),
            self.open_sync,
        )  # fmt: skip
        self.menus.file_menu.insertAction(self.menus.review_file_anchor, self.sync_action)
        from reljournal.ui.work.sync_exchange import SyncExchange  # issue 16

        self.sync_exchange = SyncExchange(self.journal, self.runner, self)
        self.sync_exchange.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.sync_exchange.received.connect(self._on_sync_received)
        self.sync_exchange.exchanged.connect(lambda _report: self._refresh_sync_dialog())

    def _on_sync_received(self) -> None:
        self.reload_all()  # every account (also when only the first screenful was read)
        self.refresh_meetings()
        if self.watch is not None:
            self.watch.note_own_change()

    def _start_sync(self) -> None:
        """The exchange at start and every few minutes, once the window is on screen and
        (issue 18's quick start) the rest of the accounts is queued on the task runner
        before it: whichever of ``attach_review_later`` and ``finish_start`` comes last
        starts it."""
        self._sync_wanted = True
        if self._start_finished and not self.sync_exchange.running:
            self.sync_exchange.start()

    def _refresh_sync_dialog(self) -> None:
        if self.sync_dialog is not None:
            self.sync_dialog.refresh()

    def open_sync(self) -> SyncDialog:
        dialog = self.sync_dialog
        if dialog is None:
            from reljournal.ui.dialogs.sync_dialog import SyncDialog  # loaded when first opened

            dialog = SyncDialog(self.journal, self.runner, self)
            dialog.sync_requested.connect(self.sync_exchange.exchange_now)
            dialog.set_up.connect(self.sync_exchange.start)
            dialog.journal_changed.connect(self._on_sync_received)
            dialog.finished.connect(self._on_sync_dialog_finished)
            self.sync_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _on_sync_dialog_finished(self, _code: int) -> None:
        if self.sync_dialog is not None:
            self.sync_dialog.deleteLater()
        self.sync_dialog = None

    def refresh_meetings(self) -> None:
        """The count of meetings to log (and the open list) as the journal is now."""
        if self.meetings_dialog is not None:
            self.meetings_dialog.refresh()  # shows its count through queue_changed
            return
        try:
            count = self.journal.count_meetings_to_log()
        except RelJournalError:
            log.info("the meetings queue could not be read", exc_info=True)
            return
        self._show_to_log_count(count)

    def _show_to_log_count(self, count: int) -> None:
        self.to_log_button.setText(self.tr("To log: %n meeting(s)", "", count))
        font = self.to_log_button.font()
        font.setBold(count > 0)
        self.to_log_button.setFont(font)

    def open_meetings(self) -> MeetingsDialog:
        dialog = self.meetings_dialog
        if dialog is None:
            from reljournal.ui.views.meetings_view import MeetingsDialog

            dialog = MeetingsDialog(self.journal, self.runner, self)
            dialog.log_requested.connect(self.log_meeting)
            dialog.queue_changed.connect(self._show_to_log_count)
            dialog.queue_changed.connect(lambda _n: self._on_edits_history_changed())
            dialog.subscription_changed.connect(self.calendar_feed.refresh)
            dialog.finished.connect(self._on_meetings_dialog_finished)
            self.meetings_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _on_meetings_dialog_finished(self, _code: int) -> None:
        if self.meetings_dialog is not None:
            self.meetings_dialog.deleteLater()
        self.meetings_dialog = None
        self.refresh_meetings()

    def log_meeting(self, meeting_id: int) -> None:
        """Open the quick entry filled in from a queued meeting; saving logs it."""
        if self.quick_entry is not None:
            self.statusBar().showMessage(self.tr("Finish the open entry first."), 5000)
            self.open_quick_entry()
            return
        try:
            form = self.journal.meeting_form(meeting_id)
        except RelJournalError as exc:
            show_error(self, exc)
            return
        from reljournal.ui.entry.quick_entry import QuickEntryStart

        self.open_quick_entry(QuickEntryStart(form=form))

    # --- window ----------------------------------------------------------------------
    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if self.quick_entry is not None:
            self.quick_entry.raise_()
            self.quick_entry.activateWindow()

    def show_about(self) -> None:
        from reljournal.logs import log_path

        QMessageBox.about(
            self,
            self.tr("About %1").replace("%1", APP_NAME),
            self.tr(
                "<b>%1 %2</b><p>An offline, encrypted journal of customer relationships.</p>"
                "<p>Journal: %3<br>Log file: %4</p>"
            )
            .replace("%1", APP_NAME)
            .replace("%2", __version__)
            .replace("%3", str(self.journal.path))
            .replace("%4", str(log_path())),
        )

    def _restore_frame(self) -> None:
        self._frame_restored = True
        geometry = self.settings.get(S.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            em = self.fontMetrics().averageCharWidth()
            self.resize(em * 170, self.fontMetrics().height() * 48)
        state = self.settings.get(S.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(S.MAIN_SPLITTER)
        self._splitter_restored = not splitter.isEmpty() and self.splitter.restoreState(splitter)

    def _restore_selection(self) -> None:
        detail = self.settings.get(S.DETAIL_SPLITTER)
        if not detail.isEmpty():
            self.account_view.splitter.restoreState(detail)
        last = self.settings.last_account(self.journal.path)
        if self.accounts.select_account(last):
            return
        if self._accounts_partial and last is not None and self._show_beyond_first(last):
            return
        if self.accounts.model.rowCount():
            self.accounts.select_account(self.accounts.model.account_at(0).id)

    def _show_beyond_first(self, account_id: int) -> bool:
        """Issue 18: the account open last time lies beyond the first screenful read: show
        it now, and select it in the list once the list is whole."""
        found = self.journal.account_summaries(self.today, [account_id])
        if not found:
            return False  # deleted since
        self.account_view.show_account(self.journal, found[0], self.today)
        self._last_account_pending = account_id
        return True

    def save_state(self) -> None:
        self.settings.set(S.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(S.WINDOW_STATE, self.saveState())
        self.settings.set(S.MAIN_SPLITTER, self.splitter.saveState())
        if self.attached:
            self.settings.set(S.DETAIL_SPLITTER, self.account_view.splitter.saveState())
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._splitter_restored:
                left = max(self.width() * 40 // 100, self.fontMetrics().averageCharWidth() * 70)
                self.splitter.setSizes([left, max(1, self.width() - left)])
            if self._start_finished:
                QTimer.singleShot(0, self.shown_with_accounts.emit)
            # else (issue 18's quick start): once on screen, from finish_start — what
            # waits for it (today's automatic backup, in the worker) does not compete
            # with the first paint

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # issue 18: closed before its journal was opened
            self.save_state()
            event.accept()
            return
        if self.quick_entry is not None:
            self.quick_entry.keep_draft_and_close()
        self.save_state()
        if self._review is not None:
            self._review.shutdown()
        self.calendar_feed.shutdown()
        self.sync_exchange.exchange_on_close()  # issue 16: the runner waits for it
        if self.sync_dialog is not None:
            self.sync_dialog.close()
        if self.meetings_dialog is not None:
            self.meetings_dialog.close()
        log.info("main window closed")
        event.accept()
