"""Effort plans and the comparison with the effort logged."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.effort.plans import (
    OVER_INVESTING,
    UNDER_INVESTING,
    EffortPlans,
    compare_effort,
    load_effort_plans,
    parse_effort_plans,
    plan_for,
)
from reljournal.core.errors import ValidationError
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    LABELS,
    Entry,
)
from reljournal.resources import load_json_resource

TODAY = dt.date(2025, 9, 1)


@pytest.fixture(scope="module")
def plans() -> EffortPlans:
    return load_effort_plans()


def entry(days_ago: int, kind: str = "meeting", minutes: int | None = 60, by: str = "me") -> Entry:
    day = TODAY - dt.timedelta(days=days_ago)
    return Entry(
        at=dt.datetime.combine(day, dt.time(10)), kind=kind, minutes=minutes, initiated_by=by
    )


def test_every_label_has_a_plan(plans: EffortPlans) -> None:
    for label in LABELS:
        plan = plan_for(label, 0.9, plans)
        assert plan.label == label and not plan.unsure
        assert plan.do and plan.dont and plan.source


def test_the_transactional_plan_is_rosens(plans: EffortPlans) -> None:
    plan = plan_for(LABEL_TRANSACTIONAL, 0.9, plans)
    assert plan.cadence_days is None  # answer on demand
    assert {"be_pleasant", "respond_fast", "be_accurate", "answer_on_demand"} <= set(plan.do)
    assert {"unrequested_meetings", "unrequested_reports", "lunches_and_hospitality"} <= set(
        plan.dont
    )
    relational = plan_for(LABEL_RELATIONAL, 0.9, plans)
    assert relational.cadence_days is not None
    assert {"research_before_meetings", "hold_periodic_reviews", "bring_proactive_ideas"} <= set(
        relational.do
    )
    assert relational.preparation == "research" and plan.preparation == "light"


def test_low_confidence_gives_a_tentative_plan(plans: EffortPlans) -> None:
    sure = plan_for(LABEL_RELATIONAL, 0.8, plans)
    unsure = plan_for(LABEL_RELATIONAL, 0.1, plans)
    assert unsure.unsure and not sure.unsure
    assert unsure.cadence_days is not None and sure.cadence_days is not None
    assert unsure.cadence_days > sure.cadence_days
    assert "confirm_expectations" in unsure.do
    assert plan_for(LABEL_UNDETERMINED, 0.0, plans) == plan_for(LABEL_UNDETERMINED, 1.0, plans)


def test_an_unknown_label_is_refused(plans: EffortPlans) -> None:
    with pytest.raises(ValidationError, match="No effort plan"):
        plan_for("friendly", 0.5, plans)


def test_over_investing_in_a_transactional_account(plans: EffortPlans) -> None:
    entries = [entry(10, minutes=120), entry(30, minutes=90), entry(50, "visit", 120)]
    report = compare_effort(plan_for(LABEL_TRANSACTIONAL, 0.9, plans), entries, TODAY)
    assert report.mismatch == OVER_INVESTING
    assert {"minutes_above_range", "meetings_above_range"} <= set(report.findings)
    assert (report.minutes, report.meetings, report.contacts) == (330, 3, 3)


def test_meetings_the_customer_asked_for_are_not_over_investing(plans: EffortPlans) -> None:
    entries = [
        entry(10, minutes=30, by="them"),
        entry(40, minutes=30, by="them"),
        entry(5, "email", 5, "them"),
    ]
    report = compare_effort(plan_for(LABEL_TRANSACTIONAL, 0.9, plans), entries, TODAY)
    assert report.meetings == 0
    assert report.mismatch is None


def test_neglecting_a_relational_account(plans: EffortPlans) -> None:
    entries = [entry(70, "email", 10), entry(200, minutes=90)]
    report = compare_effort(plan_for(LABEL_RELATIONAL, 0.9, plans), entries, TODAY)
    assert report.mismatch == UNDER_INVESTING
    assert "contact_overdue" in report.findings
    assert report.days_since_contact == 70


def test_a_well_served_relational_account(plans: EffortPlans) -> None:
    entries = [entry(d, minutes=90) for d in (5, 30, 60)] + [entry(20, "call", 30)]
    report = compare_effort(plan_for(LABEL_RELATIONAL, 0.9, plans), entries, TODAY)
    assert report.mismatch is None and report.findings == ()


def test_the_window_and_what_counts(plans: EffortPlans) -> None:
    entries = [
        entry(0, "call", 10),  # today counts
        entry(90, "call", 1000),  # 90 days ago is outside the window
        entry(-3, "call", 1000),  # a future entry does not count
        entry(3, "note", 40),  # a note is effort, not a contact
        entry(4, "email", None),  # minutes not recorded
    ]
    report = compare_effort(plan_for(LABEL_UNDETERMINED, 0.5, plans), entries, TODAY)
    assert report.minutes == 50
    assert report.contacts == 2
    assert report.entries_without_minutes == 1
    assert report.days_since_contact == 0


def test_reports_and_plans_serialise(plans: EffortPlans) -> None:
    report = compare_effort(plan_for(LABEL_RELATIONAL, 0.9, plans), [entry(3)], TODAY)
    data = json.loads(json.dumps(report.to_dict()))
    assert {"mismatch", "minutes_90d", "contacts_90d", "findings", "expected", "plan"} <= set(data)
    assert data["plan"]["label"] == LABEL_RELATIONAL
    assert data["expected"]["cadence_days"] == report.plan.cadence_days


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(load_json_resource("classifier", "effort_plans.json"))
    change(data)
    return dict(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="x"), '"format" must be'),
        (lambda d: d["plans"].pop("relational"), 'missing "relational"'),
        (lambda d: d["plans"]["relational"].update(minutes=[100, 10]), "max is below min"),
        (lambda d: d["plans"]["relational"].update(minutes=[100]), r"\[min, max\]"),
        (lambda d: d["plans"]["transactional"].update(cadence_days=-1), "whole number"),
        (lambda d: d["plans"]["transactional"].update(colour="red"), 'unknown key "colour"'),
        (lambda d: d["plans"]["transactional"].update(do="smile"), "list of codes"),
        (lambda d: d.update(unsure_below=2), "from 0 to 1"),
        (lambda d: d.update(window_days=0), "at least 1"),
    ],
)
def test_malformed_plans_say_what_is_wrong(change: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_effort_plans(_broken(change), "effort_plans.json")


def test_plans_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "plans.json"
    path.write_text("[", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_effort_plans(path)
    path.write_text(
        json.dumps(load_json_resource("classifier", "effort_plans.json")), encoding="utf-8"
    )
    assert load_effort_plans(path).window_days == 90


# -- a minimum history before effort is judged (issue 19) --------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_a_new_account_is_not_judged_on_the_day_of_its_first_meeting(
    plans: EffortPlans, label: str
) -> None:
    report = compare_effort(plan_for(label, 0.9, plans), [entry(0, "meeting", 120)], TODAY)
    assert report.mismatch != UNDER_INVESTING
    assert not any(f.endswith("_below_range") for f in report.findings)
    assert "short_history" in report.findings
    assert report.history_days == 1


def test_the_plan_applies_once_the_history_is_long_enough(plans: EffortPlans) -> None:
    plan = plan_for(LABEL_RELATIONAL, 0.9, plans)
    young = compare_effort(plan, [entry(28, "meeting", 120), entry(0, "call", 5)], TODAY)
    assert "short_history" in young.findings and young.mismatch is None
    assert not any(f.endswith("_below_range") for f in young.findings)
    old = compare_effort(plan, [entry(40, "meeting", 30), entry(0, "call", 5)], TODAY)
    assert "short_history" not in old.findings and old.history_days == 41
    assert old.mismatch == UNDER_INVESTING  # too few contacts for a relational account
    long_ago = compare_effort(plan, [entry(400, "call", 5), entry(0, "call", 5)], TODAY)
    assert long_ago.history_days == plan.window_days


def test_a_missed_cadence_is_reported_even_in_a_short_history(plans: EffortPlans) -> None:
    plan = dataclasses.replace(plan_for(LABEL_RELATIONAL, 0.9, plans), cadence_days=14)
    report = compare_effort(plan, [entry(20, "meeting", 60)], TODAY)
    assert "contact_overdue" in report.findings and "short_history" in report.findings
    assert report.mismatch == UNDER_INVESTING


def test_the_brief_says_too_early_rather_than_on_plan(plans: EffortPlans) -> None:
    from reljournal.core.brief.markdown import mismatch_text
    from reljournal.core.brief.words import BriefWords

    report = compare_effort(
        plan_for(LABEL_RELATIONAL, 0.9, plans), [entry(0, "meeting", 120)], TODAY
    )
    text = mismatch_text(report, BriefWords())
    assert text.startswith("Too little history") and "Under-investing" not in text
