"""The portfolio's SQL sums match what compare_effort finds in each account's entries."""

from __future__ import annotations

from reljournal.core.effort.plans import compare_effort, default_plans, plan_for
from reljournal.store.classifier_input import load_journals
from reljournal.store.portfolio import load_portfolio, load_team_activity
from tests.helpers.review_journal import TODAY, build_review_journal


def test_portfolio_effort_matches_compare_effort(db: object) -> None:
    build_review_journal(db)
    plans = default_plans()
    portfolio = load_portfolio(db, TODAY, plans=plans)
    rows = {r.account_id: r for r in portfolio.rows}
    for journal in load_journals(db):
        row = rows[journal.account.id]  # type: ignore[index]
        plan = plan_for(row.label, row.confidence, plans)
        assert row.effort == compare_effort(plan, journal.entries, TODAY, plans)
    harbour = next(r for r in portfolio.rows if r.name == "Harbour Logistics")
    assert harbour.label == "relational" and harbour.overdue == 1
    assert harbour.next_due == TODAY
    assert portfolio.relational_at > 0.5 > portfolio.transactional_at
    team = load_team_activity(db, TODAY)
    assert [m.name for m in team.members] == ["Pia Presales", "Nord Integrators"]
    assert team.members[0].last_contact == TODAY.replace(day=20)
