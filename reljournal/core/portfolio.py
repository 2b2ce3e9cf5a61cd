"""The whole portfolio at once: effort against plan from totals, not from entries.

``compare_effort`` reads an account's entries; for 2,000 accounts the store sums the
window in SQL instead and ``compare_totals`` draws the same conclusions from the sums
(a property test keeps the two in step). ``PortfolioRow`` is one account of the
dashboard; ``GroupActivity`` says how recently the rep invested in the internal team
and in partners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from reljournal.core.effort import OVER_INVESTING, UNDER_INVESTING, EffortPlan, EffortReport
from reljournal.core.model import Entry


@dataclass(frozen=True)
class EffortTotals:
    """What ``compare_effort`` counts, over the window ending today."""

    minutes: int = 0
    contacts: int = 0
    meetings: int = 0  # meetings and visits not initiated by the customer
    without_minutes: int = 0
    last_contact: dt.date | None = None  # the latest contact up to today, in or before the window


def window_bounds(today: dt.date, window_days: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the effort window (``compare_effort``: start < day <= today)."""
    return today - dt.timedelta(days=window_days - 1), today


def totals_of(
    entries: Iterable[Entry],
    today: dt.date,
    window_days: int,
    contact_kinds: frozenset[str],
    meeting_kinds: frozenset[str],
) -> EffortTotals:
    first, _ = window_bounds(today, window_days)
    minutes = contacts = meetings = without = 0
    last: dt.date | None = None
    for e in entries:
        day = e.on
        if e.kind in contact_kinds and day <= today and (last is None or day > last):
            last = day
        if not first <= day <= today:
            continue
        minutes += e.minutes or 0
        without += e.minutes is None
        contacts += e.kind in contact_kinds
        meetings += e.kind in meeting_kinds and e.initiated_by != "them"
    return EffortTotals(minutes, contacts, meetings, without, last)


def compare_totals(plan: EffortPlan, totals: EffortTotals, today: dt.date) -> EffortReport:
    """The ``EffortReport`` that ``compare_effort`` gives for entries with these totals."""
    since = (today - totals.last_contact).days if totals.last_contact else None
    findings: list[str] = []
    for name, value, (low, high) in (
        ("contacts", totals.contacts, plan.contacts),
        ("minutes", totals.minutes, plan.minutes),
        ("meetings", totals.meetings, plan.meetings),
    ):
        if high is not None and value > high:
            findings.append(f"{name}_above_range")
        elif value < low:
            findings.append(f"{name}_below_range")
    if plan.cadence_days is not None and (since is None or since > plan.cadence_days):
        findings.append("contact_overdue")
    over = any(f.endswith("_above_range") for f in findings)
    under = any(f.endswith("_below_range") or f == "contact_overdue" for f in findings)
    mismatch = (
        OVER_INVESTING if over and not under else UNDER_INVESTING if under and not over else None
    )
    return EffortReport(
        plan=plan,
        window_days=plan.window_days,
        minutes=totals.minutes,
        contacts=totals.contacts,
        meetings=totals.meetings,
        entries_without_minutes=totals.without_minutes,
        days_since_contact=since,
        mismatch=mismatch,
        findings=tuple(findings),
    )


@dataclass(frozen=True)
class PortfolioRow:
    account_id: int
    name: str
    label: str  # in force (the override if any)
    overridden: bool
    score: float  # 0.5 when never classified
    confidence: float
    effort: EffortReport
    last_contact: dt.date | None
    next_due: dt.date | None
    overdue: int
    open_commitments: int

    @property
    def contact_due(self) -> bool:
        """The plan's cadence says it is time to get in touch."""
        return "contact_overdue" in self.effort.findings


@dataclass(frozen=True)
class GroupActivity:
    """Entries with someone of the internal team or of the partners (their own meetings
    and account entries they joined): the last one, and how many and how long in the
    window."""

    group: str  # internal or partner
    people: int
    last_contact: dt.date | None
    entries: int
    minutes: int


@dataclass(frozen=True)
class TeamMember:
    id: int
    name: str
    group: str
    role: str
    title: str
    last_contact: dt.date | None  # the last entry with them


@dataclass(frozen=True)
class TeamActivity:
    groups: tuple[GroupActivity, ...]
    members: tuple[TeamMember, ...]


@dataclass(frozen=True)
class Portfolio:
    today: dt.date
    window_days: int
    rows: tuple[PortfolioRow, ...]
    relational_at: float
    transactional_at: float
    relational_min_minutes: int
    transactional_max_minutes: int

    def count(self, *, label: str | None = None, mismatch: str | None = None) -> int:
        return sum(
            1
            for r in self.rows
            if (label is None or r.label == label)
            and (mismatch is None or r.effort.mismatch == mismatch)
        )
