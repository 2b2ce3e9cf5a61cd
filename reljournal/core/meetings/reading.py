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

from reljournal.core.errors import RelJournalError

log = logging.getLogger(__name__)

MAX_BYTES: Final = 64 * 1024 * 1024  # a five-year calendar of 20,000 events is ~15 MB
WINDOW_MARGIN_DAYS: Final = 3  # dates in the file are local: any zone is within a day
EMPTY_TZID: Final = "RelJournal-empty-TZID"  # the name given to a VTIMEZONE with TZID:""

_FOLD = re.compile(r"\r?\n[ \t]")
_LINE_END = re.compile(r"\r\n|\r|\n")


class CalendarFileError(RelJournalError):
    """The file is not a whole iCalendar object; the message says why."""


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
    return [line for line in _LINE_END.split(_FOLD.sub("", text)) if line.strip()]


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


@dataclass
class _Event:
    lines: list[str] = field(default_factory=list)
    uid: str = ""
    recurring: bool = False
    dates: list[str] = field(default_factory=list)  # DTSTART/RECURRENCE-ID values


def _scan(lines: list[str]) -> tuple[list[str], list[_Event]]:
    """Check that ``lines`` are one whole VCALENDAR; split it into the calendar's own
    lines (properties, time zones, other components) and its VEVENTs."""
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
    for number, line in enumerate(lines, 1):
        name, value = _split(line)
        if name == "BEGIN":
            if not stack and number > 1:
                raise CalendarFileError(
                    "the file holds more than one calendar, or text after its end"
                )
            component = value.strip().upper()
            stack.append(component)
            if component == "VEVENT" and len(stack) == 2:
                event = _Event()
                events.append(event)
        elif name == "END":
            component = value.strip().upper()
            if not stack or stack[-1] != component:
                raise CalendarFileError(
                    f"the file is damaged: END:{component[:40]} does not close "
                    f"{stack[-1] if stack else 'anything'} (line {number})"
                )
            stack.pop()
            if event is not None and len(stack) == 1:
                event.lines.append(line)
                event = None
                continue
        elif not stack:
            raise CalendarFileError(f"the file has text after its end (line {number})")
        elif event is not None and len(stack) == 2:
            if name == "UID":
                event.uid = value.strip()
            elif name in ("RRULE", "RDATE"):
                event.recurring = True
            elif name in ("DTSTART", "RECURRENCE-ID"):
                event.dates.append(value.strip())
        (event.lines if event is not None else own).append(line)
    if stack:
        raise CalendarFileError(
            f"the file is cut short: END:{stack[-1][:40]} is missing (the file is truncated)"
        )
    return own, events


def _near(value: str, low: str, high: str) -> bool:
    day = value[:8]
    return not day.isdigit() or low <= day <= high


def _in_window(events: list[_Event], window: tuple[dt.date, dt.date] | None) -> list[_Event]:
    """The events that may have an occurrence in the window (a margin of days either
    side for the zones): every event of a UID with a recurring component or a date
    near the window, so that overrides stay with their series."""
    if window is None:
        return events
    low = (window[0] - dt.timedelta(days=WINDOW_MARGIN_DAYS)).strftime("%Y%m%d")
    high = (window[1] + dt.timedelta(days=WINDOW_MARGIN_DAYS)).strftime("%Y%m%d")
    wanted = {e.uid for e in events if e.recurring or any(_near(d, low, high) for d in e.dates)}
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
