"""Small read-only records the store returns to the CLI and the UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
