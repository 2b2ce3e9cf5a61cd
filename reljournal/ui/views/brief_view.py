"""The account brief on screen: the first thing the account view shows.

The brief itself is rich text (the same HTML as the export), so every quote is a
link — click it, or Tab to it and press Enter — that emits ``entry_requested``.
Beside it: Goerger's six areas over time, Carew's stage and the label's history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.brief.build import OVERRIDE_CLEARED, Brief
from reljournal.core.brief.html import HtmlOptions, render_html
from reljournal.core.brief.markdown import LABEL_COLOURS, parse_entry_link, render_markdown
from reljournal.core.errors import RelJournalError
from reljournal.journal.facade import Journal
from reljournal.journal.transfer import write_private_file
from reljournal.printing.brief_pdf import PAGE_A4, PAGE_LETTER, brief_pdf, default_page_size
from reljournal.printing.brief_words import translated_words
from reljournal.ui.dialogs.saved_notice import confirm_saved
from reljournal.ui.errors import show_error
from reljournal.ui.views.charts import HealthChart, TimelineStrip

STAGE_COLOURS: Final = {
    "dependent": "#b45309",
    "independent": "#64748b",
    "interdependent": "#2e7d32",
}


class BriefView(QWidget):
    """``show_account(id)`` shows that account's brief; ``entry_requested(id)`` asks the
    main window to open an entry the brief quotes."""

    entry_requested = Signal(int)
    brief_shown = Signal(int)

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        show_title: bool = True,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._show_title = show_title  # off inside an account view that names the account
        self._today = today
        self._words = translated_words()
        self._brief: Brief | None = None
        self._account_id: int | None = None

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.setAccessibleName(self.tr("Account brief"))
        self.browser.setPlaceholderText(self.tr("Choose an account to see its brief."))
        self.browser.document().setDocumentMargin(10)
        self.browser.document().setDefaultStyleSheet("a { text-decoration: none; }")

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 8, 8, 8)
        self.health_chart = HealthChart(side)
        self.stage_strip = TimelineStrip(side)
        self.label_strip = TimelineStrip(side)
        for title, widget in (
            (self.tr("Relationship health (Goerger)"), self.health_chart),
            (self.tr("Stage (Carew)"), self.stage_strip),
            (self.tr("Classification over time"), self.label_strip),
        ):
            heading = QLabel(title, side)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            side_layout.addWidget(heading)
            side_layout.addWidget(widget)
        side_layout.addStretch(1)
        em = self.fontMetrics().averageCharWidth()
        side.setMinimumWidth(em * 36)
        side.setMaximumWidth(em * 48)
        self._columns = 1  # two where the brief is wide: it fills the pane, not a strip

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 4)
        layout.addWidget(side, 1)

    # -- showing ---------------------------------------------------------------------------

    @property
    def brief(self) -> Brief | None:
        return self._brief

    @property
    def account_id(self) -> int | None:
        return self._account_id

    def show_account(self, account_id: int) -> None:
        """Load and show the account's brief (a few milliseconds, on the GUI thread)."""
        self._account_id = account_id
        try:
            brief = self._journal.brief(account_id, self._today())
        except RelJournalError as exc:
            self._show_message(exc.message)
            return
        self.show_brief(brief)

    def refresh(self) -> None:
        """Show the current account again (after the journal changed)."""
        if self._account_id is not None:
            self.show_account(self._account_id)

    def show_brief(self, brief: Brief) -> None:
        self._brief = brief
        self._account_id = brief.account_id
        w = self._words
        scroll = self.browser.verticalScrollBar().value()
        same = self.browser.property("account_id") == brief.account_id
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.browser.setHtml(
            render_html(
                brief,
                w,
                HtmlOptions(
                    links=True,
                    columns=self._columns,
                    muted=muted,
                    max_commitments=10,
                    max_people=15,
                    title=self._show_title,
                ),
            )
        )
        self.browser.setProperty("account_id", brief.account_id)
        if same:
            self.browser.verticalScrollBar().setValue(scroll)
        self.health_chart.set_ratings(brief.health, w.areas, w.format_date)
        stage_names = {
            "dependent": self.tr("dependent"),
            "independent": self.tr("independent"),
            "interdependent": self.tr("interdependent"),
        }
        self.stage_strip.set_spans(
            [(s.assessed_on, s.stage) for s in brief.stages],
            brief.today,
            STAGE_COLOURS,
            stage_names,
            w.format_date,
        )
        labels: list[tuple[dt.date, str]] = []
        for point in brief.history:
            code = brief.computed_label if point.kind == OVERRIDE_CLEARED else point.label
            labels.append((point.at.date(), code))
        self.label_strip.set_spans(labels, brief.today, LABEL_COLOURS, w.labels, w.format_date)
        self.brief_shown.emit(brief.account_id)

    def columns_for(self, width: int) -> int:
        """Two columns once the brief is wider than about 130 characters."""
        return 2 if width >= self.fontMetrics().averageCharWidth() * 130 else 1

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        columns = self.columns_for(self.browser.width())
        if columns != self._columns:
            self._columns = columns
            if self._brief is not None:
                self.show_brief(self._brief)

    def _show_message(self, message: str) -> None:
        self._brief = None
        self.browser.setProperty("account_id", None)
        self.browser.setPlainText(message)
        self.health_chart.set_ratings([], self._words.areas)
        self.stage_strip.set_spans([], self._today(), {}, {})
        self.label_strip.set_spans([], self._today(), {}, {})

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        entry_id = parse_entry_link(url.toString())
        if entry_id is not None:
            self.entry_requested.emit(entry_id)

    # -- exporting -------------------------------------------------------------------------

    def export_markdown(self, path: Path) -> None:
        if self._brief is None:
            return
        write_private_file(Path(path), render_markdown(self._brief, self._words))

    def export_pdf(self, path: Path, page: str | None = None) -> None:
        if self._brief is None:
            return
        data = brief_pdf(self._brief, page=page or default_page_size(), words=self._words)
        write_private_file(Path(path), data)

    def export_brief(self) -> None:
        """File → Export brief (Ctrl+Shift+E): a one-page PDF (A4 or Letter) or Markdown."""
        if self._brief is None:
            return
        a4, letter = self.tr("PDF, A4 (*.pdf)"), self.tr("PDF, Letter (*.pdf)")
        markdown = self.tr("Markdown (*.md)")
        first = letter if default_page_size() == PAGE_LETTER else a4
        filters = [first, letter if first == a4 else a4, markdown]
        name = f"{self._brief.account_name} brief.pdf".replace("/", "-")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export brief"), str(Path.home() / name), ";;".join(filters), first
        )
        if not path:
            return
        target = Path(path)
        try:
            if chosen == markdown:
                target = target.with_suffix(".md") if not target.suffix else target
                self.export_markdown(target)
            else:
                page = PAGE_LETTER if chosen == letter else PAGE_A4
                target = target.with_suffix(".pdf") if not target.suffix else target
                self.export_pdf(target, page)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = self.tr("The brief could not be saved: %1").replace("%1", reason)
            show_error(self, RelJournalError(message), where="brief export")
        except RelJournalError as exc:
            show_error(self, exc, where="brief export")
        else:
            confirm_saved(self, target, self.tr("The brief"))
