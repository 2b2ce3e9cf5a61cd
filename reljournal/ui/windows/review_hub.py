"""The review features in one object the main window hosts with a few lines: the
account brief, search (Ctrl+J), brief export (Ctrl+Shift+E), the portfolio dashboard
(Ctrl+4), the Due list (Ctrl+3), the calendar export and the daily reminder.

The hub never touches the main window's widgets: it says what the user chose
through ``account_requested``, ``entry_requested`` and ``person_requested``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QWidget

from reljournal.core.records import Change
from reljournal.journal.facade import Journal
from reljournal.ui import keys as K
from reljournal.ui import settings as S
from reljournal.ui.work.read_worker import ReadWorker

if TYPE_CHECKING:
    from reljournal.ui.dialogs.search_dialog import SearchDialog
    from reljournal.ui.views.brief_view import BriefView
    from reljournal.ui.views.dashboard import DashboardView
    from reljournal.ui.views.due_view import DueView
    from reljournal.ui.work.reminders import DueNotifier

W = TypeVar("W", bound=QWidget)
REMINDER_AFTER_MS = 4000  # after the window is shown
READ_AHEAD_MS = 6000  # then read the portfolio ahead, so that Ctrl+4 opens at once


class ReviewHub(QObject):
    account_requested = Signal(int)
    entry_requested = Signal(int)
    person_requested = Signal(int)
    commitment_requested = Signal(int)  # the Due list opens a promise
    commitment_state_requested = Signal(int, str)  # the Due list ticked one done

    def __init__(
        self,
        window: QWidget,
        journal: Journal,
        settings: S.Settings,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.journal = journal
        self._today = today
        self._icon = icon
        self._settings = settings
        # The views are made when first needed, so that they cost the start-up nothing.
        # ``brief_page`` can be placed before the brief exists; ``brief`` fills it.
        self.brief_page = QStackedWidget()
        self._brief: BriefView | None = None
        self._dashboard: DashboardView | None = None
        self._due: DueView | None = None
        self._search: SearchDialog | None = None
        self._notifier: DueNotifier | None = None
        # One reader for the dashboard, the Due list and the reminder: the reminder opens
        # it at start-up, so the dashboard later finds it open and its page cache warm.
        # Search keeps its own, so that typing never waits behind a portfolio read.
        self.reader = ReadWorker(journal, self)
        self._build_actions()

    @property
    def brief(self) -> BriefView:
        if self._brief is None:
            from reljournal.ui.views.brief_view import BriefView

            view = BriefView(self.journal, today=self._today, show_title=False)
            view.entry_requested.connect(self.entry_requested)
            self.brief_page.addWidget(view)
            self.brief_page.setCurrentWidget(view)
            self._brief = view
        return self._brief

    @property
    def dashboard(self) -> DashboardView:
        if self._dashboard is None:
            from reljournal.ui.views.dashboard import DashboardView

            view = self._tool_window(
                DashboardView(self.journal, self._window, today=self._today, reader=self.reader)
            )
            view.setWindowTitle(self.tr("Portfolio"))
            view.resize(1280, 800)
            view.account_requested.connect(self._on_account_chosen)
            view.person_requested.connect(self._on_person_chosen)
            self._dashboard = view
        return self._dashboard

    @property
    def due(self) -> DueView:
        if self._due is None:
            from reljournal.ui.views.due_view import DueView

            view = self._tool_window(
                DueView(self.journal, self._window, today=self._today, reader=self.reader)
            )
            view.setWindowTitle(self.tr("Due"))
            view.resize(900, 560)
            view.account_requested.connect(self._on_account_chosen)
            view.entry_requested.connect(self._on_entry_chosen)
            view.commitment_requested.connect(self._on_commitment_chosen)
            view.state_change_requested.connect(self.commitment_state_requested)
            self._due = view
        return self._due

    @property
    def notifier(self) -> DueNotifier:
        if self._notifier is None:
            from reljournal.ui.work.reminders import DueNotifier

            notifier = DueNotifier(
                self.journal, self._settings, self._icon, self, today=self._today,
                reader=self.reader,
            )  # fmt: skip
            notifier.due_requested.connect(self.show_due)
            self._notifier = notifier
        return self._notifier

    def _tool_window(self, view: W) -> W:
        view.setWindowFlag(Qt.WindowType.Window)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), view, view.close)
        return view

    def _action(self, text: str, keys: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        if keys:
            action.setShortcut(QKeySequence(keys))
            shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shown})")
        else:
            action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.search_action = self._action(
            self.tr("&Search everything…"),
            K.SEARCH,
            self.tr("Search accounts, people, notes, answers and commitments"),
            self.open_search,
        )
        self.export_brief_action = self._action(
            self.tr("Export &brief…"),
            K.EXPORT_BRIEF,
            self.tr("Save the account's brief as a one-page PDF or as Markdown"),
            lambda: self.brief.export_brief(),
        )
        self.dashboard_action = self._action(
            self.tr("&Portfolio dashboard"),
            K.DASHBOARD,
            self.tr("All accounts: relational score against the effort of the last 90 days"),
            self.toggle_dashboard,
        )
        self.due_action = self._action(
            self.tr("D&ue"),
            K.DUE,
            self.tr("Commitments overdue or due today, and accounts to get in touch with"),
            self.show_due,
        )
        self.calendar_action = self._action(
            self.tr("Export &calendar (.ics)…"),
            "",
            self.tr("Save the open commitments as calendar events"),
            lambda: self.due.export_calendar(),
        )
        self.notify_action = QAction(self.tr("Daily &reminders"), self._window, checkable=True)
        self.notify_action.setToolTip(self.tr("A desktop notification of what is due, once a day"))
        self.notify_action.setChecked(self._settings.get(S.DESKTOP_REMINDERS))
        self.notify_action.toggled.connect(lambda on: self.notifier.set_enabled(on))
        self.file_actions = [self.export_brief_action, self.calendar_action]
        self.view_actions = [self.search_action, self.dashboard_action, self.due_action]
        self.settings_actions = [self.notify_action]

    # -- what the main window calls ---------------------------------------------------------

    def start(self) -> None:
        """Once the main window is shown: a little later (start-up stays quick), today's
        reminder, then a read-ahead of the portfolio so that Ctrl+4 opens at once."""
        # with the hub as context: a window closed before they fire cancels them
        QTimer.singleShot(REMINDER_AFTER_MS, self, lambda: self.notifier.start())
        QTimer.singleShot(READ_AHEAD_MS, self, lambda: self.dashboard.refresh())

    def show_account(self, account_id: int) -> None:
        self.brief.show_account(account_id)

    def journal_changed(self, change: Change) -> None:
        brief = self._brief
        if (
            brief is not None
            and brief.account_id is not None
            and brief.account_id in change.accounts
        ):
            brief.refresh()
        for view in (self._dashboard, self._due):
            if view is not None and view.isVisible():
                view.refresh()

    def shutdown(self) -> None:
        """When the main window closes: close the review windows, stop the readers."""
        for view in (self._dashboard, self._due):
            if view is not None:
                view.close()
                view.shutdown()
        if self._notifier is not None:
            self._notifier.shutdown()
        if self._search is not None:
            self._search.shutdown()
        self.reader.shutdown()

    # -- opening the views ----------------------------------------------------------------

    def open_search(self) -> SearchDialog:
        if self._search is None:
            from reljournal.ui.dialogs.search_dialog import SearchDialog

            self._search = SearchDialog(self.journal, self._window)
            self._search.account_requested.connect(self._on_account_chosen)
            self._search.entry_requested.connect(self._on_entry_chosen)
            self._search.person_requested.connect(self._on_person_chosen)
        self._search.field.selectAll()
        self._search.open()
        self._search.field.setFocus()
        return self._search

    def toggle_dashboard(self) -> None:
        if self.dashboard.isVisible() and self.dashboard.isActiveWindow():
            self.dashboard.close()
            return
        self._raise(self.dashboard)

    def show_due(self) -> None:
        self._raise(self.due)
        self.due.refresh()

    def _raise(self, view: QWidget) -> None:
        view.show()
        view.raise_()
        view.activateWindow()
        view.setFocus()

    def _back_to_window(self) -> None:
        self._window.raise_()
        self._window.activateWindow()

    def _on_account_chosen(self, account_id: int) -> None:
        self._back_to_window()
        self.account_requested.emit(account_id)

    def _on_entry_chosen(self, entry_id: int) -> None:
        self._back_to_window()
        self.entry_requested.emit(entry_id)

    def _on_commitment_chosen(self, commitment_id: int) -> None:
        self._back_to_window()
        self.commitment_requested.emit(commitment_id)

    def _on_person_chosen(self, person_id: int) -> None:
        self._back_to_window()
        self.person_requested.emit(person_id)
