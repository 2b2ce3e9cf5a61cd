"""A ``Brief`` as HTML: for the screen and the PDF (Qt rich text) and as a standalone page.

Qt's rich text understands a subset of HTML 4 and CSS, so the markup stays simple:
headings, paragraphs, lists, inline styles and one table for the two-column print
layout. Links to entries use the ``entry:<id>`` scheme (see ``parse_entry_link``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from reljournal.core.brief.build import NEVER_ASKED, Brief, BriefCommitment
from reljournal.core.brief.markdown import (
    LABEL_COLOURS,
    MISMATCH_COLOUR,
    OVERDUE_COLOUR,
    actual_summary,
    entry_link,
    first,
    headline,
    health_trend,
    history_items,
    mismatch_text,
    plan_summary,
    stage_line,
)
from reljournal.core.brief.words import BriefWords

_STANDALONE_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.4;"
    "color:#222}h1{margin-bottom:0}h2{font-size:1.05em;margin:1.2em 0 .3em;"
    "border-bottom:1px solid #ddd}ul{margin:.2em 0;padding-left:1.2em}.muted{color:#666}"
)


@dataclass(frozen=True)
class HtmlOptions:
    links: bool = True  # entry:<id> links on quotes
    columns: int = 1  # 2: the print layout
    chart_src: str = ""  # an image of the Goerger trend, placed in the trend section
    chart_size: tuple[int, int] = (320, 110)
    standalone: bool = False  # a whole page for a browser
    base_pt: float = 0.0  # a base font size (0: the document's default)
    heading_pt: float = 0.0
    muted: str = "#666666"  # the colour of secondary text (the screen passes its palette's)
    max_commitments: int | None = None  # per side, overdue first
    max_people: int | None = None
    title: bool = True  # the account's name (off where the host already shows it)


def _e(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


class _Html:
    def __init__(self, brief: Brief, w: BriefWords, opts: HtmlOptions) -> None:
        self.b, self.w, self.o = brief, w, opts

    def link(self, entry_id: int | None, inner: str) -> str:
        if self.o.links and entry_id is not None:
            return f'<a href="{entry_link(entry_id)}">{inner}</a>'
        return inner

    def section(self, title: str, body: str) -> str:
        size = f"font-size:{self.o.heading_pt}pt;" if self.o.heading_pt else ""
        return (
            f'<h3 style="{size}margin-top:8px;margin-bottom:2px">{_e(title)}</h3>'
            f"{body or self.para(self.w.nothing, muted=True)}"
        )

    def para(self, text: str, *, muted: bool = False, raw: bool = False) -> str:
        colour = f"color:{self.o.muted};" if muted else ""
        return f'<p style="{colour}margin:0">{text if raw else _e(text)}</p>'

    def items(self, rows: list[str]) -> str:
        if not rows:
            return ""
        if self.o.standalone:
            return "<ul>" + "".join(f"<li>{r}</li>" for r in rows) + "</ul>"
        lis = "".join(f'<li style="margin-bottom:2px">{r}</li>' for r in rows)
        return f'<ul style="margin-top:0;margin-bottom:0;margin-left:-20px">{lis}</ul>'

    def head(self) -> str:
        b, w = self.b, self.w
        colour = LABEL_COLOURS.get(b.label, "#757575")
        sub = [b.industry] if b.industry else []
        sub.append(w.count("entries", b.entry_count))
        sub.append(f"{w.last_contact} {w.date(b.last_contact)}")
        out = f'<h2 style="margin-bottom:0">{_e(b.account_name)}</h2>' if self.o.title else ""
        out += f'<p style="color:{self.o.muted};margin:0">{_e(" · ".join(sub))}</p>'
        out += (
            f'<p style="margin-top:4px"><span style="background-color:{colour};color:#ffffff">'
            f"&nbsp;{_e(w.label(b.label))}&nbsp;</span>&nbsp; "
            f"{_e(headline(b, w).split(' · ', 1)[1])}</p>"
        )
        if b.override is not None:
            out += self.para(f"{w.you_set}: {b.override.reason}", muted=True)
        return out

    def why(self) -> str:
        w = self.w
        rows = []
        for r in self.b.reasons:
            side = w.side(r.weight)
            colour = LABEL_COLOURS[
                "relational" if r.relational else "transactional" if r.weight else "undetermined"
            ]
            quote = self.link(r.entry_id, f"“{_e(r.quote)}”")
            rows.append(
                f'{quote} <span style="color:{self.o.muted}">— {_e(w.date(r.date))} ·</span> '
                f'<span style="color:{colour}">●</span> '
                f'<span style="color:{self.o.muted}">{_e(side)}: {_e(w.signal(r.signal, r.weight))}</span>'
            )
        return self.section(w.why, self.items(rows) or self.para(w.no_evidence, muted=True))

    def effort(self) -> str:
        rep, w = self.b.effort, self.w
        if rep is None:
            return ""
        colour = MISMATCH_COLOUR if rep.mismatch else LABEL_COLOURS["relational"]
        plan = (
            f"<b>{_e(w.plan)}</b> ({_e(w.label(rep.plan.label))}): {_e(plan_summary(rep.plan, w))}"
        )
        if rep.plan.unsure:
            plan += f' <i style="color:{self.o.muted}">— {_e(w.unsure)}</i>'
        rows = [
            plan,
            f"<b>{_e(w.count('window', rep.window_days))}</b>: {_e(actual_summary(rep, w))}",
            f'<b style="color:{colour}">{_e(mismatch_text(rep, w))}</b>',
            f"{_e(w.do)}: {_e(', '.join(w.code(c) for c in rep.plan.do))}",
            f"{_e(w.dont)}: {_e(', '.join(w.code(c) for c in rep.plan.dont))}",
        ]
        return self.section(w.effort, self.items(rows))

    def expectations(self) -> str:
        w = self.w
        rows = []
        for x in self.b.expectations:
            who = ", ".join(s for s in (x.speaker, w.date(x.said_on)) if s)
            rows.append(
                f"{self.link(x.entry_id, f'“{_e(x.answer)}”')} "
                f'<span style="color:{self.o.muted}">— {_e(who)} · <i>{_e(x.question)}</i></span>'
            )
        return self.section(w.expectations, self.items(rows))

    def commitment(self, c: BriefCommitment) -> str:
        w = self.w
        if c.due is None:
            due = _e(w.no_due)
        elif c.overdue:
            due = f'<b style="color:{OVERDUE_COLOUR}">{_e(w.overdue)} {_e(w.date(c.due))}</b>'
        else:
            due = f"{_e(w.due)} {_e(w.date(c.due))}"
        return f"{due}: {self.link(c.entry_id, _e(c.text))}"

    def more(self, hidden: int) -> list[str]:
        if not hidden:
            return []
        return [f'<span style="color:{self.o.muted}">{_e(self.w.count("more", hidden))}</span>']

    def commitments(self) -> str:
        b, w = self.b, self.w
        body = ""
        for title, rows in ((w.mine, b.my_commitments), (w.theirs, b.their_commitments)):
            shown, hidden = first(rows, self.o.max_commitments)
            lines = [self.commitment(c) for c in shown] + self.more(hidden)
            inner = self.items(lines) or self.para(w.nothing, muted=True)
            body += f'<p style="margin:0"><b>{_e(title)}</b></p>{inner}'
        return self.section(w.commitments, body)

    def trend(self) -> str:
        b, w = self.b, self.w
        body = ""
        if self.o.chart_src and b.health:
            cw, ch = self.o.chart_size
            body += f'<p style="margin:0"><img src="{_e(self.o.chart_src)}" width="{cw}" height="{ch}"></p>'
        if b.health:
            body += self.para(health_trend(b, w))
        if b.stages:
            body += self.para(f"{w.stages}: {stage_line(b, w)}")
        return self.section(w.trend, body)

    def people(self) -> str:
        w = self.w
        rows = []
        shown, hidden = first(self.b.people, self.o.max_people)
        for p in shown:
            who = ", ".join(x for x in (p.role, p.title) if x)
            rows.append(
                f"<b>{_e(p.name)}</b>"
                + (f" ({_e(who)})" if who else "")
                + f' <span style="color:{self.o.muted}">— {_e(w.group(p.group))}, {_e(w.last_contact)} '
                f"{_e(w.date(p.last_contact))}</span>"
            )
        return self.section(w.people, self.items(rows + self.more(hidden)))

    def questions(self) -> str:
        w = self.w
        rows = []
        for q in self.b.questions:
            if q.why == NEVER_ASKED:
                note = w.never_asked
            else:
                note = f"{w.asked_on} {w.date(q.last_asked)}: “{q.last_answer}”"
            rows.append(f'{_e(q.text)} <span style="color:{self.o.muted}">({_e(note)})</span>')
        return self.section(w.questions, self.items(rows))

    def history(self) -> str:
        return self.section(
            self.w.history, self.items([_e(i) for i in history_items(self.b, self.w)])
        )

    def render(self) -> str:
        left = self.why() + self.expectations() + self.questions()
        right = self.effort() + self.commitments() + self.trend() + self.people() + self.history()
        if self.o.columns == 2:
            body = (
                '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
                f'<td width="50%" valign="top" style="padding-right:10px">{left}</td>'
                f'<td width="50%" valign="top" style="padding-left:10px">{right}</td></tr></table>'
            )
        else:
            body = self.why() + self.effort() + self.expectations() + self.commitments()
            body += self.trend() + self.people() + self.questions() + self.history()
        body = self.head() + body
        size = f' style="font-size:{self.o.base_pt}pt"' if self.o.base_pt else ""
        if self.o.standalone:
            title = _e(f"{self.w.brief_of}: {self.b.account_name}")
            return (
                f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>'
                f"<style>{_STANDALONE_CSS}</style></head><body>{body}</body></html>\n"
            )
        return f"<html><body{size}>{body}</body></html>"


def render_html(
    brief: Brief, words: BriefWords | None = None, options: HtmlOptions | None = None
) -> str:
    return _Html(brief, words or BriefWords(), options or HtmlOptions()).render()
