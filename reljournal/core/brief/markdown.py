"""A ``Brief`` as Markdown or as HTML (the subset Qt's rich text understands).

Both carry the same content as the on-screen brief. In HTML, reasons, expectations
and commitments link to their journal entry as ``entry:<id>`` when ``links`` is on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, TypeVar

from reljournal.core.brief.build import (
    NEVER_ASKED,
    OVERRIDDEN,
    OVERRIDE_CLEARED,
    Brief,
    BriefCommitment,
)
from reljournal.core.brief.words import BriefWords
from reljournal.core.effort.plans import OVER_INVESTING, EffortPlan, EffortReport, Range
from reljournal.core.model import HEALTH_AREAS, LABEL_UNDETERMINED

ENTRY_SCHEME: Final = "entry"
LABEL_COLOURS: Final = {
    "relational": "#2e7d32",
    "transactional": "#1565c0",
    "undetermined": "#757575",
}
OVERDUE_COLOUR: Final = "#c62828"
MISMATCH_COLOUR: Final = "#b45309"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def entry_link(entry_id: int) -> str:
    return f"{ENTRY_SCHEME}:{entry_id}"


def parse_entry_link(url: str) -> int | None:
    scheme, _, rest = url.partition(":")
    return int(rest) if scheme == ENTRY_SCHEME and rest.isdigit() else None


def _range(r: Range) -> str:
    low, high = r
    if high is None:
        return f"≥ {low}"
    return f"≤ {high}" if low == 0 else f"{low}–{high}"


def plan_summary(plan: EffortPlan, w: BriefWords) -> str:
    cadence = w.count("cadence", plan.cadence_days) if plan.cadence_days else w.on_demand
    parts = [
        cadence,
        w.count("contacts", _range(plan.contacts)),
        w.count("minutes", _range(plan.minutes)),
        w.count("meetings", _range(plan.meetings)),
    ]
    return ", ".join(parts)


def actual_summary(report: EffortReport, w: BriefWords) -> str:
    parts = [
        w.count("contacts", report.contacts),
        w.count("minutes", report.minutes),
        w.count("meetings", report.meetings),
    ]
    if report.days_since_contact is not None:
        parts.append(w.count("since", report.days_since_contact))
    return ", ".join(parts)


def mismatch_text(report: EffortReport, w: BriefWords) -> str:
    if report.mismatch is None:
        # a new account is not "on plan" either: there is too little to judge yet
        return (
            w.finding("short_history").capitalize()
            if "short_history" in report.findings
            else w.on_plan
        )
    head = w.over_investing if report.mismatch == OVER_INVESTING else w.under_investing
    findings = ", ".join(w.finding(f) for f in report.findings)
    return f"{head}: {findings}" if findings else head


# How far from an even score an undetermined account's evidence must point to be said
# to lean one way (its score alone, beside "undetermined", puzzles a rep).
_LEANS: Final = 0.1


def headline(brief: Brief, w: BriefWords) -> str:
    lean = ""
    if brief.label == LABEL_UNDETERMINED and abs(brief.score - 0.5) >= _LEANS:
        side = w.for_relational if brief.score > 0.5 else w.for_transactional
        lean = w.leaning.format(side=side) + " · "
    text = (
        f"{w.label(brief.label)} · {lean}{w.score} {brief.score:.2f} · "
        f"{w.confidence} {brief.confidence:.0%}"
    )
    if brief.override is not None:
        text += f" · {w.you_set} ({w.computed}: {w.label(brief.computed_label)})"
    return text


def health_trend(brief: Brief, w: BriefWords) -> str:
    """Each of Goerger's areas: the latest rating and how it moved since the one before."""
    if not brief.health:
        return ""
    parts = []
    for area in HEALTH_AREAS:
        values = [h.scores[area] for h in brief.health if area in h.scores]
        if not values:
            continue
        arrow = (
            ""
            if len(values) < 2
            else "↑"
            if values[-1] > values[-2]
            else "↓"
            if values[-1] < values[-2]
            else "→"
        )
        parts.append(f"{w.area(area)} {values[-1]}{arrow}")
    latest = brief.health[-1].rated_on
    return f"{', '.join(parts)} ({w.date(latest)})"


STAGES_SHOWN: Final = 5  # the latest moves of Carew's stage in a brief


def stage_line(brief: Brief, w: BriefWords, limit: int = STAGES_SHOWN) -> str:
    """The latest moves of the stage, oldest first (earlier ones elided)."""
    shown = brief.stages[-limit:] if limit else brief.stages
    text = " → ".join(f"{s.stage} ({w.date(s.assessed_on)})" for s in shown)
    return f"… → {text}" if len(shown) < len(brief.stages) else text


T = TypeVar("T")


def first(rows: Sequence[T], limit: int | None) -> tuple[Sequence[T], int]:
    """The first ``limit`` rows (all when ``limit`` is None) and how many were left out."""
    if limit is None or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def history_items(brief: Brief, w: BriefWords) -> list[str]:
    items = []
    for p in brief.history:
        when = w.date(p.at.date())
        if p.kind == OVERRIDDEN:
            items.append(f"{when}: {w.you_set} {w.label(p.label)} — {p.reason}")
        elif p.kind == OVERRIDE_CLEARED:
            items.append(f"{when}: {w.override_cleared}")
        else:
            score = f" ({w.score} {p.score:.2f})" if p.score is not None else ""
            items.append(f"{when}: {w.label(p.label)}{score}")
    return items


def _due(c: BriefCommitment, w: BriefWords) -> str:
    if c.due is None:
        return w.no_due
    return f"{w.overdue} {w.date(c.due)}" if c.overdue else f"{w.due} {w.date(c.due)}"


def _person(p_name: str, role: str, title: str, last: str, w: BriefWords) -> str:
    who = ", ".join(x for x in (role, title) if x)
    return f"{p_name}{f' ({who})' if who else ''} — {w.last_contact} {last}"


# -- Markdown ---------------------------------------------------------------------------


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(brief: Brief, w: BriefWords | None = None) -> str:
    w = w or BriefWords()
    e = md_escape
    out = [f"# {e(brief.account_name)}", ""]
    if brief.industry:
        out += [f"*{e(brief.industry)}* · {w.count('entries', brief.entry_count)}", ""]
    out += [f"**{headline(brief, w)}**", ""]
    if brief.override is not None:
        out += [f"> {w.you_set}: {e(brief.override.reason)}", ""]

    def section(title: str, lines: list[str]) -> None:
        out.extend([f"## {title}", "", *(lines or [w.nothing]), ""])

    section(
        w.why,
        [
            f"- “{e(r.quote)}” — {w.date(r.date)} · "
            f"{w.side(r.weight)}: {w.signal(r.signal, r.weight)}"
            for r in brief.reasons
        ]
        or [w.no_evidence],
    )
    if brief.effort is not None:
        rep = brief.effort
        section(
            w.effort,
            [
                f"- {w.plan} ({w.label(rep.plan.label)}): {plan_summary(rep.plan, w)}"
                + (f" — {w.unsure}" if rep.plan.unsure else ""),
                f"- {w.count('window', rep.window_days)}: {actual_summary(rep, w)}",
                f"- **{mismatch_text(rep, w)}**",
                f"- {w.do}: {', '.join(w.code(c) for c in rep.plan.do)}",
                f"- {w.dont}: {', '.join(w.code(c) for c in rep.plan.dont)}",
            ],
        )
    section(
        w.expectations,
        [
            f"- “{e(x.answer)}” — {e(x.speaker) + ', ' if x.speaker else ''}{w.date(x.said_on)}"
            f" · *{e(x.question)}*"
            for x in brief.expectations
        ],
    )
    lines = []
    for title, rows in ((w.mine, brief.my_commitments), (w.theirs, brief.their_commitments)):
        lines += [f"**{title}**", ""]
        lines += [
            f"- {'**' if c.overdue else ''}{_due(c, w)}{'**' if c.overdue else ''}: {e(c.text)}"
            for c in rows
        ] or [f"- {w.nothing}"]
        lines.append("")
    section(w.commitments, lines[:-1])
    trend = []
    if brief.health:
        trend.append(f"- {health_trend(brief, w)}")
    if brief.stages:
        trend.append(f"- {w.stages}: {stage_line(brief, w)}")
    section(w.trend, trend)
    section(
        w.people,
        [
            f"- {w.group(p.group)}: "
            + e(_person(p.name, p.role, p.title, w.date(p.last_contact), w))
            for p in brief.people
        ],
    )
    section(
        w.questions,
        [
            f"- {e(q.text)}"
            + (
                f" *({w.never_asked})*"
                if q.why == NEVER_ASKED
                else f" *({w.asked_on} {w.date(q.last_asked)}: “{e(q.last_answer)}”)*"
            )
            for q in brief.questions
        ],
    )
    section(w.history, [f"- {e(item)}" for item in history_items(brief, w)])
    return "\n".join(out).rstrip() + "\n"
