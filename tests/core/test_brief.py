"""The brief's selection rules and its Markdown and HTML renderings (no store, no Qt)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reljournal.core.brief.build import (
    COMPUTED,
    NEVER_ASKED,
    OVERRIDDEN,
    WORTH_REASKING,
    BriefInput,
    BriefPerson,
    HistoryPoint,
    build_brief,
    label_timeline,
    latest_expectations,
    open_commitments,
    order_people,
    stage_changes,
    strongest_reasons,
    suggest_questions,
)
from reljournal.core.brief.html import HtmlOptions, render_html
from reljournal.core.brief.markdown import md_escape, parse_entry_link, render_markdown
from reljournal.core.brief.words import BriefWords
from reljournal.core.effort.plans import load_effort_plans
from reljournal.core.model import (
    Answer,
    Classification,
    Commitment,
    Entry,
    Override,
    Reason,
    StageAssessment,
)

TODAY = dt.date(2026, 11, 23)
D = dt.date


def _answer(qid: int | None, text: str, answer: str, on: dt.date, entry_id: int = 1) -> Answer:
    return Answer(text, answer, on, speaker="Ann", question_id=qid, entry_id=entry_id)


def test_strongest_reasons_are_distinct_and_strongest_first() -> None:
    reasons = [
        Reason("a", "Weak one", D(2026, 1, 1), 0.1, entry_id=1),
        Reason("b", "Strong one", D(2026, 2, 1), -1.2, entry_id=2),
        Reason("c", "strong ONE!", D(2026, 3, 1), 1.0, entry_id=3),
        *[Reason("d", f"Other {i}", None, 0.5, entry_id=10 + i) for i in range(6)],
    ]
    picked = strongest_reasons(Classification(0.5, "undetermined", 0.2, reasons))
    assert [r.quote for r in picked][:2] == ["Strong one", "Other 0"]
    assert len(picked) == 5
    assert not picked[0].relational


def test_latest_expectations_supersede_by_question() -> None:
    answers = [
        _answer(1, "Q1", "old words", D(2025, 1, 1)),
        _answer(1, "Q1 reworded", "new words", D(2026, 1, 1)),
        _answer(None, "Ad hoc?", "ad hoc answer", D(2025, 6, 1)),
    ]
    got = latest_expectations(answers)
    assert [x.answer for x in got] == ["new words", "ad hoc answer"]


def test_open_commitments_overdue_first_and_undated_last() -> None:
    rows = [
        Commitment("undated", id=1),
        Commitment("later", due=D(2026, 12, 1), id=2),
        Commitment("late", due=D(2026, 11, 1), id=3, owner="them"),
        Commitment("done", due=D(2026, 10, 1), id=4, state="done"),
    ]
    got = open_commitments(rows, TODAY)
    assert [c.text for c in got] == ["late", "later", "undated"]
    assert [c.overdue for c in got] == [True, False, False]


def test_stage_changes_keep_only_moves() -> None:
    stages = [
        StageAssessment(D(2026, 1, 1), "dependent", id=1),
        StageAssessment(D(2026, 2, 1), "dependent", id=2),
        StageAssessment(D(2026, 3, 1), "interdependent", id=3),
    ]
    assert [s.id for s in stage_changes(stages)] == [1, 3]


def test_people_ordered_by_group_then_role() -> None:
    people = [
        BriefPerson("Zed", "internal", "support", "", None),
        BriefPerson("Uma", "customer", "user", "", None),
        BriefPerson("Dee", "customer", "decision maker", "", None),
        BriefPerson("Pat", "partner", "", "", None),
    ]
    assert [p.name for p in order_people(people)] == ["Dee", "Uma", "Zed", "Pat"]


def test_suggested_questions_never_asked_then_stale() -> None:
    bank = [(1, "Rosen one?"), (2, "Rosen two?"), (3, "Cadence?")]
    answers = [
        _answer(1, "Rosen one?", "fresh", TODAY - dt.timedelta(days=10)),
        _answer(3, "Cadence?", "monthly", TODAY - dt.timedelta(days=400)),
        _answer(None, "Rosen two?", "asked by wording", TODAY - dt.timedelta(days=300)),
    ]
    got = suggest_questions(bank, answers, TODAY, reask_after_days=180)
    assert [(q.text, q.why) for q in got] == [
        ("Cadence?", WORTH_REASKING),
        ("Rosen two?", WORTH_REASKING),
    ]
    assert got[0].last_answer == "monthly"
    fresh = suggest_questions(bank, [], TODAY)
    assert [q.why for q in fresh] == [NEVER_ASKED] * 3


def test_label_timeline_keeps_label_moves_and_overrides() -> None:
    t = dt.datetime(2026, 1, 1)
    points = [
        HistoryPoint(t, COMPUTED, "undetermined", 0.5, 0.0),
        HistoryPoint(t + dt.timedelta(days=1), COMPUTED, "undetermined", 0.45, 0.1),
        HistoryPoint(t + dt.timedelta(days=2), COMPUTED, "relational", 0.7, 0.4),
        HistoryPoint(t + dt.timedelta(days=3), OVERRIDDEN, "transactional", reason="I know"),
    ]
    assert [p.label for p in label_timeline(points)] == [
        "undetermined",
        "relational",
        "transactional",
    ]


def _brief_input() -> BriefInput:
    entries = [
        Entry(dt.datetime(2026, 11, d, 9), kind="meeting", minutes=60, id=d, account_id=1)
        for d in (2, 9, 16)
    ]
    return BriefInput(
        account_id=1,
        account_name="Acme <Ltd> *",
        today=TODAY,
        industry="Retail",
        classification=Classification(
            0.8,
            "relational",
            0.7,
            [Reason("rosen.wants_partner", "We want a partner", D(2026, 11, 2), 1.3, entry_id=2)],
        ),
        override=Override("transactional", "They said so on the phone"),
        entries=entries,
        entry_count=3,
        answers=[_answer(1, "Rosen one?", "Fast & cheap, please", D(2026, 11, 2), entry_id=2)],
        commitments=[Commitment("Send the quote", due=D(2026, 11, 1), id=5, entry_id=2)],
        bank=[(1, "Rosen one?"), (2, "Rosen two?")],
    )


def test_build_brief_uses_the_override_for_the_effort_plan() -> None:
    brief = build_brief(_brief_input(), load_effort_plans())
    assert brief.label == "transactional" and brief.computed_label == "relational"
    assert brief.effort is not None
    assert brief.effort.plan.label == "transactional"
    assert brief.effort.mismatch == "over_investing"  # 180 min in 90 days, meetings unasked
    assert brief.overdue_count == 1
    assert [q.text for q in brief.questions] == ["Rosen two?"]


def test_markdown_escapes_and_quotes_verbatim() -> None:
    md = render_markdown(build_brief(_brief_input(), load_effort_plans()))
    assert md.startswith("# Acme \\<Ltd\\> \\*\n")
    assert "“Fast & cheap, please”" in md
    assert "**overdue 2026-11-01**: Send the quote" in md
    assert "Over-investing" in md
    assert md_escape("a_b [c]") == "a\\_b \\[c\\]"


def test_html_links_reasons_to_entries_and_escapes() -> None:
    brief = build_brief(_brief_input(), load_effort_plans())
    page = render_html(brief)
    assert '<a href="entry:2">“We want a partner”</a>' in page
    assert "Acme &lt;Ltd&gt; *" in page
    assert parse_entry_link("entry:2") == 2 and parse_entry_link("https://x") is None
    plain = render_html(brief, options=HtmlOptions(links=False, standalone=True, columns=2))
    assert "entry:" not in plain and plain.startswith("<!DOCTYPE html>")


def test_words_negate_a_cue_said_the_other_way_and_format_dates() -> None:
    w = BriefWords(format_date=lambda d: d.strftime("%d/%m/%Y"))
    assert w.signal("rosen.wants_reviews", 1.0) == "wants reviews and follow-up"
    assert w.signal("rosen.wants_reviews", -0.8) == "does not want reviews or follow-up"
    assert w.signal("rosen.price_driven", -1.5) == "buys on price"
    assert w.signal("unknown.some_code", 1.0) == "some code"
    assert w.date(D(2026, 1, 2)) == "02/01/2026"
    md = render_markdown(build_brief(_brief_input(), None), w)
    assert "02/11/2026" in md and "## Effort" not in md


def test_html_caps_long_lists_and_counts_the_rest() -> None:
    data = _brief_input()
    data.commitments = [
        Commitment(f"Promise {i}", due=D(2026, 10, 1 + i), id=10 + i) for i in range(7)
    ]
    brief = build_brief(data, None)
    page = render_html(brief, options=HtmlOptions(max_commitments=5))
    assert "Promise 4" in page and "Promise 5" not in page
    assert "… and 2 more" in page


def test_an_undetermined_headline_says_which_way_the_evidence_leans() -> None:
    # "Undetermined · score 0.82" alone reads as a contradiction; the headline says the
    # evidence leans relational while the label stays undetermined.
    data = dataclasses.replace(
        _brief_input(),
        classification=Classification(0.82, "undetermined", 0.46, []),
        override=None,
    )
    line = render_markdown(build_brief(data, None)).splitlines()
    head = next(x for x in line if x.startswith("**Undetermined"))
    assert head == "**Undetermined · leaning relational · score 0.82 · confidence 46%**"
    even = dataclasses.replace(data, classification=Classification(0.55, "undetermined", 0.1, []))
    head = next(
        x for x in render_markdown(build_brief(even, None)).splitlines() if x.startswith("**Und")
    )
    assert "leaning" not in head
    committed = dataclasses.replace(
        data, classification=Classification(0.2, "transactional", 0.7, [])
    )
    head = next(
        x
        for x in render_markdown(build_brief(committed, None)).splitlines()
        if x.startswith("**Tr")
    )
    assert "leaning" not in head
