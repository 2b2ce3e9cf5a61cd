"""The right pane: the selected account (or the team) — header with its class badge,
the timeline of entries, and tabs with promises, stated expectations and people."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.model import ENTRY_KINDS
from reljournal.core.records import AccountSummary
from reljournal.journal.facade import Journal
from reljournal.ui import theme
from reljournal.ui.models.detail_models import (
    CommitmentsModel,
    ExpectationsModel,
    StakeholdersModel,
)
from reljournal.ui.models.timeline_model import (
    COL_EXPECTATIONS,
    COL_KIND,
    COL_MINUTES,
    COL_NOTES,
    COL_WHEN,
    ENTRY_ID_ROLE,
    TimelineModel,
)
from reljournal.ui.views.entry_preview import EntryPreview
from reljournal.ui.wording import (
    date_samples,
    due_samples,
    format_date,
    kind_text,
    label_text,
    moment_samples,
)


def _tree(model: object) -> QTreeView:
    view = QTreeView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAllColumnsShowFocus(True)
    return view


class AccountView(QWidget):
    entry_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal: Journal | None = None
        self.summary: AccountSummary | None = None
        self.team = False
        self.today = dt.date.today()
        self.timeline = TimelineModel(self)
        self.expectations = ExpectationsModel(self)
        self.commitments = CommitmentsModel(self)
        self.people = StakeholdersModel(self)

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = QLabel()
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        # the account's phones and addresses (issue 13), edited with Edit account…
        self.contacts = QLabel()
        self.contacts.setWordWrap(True)
        self.contacts.setTextFormat(Qt.TextFormat.PlainText)
        self.contacts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts.setToolTip(
            self.tr("Phones and addresses: Account > Edit account… changes them")
        )
        self.contacts.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addStretch(1)

        self.timeline_view = _tree(self.timeline)
        metrics = self.timeline_view.fontMetrics()
        pad = 3 * metrics.averageCharWidth()

        def fit(view: QTreeView, widths: dict[int, list[str]], stretch: int) -> None:
            """Fixed widths from the font (never measured over the rows), one stretching."""
            header = view.header()
            header.setStretchLastSection(False)
            for column in range(view.model().columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                texts = widths.get(column)
                if texts:
                    view.setColumnWidth(
                        column, max(metrics.horizontalAdvance(t) for t in texts) + pad
                    )
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

        kinds = [kind_text(k) for k in ENTRY_KINDS]
        fit(
            self.timeline_view,
            {
                COL_WHEN: moment_samples(dt.date.today()),
                COL_KIND: kinds,
                COL_MINUTES: [
                    "9999",
                    self.timeline.headerData(COL_MINUTES, Qt.Orientation.Horizontal),
                ],
                COL_EXPECTATIONS: ["x" * 44],
            },
            COL_NOTES,
        )
        # the notes and what they said share the width: neither shrinks to "Not" or "P…"
        self.timeline_view.header().setSectionResizeMode(
            COL_EXPECTATIONS, QHeaderView.ResizeMode.Stretch
        )
        self.timeline_view.activated.connect(self._on_timeline_view_activated)
        self.timeline_label = QLabel()
        timeline_box = QWidget()
        box = QVBoxLayout(timeline_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.timeline_label)
        # the selected entry, whole, under the timeline (issue 19): read without editing
        self.preview = EntryPreview()
        self.timeline_split = QSplitter(Qt.Orientation.Vertical)
        self.timeline_split.addWidget(self.timeline_view)
        self.timeline_split.addWidget(self.preview)
        self.timeline_split.setStretchFactor(0, 3)
        self.timeline_split.setStretchFactor(1, 2)
        self.timeline_split.setChildrenCollapsible(True)
        box.addWidget(self.timeline_split)
        self.timeline_view.selectionModel().currentChanged.connect(
            self._on_timeline_current_changed
        )

        self.commitments_view = _tree(self.commitments)
        self.expectations_view = _tree(self.expectations)
        self.people_view = _tree(self.people)
        date = [self.tr("%1 (overdue)").replace("%1", d) for d in due_samples(dt.date.today())]
        fit(
            self.commitments_view,
            {
                CommitmentsModel.COL_DONE: ["Dropped", "Done"],
                CommitmentsModel.COL_OWNER: ["Them", "Whose"],
                CommitmentsModel.COL_DUE: date,
            },
            CommitmentsModel.COL_TEXT,
        )
        bold = QFont(self.commitments_view.font())
        bold.setBold(True)  # an overdue date is shown in bold
        self.commitments_view.setColumnWidth(
            CommitmentsModel.COL_DUE,
            max(QFontMetrics(bold).horizontalAdvance(t) for t in date) + pad,
        )
        fit(
            self.expectations_view,
            {
                ExpectationsModel.COL_SAID_ON: date_samples(dt.date.today()),
                ExpectationsModel.COL_SPEAKER: ["Firstname Lastname"],
                ExpectationsModel.COL_QUESTION: ["x" * 50],
            },
            ExpectationsModel.COL_ANSWER,
        )
        fit(
            self.people_view,
            {
                StakeholdersModel.COL_NAME: ["Firstname Lastname"],
                StakeholdersModel.COL_CONTACT: [
                    "firstname.lastname@example.com · +00 000 000 0000"
                ],
                StakeholdersModel.COL_LAST_CONTACT: date_samples(dt.date.today()),
            },
            StakeholdersModel.COL_ROLE,
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.commitments_view, "")
        self.tabs.addTab(self.expectations_view, "")
        self.tabs.addTab(self.people_view, "")

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(timeline_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        # "Journal" (timeline and details) and, when the window adds it, "Brief"
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.splitter, self.tr("&Journal"))
        self.brief: QWidget | None = None
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.contacts)
        layout.addWidget(self.pages, 1)
        self.empty = QLabel(
            self.tr(
                "Pick an account on the left (Ctrl+F to filter), or write an entry with Ctrl+N."
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def add_brief(self, brief: QWidget) -> None:
        """Host the account brief (from the review features) as the second page."""
        self.brief = brief
        self.pages.addTab(brief, self.tr("&Brief"))

    @property
    def brief_shown(self) -> bool:
        return self.brief is not None and self.pages.currentWidget() is self.brief

    # --- what is shown ---------------------------------------------------------------
    def show_account(self, journal: Journal, summary: AccountSummary, today: dt.date) -> None:
        self.journal, self.summary, self.team, self.today = journal, summary, False, today
        self.title.setText(summary.name)
        self._set_badge(summary)
        self.timeline.today = today
        self.timeline.set_source(journal, summary.id)
        self._load_details()
        self._show_current_entry()
        self.stack.setCurrentIndex(1)

    def show_team(self, journal: Journal, today: dt.date) -> None:
        self.journal, self.summary, self.team, self.today = journal, None, True, today
        self.pages.setCurrentIndex(0)  # the brief is about a customer account
        self.title.setText(self.tr("Team & partners"))
        self.badge.hide()
        self.timeline.set_source(journal, None, team=True)
        self._load_details()
        self._show_current_entry()
        self.stack.setCurrentIndex(1)

    def clear(self) -> None:
        self.journal, self.summary, self.team = None, None, False
        self.timeline.set_source(None, None)
        for model in (self.expectations, self.commitments, self.people):
            model.set_rows([])
        self.stack.setCurrentIndex(0)

    def refresh(self, summary: AccountSummary | None = None) -> None:
        """Read the shown account (or team) again after an edit."""
        if self.journal is None:
            return
        if summary is not None:
            self.summary = summary
            self.title.setText(summary.name)
            self._set_badge(summary)
        self.timeline.reload()
        self._load_details()
        self._show_current_entry()  # an edited entry reads as it is now

    @property
    def account_id(self) -> int | None:
        return self.summary.id if self.summary is not None else None

    def _load_details(self) -> None:
        assert self.journal is not None
        journal, today = self.journal, self.today
        if self.team:
            entries = journal.count_entries(None)
            self.people.set_rows(journal.people(team=True), today)
            self.commitments.set_rows([], today)
            self.expectations.set_rows([], today)
        else:
            assert self.summary is not None
            entries = journal.count_entries(self.summary.id)
            self.commitments.set_rows(journal.commitments(self.summary.id), today)
            self.expectations.set_rows(journal.expectations(self.summary.id), today)
            self.people.set_rows(journal.people(self.summary.id), today)
        for index, visible in ((0, not self.team), (1, not self.team)):
            self.tabs.setTabVisible(index, visible)
        if self.brief is not None:
            self.pages.setTabVisible(1, not self.team)
        open_count = sum(1 for c in self.commitments.rows() if c.state == "open")
        overdue = sum(1 for c in self.commitments.rows() if c.is_overdue(today))
        promises = self.tr("Promises (%1)").replace("%1", str(open_count))
        if overdue:
            promises = (
                self.tr("Promises (%1, %2 overdue)")
                .replace("%1", str(open_count))
                .replace("%2", str(overdue))
            )
        self.tabs.setTabText(0, promises)
        self.tabs.setTabText(
            1, self.tr("Expectations (%1)").replace("%1", str(self.expectations.rowCount()))
        )
        self.tabs.setTabText(2, self.tr("People (%1)").replace("%1", str(self.people.rowCount())))
        self.timeline_label.setText(self.tr("Timeline — %n entry(s), newest first", "", entries))
        self._set_facts(entries)
        self._set_contacts()

    def _set_contacts(self) -> None:
        """The account's phones and addresses under its facts (hidden when it has none)."""
        from reljournal.core.formats.account_contacts import contact_line

        points = (
            self.journal.account_contact_points(self.summary.id)
            if self.journal is not None and self.summary is not None and not self.team
            else []
        )
        self.contacts.setText(contact_line(points))
        self.contacts.setVisible(bool(points))

    def _set_badge(self, summary: AccountSummary) -> None:
        text = label_text(summary.label)
        if summary.overridden:
            text += " ✎"
            self.badge.setToolTip(
                self.tr("Set by you; the journal says %1").replace(
                    "%1", label_text(summary.computed_label)
                )
            )
        else:
            self.badge.setToolTip(self.tr("What the journal says this customer wants"))
        colour = theme.badge_colour(summary.label)
        fg = theme.colours().badge_text
        self.badge.setText(text)
        self.badge.setStyleSheet(
            f"QLabel {{ background: {colour.name()}; color: {fg.name()}; "
            "border-radius: 9px; padding: 2px 10px; font-weight: bold; }"
        )
        self.badge.show()

    def _set_facts(self, entries: int) -> None:
        if self.team:
            self.facts.setText(
                self.tr("Your internal team and external partners: %n entry(s)", "", entries)
            )
            return
        s = self.summary
        assert s is not None
        parts = []
        if s.industry:
            parts.append(html.escape(s.industry))
        if s.last_contact:
            when = format_date(s.last_contact, self.today)
            parts.append(html.escape(self.tr("last contact %1").replace("%1", when)))
        else:
            parts.append(html.escape(self.tr("no contact yet")))
        if s.overdue:
            parts.append(
                f"<span style='color:{theme.colours().overdue.name()}; font-weight:bold'>"
                + self.tr("%n overdue promise(s)", "", s.overdue)
                + "</span>"
            )
        self.facts.setText(" · ".join(parts))

    def _on_timeline_view_activated(self, index: QModelIndex) -> None:
        entry_id = index.data(ENTRY_ID_ROLE)
        if entry_id is not None:
            self.entry_activated.emit(entry_id)

    def _on_timeline_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry_id = current.data(ENTRY_ID_ROLE) if current.isValid() else None
        if entry_id is None or self.journal is None:
            self.preview.clear_entry()
        elif entry_id != self.preview.entry_id:
            self.preview.show_entry(self.journal, int(entry_id), self.today)

    def _show_current_entry(self) -> None:
        self.preview.entry_id = None
        self._on_timeline_current_changed(self.timeline_view.currentIndex(), QModelIndex())

    def current_entry_id(self) -> int | None:
        index = self.timeline_view.currentIndex()
        return index.data(ENTRY_ID_ROLE) if index.isValid() else None
