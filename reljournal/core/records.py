"""Small read-only records the store returns to the CLI and the UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final


@dataclass(frozen=True)
class AccountSummary:
    id: int
    name: str
    industry: str
    label: str  # the label in force: the override if there is one, else the computed one
    computed_label: str
    overridden: bool
    score: float | None
    confidence: float | None
    last_contact: dt.date | None
    entry_count: int
    open_commitments: int
    overdue: int
    next_due: dt.date | None


@dataclass(frozen=True)
class EntryRow:
    id: int
    account_id: int | None
    at: dt.datetime
    kind: str
    minutes: int | None
    title: str
    notes: str
    initiated_by: str
    people: tuple[str, ...] = ()
    expectations: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectationRow:
    id: int
    entry_id: int
    account_id: int | None
    question_text: str
    answer: str
    speaker: str
    said_on: dt.date
    tags: tuple[str, ...]
    superseded: bool


@dataclass(frozen=True)
class CommitmentRow:
    id: int
    account_id: int | None
    account_name: str
    entry_id: int | None
    text: str
    owner: str
    due: dt.date | None
    state: str
    done_on: dt.date | None

    def is_overdue(self, today: dt.date) -> bool:
        return self.state == "open" and self.due is not None and self.due < today


@dataclass(frozen=True)
class StakeholderRow:
    id: int
    account_id: int | None
    name: str
    group: str
    title: str
    role: str
    email: str
    phone: str
    last_contact: dt.date | None = None


@dataclass(frozen=True)
class QuestionRow:
    id: int
    text: str
    topic: str
    position: int
    builtin: bool
    retired: bool
    answer_count: int = 0


SEARCH_KINDS: Final = ("account", "stakeholder", "entry", "answer", "commitment")
SEARCH_MARK_OPEN: Final = "\x02"  # around the matched words of a snippet
SEARCH_MARK_CLOSE: Final = "\x03"


def markup(snippet: str, open_tag: str = "[", close_tag: str = "]") -> str:
    """Replace the match markers in a snippet with ``open_tag``/``close_tag``."""
    return snippet.replace(SEARCH_MARK_OPEN, open_tag).replace(SEARCH_MARK_CLOSE, close_tag)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # account, stakeholder, entry, answer, commitment
    ref_id: int
    account_id: int | None
    account_name: str
    entry_id: int | None
    date: dt.date | None
    title: str
    snippet: str  # with [ and ] around matched terms
    rank: float = 0.0


@dataclass
class Change:
    """What a mutation changed, so views refresh only what moved."""

    accounts: set[int] = field(default_factory=set)
    entries: set[int] = field(default_factory=set)
    created: bool = False
    deleted: bool = False


@dataclass
class EntryExtras:
    """The optional parts of an entry: Goerger ratings and Carew stage."""

    health: dict[str, int] = field(default_factory=dict)
    stage: str | None = None


@dataclass(frozen=True)
class DraftRow:
    id: int
    kind: str
    payload: dict[str, Any]
    updated_at: dt.datetime


@dataclass(frozen=True)
class ContactDue:
    account_id: int
    name: str
    last_contact: dt.date | None
    cadence_days: int

    def days_since(self, today: dt.date) -> int | None:
        return (today - self.last_contact).days if self.last_contact else None


@dataclass(frozen=True)
class DueList:
    today: dt.date
    overdue: tuple[CommitmentRow, ...]
    due_today: tuple[CommitmentRow, ...]
    contacts: tuple[ContactDue, ...]  # longest without contact first

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_today) + len(self.contacts)
