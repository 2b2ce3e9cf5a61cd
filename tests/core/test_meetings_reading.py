"""Reading calendar files (issue 14): damaged files of every kind end in a
``CalendarFileError`` (a message for the user), never in another exception; the
window pre-filter keeps a series' overrides with their master."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reljournal.core.meetings.occurrences import expand_meetings
from reljournal.core.meetings.reading import parse_calendar
from reljournal.core.meetings.records import CalendarFileError

DATA = Path(__file__).parents[1] / "data" / "calendars"
SAMPLES = [
    (DATA / "cases" / "07_override_before_master_google.ics").read_bytes(),
    (DATA / "cases" / "21_windows_tz_w_europe_outlook.ics").read_bytes(),
    (DATA / "real" / "apple_ical4j_THFC.ics").read_bytes(),
]
ME = ["sam.taylor@tandem-medical.example"]
WINDOW = (dt.date(2000, 1, 1), dt.date(2030, 12, 31))


def _read(data: bytes) -> None:
    try:
        source = parse_calendar(data, WINDOW)
        expand_meetings(source, ME, *WINDOW)
    except CalendarFileError as exc:
        assert exc.message and "\n" not in exc.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(SAMPLES),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
def test_damaged_files_give_a_message_never_a_crash(
    sample: bytes, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(sample[: max(1, int(len(sample) * cut))] if cut < 0.98 else sample)
    for where, byte in flips:
        data[min(len(data) - 1, int(len(data) * where))] = byte
    _read(bytes(data))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _read(b"BEGIN:VCALENDAR\r\n" + data + b"\r\nEND:VCALENDAR\r\n")
    _read(data)


def test_lines_of_nonsense_inside_a_whole_calendar() -> None:
    for body in (
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:2025133T999999Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20250101T100000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Nowhere/Land:20250101T100000\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nEND:VTODO\r\n",
    ):
        _read(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode())


def test_prefilter_keeps_overrides_and_every_uid() -> None:
    data = SAMPLES[0]
    narrow = parse_calendar(data, (dt.date(2025, 9, 18), dt.date(2025, 9, 20)))
    whole = parse_calendar(data)
    assert narrow.uids == whole.uids and narrow.events == whole.events
    found = expand_meetings(narrow, ME, dt.date(2025, 9, 18), dt.date(2025, 9, 20))
    assert [o.title for o in found.occurrences] == ["Pricing review with Northwind (moved)"]


def test_more_than_one_calendar_or_trailing_text_is_refused() -> None:
    one = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with pytest.raises(CalendarFileError, match="more than one"):
        parse_calendar(one + one)
    with pytest.raises(CalendarFileError, match="damaged"):
        parse_calendar(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")


def test_utf16_and_text_after_the_end() -> None:
    text = (DATA / "cases" / "25_cn_and_text_escapes_apple.ics").read_text(encoding="utf-8")
    utf8 = parse_calendar(text.encode("utf-8"))
    utf16 = parse_calendar(text.encode("utf-16"))
    assert utf16.uids == utf8.uids and utf16.events == utf8.events == 2
    with pytest.raises(CalendarFileError, match="after its end"):
        parse_calendar(text.encode("utf-8") + b"X-TRAILING:garbage\r\n")


EXPECTED = (lambda d: d["runs"] + d["real_runs"])(
    json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
)
ALL_FILES = sorted((DATA / "cases").glob("*.ics")) + sorted((DATA / "real").glob("*.ics"))


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_the_window_prefilter_changes_no_result(path: Path) -> None:
    """Parsing only what may fall in the window gives what parsing everything gives."""
    data = path.read_bytes()
    whole = parse_calendar(data)
    windows = [(dt.date(y, 1, 1), dt.date(y, 3, 31)) for y in (2006, 2012, 2019, 2025)]
    windows += [(dt.date(y, 9, 20), dt.date(y, 11, 30)) for y in (2008, 2019, 2025)]
    windows += [
        (dt.date.fromisoformat(r["since"]), dt.date.fromisoformat(r["until"]))
        for r in EXPECTED
        if r["file"].endswith(path.name)
    ]
    for since, until in windows:
        narrow = parse_calendar(data, (since, until))
        a = expand_meetings(narrow, ME, since, until)
        b = expand_meetings(whole, ME, since, until)
        assert (a.occurrences, a.skipped, a.uids) == (b.occurrences, b.skipped, b.uids)


def test_rule_last_day() -> None:
    from reljournal.core.meetings.reading import rule_last_day

    start = "20250106T100000"
    assert rule_last_day("FREQ=WEEKLY;UNTIL=20250301T000000Z", start) == dt.date(2025, 3, 1)
    # (COUNT + 1) periods: a bound, never earlier than the last occurrence
    assert rule_last_day("FREQ=WEEKLY;COUNT=4", start) == dt.date(2025, 2, 10)
    assert rule_last_day("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU", start) == dt.date(
        2025, 3, 17
    )
    assert rule_last_day("FREQ=DAILY;COUNT=10", start) == dt.date(2025, 1, 17)
    assert rule_last_day("FREQ=MONTHLY;COUNT=3;BYDAY=2WE", start) == dt.date(2025, 5, 10)
    # periods that may hold no occurrence, or no end at all: not certain
    assert rule_last_day("FREQ=MONTHLY;COUNT=3;BYDAY=5FR", start) is None
    assert rule_last_day("FREQ=MONTHLY;COUNT=3", "20250131T100000") is None
    assert rule_last_day("FREQ=MONTHLY;COUNT=3;BYMONTHDAY=31", start) is None
    assert rule_last_day("FREQ=YEARLY;COUNT=3", start) is None
    assert rule_last_day("FREQ=WEEKLY", start) is None


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    count=st.integers(1, 40),
    interval=st.integers(1, 4),
    byday=st.sampled_from(["", "MO", "TU,TH", "SU,SA", "2WE", "1MO,3FR", "4SU", "5FR", "-1FR"]),
)
def test_rule_last_day_is_never_before_the_last_occurrence(
    start: dt.date, freq: str, count: int, interval: int, byday: str
) -> None:
    from dateutil.rrule import rrulestr

    from reljournal.core.meetings.reading import rule_last_day

    rule = f"FREQ={freq};COUNT={count};INTERVAL={interval}" + (f";BYDAY={byday}" if byday else "")
    if byday[:1].isdigit() or byday.startswith("-"):
        if freq not in ("MONTHLY", "YEARLY"):
            return  # numbered days belong to monthly and yearly rules
    bound = rule_last_day(rule, f"{start:%Y%m%d}T100000")
    if bound is None:
        return
    first = dt.datetime.combine(start, dt.time(10))
    last = list(rrulestr(rule, dtstart=first))[-1]
    assert last.date() <= bound, rule
