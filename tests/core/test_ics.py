"""Open commitments as an .ics file that calendar software can parse."""

from __future__ import annotations

import datetime as dt

import icalendar

from reljournal.core.formats.ics import commitment_uid, commitments_to_ics
from reljournal.core.records import CommitmentRow
from reljournal.store.commitments import list_commitments
from tests.helpers.review_journal import build_review_journal


def _row(
    i: int, text: str, due: dt.date | None, owner: str = "me", state: str = "open"
) -> CommitmentRow:
    return CommitmentRow(i, 1, "Zürich, Café; & Co", None, text, owner, due, state, None)


def test_ics_parses_with_one_all_day_event_per_open_dated_commitment() -> None:
    rows = [
        _row(1, "Send the quote, with the new prices; today\nthen call", dt.date(2026, 11, 30)),
        _row(2, "They sign the framework " + "long words " * 20, dt.date(2026, 12, 1), "them"),
        _row(3, "No date", None),
        _row(4, "Done already", dt.date(2026, 11, 1), state="done"),
    ]
    text = commitments_to_ics(
        rows, now=dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), journal_id="3f9a0c1d2e4b5a67"
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        "commitment-1.3f9a0c1d2e4b5a67@reljournal.invalid",
        "commitment-2.3f9a0c1d2e4b5a67@reljournal.invalid",
    ]
    first = events[0]
    assert first["DTSTART"].dt == dt.date(2026, 11, 30)
    assert first["DTEND"].dt == dt.date(2026, 12, 1)
    assert str(first["SUMMARY"]) == (
        "Zürich, Café; & Co: Send the quote, with the new prices; today\nthen call"
    )
    assert str(events[1]["DESCRIPTION"]).startswith("They promised (Zürich")
    assert str(events[1]["SUMMARY"]).endswith("long words ")  # folding kept every character


def test_text_is_escaped_and_folded_without_splitting_a_character() -> None:
    rows = [_row(1, "a,b;c\\d\ne " + "ü" * 80, dt.date(2026, 11, 30))]
    text = commitments_to_ics(rows, journal_id="x")
    assert "a\\,b\\;c\\\\d\\ne" in text.replace("\r\n ", "")
    text.encode("utf-8").decode("utf-8")  # every folded line is whole UTF-8
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode("utf-8")


def test_two_journals_never_share_a_uid() -> None:
    assert commitment_uid(7, "aaaa") != commitment_uid(7, "bbbb")
    assert commitment_uid(7, "a b/c") == "commitment-7.abc@reljournal.invalid"


def test_ics_from_the_store(db: object) -> None:
    build_review_journal(db)
    rows = list_commitments(db, open_only=True)
    calendar = icalendar.Calendar.from_ical(commitments_to_ics(rows))
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert "Harbour Logistics: Send the routing study" in summaries
    assert len(summaries) == 4
