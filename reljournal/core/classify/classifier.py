"""Transactional or relational: an explainable classifier of one account's journal.

Evidence comes first from what the customer said - answers to the ask-them
questions (Rosen) weigh most, then the rep's notes - and then from behaviour in
the journal (stakeholders, who initiates, the sales cycle, purchases, Carew
stage assessments). Every cue group in ``resources/classifier/cues.json`` names
its literature source: Rosen (ask them; not every customer wants a
relationship), Jackson (always-a-share vs lost-for-good), Grönroos (the
transaction-relationship continuum), Garbarino & Johnson (satisfaction vs trust
and commitment), Carew (dependent vs interdependent) and the ATD portfolio study.

Scoring: each piece of evidence carries a signed weight (+ relational,
- transactional), multiplied by its context (see ``cue_matching``) and by an
exponential decay with its age, counted back from the journal's latest date so
that newer statements supersede older ones. Repeats of one signal count less
and less. The relational score is the balance of the decayed weights, shrunk
towards 0.5 when there is little evidence; too little evidence, or evidence
split evenly, gives ``undetermined``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from reljournal.core.classify import cue_matching as cm
from reljournal.core.classify import phrases as ph
from reljournal.core.classify.cues import Cues
from reljournal.core.model import (
    GROUP_CUSTOMER,
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    AccountJournal,
    Answer,
    Classification,
    Entry,
    Reason,
)

_LONG_KINDS = ("meeting", "visit")


class _Evidence(NamedTuple):
    signal: str
    quote: str
    date: dt.date | None
    weight: float  # signed, before decay and repeat discount
    source: str
    entry_id: int | None = None
    answer_id: int | None = None


def classify_account(journal: AccountJournal, cues: Cues, today: dt.date) -> Classification:
    """Score, label, confidence and the reasons for one account. Deterministic."""
    evidence: list[_Evidence] = []
    for answer in _answers(journal):
        allowed = cues.scoped_groups_for(answer.question_text)
        complaint = cues.is_complaint(answer.question_text)
        hits, _ = cm.analyse_text(
            answer.answer, cues, ph.SOURCE_ANSWER, allowed, complaint=complaint
        )
        evidence += _from_hits(hits, cues, answer.said_on, answer.entry_id, answer.id)
        evidence += _echo(answer, cues)
    # The rep's notes (commitments are the rep's own to-do list, not evidence).
    purchases: list[Entry] = []
    for entry in journal.entries:
        hits, bought = cm.analyse_text(entry.notes, cues, ph.SOURCE_NOTE, title=entry.title)
        if hits:
            evidence += _from_hits(hits, cues, entry.on, entry.id, None)
        if bought:
            purchases.append(entry)
    evidence += _behaviour(journal, cues, purchases)
    return _score(evidence, cues, today, _latest_date(journal))


def _answers(journal: AccountJournal) -> Iterable[Answer]:
    """Answers of the account and of its entries, each once (stores may fill both lists)."""
    seen: set[object] = set()
    for answer in [*journal.answers, *(a for e in journal.entries for a in e.answers)]:
        key = ("id", answer.id) if answer.id is not None else ("obj", id(answer))
        if key not in seen:
            seen.add(key)
            yield answer


def _echo(answer: Answer, cues: Cues) -> list[_Evidence]:
    """A bare yes or no takes its topic from the question (Rosen: ask them), provided
    the question points one way: "Where could our advice help?" - "Not really needed."."""
    polarity, quote = cm.answer_polarity(answer.answer, cues)
    if not polarity:
        return []
    hits, _ = cm.analyse_text(answer.question_text, cues, ph.SOURCE_ANSWER)
    if len({cues.groups[h.group].weight * h.factor > 0 for h in hits}) != 1:
        return []
    out = []
    for hit in hits:
        group = cues.groups[hit.group]
        turn = 1.0 if polarity > 0 else group.on_negation
        weight = group.weight * hit.factor * turn * cues.sources.question_echo
        if weight:
            out.append(
                _Evidence(
                    group.id,
                    quote,
                    answer.said_on,
                    weight,
                    group.source,
                    answer.entry_id,
                    answer.id,
                )
            )
    return out


def _from_hits(
    hits: list[cm.TextHit],
    cues: Cues,
    date: dt.date | None,
    entry_id: int | None,
    answer_id: int | None,
) -> list[_Evidence]:
    out = []
    for hit in hits:
        group = cues.groups[hit.group]
        out.append(
            _Evidence(
                group.id,
                hit.quote,
                date,
                group.weight * hit.factor,
                group.source,
                entry_id,
                answer_id,
            )
        )
    return out


def _entry_quote(entry: Entry) -> str:
    """Verbatim text that identifies an entry: its title, else its first line of notes."""
    if entry.title.strip():
        return entry.title.strip()
    first = entry.notes.strip().splitlines()[0] if entry.notes.strip() else ""
    return first[:160].strip()


def _behaviour(journal: AccountJournal, cues: Cues, purchases: list[Entry]) -> list[_Evidence]:
    """Signals from how the account behaves, each weaker than a statement."""
    b = cues.behaviour
    out: list[_Evidence] = []
    entries = sorted(journal.entries, key=lambda e: (e.at, e.id or 0))
    latest = entries[-1].on if entries else None

    def add(
        name: str, quote: str, date: dt.date | None, entry_id: int | None = None, extra: float = 0.0
    ) -> None:
        cue = b[name]
        if quote:
            out.append(
                _Evidence(
                    f"behaviour.{name}", quote, date, cue.weight + extra, cue.source, entry_id
                )
            )

    # ATD portfolio research / Jackson: many people and groups around the purchase.
    customers = [s for s in journal.stakeholders if s.group == GROUP_CUSTOMER]
    others = any(s.group != GROUP_CUSTOMER for s in journal.stakeholders)
    names = ", ".join(s.name for s in customers[:6])
    if len(customers) >= b["buying_centre"].threshold:
        add("buying_centre", names, latest, extra=b["buying_centre"].extra if others else 0.0)
    elif len(customers) == 1 and len(entries) >= b["single_contact"].threshold:
        add("single_contact", names, latest)

    # Carew / Rosen: who seeks whom out, and for what.
    theirs = [e for e in entries if e.initiated_by == "them"]
    mine = [e for e in entries if e.initiated_by == "me"]
    seek = b["customer_seeks_time"]
    long_theirs = [e for e in theirs if e.kind in _LONG_KINDS or (e.minutes or 0) >= seek.extra]
    if len(long_theirs) >= seek.threshold:
        last = long_theirs[-1]
        add("customer_seeks_time", _entry_quote(last), last.on, last.id)
    elif not long_theirs and len(theirs) >= b["customer_orders_on_demand"].threshold:
        last = theirs[-1]
        add("customer_orders_on_demand", _entry_quote(last), last.on, last.id)
    if not theirs and len(mine) >= b["one_sided"].threshold:
        last = mine[-1]
        add("one_sided", _entry_quote(last), last.on, last.id)

    # Rosen / Jackson: the length of the sales cycle and repeat purchases.
    bought = {id(e) for e in purchases}
    first_buy = next((e for e in entries[1:] if id(e) in bought), None)
    if first_buy is not None:
        days = (first_buy.on - entries[0].on).days
        if days >= b["long_sales_cycle"].threshold:
            add("long_sales_cycle", _entry_quote(first_buy), first_buy.on, first_buy.id)
        elif days <= b["short_sales_cycle"].threshold:
            add("short_sales_cycle", _entry_quote(first_buy), first_buy.on, first_buy.id)
    if len(purchases) >= b["repeat_purchase"].threshold:
        last = max(purchases, key=lambda e: (e.at, e.id or 0))
        add("repeat_purchase", _entry_quote(last), last.on, last.id)

    # Carew: the rep's latest assessment of the relationship's stage.
    if journal.stages:
        stage = max(journal.stages, key=lambda s: (s.assessed_on, s.id or 0))
        weight = cues.stage.weights.get(stage.stage, 0.0)
        if weight:
            out.append(
                _Evidence(
                    "carew.stage",
                    stage.stage,
                    stage.assessed_on,
                    weight,
                    cues.stage.source,
                    stage.entry_id,
                )
            )
    return out


def _latest_date(journal: AccountJournal) -> dt.date | None:
    dates = [e.on for e in journal.entries]
    dates += [a.said_on for a in journal.answers]
    dates += [s.assessed_on for s in journal.stages]
    return max(dates) if dates else None


def _score(
    evidence: list[_Evidence], cues: Cues, today: dt.date, latest: dt.date | None
) -> Classification:
    s = cues.scoring
    if not evidence:
        return Classification(0.5, LABEL_UNDETERMINED, 0.0, [])
    # Age is counted back from the journal's latest date (or today, if earlier), so a
    # quiet account keeps its label; the quiet time lowers the confidence instead.
    anchor = min(today, latest) if latest else today
    decays: dict[dt.date | None, float] = {}
    by_signal: dict[tuple[str, bool], list[tuple[float, _Evidence]]] = defaultdict(list)
    for ev in evidence:
        d = decays.get(ev.date)
        if d is None:
            age = max(0, (anchor - ev.date).days) if ev.date else 0
            d = decays[ev.date] = 0.5 ** (age / s.half_life_days)
        by_signal[(ev.signal, ev.weight > 0)].append((ev.weight * d, ev))
    weighed: list[tuple[float, _Evidence]] = []
    net = total = amount = 0.0
    for items in by_signal.values():
        items.sort(key=lambda x: (-abs(x[0]), _sort_date(x[1].date), x[1].quote))
        for k, (weight, ev) in enumerate(items):
            discount = s.repeat_discount**k  # a signal repeated counts less each time
            effective = weight * discount
            net += effective
            total += abs(effective)
            amount += abs(ev.weight) * discount
            weighed.append((effective, ev))
    weighed.sort(key=lambda x: (-abs(x[0]), _sort_date(x[1].date), x[1].signal, x[1].quote))
    reasons = [
        Reason(ev.signal, ev.quote, ev.date, round(w, 4), ev.source, ev.entry_id, ev.answer_id)
        for w, ev in weighed[: int(s.max_reasons)]
    ]
    if total == 0.0:
        return Classification(0.5, LABEL_UNDETERMINED, 0.0, reasons)
    agreement = net / total
    score = 0.5 + 0.5 * agreement * amount / (amount + s.prior)
    if amount < s.min_evidence:
        label = LABEL_UNDETERMINED
    elif score >= s.relational_at:
        label = LABEL_RELATIONAL
    elif score <= s.transactional_at:
        label = LABEL_TRANSACTIONAL
    else:
        label = LABEL_UNDETERMINED
    quiet = max(0, (today - latest).days) if latest else 0
    staleness = 0.5 ** (quiet / s.staleness_half_life_days)
    confidence = abs(agreement) * (1.0 - math.exp(-amount / s.confidence_scale)) * staleness
    return Classification(round(score, 4), label, round(confidence, 4), reasons)


def _sort_date(date: dt.date | None) -> int:
    return -(date.toordinal() if date else 0)
