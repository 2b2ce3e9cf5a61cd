"""The whole portfolio at once: effort against plan from totals, not from entries.

``compare_effort`` reads an account's entries; for 2,000 accounts the store sums the
window in SQL instead and ``compare_totals`` draws the same conclusions from the sums
(a property test keeps the two in step). ``PortfolioRow`` is one account of the
dashboard; ``GroupActivity`` says how recently the rep invested in the internal team
and in partners.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reljournal.core.effort.plans import (  # noqa: F401 - re-exported for the store and the UI
    EffortPlan,
    EffortReport,
    EffortTotals,
    compare_totals,
    totals_of,
    window_bounds,
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
