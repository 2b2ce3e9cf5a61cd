"""The portfolio for the dashboard and the due list, in a handful of aggregate queries.

Per account: the badge data (``list_account_summaries``), the effort window summed
in SQL, and the latest contact. Apart (so the dashboard can show the accounts
first): how recently the rep invested in the internal team and in partners.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from reljournal.core.effort.plans import (
    EffortPlans,
    EffortTotals,
    compare_totals,
    default_plans,
    plan_for,
    window_bounds,
)
from reljournal.core.effort.portfolio import (
    GroupActivity,
    Portfolio,
    PortfolioRow,
    TeamActivity,
    TeamMember,
)
from reljournal.core.model import GROUP_INTERNAL, GROUP_PARTNER, LABEL_UNDETERMINED
from reljournal.resources import load_json_resource
from reljournal.store.accounts import list_account_summaries
from reljournal.store.database import storage_errors

_TEAM_SQL = """
SELECT s.id, s.grp, e.id, e.at, ifnull(e.minutes, 0)
FROM stakeholders s CROSS JOIN entry_people p ON p.stakeholder_id = s.id
CROSS JOIN entries e ON e.id = p.entry_id
WHERE s.account_id IS NULL AND e.at < ?
"""


def score_thresholds() -> tuple[float, float]:
    """The classifier's relational and transactional score thresholds (for the chart)."""
    try:
        scoring = load_json_resource("classifier", "cues.json")["scoring"]
        return float(scoring["relational_at"]), float(scoring["transactional_at"])
    except (OSError, KeyError, TypeError, ValueError):
        return 0.62, 0.38


def _kinds(values: frozenset[str]) -> str:
    return ", ".join("'" + k.replace("'", "''") + "'" for k in sorted(values))


def _window_totals(db: Database, today: dt.date, plans: EffortPlans) -> dict[int, EffortTotals]:
    first, last = window_bounds(today, plans.window_days)
    after = (last + dt.timedelta(days=1)).isoformat()
    contact, meeting = _kinds(plans.contact_kinds), _kinds(plans.meeting_kinds)
    totals: dict[int, list[Any]] = {}
    for r in db.conn.execute(
        f"SELECT account_id, ifnull(sum(minutes), 0), sum(kind IN ({contact})), "
        f"sum(CASE WHEN kind IN ({meeting}) THEN initiated_by != 'them' ELSE 0 END), "
        "sum(minutes IS NULL) "
        "FROM entries WHERE account_id IS NOT NULL AND at >= ? AND at < ? GROUP BY account_id",
        (first.isoformat(), after),
    ):
        totals[r[0]] = [r[1], r[2], r[3], r[4], None, None]
    for account_id, at, earliest in db.conn.execute(
        f"SELECT a.id, (SELECT e.at FROM entries e WHERE e.account_id = a.id AND e.kind IN "
        f"({contact}) AND e.at < ? ORDER BY e.at DESC LIMIT 1), "
        f"(SELECT e.at FROM entries e WHERE e.account_id = a.id AND e.kind IN "
        f"({contact}) AND e.at < ? ORDER BY e.at LIMIT 1) FROM accounts a",
        (after, after),
    ):
        if at is not None:
            row = totals.setdefault(account_id, [0, 0, 0, 0, None, None])
            row[4] = dt.date.fromisoformat(at[:10])
            row[5] = dt.date.fromisoformat(earliest[:10])
    return {k: EffortTotals(*v) for k, v in totals.items()}


def load_team_activity(
    db: Database, today: dt.date | None = None, *, window_days: int | None = None
) -> TeamActivity:
    """The internal team and partners: when the rep last had an entry with each person
    and with each group, and how many entries and minutes in the effort window."""
    today = today or dt.date.today()
    first, last = window_bounds(today, window_days or default_plans().window_days)
    first_text, after = first.isoformat(), (last + dt.timedelta(days=1)).isoformat()
    person_last: dict[int, str] = {}
    group_last: dict[str, str] = {}
    window: dict[str, dict[int, int]] = {GROUP_INTERNAL: {}, GROUP_PARTNER: {}}
    with storage_errors("read the team's activity"):
        for person, group, entry_id, at, minutes in db.conn.execute(_TEAM_SQL, (after,)):
            if at > person_last.get(person, ""):
                person_last[person] = at
            if at > group_last.get(group, ""):
                group_last[group] = at
            if at >= first_text and group in window:
                window[group][entry_id] = minutes
        people = db.conn.execute(
            "SELECT id, name, grp, role, title FROM stakeholders WHERE account_id IS NULL "
            "ORDER BY grp, name_key"
        ).fetchall()
    members = tuple(
        TeamMember(r[0], r[1], r[2], r[3], r[4], _day(person_last.get(r[0]))) for r in people
    )
    groups = tuple(
        GroupActivity(
            group=group,
            people=sum(1 for m in members if m.group == group),
            last_contact=_day(group_last.get(group)),
            entries=len(window[group]),
            minutes=sum(window[group].values()),
        )
        for group in (GROUP_INTERNAL, GROUP_PARTNER)
    )
    return TeamActivity(groups, members)


def _day(at: str | None) -> dt.date | None:
    return dt.date.fromisoformat(at[:10]) if at else None


def load_portfolio(
    db: Database, today: dt.date | None = None, *, plans: EffortPlans | None = None
) -> Portfolio:
    """Every account with its label, effort against plan and commitments."""
    today = today or dt.date.today()
    plans = plans or default_plans()
    with storage_errors("read the portfolio"):
        summaries = list_account_summaries(db, today)
        totals = _window_totals(db, today, plans)
    rows = []
    empty = EffortTotals()
    for s in summaries:
        label = s.label or LABEL_UNDETERMINED
        confidence = s.confidence or 0.0
        plan = plan_for(label, confidence, plans)
        rows.append(
            PortfolioRow(
                account_id=s.id,
                name=s.name,
                label=label,
                overridden=s.overridden,
                score=s.score if s.score is not None else 0.5,
                confidence=confidence,
                effort=compare_totals(plan, totals.get(s.id, empty), today),
                last_contact=s.last_contact,
                next_due=s.next_due,
                overdue=s.overdue,
                open_commitments=s.open_commitments,
            )
        )
    relational_at, transactional_at = score_thresholds()
    return Portfolio(
        today=today,
        window_days=plans.window_days,
        rows=tuple(rows),
        relational_at=relational_at,
        transactional_at=transactional_at,
        relational_min_minutes=plans.plans["relational"].minutes[0],
        transactional_max_minutes=plans.plans["transactional"].minutes[1] or 0,
    )
