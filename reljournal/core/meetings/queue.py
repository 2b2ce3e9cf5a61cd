"""Records of the meetings queue, as the store keeps them and the UI and CLI show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final

from reljournal.core.meetings.matching import Directory
from reljournal.core.meetings.records import SKIP_KINDS, Participant

QUEUED: Final = "queued"
LOGGED: Final = "logged"
DISMISSED: Final = "dismissed"


@dataclass(frozen=True)
class StoredMeeting:
    """A meeting as the store keeps it (participants as their addresses)."""

    id: int
    uid: str
    recurrence_id: str
    start: dt.datetime  # aware, in the event's own offset
    minutes: int
    title: str
    participants: tuple[Participant, ...]
    state: str = QUEUED
    entry_id: int | None = None


@dataclass(frozen=True)
class QueuedMeeting:
    """A meeting waiting to be logged, matched against the journal as it is now."""

    id: int
    uid: str
    start: dt.datetime
    minutes: int
    title: str
    account_id: int | None
    account: str | None
    people: tuple[tuple[int, str], ...]  # (stakeholder id, name)
    unmatched: tuple[str, ...]
    participants: tuple[Participant, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "start": self.start.isoformat(),
            "minutes": self.minutes,
            "title": self.title,
            "account": self.account,
            "people": [name for _, name in self.people],
            "unmatched": list(self.unmatched),
        }


@dataclass
class ImportCounts:
    """What an import did to the queue, and what it skipped."""

    queued: int = 0  # occurrences the file gives in the window
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    kept: int = 0  # already logged or dismissed: left alone
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SKIP_KINDS, 0))

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def match_queue(
    stored: list[StoredMeeting], directory: Directory, account_names: dict[int, str]
) -> list[QueuedMeeting]:
    out = []
    for meeting in stored:
        found = directory.match(meeting.participants)
        account = found.account_id if found.account_id in account_names else None
        out.append(
            QueuedMeeting(
                id=meeting.id,
                uid=meeting.uid,
                start=meeting.start,
                minutes=meeting.minutes,
                title=meeting.title,
                account_id=account,
                account=account_names.get(account) if account is not None else None,
                people=tuple((p.id, p.name) for p in found.people),
                unmatched=found.unmatched,
                participants=meeting.participants,
            )
        )
    return out
