"""The account brief: what a rep needs to know in the five minutes before a call.

``build_brief`` is pure: it takes the account's data as plain values (the store
gathers them, see ``reljournal.store.brief_data``) and selects, orders and
compares; ``reljournal.core.brief.markdown`` turns a ``Brief`` into Markdown or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from reljournal.core.classify.reading import is_headline
from reljournal.core.effort.plans import EffortPlans, EffortReport, compare_effort, plan_for
from reljournal.core.model import (
    GROUPS,
    OWNER_ME,
    Answer,
    Classification,
    Commitment,
    Entry,
    HealthRating,
    Override,
    StageAssessment,
    text_key,
)

MAX_REASONS: Final = 5
MIN_REASONS: Final = 3
MAX_EXPECTATIONS: Final = 6
MAX_QUESTIONS: Final = 5
REASK_AFTER_DAYS: Final = 180
ROLE_ORDER: Final = ("decision maker", "champion", "influencer", "gatekeeper", "user")

# Why a question is suggested.
NEVER_ASKED: Final = "never_asked"
WORTH_REASKING: Final = "worth_reasking"

# Kinds of point in the classification timeline.
COMPUTED: Final = "computed"
OVERRIDDEN: Final = "overridden"
OVERRIDE_CLEARED: Final = "override_cleared"


@dataclass(frozen=True)
class BriefReason:
    signal: str
    quote: str
    date: dt.date | None
    entry_id: int | None
    weight: float  # > 0 points to relational, < 0 to transactional
    source: str = ""

    @property
    def relational(self) -> bool:
        return self.weight > 0


@dataclass(frozen=True)
class BriefExpectation:
    question: str
    answer: str
    speaker: str
    said_on: dt.date
    entry_id: int | None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefCommitment:
    id: int | None
    text: str
    owner: str
    due: dt.date | None
    overdue: bool
    entry_id: int | None


@dataclass(frozen=True)
class BriefPerson:
    name: str
    group: str
    role: str
    title: str
    last_contact: dt.date | None


@dataclass(frozen=True)
class SuggestedQuestion:
    text: str
    why: str  # NEVER_ASKED or WORTH_REASKING
    last_asked: dt.date | None = None
    last_answer: str = ""


@dataclass(frozen=True)
class HistoryPoint:
    at: dt.datetime
    kind: str  # COMPUTED, OVERRIDDEN or OVERRIDE_CLEARED
    label: str
    score: float | None = None
    confidence: float | None = None
    reason: str = ""


@dataclass(frozen=True)
class Brief:
    account_id: int
    account_name: str
    industry: str
    today: dt.date
    label: str  # in force: the override if any, else the computed label
    computed_label: str
    score: float
    confidence: float
    override: Override | None
    reasons: tuple[BriefReason, ...]
    effort: EffortReport | None
    expectations: tuple[BriefExpectation, ...]
    commitments: tuple[BriefCommitment, ...]
    health: tuple[HealthRating, ...]
    stages: tuple[StageAssessment, ...]  # only the changes of stage, oldest first
    people: tuple[BriefPerson, ...]
    questions: tuple[SuggestedQuestion, ...]
    history: tuple[HistoryPoint, ...]
    entry_count: int = 0
    last_contact: dt.date | None = None

    @property
    def my_commitments(self) -> tuple[BriefCommitment, ...]:
        return tuple(c for c in self.commitments if c.owner == OWNER_ME)

    @property
    def their_commitments(self) -> tuple[BriefCommitment, ...]:
        return tuple(c for c in self.commitments if c.owner != OWNER_ME)

    @property
    def overdue_count(self) -> int:
        return sum(1 for c in self.commitments if c.overdue)


@dataclass
class BriefInput:
    """Everything ``build_brief`` reads, as the store found it."""

    account_id: int
    account_name: str
    today: dt.date
    industry: str = ""
    classification: Classification | None = None
    override: Override | None = None
    entries: Sequence[Entry] = ()  # at least those of the effort window and the last contact
    entry_count: int = 0
    last_contact: dt.date | None = None
    answers: Sequence[Answer] = ()
    commitments: Sequence[Commitment] = ()  # open ones
    health: Sequence[HealthRating] = ()
    stages: Sequence[StageAssessment] = ()
    people: Sequence[BriefPerson] = ()
    bank: Sequence[tuple[int | None, str]] = ()  # (question id, text) in bank order
    history: Sequence[HistoryPoint] = ()


def build_brief(
    data: BriefInput, plans: EffortPlans | None, *, reask_after_days: int = REASK_AFTER_DAYS
) -> Brief:
    result = data.classification or Classification(0.5, "undetermined", 0.0, [])
    label = data.override.label if data.override else result.label
    effort = None
    if plans is not None:
        plan = plan_for(label, result.confidence, plans)
        effort = compare_effort(plan, list(data.entries), data.today, plans)
    return Brief(
        account_id=data.account_id,
        account_name=data.account_name,
        industry=data.industry,
        today=data.today,
        label=label,
        computed_label=result.label,
        score=result.score,
        confidence=result.confidence,
        override=data.override,
        reasons=strongest_reasons(result),
        effort=effort,
        expectations=latest_expectations(data.answers),
        commitments=open_commitments(data.commitments, data.today),
        health=tuple(sorted(data.health, key=lambda h: (h.rated_on, h.id or 0))),
        stages=stage_changes(data.stages),
        people=order_people(data.people),
        questions=suggest_questions(data.bank, data.answers, data.today, reask_after_days),
        history=label_timeline(data.history),
        entry_count=data.entry_count,
        last_contact=data.last_contact,
    )


def strongest_reasons(result: Classification, limit: int = MAX_REASONS) -> tuple[BriefReason, ...]:
    """The strongest distinct pieces of evidence (one per quote), strongest first."""
    seen: set[str] = set()
    out: list[BriefReason] = []
    for r in sorted(result.reasons, key=lambda r: (not is_headline(r.signal), -abs(r.weight))):
        key = text_key(r.quote)
        if key in seen:
            continue
        seen.add(key)
        out.append(BriefReason(r.signal, r.quote, r.date, r.entry_id, r.weight, r.source))
        if len(out) >= limit:
            break
    return tuple(out)


def _question_key(answer: Answer) -> object:
    return answer.question_id if answer.question_id is not None else text_key(answer.question_text)


def _newest_first(answers: Iterable[Answer]) -> list[Answer]:
    return sorted(answers, key=lambda a: (a.said_on, a.entry_id or 0, a.id or 0), reverse=True)


def latest_expectations(
    answers: Iterable[Answer], limit: int = MAX_EXPECTATIONS
) -> tuple[BriefExpectation, ...]:
    """The latest answer to each question (older ones are superseded), newest first."""
    seen: set[object] = set()
    out: list[BriefExpectation] = []
    for a in _newest_first(answers):
        key = _question_key(a)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            BriefExpectation(
                a.question_text, a.answer, a.speaker, a.said_on, a.entry_id, tuple(a.tags)
            )
        )
    return tuple(out[:limit])


def open_commitments(
    commitments: Iterable[Commitment], today: dt.date
) -> tuple[BriefCommitment, ...]:
    """Open promises both ways: overdue first, then by due date; undated last."""
    rows = [c for c in commitments if c.state == "open"]
    rows.sort(key=lambda c: (c.due is None, c.due or dt.date.max, c.id or 0))
    return tuple(
        BriefCommitment(c.id, c.text, c.owner, c.due, c.is_overdue(today), c.entry_id) for c in rows
    )


def stage_changes(stages: Iterable[StageAssessment]) -> tuple[StageAssessment, ...]:
    """Carew's stage over time, keeping only the assessments where the stage moved."""
    out: list[StageAssessment] = []
    for s in sorted(stages, key=lambda s: (s.assessed_on, s.id or 0)):
        if not out or out[-1].stage != s.stage:
            out.append(s)
    return tuple(out)


def order_people(people: Iterable[BriefPerson]) -> tuple[BriefPerson, ...]:
    """Customers first, then the internal team, then partners; by role, then name."""

    def key(p: BriefPerson) -> tuple[int, int, str, str]:
        group = GROUPS.index(p.group) if p.group in GROUPS else len(GROUPS)
        role = p.role.strip().lower()
        rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)
        return group, rank, role, p.name.casefold()

    return tuple(sorted(people, key=key))


def suggest_questions(
    bank: Iterable[tuple[int | None, str]],
    answers: Iterable[Answer],
    today: dt.date,
    reask_after_days: int = REASK_AFTER_DAYS,
    limit: int = MAX_QUESTIONS,
) -> tuple[SuggestedQuestion, ...]:
    """Bank questions never asked of this account (in bank order, Rosen's first), then
    questions whose latest answer is older than ``reask_after_days`` (oldest first)."""
    latest: dict[object, Answer] = {}
    asked_ids: set[int] = set()
    asked_keys: set[str] = set()
    for a in _newest_first(answers):
        latest.setdefault(_question_key(a), a)
        if a.question_id is not None:
            asked_ids.add(a.question_id)
        asked_keys.add(text_key(a.question_text))
    out = [
        SuggestedQuestion(text, NEVER_ASKED)
        for qid, text in bank
        if (qid is None or qid not in asked_ids) and text_key(text) not in asked_keys
    ]
    cutoff = today - dt.timedelta(days=reask_after_days)
    stale = sorted((a for a in latest.values() if a.said_on < cutoff), key=lambda a: a.said_on)
    out += [SuggestedQuestion(a.question_text, WORTH_REASKING, a.said_on, a.answer) for a in stale]
    return tuple(out[:limit])


def label_timeline(points: Iterable[HistoryPoint]) -> tuple[HistoryPoint, ...]:
    """The moments the account's label moved, and every override set or cleared."""
    out: list[HistoryPoint] = []
    last_computed: str | None = None
    for p in sorted(points, key=lambda p: p.at):
        if p.kind == COMPUTED:
            if p.label == last_computed:
                continue
            last_computed = p.label
        out.append(p)
    return tuple(out)
