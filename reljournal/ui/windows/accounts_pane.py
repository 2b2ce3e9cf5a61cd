"""The left pane: the account filter, "Team & partners", and the sortable account list
with class badges, last contact and overdue markers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.model import LABELS
from reljournal.ui import theme
from reljournal.ui.keys import TEAM, shown
from reljournal.ui.models.account_model import (
    ACCOUNT_ID_ROLE,
    COL_CLASS,
    COL_DUE,
    COL_LAST_CONTACT,
    COL_NAME,
    LABEL_ROLE,
    AccountListModel,
)
from reljournal.ui.wording import date_samples, format_due_soon, label_text


class BadgeDelegate(QStyledItemDelegate):
    """Paints the class as a coloured pill (the text stays the model's display text)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not text:
            return
        metrics = opt.fontMetrics
        pad_x, pad_y = (
            metrics.averageCharWidth(),
            max(1, (opt.rect.height() - metrics.height()) // 4),
        )
        width = min(metrics.horizontalAdvance(text) + 2 * pad_x, opt.rect.width() - 4)
        rect = QRectF(opt.rect.x() + 2, opt.rect.y() + pad_y, width, opt.rect.height() - 2 * pad_y)
        path = QPainterPath()
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, theme.badge_colour(index.data(LABEL_ROLE) or ""))
        painter.setPen(theme.colours().badge_text)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - pad_x)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        size.setWidth(size.width() + 2 * option.fontMetrics.averageCharWidth())
        return size


class AccountsPane(QWidget):
    account_selected = Signal(int)
    team_selected = Signal()
    selection_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AccountListModel(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter accounts (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip(self.tr("Type part of a name or industry (Ctrl+F)"))
        self.team_button = QPushButton(self.tr("Team && partners"))
        self.team_button.setCheckable(True)
        self.team_button.setToolTip(
            self.tr("Entries and people of your internal team and external partners (%1)").replace(
                "%1", shown(TEAM)
            )
        )
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegateForColumn(COL_CLASS, BadgeDelegate(self.view))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # fixed widths from the font: measuring 2,000 rows on every filter change would not be
        metrics = self.view.fontMetrics()
        pad = 3 * metrics.averageCharWidth()
        today = dt.date.today()
        due_texts = [
            self.tr("due %1").replace("%1", format_due_soon(today + dt.timedelta(days=n), today))
            for n in range(0, 400, 9)
        ]
        samples = {
            COL_CLASS: [label_text(label) + " ✎" for label in LABELS],
            COL_LAST_CONTACT: [
                *date_samples(today),
                self.model.headerData(COL_LAST_CONTACT, Qt.Orientation.Horizontal),
            ],
            COL_DUE: [
                self.tr("%n overdue", "", 99),
                *due_texts,
                self.model.headerData(COL_DUE, Qt.Orientation.Horizontal),
            ],
        }
        for column, texts in samples.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            width = max(metrics.horizontalAdvance(str(t)) for t in texts) + pad
            self.view.setColumnWidth(column, width)
        self.count = QLabel()
        self.count.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.team_button)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.filter.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        self.team_button.clicked.connect(self._on_team_button_clicked)
        self.model.modelReset.connect(self._update_count)
        self.setTabOrder(self.filter, self.view)
        self.setTabOrder(self.view, self.team_button)
        self._selected: int | None = None
        self._total_hint: int | None = None  # issue 18: while only the first rows are read

    # --- public ----------------------------------------------------------------------
    def current_account_id(self) -> int | None:
        return self._selected

    def select_account(self, account_id: int | None) -> bool:
        row = self.model.row_of(account_id) if account_id is not None else None
        if row is None:
            return False
        self.team_button.setChecked(False)
        index = self.model.index(row, COL_NAME)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def set_total_hint(self, total: int | None) -> None:
        """The number of accounts in the journal while the list holds only its first
        screenful (issue 18's quick start); None once it holds them all."""
        self._total_hint = total
        self._update_count()

    def keep_selection(self, account_id: int) -> None:
        """Select that account (the one shown) after the list was replaced, where it is
        listed; it is not announced again, so its view is not read again."""
        if self.model.row_of(account_id) is not None:
            self._selected = account_id
            self.select_account(account_id)

    def select_team(self) -> None:
        self.team_button.setChecked(True)
        self._on_team_button_clicked()

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # --- slots -----------------------------------------------------------------------
    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if self._total_hint is not None:
            total = max(total, self._total_hint)
        if self.model.filter_active:
            self.count.setText(
                self.tr("%1 of %2")
                .replace("%1", f"{shown:,}")
                .replace("%2", self.tr("%n account(s)", "", total))
            )
        else:
            self.count.setText(self.tr("%n account(s)", "", total))

    def _on_filter_text_changed(self, text: str) -> None:
        keep = self._selected
        self.model.set_filter(text)
        if keep is not None and self.model.row_of(keep) is not None:
            self.view.blockSignals(True)
            self.select_account(keep)
            self.view.blockSignals(False)
        elif self.model.rowCount():
            self.view.scrollToTop()

    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        account_id = current.data(ACCOUNT_ID_ROLE)
        if account_id == self._selected and not self.team_button.isChecked():
            return
        self._selected = account_id
        self.team_button.setChecked(False)
        self.account_selected.emit(account_id)

    def _on_team_button_clicked(self) -> None:
        if self.team_button.isChecked():
            self._selected = None
            self.view.selectionModel().clearCurrentIndex()
            self.view.clearSelection()
            self.team_selected.emit()
        else:
            self.team_button.setChecked(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.model.rowCount()
        ):
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, COL_NAME))
            self.view.setFocus()
            return True
        return super().eventFilter(watched, event)
