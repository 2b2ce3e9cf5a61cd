"""The effort plans in use (from resources/, loaded once per process)."""

from __future__ import annotations

from functools import cache

from reljournal.core.effort import EffortPlans, load_effort_plans


@cache
def default_plans() -> EffortPlans:
    return load_effort_plans()
