"""The plain records of the meetings import (no parsing libraries: cheap to import for
the command line and the app): the error, the limits, an occurrence and what a file
gives in a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from reljournal.core.errors import RelJournalError

MAX_BYTES: Final = 64 * 1024 * 1024  # a five-year calendar of 20,000 events is ~15 MB

CANCELLED: Final = "cancelled"
ALL_DAY: Final = "all-day"
DECLINED: Final = "declined"
ALONE: Final = "without other attendees"
SKIP_KINDS: Final = (CANCELLED, ALL_DAY, DECLINED, ALONE)


class CalendarFileError(RelJournalError):
    """The file is not a whole iCalendar object; the message says why."""


Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


@dataclass(frozen=True)
class Participant:
    """Someone at a meeting other than the rep (address in lower case)."""

    email: str
    name: str = ""
    organizer: bool = False


@dataclass(frozen=True)
class Occurrence:
    """One queued meeting: its UID and original start identify it."""

    uid: str
    recurrence_id: str  # the original start in UTC (ISO), "" for a single event
    start: dt.datetime  # aware, in the event's own zone
    minutes: int
    title: str
    participants: tuple[Participant, ...]

    @property
    def key(self) -> tuple[str, str]:
        return self.uid, self.recurrence_id


@dataclass
class Expansion:
    """What a calendar gives in a window."""

    since: dt.date
    until: dt.date
    occurrences: list[Occurrence] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SKIP_KINDS, 0))
    uids: set[str] = field(default_factory=set)  # every UID the file contains
    events: int = 0

    @property
    def low(self) -> dt.datetime:
        """The window's first instant: ``since`` at 00:00, the machine's local time."""
        return window_bounds(self.since, self.until)[0]

    @property
    def high(self) -> dt.datetime:
        """The instant after the window: the day after ``until`` at 00:00, local time."""
        return window_bounds(self.since, self.until)[1]


def window_bounds(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    low = dt.datetime.combine(since, dt.time()).astimezone()
    high = dt.datetime.combine(until + dt.timedelta(days=1), dt.time()).astimezone()
    return low, high
