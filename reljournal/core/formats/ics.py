"""Open commitments as an iCalendar file (RFC 5545), written without dependencies.

Each open commitment with a due date becomes an all-day event on that date, with a
stable UID so that importing the file again updates the events instead of
duplicating them. Lines end in CRLF and are folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Protocol

from reljournal import APP_NAME, __version__
from reljournal.core.model import OWNER_ME, STATE_OPEN

PRODID: Final = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"
UID_DOMAIN: Final = "reljournal.invalid"


class CommitmentLike(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def account_name(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def state(self) -> str: ...


@dataclass(frozen=True)
class IcsWords:
    mine: str = "I promised"
    theirs: str = "They promised"
    team: str = "Team"
    calendar_name: str = "RelJournal commitments"


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _event(item: CommitmentLike, stamp: str, words: IcsWords) -> list[str]:
    assert item.due is not None
    who = words.mine if item.owner == OWNER_ME else words.theirs
    account = item.account_name or words.team
    start = item.due.strftime("%Y%m%d")
    end = (item.due + dt.timedelta(days=1)).strftime("%Y%m%d")
    return [
        "BEGIN:VEVENT",
        f"UID:commitment-{item.id}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start}",
        f"DTEND;VALUE=DATE:{end}",
        f"SUMMARY:{escape_text(f'{account}: {item.text}')}",
        f"DESCRIPTION:{escape_text(f'{who} ({account}): {item.text}')}",
        f"CATEGORIES:{escape_text(APP_NAME)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def commitments_to_ics(
    commitments: Iterable[CommitmentLike],
    *,
    now: dt.datetime | None = None,
    words: IcsWords | None = None,
) -> str:
    """An iCalendar document of the open, dated commitments (others are left out)."""
    words = words or IcsWords()
    moment = now or dt.datetime.now(dt.UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(words.calendar_name)}",
    ]
    for item in sorted(
        (c for c in commitments if c.state == STATE_OPEN and c.due is not None),
        key=lambda c: (c.due or dt.date.max, c.id or 0),
    ):
        lines += _event(item, stamp, words)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
