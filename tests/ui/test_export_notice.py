"""After a PDF export (or a calendar export) the app says where the file went, with
"Open folder" that shows it in the file manager."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reljournal.ui.views.brief_view import BriefView
from reljournal.ui.views.due_view import DueView
from tests.helpers.facade import facade
from tests.helpers.review_journal import TODAY, build_review_journal


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def _answer(modal: Any, button: str, seen: list[str]) -> None:
    def handler(widget: QWidget) -> bool:
        if not isinstance(widget, QMessageBox):
            return False
        seen.append(f"{widget.text()} {widget.informativeText()}")
        for b in widget.buttons():
            if b.text().replace("&", "") == button:
                b.click()
                return True
        raise AssertionError(f"no {button!r} button")

    modal.then(handler)


def test_a_pdf_brief_export_says_where_it_went_and_opens_its_folder(
    qtbot: Any, journal: Any, db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    modal: Any, opened: list[str],
) -> None:  # fmt: skip
    review = build_review_journal(db)
    view = BriefView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show_account(review.relational_id)
    target = tmp_path / "out" / "Harbour brief"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "PDF, A4 (*.pdf)")),
    )
    seen: list[str] = []
    _answer(modal, "Open folder", seen)
    view.export_brief()
    pdf = target.with_suffix(".pdf")
    assert modal.done and pdf.read_bytes().startswith(b"%PDF")
    assert "The brief was saved to:" in seen[0] and str(pdf) in seen[0]
    assert opened == [str(pdf.parent)]


def test_ok_just_closes_the_notice(
    qtbot: Any, journal: Any, db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    modal: Any, opened: list[str],
) -> None:  # fmt: skip
    build_review_journal(db)
    view = DueView(facade(journal), today=lambda: TODAY)
    qtbot.addWidget(view)
    target = tmp_path / "promises.ics"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    seen: list[str] = []
    _answer(modal, "OK", seen)
    view.export_calendar()
    assert modal.done and target.is_file() and str(target) in seen[0]
    assert opened == []
    view.shutdown()
