"""The effort an account deserves, and how the effort logged compares.

Plans are data (``resources/classifier/effort_plans.json``): per class a contact
cadence, expected ranges of contacts, minutes and unrequested meetings over a
90-day window, report/review/preparation expectations and do / don't codes.
Rosen: a transactional customer wants pleasant, fast and accurate service on
demand, and no unrequested meetings, reports or lunches; a relational one is
worth research, reviews and proactive ideas (Carew, Goerger). ``compare_effort``
flags over-investing and under-investing; the UI words the codes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Final, NoReturn

from reljournal.core.errors import ValidationError
from reljournal.core.model import LABELS, Entry
from reljournal.resources import load_json_resource

FORMAT: Final = "reljournal-effort-plans"
VERSION: Final = 1

OVER_INVESTING: Final = "over_investing"
UNDER_INVESTING: Final = "under_investing"
# Below this many days since the first contact, an account's effort is not found below the
# plan's ranges (a new account is not "under-investing" on the day of its first meeting);
# the finding "short_history" says so. More than the whole window allows, and a missed
# cadence, are still reported.
MIN_HISTORY_DAYS: Final = 30
SHORT_HISTORY: Final = "short_history"

Range = tuple[int, int | None]


@dataclass(frozen=True)
class EffortPlan:
    label: str
    source: str
    cadence_days: int | None  # None: answer on demand, no cadence
    contacts: Range  # per window
    minutes: Range
    meetings: Range  # meetings and visits the customer did not ask for
    meeting_style: str
    reports: str
    reviews: str
    preparation: str
    do: tuple[str, ...]
    dont: tuple[str, ...]
    unsure: bool = False
    window_days: int = 90
    contact_kinds: frozenset[str] = frozenset({"meeting", "call", "email", "visit"})
    meeting_kinds: frozenset[str] = frozenset({"meeting", "visit"})

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "unsure": self.unsure,
            "cadence_days": self.cadence_days,
            "window_days": self.window_days,
            "contacts": list(self.contacts),
            "minutes": list(self.minutes),
            "meetings": list(self.meetings),
            "meeting_style": self.meeting_style,
            "reports": self.reports,
            "reviews": self.reviews,
            "preparation": self.preparation,
            "do": list(self.do),
            "dont": list(self.dont),
            "source": self.source,
        }


@dataclass(frozen=True)
class EffortPlans:
    window_days: int
    unsure_below: float
    contact_kinds: frozenset[str]
    meeting_kinds: frozenset[str]
    plans: dict[str, EffortPlan]
    unsure_plans: dict[str, EffortPlan] = field(default_factory=dict)


@dataclass(frozen=True)
class EffortReport:
    """The effort logged in the window against the plan; codes, not sentences."""

    plan: EffortPlan
    window_days: int
    minutes: int
    contacts: int
    meetings: int  # meetings and visits not initiated by the customer
    entries_without_minutes: int
    days_since_contact: int | None
    mismatch: str | None  # None, "over_investing" or "under_investing"
    findings: tuple[str, ...]  # e.g. "minutes_above_range", "contact_overdue"
    history_days: int = 0  # days since the first contact, at most the window's length

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.plan.label,
            "mismatch": self.mismatch,
            "findings": list(self.findings),
            "window_days": self.window_days,
            "minutes_90d": self.minutes,
            "contacts_90d": self.contacts,
            "meetings_90d": self.meetings,
            "entries_without_minutes": self.entries_without_minutes,
            "days_since_contact": self.days_since_contact,
            "history_days": self.history_days,
            "expected": {
                "cadence_days": self.plan.cadence_days,
                "contacts": list(self.plan.contacts),
                "minutes": list(self.plan.minutes),
                "meetings": list(self.plan.meetings),
            },
            "plan": self.plan.to_dict(),
        }


def load_effort_plans(path: Path | None = None) -> EffortPlans:
    """Read and validate the effort plans (default: the file in ``resources/``)."""
    if path is None:
        return parse_effort_plans(
            load_json_resource("classifier", "effort_plans.json"), "effort_plans.json"
        )
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ValidationError(f"Cannot read the effort plans {path}: {err.strerror}.") from err
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ValidationError(f"The effort plans {path} are not valid JSON: {err}.") from err
    return parse_effort_plans(data, str(path))


def plan_for(classification_label: str, confidence: float, plans: EffortPlans) -> EffortPlan:
    """The plan for a label; a tentative variant when the confidence is low."""
    if classification_label not in plans.plans:
        raise ValidationError(f'No effort plan for the label "{classification_label}".')
    if confidence < plans.unsure_below and classification_label in plans.unsure_plans:
        return plans.unsure_plans[classification_label]
    return plans.plans[classification_label]


def compare_effort(
    plan: EffortPlan, entries: list[Entry], today: dt.date, plans: EffortPlans | None = None
) -> EffortReport:
    """Minutes, contacts and unrequested meetings in the window ending ``today``."""
    contact_kinds = (
        plans.contact_kinds if plans else frozenset({"meeting", "call", "email", "visit"})
    )
    meeting_kinds = plans.meeting_kinds if plans else frozenset({"meeting", "visit"})
    totals = totals_of(entries, today, plan.window_days, contact_kinds, meeting_kinds)
    return compare_totals(plan, totals, today)


@dataclass(frozen=True)
class EffortTotals:
    """What ``compare_effort`` counts, over the window ending today."""

    minutes: int = 0
    contacts: int = 0
    meetings: int = 0  # meetings and visits not initiated by the customer
    without_minutes: int = 0
    last_contact: dt.date | None = None  # the latest contact up to today, in or before the window
    first_contact: dt.date | None = None  # the first contact known (any day before the window
    # counts the same: the history covers the whole window)


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
    earliest: dt.date | None = None
    for e in entries:
        day = e.on
        if e.kind in contact_kinds and day <= today and (last is None or day > last):
            last = day
        if e.kind in contact_kinds and day <= today and (earliest is None or day < earliest):
            earliest = day
        if not first <= day <= today:
            continue
        minutes += e.minutes or 0
        without += e.minutes is None
        contacts += e.kind in contact_kinds
        meetings += e.kind in meeting_kinds and e.initiated_by != "them"
    return EffortTotals(minutes, contacts, meetings, without, last, earliest)


def compare_totals(plan: EffortPlan, totals: EffortTotals, today: dt.date) -> EffortReport:
    """The ``EffortReport`` that ``compare_effort`` gives for entries with these totals."""
    since = (today - totals.last_contact).days if totals.last_contact else None
    first = totals.first_contact
    history = min(plan.window_days, (today - first).days + 1) if first else 0
    short = history < min(MIN_HISTORY_DAYS, plan.window_days)
    findings: list[str] = []
    for name, value, (low, high) in (
        ("contacts", totals.contacts, plan.contacts),
        ("minutes", totals.minutes, plan.minutes),
        ("meetings", totals.meetings, plan.meetings),
    ):
        if high is not None and value > high:
            findings.append(f"{name}_above_range")  # more than the whole window allows
        elif value < low and not short:  # too early to say "less than planned"
            findings.append(f"{name}_below_range")
    if plan.cadence_days is not None and (since is None or since > plan.cadence_days):
        findings.append("contact_overdue")
    if short and first is not None:
        findings.append(SHORT_HISTORY)
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
        history_days=history,
    )


# -- reading the file ------------------------------------------------------------------


def parse_effort_plans(data: Any, name: str = "effort plans") -> EffortPlans:
    def fail(where: str, message: str) -> NoReturn:
        raise ValidationError(
            f"Effort plans {name}, {where}: {message}."
            if where
            else f"Effort plans {name}: {message}."
        )

    def obj(
        value: Any, where: str, required: set[str], optional: Collection[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            fail(where, "must be an object")
        unknown = sorted(set(value) - required - set(optional))
        if unknown:
            fail(where, f'unknown key "{unknown[0]}"')
        missing = sorted(required - set(value))
        if missing:
            fail(where, f'missing "{missing[0]}"')
        return value

    def whole(value: Any, where: str, *, none: bool = False) -> int | None:
        if value is None and none:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
            fail(where, "must be a whole number from 0 to 100000" + (" or null" if none else ""))
        return value

    def rng(value: Any, where: str) -> Range:
        if not isinstance(value, list) or len(value) != 2:
            fail(where, "must be [min, max] (max may be null)")
        low = whole(value[0], where)
        high = whole(value[1], where, none=True)
        assert low is not None
        if high is not None and high < low:
            fail(where, "max is below min")
        return (low, high)

    def codes(value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            fail(where, "must be a list of codes")
        return tuple(x.strip() for x in value)

    def text(value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            fail(where, "must be a non-empty text")
        return value.strip()

    top = obj(
        data,
        "",
        {
            "format",
            "version",
            "window_days",
            "unsure_below",
            "contact_kinds",
            "meeting_kinds",
            "plans",
        },
        {"about"},
    )
    if top["format"] != FORMAT:
        fail("", f'"format" must be "{FORMAT}"')
    if top["version"] != VERSION:
        fail("", f'"version" {top["version"]!r} is not supported (expected {VERSION})')
    window = whole(top["window_days"], "window_days")
    assert window is not None
    if window < 1:
        fail("window_days", "must be at least 1")
    unsure_below = top["unsure_below"]
    if (
        isinstance(unsure_below, bool)
        or not isinstance(unsure_below, int | float)
        or not 0 <= unsure_below <= 1
    ):
        fail("unsure_below", "must be a number from 0 to 1")
    raw_plans = obj(top["plans"], "plans", set(LABELS))
    contact_kinds = frozenset(codes(top["contact_kinds"], "contact_kinds"))
    meeting_kinds = frozenset(codes(top["meeting_kinds"], "meeting_kinds"))
    keys = {
        "source",
        "cadence_days",
        "contacts",
        "minutes",
        "meetings",
        "meeting_style",
        "reports",
        "reviews",
        "preparation",
        "do",
        "dont",
    }
    plans: dict[str, EffortPlan] = {}
    unsure: dict[str, EffortPlan] = {}
    for label in LABELS:
        where = f"plans.{label}"
        p = obj(raw_plans[label], where, keys, {"when_unsure"})
        plan = EffortPlan(
            label=label,
            source=text(p["source"], f"{where}.source"),
            cadence_days=whole(p["cadence_days"], f"{where}.cadence_days", none=True),
            contacts=rng(p["contacts"], f"{where}.contacts"),
            minutes=rng(p["minutes"], f"{where}.minutes"),
            meetings=rng(p["meetings"], f"{where}.meetings"),
            meeting_style=text(p["meeting_style"], f"{where}.meeting_style"),
            reports=text(p["reports"], f"{where}.reports"),
            reviews=text(p["reviews"], f"{where}.reviews"),
            preparation=text(p["preparation"], f"{where}.preparation"),
            do=codes(p["do"], f"{where}.do"),
            dont=codes(p["dont"], f"{where}.dont"),
            window_days=window,
            contact_kinds=contact_kinds,
            meeting_kinds=meeting_kinds,
        )
        plans[label] = plan
        if "when_unsure" in p:
            w = f"{where}.when_unsure"
            u = obj(
                p["when_unsure"],
                w,
                set(),
                {"cadence_days", "contacts", "minutes", "meetings", "also_do"},
            )
            unsure[label] = replace(
                plan,
                unsure=True,
                cadence_days=whole(u["cadence_days"], f"{w}.cadence_days", none=True)
                if "cadence_days" in u
                else plan.cadence_days,
                contacts=rng(u["contacts"], f"{w}.contacts") if "contacts" in u else plan.contacts,
                minutes=rng(u["minutes"], f"{w}.minutes") if "minutes" in u else plan.minutes,
                meetings=rng(u["meetings"], f"{w}.meetings") if "meetings" in u else plan.meetings,
                do=plan.do + (codes(u["also_do"], f"{w}.also_do") if "also_do" in u else ()),
            )
    return EffortPlans(
        window_days=window,
        unsure_below=float(unsure_below),
        contact_kinds=contact_kinds,
        meeting_kinds=meeting_kinds,
        plans=plans,
        unsure_plans=unsure,
    )


@cache
def default_plans() -> EffortPlans:
    """The effort plans shipped in resources/, loaded once per process."""
    return load_effort_plans()
