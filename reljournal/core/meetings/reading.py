"""Reading an iCalendar export (Google Calendar, Outlook/Exchange, Apple Calendar).

A file must be one whole ``BEGIN:VCALENDAR … END:VCALENDAR`` object: empty, binary,
truncated or other files are refused with a ``CalendarFileError`` whose message names
the problem in the user's words (never quoting the file's bytes). The text is unfolded
here (a space or a TAB continues a line) and a few quirks of real exports are repaired
before ``icalendar`` parses it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Final

import icalendar

from reljournal.core.meetings.records import MAX_BYTES, CalendarFileError

log = logging.getLogger(__name__)

WINDOW_MARGIN_DAYS: Final = 3  # dates in the file are local: any zone is within a day
EMPTY_TZID: Final = "RelJournal-empty-TZID"  # the name given to a VTIMEZONE with TZID:""


def decode_calendar(data: bytes) -> str:
    """The text of an .ics file (UTF-8, with or without BOM; Windows-1252 as a fallback
    for old Outlook files), or a ``CalendarFileError``."""
    if len(data) > MAX_BYTES:
        mib = len(data) / (1024 * 1024)
        raise CalendarFileError(
            f"the file is too large for a calendar ({mib:,.0f} MB; at most "
            f"{MAX_BYTES // (1024 * 1024)} MB)"
        )
    if not data.strip():
        raise CalendarFileError("the file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte order mark
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise CalendarFileError("the file is not text in a known encoding") from None
    if b"\x00" in data[:65536] or data[:4] in (b"PK\x03\x04", b"\x1f\x8b\x08\x00"):
        hint = " (a .zip archive: unzip it and import the .ics inside)" if data[:2] == b"PK" else ""
        raise CalendarFileError(f"the file is binary, not an iCalendar text file{hint}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise CalendarFileError("the file is not text in a known encoding") from None
    if any(ord(c) < 32 and c not in "\r\n\t" for c in text[:65536]):
        raise CalendarFileError("the file is binary, not an iCalendar text file")
    return text


def content_lines(text: str) -> list[str]:
    """The unfolded content lines of ``text`` (blank lines dropped)."""
    text = text.replace("\r\n", "\n")
    if "\r" in text:  # old Mac line ends
        text = text.replace("\r", "\n")
    text = text.replace("\n ", "").replace("\n\t", "")  # unfold
    return [line for line in text.split("\n") if line and not line.isspace()]


def _split(line: str) -> tuple[str, str]:
    """(property name in upper case, value) of a content line; a ``:`` inside a quoted
    parameter value (``DIR="http://…"``) does not end the parameters."""
    colon = line.find(":")
    quote = line.find('"')
    if quote != -1 and quote < colon:
        in_quotes = False
        for i, char in enumerate(line):
            if char == '"':
                in_quotes = not in_quotes
            elif char == ":" and not in_quotes:
                colon = i
                break
        else:
            colon = -1
    if colon == -1:
        return line.split(";", 1)[0].strip().upper(), ""
    return line[:colon].split(";", 1)[0].strip().upper(), line[colon + 1 :]


# the properties of a VEVENT the importer reads (recurring_ical_events, the rules); the
# others (descriptions, HTML bodies, alarms…) are not parsed at all
_KEEP: Final = frozenset(
    "UID DTSTART DTEND DURATION RRULE RDATE EXDATE EXRULE RECURRENCE-ID SEQUENCE SUMMARY "
    "STATUS ORGANIZER ATTENDEE".split()
)
_NAME_RE = re.compile(r"[A-Za-z0-9-]*")
_DAYS_PER: Final = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}


@dataclass
class _Event:
    lines: list[str] = field(default_factory=list)
    uid: str = ""
    start: str = ""  # DTSTART's value
    rules: list[str] = field(default_factory=list)  # RRULE values
    rdate: bool = False
    dates: list[str] = field(default_factory=list)  # DTSTART/RECURRENCE-ID values


def _scan(lines: list[str]) -> tuple[list[str], list[_Event]]:
    """Check that ``lines`` are one whole VCALENDAR; split it into the calendar's own
    lines (properties, time zones, other components) and its VEVENTs (their lines that
    matter here only)."""
    first = lines[0].strip().upper() if lines else ""
    if first != "BEGIN:VCALENDAR":
        if first.startswith("BEGIN:VCARD"):
            raise CalendarFileError("the file is a contact card (vCard), not a calendar")
        if first.startswith("<") or "<HTML" in first:
            raise CalendarFileError("the file is a web page, not a calendar (a failed download?)")
        raise CalendarFileError(
            "the file is not an iCalendar file (no BEGIN:VCALENDAR at the start)"
        )
    stack: list[str] = []
    own: list[str] = []
    events: list[_Event] = []
    event: _Event | None = None
    match = _NAME_RE.match
    for number, line in enumerate(lines, 1):
        found = match(line)
        name = found.group().upper() if found else ""
        if name == "BEGIN":
            if not stack and number > 1:
                raise CalendarFileError(
                    "the file holds more than one calendar, or text after its end"
                )
            component = _split(line)[1].strip().upper()
            stack.append(component)
            if component == "VEVENT" and len(stack) == 2:
                event = _Event()
                events.append(event)
            elif event is not None:
                continue  # an alarm inside an event: not read
        elif name == "END":
            component = _split(line)[1].strip().upper()
            if not stack or stack[-1] != component:
                raise CalendarFileError(
                    f"the file is damaged: END:{component[:40]} does not close "
                    f"{stack[-1] if stack else 'anything'} (line {number})"
                )
            stack.pop()
            if event is not None:
                if len(stack) == 1:
                    event.lines.append(line)
                    event = None
                continue
        elif not stack:
            raise CalendarFileError(f"the file has text after its end (line {number})")
        elif event is not None:
            if len(stack) > 2 or name not in _KEEP:
                continue
            if name == "UID":
                event.uid = _split(line)[1].strip()
            elif name == "RRULE":
                event.rules.append(_split(line)[1].strip().upper())
            elif name == "RDATE":
                event.rdate = True
            elif name in ("DTSTART", "RECURRENCE-ID"):
                value = _split(line)[1].strip()
                event.dates.append(value)
                if name == "DTSTART":
                    event.start = value
        (event.lines if event is not None else own).append(line)
    if stack:
        raise CalendarFileError(
            f"the file is cut short: END:{stack[-1][:40]} is missing (the file is truncated)"
        )
    return own, events


def _near(value: str, low: str, high: str) -> bool:
    day = value[:8]
    return not day.isdigit() or low <= day <= high


def rule_last_day(rule: str, start: str) -> dt.date | None:
    """A day no occurrence of the RRULE can come after (its UNTIL, or what COUNT allows
    when the rule's periods each hold an occurrence), or None when that is not certain."""
    parts = dict(p.partition("=")[::2] for p in rule.split(";") if p)
    until = parts.get("UNTIL", "")
    if until:
        try:
            return dt.date(int(until[:4]), int(until[4:6]), int(until[6:8]))
        except ValueError:
            return None
    count, freq = parts.get("COUNT", ""), parts.get("FREQ", "")
    if not count.isdigit() or freq not in _DAYS_PER or not start[:8].isdigit():
        return None
    by = {k for k in parts if k.startswith("BY")}
    day = int(start[6:8])
    safe = (
        (not by and (freq in ("DAILY", "WEEKLY") or (freq == "MONTHLY" and day <= 28)))
        or (freq == "WEEKLY" and by == {"BYDAY"})
        or (
            freq == "MONTHLY"
            and by == {"BYDAY"}
            and re.fullmatch(r"([1-4]?[A-Z]{2},?)+", parts["BYDAY"]) is not None
        )
    )
    if not safe:
        return None
    interval = parts.get("INTERVAL", "1")
    step = int(interval) if interval.isdigit() and int(interval) > 0 else 1
    periods = (int(count) + 1) * step  # one period more: the first may hold none
    try:
        first = dt.date(int(start[:4]), int(start[4:6]), day)
        return first + dt.timedelta(days=periods * _DAYS_PER[freq])
    except (ValueError, OverflowError):
        return None


def _may_recur_in(event: _Event, low: dt.date) -> bool:
    if event.rdate:
        return True
    for rule in event.rules:
        last = rule_last_day(rule, event.start)
        if last is None or last >= low:
            return True
    return False


def _in_window(events: list[_Event], window: tuple[dt.date, dt.date] | None) -> list[_Event]:
    """The events that may have an occurrence in the window (a margin of days either
    side for the zones): every event of a UID with a series that may reach the window
    or a date near it, so that overrides stay with their series."""
    if window is None:
        return events
    first = window[0] - dt.timedelta(days=WINDOW_MARGIN_DAYS)
    low = first.strftime("%Y%m%d")
    high = (window[1] + dt.timedelta(days=WINDOW_MARGIN_DAYS)).strftime("%Y%m%d")
    wanted = {
        e.uid
        for e in events
        if _may_recur_in(e, first) or any(_near(d, low, high) for d in e.dates)
    }
    return [e for e in events if e.uid in wanted]


def _repair(lines: list[str]) -> list[str]:
    """Workarounds for real exports that icalendar refuses: Exchange 2010 writes a
    VTIMEZONE with an empty ``TZID:`` and refers to it as ``TZID=``."""
    out = []
    for line in lines:
        upper = line.upper()
        if upper.rstrip() == "TZID:":
            line = f"TZID:{EMPTY_TZID}"
        elif ";TZID=:" in upper or ";TZID=;" in upper:
            line = re.sub(r";TZID=(?=[:;])", f";TZID={EMPTY_TZID}", line, flags=re.IGNORECASE)
        out.append(line)
    return out


@dataclass
class CalendarFile:
    """A checked calendar: the parsed part (the events that may fall in the window) and
    what the whole file holds."""

    calendar: icalendar.Calendar
    uids: set[str]
    events: int


def parse_calendar(data: bytes, window: tuple[dt.date, dt.date] | None = None) -> CalendarFile:
    """Check and parse an .ics file; a ``CalendarFileError`` when it is not one whole
    calendar or icalendar cannot read it. With a ``window`` (first and last day), only
    the events that may have an occurrence in it are parsed (a five-year export holds
    tens of thousands of events, and icalendar parses about a thousand a second)."""
    lines = content_lines(decode_calendar(data))
    if not lines:
        raise CalendarFileError("the file is empty")
    own, events = _scan(lines)
    kept = _in_window(events, window)
    body = own[:-1] + [line for event in kept for line in event.lines] + own[-1:]
    text = "\r\n".join(_repair(body)) + "\r\n"
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError…
        log.info("icalendar could not parse a calendar: %s", type(exc).__name__)
        raise CalendarFileError(
            "the file is damaged: a line could not be read as iCalendar"
        ) from None
    if isinstance(calendar, list) or calendar.name != "VCALENDAR":
        raise CalendarFileError("the file is not an iCalendar file")
    return CalendarFile(calendar, {e.uid for e in events if e.uid}, len(events))
