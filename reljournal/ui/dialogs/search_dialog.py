"""Ctrl+J: search the whole journal as you type and jump to what you find.

The focus stays in the search field: Up/Down move through the hits (skipping the
kind headers), Enter opens the selected one, Esc closes. Each kind shows its best
hits and its true count; its "Show all" row (Enter or a click) brings in the rest. Queries run in a
``ReadWorker`` after a short pause in typing; a newer query interrupts an older one.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError
from reljournal.core.records import SEARCH_KINDS, SearchHit
from reljournal.journal.facade import Journal
from reljournal.printing.brief_words import locale_date_format
from reljournal.ui.models.search_model import (
    IS_HEADER_ROLE,
    META_ROLE,
    MORE_ROLE,
    SNIPPET_HTML_ROLE,
    AnyIndex,
    SearchResultsModel,
)
from reljournal.ui.work.read_worker import ReadWorker

DEBOUNCE_MS: Final = 40
PER_KIND: Final = 8
SHOW_MORE: Final = 500  # hits one "Show all" / "Show more" brings in
CHANNEL: Final = "search"


def run_search(
    journal: Journal,
    text: str,
    per_kind: int = PER_KIND,
    limits: dict[str, int] | None = None,
) -> list[SearchHit]:
    """The best ``per_kind`` hits of each kind (or ``limits[kind]`` where the user asked
    for more), so that no kind crowds out the others."""
    hits: list[SearchHit] = []
    for kind in SEARCH_KINDS:
        limit = (limits or {}).get(kind, per_kind)
        hits += journal.search(text, limit=limit, kinds=(kind,))
    return hits


def run_counted_search(
    journal: Journal, text: str, limits: dict[str, int] | None = None
) -> tuple[list[SearchHit], dict[str, int]]:
    """``run_search`` with each kind's true count."""
    hits = run_search(journal, text, limits=limits)
    return hits, journal.search_counts(text)


class _HitDelegate(QStyledItemDelegate):
    """Two lines per hit (title and meta, then the snippet with the matches in bold);
    a small bold line for each kind's header."""

    def _lines(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        h = self._lines(option)
        if index.data(IS_HEADER_ROLE) or index.data(MORE_ROLE):
            return QSize(200, h + 8)
        return QSize(200, 2 * h + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        palette = option.palette
        rect = option.rect
        h = self._lines(option)
        painter.save()
        if index.data(IS_HEADER_ROLE):
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(6, 4, -6, 0), Qt.AlignmentFlag.AlignLeft, str(index.data()).upper()
            )
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if index.data(MORE_ROLE):  # "Show all 1,234 …": a link-like line
            if selected:
                painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Link
            painter.setPen(palette.color(role))
            painter.drawText(
                rect.adjusted(14, 4, -8, 0), Qt.AlignmentFlag.AlignLeft, str(index.data())
            )
            painter.restore()
            return
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(text_role)
        title = str(index.data() or "")
        meta = str(index.data(META_ROLE) or "")
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        top = rect.adjusted(14, 4, -8, 0)
        metrics = painter.fontMetrics()
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(top.width() * 0.6))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, shown)
        font.setBold(False)
        painter.setFont(font)
        meta_colour = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(meta_colour)
        after = top.adjusted(metrics.horizontalAdvance(shown) + 12, 0, 0, 0)
        painter.drawText(
            after,
            Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(meta, Qt.TextElideMode.ElideRight, after.width()),
        )
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(str(index.data(SNIPPET_HTML_ROLE) or ""))
        painter.translate(rect.left() + 14, rect.top() + h + 6)
        clip = QRectF(0, 0, rect.width() - 22, h + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text)
        context.clip = clip
        painter.setClipRect(clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchDialog(QDialog):
    """Search everywhere. Emits what the user chose, then closes."""

    account_requested = Signal(int)
    entry_requested = Signal(int)
    person_requested = Signal(int)  # a team member or partner (no account)
    results_shown = Signal(str, int)  # the query and how many hits appeared

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search"))
        self.setModal(True)
        self.resize(640, 460)
        self._query = ""
        self._format_date = locale_date_format()
        self._worker = ReadWorker(journal, self)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.submit("open", lambda _journal: None)  # open the connection while they type
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(
            self.tr("Search accounts, people, notes, answers and commitments")
        )
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.model = SearchResultsModel(
            {
                "account": self.tr("Accounts"),
                "stakeholder": self.tr("People"),
                "entry": self.tr("Notes"),
                "answer": self.tr("Answers"),
                "commitment": self.tr("Commitments"),
            },
            self._describe,
            self,
        )
        self.model.set_mark_style("font-weight:bold;text-decoration:underline")
        self.model.more_text = self._more_text
        self._limits: dict[str, int] = {}  # kinds the user asked to see more of
        self._keep_row = -1  # after "show more": the row to select again
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(_HitDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.activated.connect(self._on_results_activated)
        self.results.clicked.connect(self._on_results_activated)
        self.status = QLabel(self.tr("Type to search."), self)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.field.textChanged.connect(self._on_field_text_changed)

    # -- describing hits ---------------------------------------------------------------

    def _date(self, day: dt.date | None) -> str:
        return self._format_date(day) if day else ""

    def _describe(self, hit: SearchHit) -> tuple[str, str]:
        where = hit.account_name or self.tr("Team & partners")
        when = self._date(hit.date)
        if hit.kind == "account":
            return hit.title, ""
        if hit.kind == "stakeholder":
            return hit.title, where
        if hit.kind == "entry":
            return hit.title or where, " · ".join(
                x for x in (where if hit.title else "", when) if x
            )
        if hit.kind == "commitment":
            owner = self.tr("I promised") if hit.title == "me" else self.tr("They promised")
            due = self.tr("due %1").replace("%1", when) if when else ""
            return owner, " · ".join(x for x in (where, due) if x)
        return hit.title, " · ".join(x for x in (where, when) if x)

    # -- querying -------------------------------------------------------------------------

    def _more_text(self, name: str, left: int, total: int) -> str:
        if left <= SHOW_MORE:
            return (
                self.tr("Show all %1 (%2 more) ›")
                .replace("%1", f"{total:,}")
                .replace("%2", f"{left:,}")
            )
        return (
            self.tr("Show %1 more (%2 in all) ›")
            .replace("%1", f"{SHOW_MORE:,}")
            .replace("%2", f"{total:,}")
        )

    def show_more(self, kind: str) -> None:
        """Bring in more hits of one kind (all of them, up to ``SHOW_MORE`` at a time)."""
        shown = sum(1 for r in range(self.model.rowCount()) if self._hit_kind(r) == kind)
        self._limits[kind] = shown + SHOW_MORE
        self._keep_row = self.results.currentIndex().row()
        self._on_debounce_timeout()

    def _hit_kind(self, row: int) -> str | None:
        hit = self.model.hit(row)
        return hit.kind if hit is not None else None

    def _on_field_text_changed(self, text: str) -> None:
        self._query = text
        self._limits = {}
        self._keep_row = -1
        if not text.strip():
            self._debounce.stop()
            self._worker.cancel(CHANNEL)
            self.model.clear()
            self.status.setText(self.tr("Type to search."))
            return
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        text, limits = self._query, dict(self._limits)
        self._worker.submit(
            CHANNEL, lambda journal: (text, *run_counted_search(journal, text, limits))
        )

    def _on_worker_finished(self, channel: str, token: int, result: object) -> None:
        if channel != CHANNEL or not self._worker.is_current(channel, token):
            return
        text, hits, counts = cast(tuple[str, list[SearchHit], dict[str, int]], result)
        if text != self._query:
            return
        self.model.set_hits(hits, counts)
        first = self.model.next_hit_row(-1, 1)
        if 0 <= self._keep_row < self.model.rowCount():  # "show more": stay where it was
            first = self._keep_row
            self._keep_row = -1
        if first >= 0 and self.model.flags(self.model.index(first)) & Qt.ItemFlag.ItemIsSelectable:
            self.results.setCurrentIndex(self.model.index(first))
            self.results.scrollTo(self.model.index(first))
        count = self.model.hit_count()
        total = self.model.total()
        if count == 0:
            self.status.setText(self.tr("No matches."))
        elif count < total:
            self.status.setText(
                self.tr("%n result(s)", "", total)
                + self.tr(", %1 shown").replace("%1", f"{count:,}")
            )
        else:
            self.status.setText(self.tr("%n result(s)", "", total))
        self.results_shown.emit(text, count)

    def _on_worker_failed(self, channel: str, token: int, error: object) -> None:
        if channel != CHANNEL or not self._worker.is_current(channel, token):
            return
        if isinstance(error, RelJournalError):
            self.status.setText(error.message)
        else:
            self.status.setText(self.tr("The search failed; details are in the log."))

    # -- keyboard and choosing ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 5,
                Qt.Key.Key_PageUp: -5,
            }
            if key in steps:
                self._move(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _move(self, steps: int) -> None:
        row = self.results.currentIndex().row()
        step = 1 if steps > 0 else -1
        for _ in range(abs(steps)):
            row = self.model.next_hit_row(row, step)
        if self.model.hit(row) is not None or self.model.more_kind(row) is not None:
            index = self.model.index(row)
            self.results.setCurrentIndex(index)
            self.results.scrollTo(index)

    def _on_results_activated(self, index: QModelIndex) -> None:
        self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        more = self.model.more_kind(index.row()) if index.isValid() else None
        if more is not None:
            self.show_more(more)
            return
        hit = self.model.hit(index.row()) if index.isValid() else None
        if hit is None:
            return
        if hit.kind in ("entry", "answer", "commitment") and hit.entry_id is not None:
            self.entry_requested.emit(hit.entry_id)
        elif hit.account_id is not None:
            self.account_requested.emit(hit.account_id)
        elif hit.kind == "stakeholder":
            self.person_requested.emit(hit.ref_id)
        self.accept()

    def done(self, result: int) -> None:
        self._debounce.stop()
        self._worker.cancel(CHANNEL)
        super().done(result)

    def shutdown(self) -> None:
        """Stop the worker thread (call before the dialog is deleted)."""
        self._worker.shutdown()

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self._worker.cancel(CHANNEL)
        super().closeEvent(event)  # type: ignore[arg-type]
