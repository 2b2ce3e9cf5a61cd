"""The on-screen brief: reasons jump to their entry (mouse and keyboard); exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from reljournal.printing.brief_pdf import PAGE_A4
from reljournal.ui.views.brief_view import BriefView
from tests.helpers.facade import facade
from tests.helpers.review_journal import (
    RELATIONAL_QUOTE,
    TODAY,
    ReviewJournal,
    build_review_journal,
)


@pytest.fixture
def review(db: object) -> ReviewJournal:
    return build_review_journal(db)


@pytest.fixture
def view(qtbot, journal, review) -> BriefView:  # type: ignore[no-untyped-def]
    widget = BriefView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.show_account(review.relational_id)
    return widget


def test_clicking_a_reason_opens_its_entry(qtbot, view: BriefView) -> None:  # type: ignore[no-untyped-def]
    brief = view.brief
    assert brief is not None and brief.account_name == "Harbour Logistics"
    reason = brief.reasons[0]
    assert reason.entry_id is not None
    cursor = view.browser.document().find(reason.quote, 0, QTextDocument.FindFlag(0))
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2)
    point = view.browser.cursorRect(cursor).center()
    with qtbot.waitSignal(view.entry_requested) as blocker:
        qtbot.mouseClick(view.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [reason.entry_id]


def test_tab_and_enter_follow_the_first_reason(qtbot, view: BriefView) -> None:  # type: ignore[no-untyped-def]
    brief = view.brief
    assert brief is not None
    view.browser.setFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_Tab)
    with qtbot.waitSignal(view.entry_requested) as blocker:
        qtbot.keyClick(view.browser, Qt.Key.Key_Return)
    assert blocker.args == [brief.reasons[0].entry_id]


def test_side_panel_shows_trend_stage_and_history(view: BriefView) -> None:
    brief = view.brief
    assert brief is not None
    assert len(brief.health) == 4 and len(brief.stages) == 3
    assert "interdependent" in view.stage_strip.toolTip()
    assert "Relational" in view.label_strip.toolTip()
    assert view.health_chart.toolTip() == ""


def test_pdf_export_has_the_name_and_a_quoted_expectation(view: BriefView, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    view.export_pdf(target, PAGE_A4)
    assert target.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == 842  # A4
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Harbour Logistics" in text
    assert RELATIONAL_QUOTE.split(";")[0] in text
    assert not list(tmp_path.glob(".*.part"))


def test_markdown_export(view: BriefView, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    view.export_markdown(target)
    assert f"“{RELATIONAL_QUOTE}”" in target.read_text(encoding="utf-8")


def test_a_deleted_account_shows_a_message(view: BriefView) -> None:
    view.show_account(424242)
    assert view.brief is None
    assert "no longer exists" in view.browser.toPlainText()
