"""Open commitments as an iCalendar file (RFC 5545), written with ``icalendar``.

Each open commitment with a due date becomes an all-day event on that date, with a
stable UID so that importing the file again updates the events instead of duplicating
them. The UID names the journal too (``commitment-7.<journal id>@reljournal.invalid``),
so that two journals' promises never collide in one calendar. ``icalendar`` escapes
the text, folds the lines at 75 octets and ends them in CRLF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Protocol

import icalendar

from reljournal import APP_NAME, __version__
from reljournal.core.model import OWNER_ME, STATE_OPEN

PRODID: Final = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"
UID_DOMAIN: Final = "reljournal.invalid"
_ID_CHARS = re.compile(r"[^A-Za-z0-9-]")


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


def commitment_uid(commitment_id: int | None, journal_id: str = "") -> str:
    """The event's UID: the commitment and (when given) the journal it belongs to."""
    token = _ID_CHARS.sub("", journal_id)
    return f"commitment-{commitment_id}{'.' + token if token else ''}@{UID_DOMAIN}"


def _event(
    item: CommitmentLike, stamp: dt.datetime, words: IcsWords, journal_id: str
) -> icalendar.Event:
    assert item.due is not None
    who = words.mine if item.owner == OWNER_ME else words.theirs
    account = item.account_name or words.team
    event = icalendar.Event()
    event.add("uid", commitment_uid(item.id, journal_id))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due)
    event.add("dtend", item.due + dt.timedelta(days=1))
    event.add("summary", f"{account}: {item.text}")
    event.add("description", f"{who} ({account}): {item.text}")
    event.add("categories", [APP_NAME])
    event.add("transp", "TRANSPARENT")
    return event


def commitments_to_ics(
    commitments: Iterable[CommitmentLike],
    *,
    now: dt.datetime | None = None,
    words: IcsWords | None = None,
    journal_id: str = "",
) -> str:
    """An iCalendar document of the open, dated commitments (others are left out);
    ``journal_id`` makes the UIDs unique across journals."""
    words = words or IcsWords()
    moment = now or dt.datetime.now(dt.UTC)
    moment = (
        moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    )
    stamp = moment.replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", words.calendar_name)
    for item in sorted(
        (c for c in commitments if c.state == STATE_OPEN and c.due is not None),
        key=lambda c: (c.due or dt.date.max, c.id or 0),
    ):
        calendar.add_component(_event(item, stamp, words, journal_id))
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
