"""`reljournal brief` in each format, and `reljournal calendar`."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader

from reljournal.cli import main
from tests.helpers.review_journal import RELATIONAL_QUOTE, build_review_journal


@pytest.fixture
def review_db(journal_path: Path) -> list[str]:
    from reljournal.store.opening import unlock_journal

    opened = unlock_journal(journal_path)
    try:
        build_review_journal(opened.db)
    finally:
        opened.close()
    return ["--db", str(journal_path)]


def test_brief_markdown_to_stdout(review_db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "harbour", *review_db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Harbour Logistics\n")
    assert "## Why" in out and "## Open commitments" in out
    assert f"“{RELATIONAL_QUOTE}”" in out


def test_brief_html_to_file(review_db: list[str], tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    assert main(["brief", "Quick Parts", "--format", "html", "-o", str(target), *review_db]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Quick Parts GmbH" in page and "entry:" not in page


def test_brief_pdf_is_one_page_with_name_and_quote(
    qapp: object, review_db: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "brief.pdf"
    assert (
        main(
            [
                "brief",
                "Harbour",
                "--format",
                "pdf",
                "--page",
                "letter",
                "-o",
                str(target),
                *review_db,
            ]
        )
        == 0
    )
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Harbour Logistics" in text
    assert "every quarter" in text


def test_brief_errors_are_one_line(
    review_db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brief", "Harbour", "--format", "pdf", *review_db]) == 1
    assert "-o FILE.pdf" in capsys.readouterr().err
    assert main(["brief", "Nobody Inc", *review_db]) == 1
    assert "No account matches" in capsys.readouterr().err


def test_calendar_writes_a_parsable_ics(review_db: list[str], tmp_path: Path) -> None:
    target = tmp_path / "due.ics"
    assert main(["calendar", "-o", str(target), *review_db]) == 0
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 4
