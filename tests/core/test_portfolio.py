"""compare_totals (from SQL sums) says what compare_effort (from entries) says."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from reljournal.core.effort.plans import (
    compare_effort,
    compare_totals,
    load_effort_plans,
    plan_for,
    totals_of,
)
from reljournal.core.model import ENTRY_KINDS, LABELS, Entry

PLANS = load_effort_plans()
TODAY = dt.date(2026, 11, 23)

entries = st.lists(
    st.builds(
        Entry,
        at=st.datetimes(dt.datetime(2026, 6, 1), dt.datetime(2026, 12, 31)),
        kind=st.sampled_from(ENTRY_KINDS),
        minutes=st.one_of(st.none(), st.integers(0, 300)),
        initiated_by=st.sampled_from(["", "me", "them"]),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(entries, st.sampled_from(LABELS), st.floats(0, 1))
def test_totals_agree_with_entries(rows: list[Entry], label: str, confidence: float) -> None:
    plan = plan_for(label, confidence, PLANS)
    expected = compare_effort(plan, rows, TODAY, PLANS)
    totals = totals_of(rows, TODAY, plan.window_days, PLANS.contact_kinds, PLANS.meeting_kinds)
    assert compare_totals(plan, totals, TODAY) == expected
