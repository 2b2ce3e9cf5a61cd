"""Nothing the rep needs is cut off at the default layout (1280×800 and 1920×1080):
account names get the space, dates and due dates fit their columns, the timeline's notes
never shrink to "Not", the quick entry's due preview is not covered by its ✕, and the
questions are shown whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTreeView

from reljournal.journal import opening
from reljournal.ui.models.account_model import COL_DUE, COL_LAST_CONTACT, COL_NAME
from reljournal.ui.models.detail_models import CommitmentsModel
from reljournal.ui.models.timeline_model import COL_EXPECTATIONS, COL_NOTES
from tests.ui.conftest import show_active

PASSPHRASE = "layout test passphrase"
TODAY = dt.date(2026, 11, 23)
PAD = 8  # the item view's own margins around a cell's text


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("layout") / "demo.db"
    opening.create_demo(
        path, accounts=30, entries=None, seed=7,
        create_journal=lambda p: opening.create(p, passphrase=PASSPHRASE),
        open_existing=lambda: opening.unlock(path, passphrase=PASSPHRASE),
    )  # fmt: skip
    return path


@pytest.fixture(params=[(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def demo_window(
    request: Any, qtbot: Any, demo_path: Path, settings: Any, qapp: Any
) -> Iterator[Any]:
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    journal = opening.unlock(demo_path, passphrase=PASSPHRASE)
    runner = TaskRunner(journal, synchronous=True)
    window = MainWindow(journal, runner, settings, today=TODAY)
    qtbot.addWidget(window)
    window.resize(*request.param)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: window.accounts.view.header().sectionSize(COL_NAME) > 0)
    yield window
    window.close()
    runner.deleteLater()
    journal.close()


def _fits(view: QTreeView, column: int, index: QModelIndex, bold: bool = False) -> bool:
    font = QFont(view.font())
    font.setBold(bold)
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    return QFontMetrics(font).horizontalAdvance(text) + PAD <= view.columnWidth(column)


def test_account_names_get_the_space(demo_window: Any) -> None:
    view = demo_window.accounts.view
    model = view.model()
    rows = model.rowCount()
    assert rows == 30
    cut = [
        model.index(r, COL_NAME).data()
        for r in range(rows)
        if not _fits(view, COL_NAME, model.index(r, COL_NAME))
    ]
    assert len(cut) <= 2, cut  # (was 26 of 30)
    width = view.viewport().width()
    assert view.columnWidth(COL_NAME) >= width // 3  # the widest column


def test_dates_and_promises_fit_the_account_list(demo_window: Any) -> None:
    view = demo_window.accounts.view
    model = view.model()
    for r in range(model.rowCount()):
        assert _fits(view, COL_LAST_CONTACT, model.index(r, COL_LAST_CONTACT))
        index = model.index(r, COL_DUE)
        assert _fits(view, COL_DUE, index, bold=True), index.data()


def test_the_timeline_notes_share_the_width(demo_window: Any) -> None:
    view = demo_window.account_view.timeline_view
    notes, said = view.columnWidth(COL_NOTES), view.columnWidth(COL_EXPECTATIONS)
    assert notes >= view.fontMetrics().averageCharWidth() * 25  # never "Not" or "P…"
    assert abs(notes - said) <= 2


def test_overdue_due_dates_fit_the_promises(demo_window: Any) -> None:
    window = demo_window
    view = window.account_view.commitments_view
    model = window.account_view.commitments
    checked = 0
    for account in range(window.accounts.model.rowCount()):
        window.accounts.select_account(window.accounts.model.account_at(account).id)
        for r in range(model.rowCount()):
            index = model.index(r, CommitmentsModel.COL_DUE)
            assert _fits(view, CommitmentsModel.COL_DUE, index, bold=True), index.data()
            checked += 1
    assert checked > 20


def test_the_due_list_shows_whole_dates(demo_window: Any, qtbot: Any) -> None:
    hub = demo_window.review
    with qtbot.waitSignal(hub.due.due_shown, timeout=5000):
        hub.show_due()
    tree = hub.due.tree
    metrics = tree.fontMetrics()
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(2):
            assert metrics.horizontalAdvance(item.text(2)) <= tree.columnWidth(2), item.text(2)
    hub.due.close()


def test_the_due_preview_is_not_covered_by_the_remove_button(demo_window: Any, qtbot: Any) -> None:
    dialog = demo_window.open_quick_entry()
    qtbot.waitExposed(dialog)
    line = dialog.commitments.lines[0]
    for text in ("next week", "2026-09-30", "+3d"):
        line.due.setText(text)
        shown = line.understood.text()
        assert shown and shown != "?"
        need = line.understood.fontMetrics().horizontalAdvance(shown)
        assert need <= line.understood.width()
        assert not line.understood.geometry().intersects(line.remove.geometry())
    # the promise's own words get the line's width
    assert line.text.width() >= line.width() - line.remove.width() - 20
    dialog.keep_draft_and_close()


def test_questions_are_shown_whole(demo_window: Any, qtbot: Any) -> None:
    dialog = demo_window.open_quick_entry()
    qtbot.waitExposed(dialog)
    questions = dialog.ask_them.questions
    assert questions.wordWrap()
    line = questions.fontMetrics().height()
    for row in range(questions.count()):
        item = questions.item(row)
        rect = questions.visualItemRect(item)
        text_width = questions.fontMetrics().horizontalAdvance(item.text())
        indicator = questions.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        lines_needed = -(-text_width // max(1, rect.width() - indicator - 12))
        assert rect.height() >= min(lines_needed, 3) * line - 2, item.text()
    dialog.keep_draft_and_close()
