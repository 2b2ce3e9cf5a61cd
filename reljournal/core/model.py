"""The domain model: plain dataclasses shared by the store, the classifier and the UI.

Dates are ``datetime.date``; an entry's moment is a ``datetime.datetime`` (naive,
local time, minute precision). Ids are ``None`` until the store saves a record.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

# Stakeholder groups (the three parts of a rep's relationship portfolio).
GROUP_CUSTOMER: Final = "customer"
GROUP_INTERNAL: Final = "internal"
GROUP_PARTNER: Final = "partner"
GROUPS: Final = (GROUP_CUSTOMER, GROUP_INTERNAL, GROUP_PARTNER)

# Kinds of entry.
ENTRY_KINDS: Final = ("meeting", "call", "email", "visit", "note")

# Commitment owners and states.
OWNER_ME: Final = "me"
OWNER_THEM: Final = "them"
OWNERS: Final = (OWNER_ME, OWNER_THEM)
STATE_OPEN: Final = "open"
STATE_DONE: Final = "done"
STATE_DROPPED: Final = "dropped"
COMMITMENT_STATES: Final = (STATE_OPEN, STATE_DONE, STATE_DROPPED)

# Who started an interaction (optional on an entry).
INITIATORS: Final = ("me", "them")

# Goerger's six areas of a good customer relationship, rated 1-5.
HEALTH_AREAS: Final = (
    "trust",
    "respect",
    "value",
    "conversations",
    "conflict",
    "accountability",
)
HEALTH_MIN: Final = 1
HEALTH_MAX: Final = 5

# Carew's relationship positions, from the customer holding all the power to balance.
STAGES: Final = ("dependent", "independent", "interdependent")

# Classification labels.
LABEL_TRANSACTIONAL: Final = "transactional"
LABEL_RELATIONAL: Final = "relational"
LABEL_UNDETERMINED: Final = "undetermined"
LABELS: Final = (LABEL_TRANSACTIONAL, LABEL_RELATIONAL, LABEL_UNDETERMINED)

# Suggested expectation tags (free tags are allowed too).
EXPECTATION_TAGS: Final = (
    "price",
    "speed",
    "reliability",
    "expertise",
    "advice",
    "reviews",
    "access",
    "training",
    "social",
    "reports",
    "communication",
)

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def text_key(text: str) -> str:
    """A comparison key for names and question texts: case, accents' composition,
    punctuation and runs of white space aside."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = _PUNCT.sub(" ", norm)
    return _SPACE.sub(" ", norm).strip()


@dataclass
class Account:
    name: str
    industry: str = ""
    notes: str = ""
    website: str = ""
    id: int | None = None


@dataclass
class Stakeholder:
    name: str
    group: str = GROUP_CUSTOMER
    account_id: int | None = None
    title: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    id: int | None = None


@dataclass
class Question:
    text: str
    topic: str = ""
    position: int = 0
    builtin: bool = False
    retired: bool = False
    id: int | None = None


@dataclass
class Answer:
    """A stated expectation: the customer's own words, kept verbatim."""

    question_text: str
    answer: str
    said_on: dt.date
    speaker: str = ""
    tags: list[str] = field(default_factory=list)
    question_id: int | None = None
    speaker_id: int | None = None
    entry_id: int | None = None
    account_id: int | None = None
    id: int | None = None


@dataclass
class Commitment:
    text: str
    owner: str = OWNER_ME
    due: dt.date | None = None
    state: str = STATE_OPEN
    done_on: dt.date | None = None
    entry_id: int | None = None
    account_id: int | None = None
    id: int | None = None

    def is_overdue(self, today: dt.date) -> bool:
        return self.state == STATE_OPEN and self.due is not None and self.due < today


@dataclass
class HealthRating:
    rated_on: dt.date
    scores: dict[str, int]
    account_id: int | None = None
    entry_id: int | None = None
    id: int | None = None


@dataclass
class StageAssessment:
    assessed_on: dt.date
    stage: str
    account_id: int | None = None
    entry_id: int | None = None
    id: int | None = None


@dataclass
class Entry:
    at: dt.datetime
    kind: str = "meeting"
    minutes: int | None = None
    title: str = ""
    notes: str = ""
    initiated_by: str = ""
    account_id: int | None = None
    stakeholder_ids: list[int] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    id: int | None = None

    @property
    def on(self) -> dt.date:
        return self.at.date()


@dataclass
class Reason:
    """One piece of evidence behind a classification, pointing at the journal."""

    signal: str
    quote: str
    date: dt.date | None
    weight: float
    source: str = ""
    entry_id: int | None = None
    answer_id: int | None = None


@dataclass
class Classification:
    score: float
    label: str
    confidence: float
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Override:
    label: str
    reason: str
    created_at: dt.datetime | None = None


@dataclass
class AccountJournal:
    """Everything the journal holds about one account: the classifier's input."""

    account: Account
    stakeholders: list[Stakeholder] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    health: list[HealthRating] = field(default_factory=list)
    stages: list[StageAssessment] = field(default_factory=list)
