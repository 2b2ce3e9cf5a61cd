"""The meetings queue through the application layer (issue 14): logging a meeting from
its prefilled quick-entry form, the form's content, dismissing, and a queue left as it
was by a refused file or a cancelled import."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal.core.errors import CancelledError, NotFoundError, ValidationError
from reljournal.core.meetings.records import CalendarFileError
from reljournal.journal.facade import Journal
from reljournal.journal.transfer import read_journal_document
from tests.helpers.facade import facade

DATA = Path(__file__).parents[1] / "data" / "calendars"
ME = ["sam.taylor@tandem-medical.example"]


@pytest.fixture
def rep(journal: object) -> Iterator[Journal]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    j = facade(journal)
    j.import_document(read_journal_document(str(DATA / "journal.json")))
    yield j
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def load(rep: Journal, name: str, since: str, until: str) -> None:
    data = (DATA / "cases" / name).read_bytes()
    rep.import_calendar(data, ME, dt.date.fromisoformat(since), dt.date.fromisoformat(until))


def test_logging_a_meeting_from_its_form(rep: Journal) -> None:
    load(rep, "25_cn_and_text_escapes_apple.ics", "2025-05-01", "2025-05-31")
    queue = rep.meetings_queue()
    meeting = next(m for m in queue if m.account == "Acme Dental")
    form = rep.meeting_form(meeting.id)
    assert form.account_text == "Acme Dental" and not form.team
    assert form.kind == "meeting" and form.minutes == meeting.minutes == 90
    assert form.at == meeting.start.astimezone(dt.UTC).replace(tzinfo=None)
    assert form.title == "Acme Dental: pricing, terms; next steps\nRound 2 \\ final"
    names = {name for _, name in meeting.people}
    assert names == {"Dana Ruiz", "Piet Janssen", "Lee Park"}
    assert sorted(form.people) == sorted(pid for pid, _ in meeting.people)
    form.notes = "Agreed on the terms."
    saved = rep.record_entry(form)
    assert [m.id for m in rep.meetings_queue()] == [m.id for m in queue if m.id != meeting.id]
    assert rep.count_meetings_to_log() == len(queue) - 1
    entry, _ = rep.entry(saved.entry.id or 0)
    assert entry.title == form.title and entry.minutes == 90 and entry.kind == "meeting"
    assert sorted(entry.stakeholder_ids) == sorted(form.people)
    # the logged meeting is never queued again by a re-import
    load(rep, "25_cn_and_text_escapes_apple.ics", "2025-05-01", "2025-05-31")
    assert meeting.id not in [m.id for m in rep.meetings_queue()]


def test_team_meeting_form(rep: Journal) -> None:
    load(rep, "17_internal_only_google.ics", "2025-10-01", "2025-10-31")
    assert len(rep.meetings_queue()) == 3
    for meeting in rep.meetings_queue():
        form = rep.meeting_form(meeting.id)
        assert meeting.account is None and form.team and form.account_text == ""
    rep.record_entry(rep.meeting_form(rep.meetings_queue()[0].id))


def test_dismiss_and_refused_files(rep: Journal) -> None:
    load(rep, "01_weekly_us_dst_google.ics", "2025-10-01", "2025-11-30")
    queue = rep.meetings_queue()
    rep.dismiss_meeting(queue[0].id)
    with pytest.raises(ValidationError):
        rep.dismiss_meeting(queue[0].id)
    after = rep.meetings_queue()
    for bad in sorted((DATA / "bad").iterdir()):
        with pytest.raises(CalendarFileError):
            rep.import_calendar(bad.read_bytes(), ME)
    assert rep.meetings_queue() == after


def test_cancelled_import_changes_nothing(rep: Journal) -> None:
    data = (DATA / "cases" / "32_reimport_export_2_google.ics").read_bytes()
    with pytest.raises(CancelledError):
        rep.import_calendar(
            data, ME, dt.date(2025, 11, 1), dt.date(2025, 11, 30), should_cancel=lambda: True
        )
    assert rep.meetings_queue() == [] and rep.calendar_addresses() == []


def test_remembered_addresses(rep: Journal) -> None:
    with pytest.raises(ValidationError, match="--me"):
        rep.import_calendar(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    rep.import_calendar(
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", ["Sam@Tandem.example", "mailto:sam@tandem.example"]
    )
    assert rep.calendar_addresses() == ["sam@tandem.example"]


def test_promise_calendar_uids_name_the_journal(rep: Journal, tmp_path: Path) -> None:
    import icalendar

    from reljournal.journal.entry_form import EntryForm, FormCommitment
    from reljournal.journal.opening import create

    rep.record_entry(
        EntryForm(
            at=dt.datetime(2026, 3, 4, 9, 0),
            account_text="Acme Dental",
            notes="Call.",
            commitments=[FormCommitment("Send pricing", due=dt.date(2026, 3, 6))],
        )
    )
    ours = rep.journal_id()
    assert len(ours) == 16 and rep.journal_id() == ours  # made once, then kept
    calendar = icalendar.Calendar.from_ical(rep.commitments_calendar())
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == 1 and uids[0].endswith(f".{ours}@reljournal.invalid")
    other = create(tmp_path / "other.db")
    try:
        assert other.journal_id() != ours
    finally:
        other.close()


def test_undo_brings_back_a_dismissed_or_logged_meeting(rep: Journal) -> None:
    load(rep, "01_weekly_us_dst_google.ics", "2025-10-01", "2025-11-30")
    queue = rep.meetings_queue()
    rep.dismiss_meeting(queue[0].id)
    assert rep.history.next_undo() == ("dismiss_meeting", "Acme Dental weekly check-in")
    rep.undo()
    assert rep.meetings_queue() == queue
    rep.redo()
    assert [m.id for m in rep.meetings_queue()] == [m.id for m in queue[1:]]
    saved = rep.record_entry(rep.meeting_form(queue[1].id))
    assert [m.id for m in rep.meetings_queue()] == [m.id for m in queue[2:]]
    rep.undo()  # the entry goes, the meeting comes back
    assert [m.id for m in rep.meetings_queue()] == [m.id for m in queue[1:]]
    with pytest.raises(NotFoundError):
        rep.entry(saved.entry.id or 0)
    rep.redo()  # the entry again, the meeting logged again
    assert [m.id for m in rep.meetings_queue()] == [m.id for m in queue[2:]]
    assert rep.entry(saved.entry.id or 0)[0].title == "Acme Dental weekly check-in"
