"""Ctrl+4: the whole portfolio — score against effort, a sortable table, and the team.

The data is read by a ``ReadWorker`` (a few aggregate queries over the journal) so
the window stays responsive; ``portfolio_shown`` says when it is on screen. A click
on a dot, or Enter / double-click on a row, emits ``account_requested(id)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.effort.plans import OVER_INVESTING, UNDER_INVESTING
from reljournal.core.effort.portfolio import GroupActivity, Portfolio, TeamActivity
from reljournal.core.errors import RelJournalError
from reljournal.journal.facade import Journal
from reljournal.printing.brief_words import locale_date_format, translated_words
from reljournal.ui.models.portfolio_model import (
    ACCOUNT_ID_ROLE,
    COL_ACCOUNT,
    COL_EFFORT,
    PortfolioTableModel,
)
from reljournal.ui.views.scatter_chart import Quadrants, ScatterChart, ScatterPoint
from reljournal.ui.views.tables import pick_one_row
from reljournal.ui.work.read_worker import ReadWorker

CHANNEL: Final = "portfolio"
TEAM_CHANNEL: Final = "team"


class DashboardView(QWidget):
    account_requested = Signal(int)
    person_requested = Signal(int)
    portfolio_shown = Signal()
    team_shown = Signal()

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        reader: ReadWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._portfolio: Portfolio | None = None
        self._team: TeamActivity | None = None
        self._versions: dict[dt.date, tuple[int, int]] = {}  # the journal's version shown
        self._format_date = locale_date_format()
        self._labels = {
            "relational": self.tr("Relational"),
            "transactional": self.tr("Transactional"),
            "undetermined": self.tr("Undetermined"),
        }
        self._owns_worker = reader is None  # a shared reader is shut down by its owner
        self._worker = reader or ReadWorker(journal, self)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)

        self.summary = QLabel(self.tr("Loading the portfolio…"), self)
        self.summary.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(lambda: self.refresh(force=True))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)

        self.chart = ScatterChart(self)
        self.chart.point_clicked.connect(self.account_requested)
        self.model = PortfolioTableModel(
            [
                self.tr("Account"),
                self.tr("Class"),
                self.tr("Confidence"),
                self.tr("Time / plan, 90 d"),
                self.tr("Last contact"),
                self.tr("Next due"),
                self.tr("Overdue"),
            ],
            self._labels,
            {
                OVER_INVESTING: self.tr("Over-investing: more effort than this account wants"),
                UNDER_INVESTING: self.tr("Under-investing: this account deserves more"),
            },
            self._format_date,
            self,
            finding_names=translated_words().finding,
            header_tips=[
                "",
                "",
                "",
                self.tr(
                    "Minutes logged in the last 90 days against the plan for the class. "
                    "▲ over-investing, ▼ under-investing: hover over a row for the reasons "
                    "(fewer contacts, a contact overdue…)."
                ),
            ],
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_EFFORT, Qt.SortOrder.AscendingOrder)
        pick_one_row(self.table)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self._size_columns()
        self.table.activated.connect(self._on_table_activated)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter accounts"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filter)
        right_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.chart)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([460, 720])

        self.groups = QLabel(self)
        self.groups.setWordWrap(True)
        self.team = QTreeWidget(self)
        self.team.setHeaderLabels(
            [self.tr("Team & partners"), self.tr("Group"), self.tr("Role"), self.tr("Last entry")]
        )
        self.team.setRootIsDecorated(False)
        self.team.setMaximumHeight(150)
        self.team.itemActivated.connect(self._on_team_item_activated)
        self.team.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.groups)
        layout.addWidget(self.team)
        self.setFocusProxy(self.table)

    def _size_columns(self) -> None:
        """Widths from the header and a typical value: measuring 2,000 rows is too slow."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()  # the header's own font, and room for the sort arrow
        arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + 6
        samples = [
            "",
            "Transactional ✎",
            "100%",
            "0000 / ≤000 min ▲",
            "00/00/0000",
            "00/00/0000",
            "0",
        ]
        for column, sample in enumerate(samples):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(
                self.table.fontMetrics().horizontalAdvance(sample) + 16,
                metrics.horizontalAdvance(title) + 16 + arrow,
            )
            header.resizeSection(column, width)
        # the account's name gets what the others leave, and never less than ~24
        # characters (the table scrolls sideways then)
        header.setSectionResizeMode(COL_ACCOUNT, QHeaderView.ResizeMode.Interactive)
        self.table.viewport().installEventFilter(self)
        self._fit_account_column()

    def _fit_account_column(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != COL_ACCOUNT)
        name = max(
            self.fontMetrics().averageCharWidth() * 24, self.table.viewport().width() - others
        )
        header.resizeSection(COL_ACCOUNT, name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_account_column()
        return super().eventFilter(watched, event)

    # -- loading -----------------------------------------------------------------------------

    @property
    def portfolio(self) -> Portfolio | None:
        return self._portfolio

    def refresh(self, *, force: bool = False) -> None:
        """Bring the portfolio up to date (in the background). Unless ``force``d, the
        data already shown is kept when the journal has not changed since it was read
        (SQLite's ``data_version``) and the day is the same: opening the dashboard
        after ``refresh()`` ran at start-up costs no reading at all."""
        today = self._today()
        known = None if force else self._versions.get(today)

        def read(journal: Journal, load: Callable[[Journal, dt.date], object]) -> object:
            version = journal.data_version()
            return version, None if version == known else load(journal, today)

        self._worker.submit(CHANNEL, lambda j: read(j, Journal.portfolio))
        self._worker.submit(TEAM_CHANNEL, lambda j: read(j, Journal.team_activity))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()

    def shutdown(self) -> None:
        if self._owns_worker:
            self._worker.shutdown()

    def _on_worker_finished(self, channel: str, token: int, result: object) -> None:
        if channel not in (CHANNEL, TEAM_CHANNEL):
            return
        version, data = cast(tuple[tuple[int, int], object], result)
        today = self._today()
        if channel == CHANNEL:
            if isinstance(data, Portfolio):
                self._versions = {today: version}
                self.set_portfolio(data)
            elif self._portfolio is not None:  # unchanged since it was read
                self.portfolio_shown.emit()
        elif channel == TEAM_CHANNEL:
            if isinstance(data, TeamActivity):
                self.set_team(data)
            elif self._team is not None:
                self.team_shown.emit()

    def _on_worker_failed(self, channel: str, token: int, error: object) -> None:
        if channel not in (CHANNEL, TEAM_CHANNEL):
            return
        if isinstance(error, RelJournalError):
            self.summary.setText(error.message)
        else:
            self.summary.setText(
                self.tr("The portfolio could not be read; details are in the log.")
            )

    def set_portfolio(self, portfolio: Portfolio) -> None:
        self._portfolio = portfolio
        self.model.set_rows(portfolio.rows)
        points = [
            ScatterPoint(
                r.account_id, r.name, r.effort.minutes, r.score, r.label, r.effort.mismatch
            )
            for r in portfolio.rows
        ]
        self.chart.set_points(
            points,
            Quadrants(
                portfolio.relational_at,
                portfolio.transactional_at,
                portfolio.relational_min_minutes,
                portfolio.transactional_max_minutes,
            ),
            self._labels,
        )
        self.summary.setText(self._summary_text(portfolio))
        self.portfolio_shown.emit()

    @property
    def team_activity(self) -> TeamActivity | None:
        return self._team

    def set_team(self, team: TeamActivity) -> None:
        self._team = team
        today = self._today()
        self.groups.setText("   ".join(self._group_text(g, today) for g in team.groups))
        self._fill_team(team)
        self.team_shown.emit()

    def _summary_text(self, p: Portfolio) -> str:
        return self.tr("%1: %2 relational, %3 transactional, %4 undetermined. ").replace(
            "%1", self.tr("%n account(s)", "", len(p.rows))
        ).replace("%2", str(p.count(label="relational"))).replace(
            "%3", str(p.count(label="transactional"))
        ).replace("%4", str(p.count(label="undetermined"))) + self.tr(
            "Over-investing in %1, under-investing in %2 (%3)."
        ).replace("%1", str(p.count(mismatch=OVER_INVESTING))).replace(
            "%2", str(p.count(mismatch=UNDER_INVESTING))
        ).replace("%3", self.tr("last %n day(s)", "", p.window_days))

    def _group_text(self, g: GroupActivity, today: dt.date) -> str:
        name = self.tr("Internal team") if g.group == "internal" else self.tr("Partners")
        if g.last_contact is None:
            when = self.tr("no entry yet")
        else:
            when = self.tr("last entry %n day(s) ago", "", (today - g.last_contact).days)
        return (
            self.tr("<b>%1</b> (%2): %3; %4, %5 h in 90 days.")
            .replace("%1", name)
            .replace("%2", self.tr("%n person(s)", "", g.people))
            .replace("%3", when)
            .replace("%4", self.tr("%n entry(s)", "", g.entries))
            .replace("%5", f"{g.minutes / 60:.0f}")
        )

    def _fill_team(self, team: TeamActivity) -> None:
        self.team.clear()
        groups = {"internal": self.tr("Internal team"), "partner": self.tr("Partner")}
        for member in sorted(team.members, key=lambda m: (m.last_contact or dt.date.min, m.name)):
            item = QTreeWidgetItem(
                [
                    member.name,
                    groups.get(member.group, member.group),
                    ", ".join(x for x in (member.role, member.title) if x),
                    self._format_date(member.last_contact) if member.last_contact else "—",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, member.id)
            self.team.addTopLevelItem(item)

    # -- choosing ------------------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        account_id = index.data(ACCOUNT_ID_ROLE)
        if account_id is not None:
            self.account_requested.emit(int(account_id))

    def _on_team_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        person_id = item.data(0, Qt.ItemDataRole.UserRole)
        if person_id is not None:
            self.person_requested.emit(int(person_id))
