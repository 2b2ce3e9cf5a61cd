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
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from reljournal.core.classify import cue_matching as cm
from reljournal.core.classify import phrases as ph
from reljournal.core.classify.cues import Cues, Scoring
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, SPEAKER_REP, segment_notes
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
CHANGED_PREFIX = "changed."  # a reason that says the customer's stance on a topic changed
UNDECIDED = "rosen.undecided"  # a reason: the customer said they have not decided


def is_headline(signal: str) -> bool:
    """Reasons listed before the others: a change of stance, "not decided yet"."""
    return signal.startswith(CHANGED_PREFIX) or signal == UNDECIDED


class _Evidence(NamedTuple):
    signal: str
    quote: str
    date: dt.date | None
    weight: float  # signed, before decay and repeat discount
    source: str
    entry_id: int | None = None
    answer_id: int | None = None
    speaker: str = SPEAKER_CUSTOMER


def classify_account(journal: AccountJournal, cues: Cues, today: dt.date) -> Classification:
    """Score, label, confidence and the reasons for one account. Deterministic."""
    evidence: list[_Evidence] = []
    undecided: list[_Evidence] = []  # the customer saying they have not made up their mind
    for answer in _answers(journal):
        undecided += _undecided(answer.answer, cues, answer.said_on, answer.entry_id, answer.id)
        allowed = cues.scoped_groups_for(answer.question_text)
        complaint = cues.is_complaint(answer.question_text)
        hits, _ = cm.analyse_text(
            answer.answer, cues, ph.SOURCE_ANSWER, allowed, complaint=complaint
        )
        evidence += _from_hits(hits, cues, answer.said_on, answer.entry_id, answer.id)
        evidence += _echo(answer, cues)
    # The notes, statement by statement: the customer's quoted words and transcript
    # lines, and the rep's own prose (weak evidence; commitments are the rep's to-do
    # list, not evidence at all).
    purchases: list[Entry] = []
    our_side = _our_side(journal)
    src = cues.sources
    for entry in journal.entries:
        bought = False
        if entry.title:
            hits, bought = cm.analyse_text("", cues, ph.SOURCE_NOTE, title=entry.title)
            evidence += _from_hits(hits, cues, entry.on, entry.id, None, src.rep_note, SPEAKER_REP)
        for seg in segment_notes(entry.notes, our_side):
            if seg.speaker == SPEAKER_CUSTOMER:
                undecided += _undecided(seg.text, cues, entry.on, entry.id, None)
                hits, b = cm.analyse_text(seg.text, cues, ph.SOURCE_ANSWER)
                factor, speaker = src.quoted, SPEAKER_CUSTOMER
            else:
                hits, b = cm.analyse_text(seg.text, cues, ph.SOURCE_NOTE)
                # The rep's own lines in a transcript are what the rep said, not notes.
                factor, speaker = (src.rep_line if seg.who else src.rep_note), SPEAKER_REP
            bought = bought or b
            evidence += _from_hits(hits, cues, entry.on, entry.id, None, factor, speaker)
        if bought:
            purchases.append(entry)
    evidence += _behaviour(journal, cues, purchases)
    evidence, changes = _supersede(evidence, cues)
    evidence, changes = _hold_back(evidence, undecided, changes, cues)
    return _score(evidence, cues, today, _latest_date(journal), changes)


def _undecided(
    text: str, cues: Cues, date: dt.date, entry_id: int | None, answer_id: int | None
) -> list[_Evidence]:
    """A sentence of the customer's that says they have not decided ("I honestly
    haven't decided", "let me think about it"), as a statement with no weight."""
    pattern = cues.undecided
    if pattern is None:
        return []
    low = ph.lower_text(text)
    match = pattern.search(low)
    if match is None:
        return []
    start = max(low.rfind(". ", 0, match.start()) + 1, low.rfind("\n", 0, match.start()) + 1, 0)
    ends = [k for k in (low.find(". ", match.end()), low.find("\n", match.end())) if k >= 0]
    quote = text[start : min(ends) + 1 if ends else len(text)].strip()
    return [_Evidence(UNDECIDED, quote, date, 0.0, cues.undecided_source, entry_id, answer_id)]


def _hold_back(
    evidence: list[_Evidence],
    undecided: list[_Evidence],
    changes: list[_Evidence],
    cues: Cues,
) -> tuple[list[_Evidence], list[_Evidence]]:
    """When the customer's latest word is that they have not decided, what they said
    up to then no longer settles the question: it is kept, much weakened."""
    said = [ev.date for ev in evidence if ev.speaker == SPEAKER_CUSTOMER and ev.date]
    if not undecided or not said:
        return evidence, changes
    last = max(undecided, key=lambda ev: ev.date or dt.date.min)
    if last.date is None or last.date < max(said):
        return evidence, changes
    factor = cues.scoring.undecided_factor
    held = [
        ev._replace(weight=ev.weight * factor)
        if ev.speaker == SPEAKER_CUSTOMER and ev.date and ev.date <= last.date
        else ev
        for ev in evidence
    ]
    return held, [last, *changes]


def _our_side(journal: AccountJournal) -> frozenset[str]:
    """Lower-case names (full and first) of the rep's colleagues and partners."""
    names: set[str] = set()
    for s in journal.stakeholders:
        if s.group != GROUP_CUSTOMER and s.name.strip():
            names.add(s.name.strip().casefold())
            names.add(s.name.strip().split()[0].casefold())
    return frozenset(names)


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
    factor: float = 1.0,
    speaker: str = SPEAKER_CUSTOMER,
) -> list[_Evidence]:
    out = []
    for hit in hits:
        group = cues.groups[hit.group]
        out.append(
            _Evidence(
                group.id,
                hit.quote,
                date,
                group.weight * hit.factor * factor,
                group.source,
                entry_id,
                answer_id,
                speaker,
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
                    f"behaviour.{name}",
                    quote,
                    date,
                    cue.weight + extra,
                    cue.source,
                    entry_id,
                    speaker=SPEAKER_REP,
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
                    speaker=SPEAKER_REP,
                )
            )
    return out


def _supersede(evidence: list[_Evidence], cues: Cues) -> tuple[list[_Evidence], list[_Evidence]]:
    """Per topic, a newer clear statement of the customer supersedes the older evidence
    that pointed the other way (it is kept, much weakened, rather than only outweighed).

    Returns the evidence and, per topic that changed, the statement it changed on."""
    s, topics = cues.scoring, cues.topics
    newest: dict[tuple[str, bool], _Evidence] = {}
    for ev in evidence:
        topic = topics.get(ev.signal)
        if (
            topic is None
            or ev.date is None
            or ev.speaker != SPEAKER_CUSTOMER
            or abs(ev.weight) < s.clear_statement
        ):
            continue
        key = (topic, ev.weight > 0)
        current = newest.get(key)
        if current is None or (ev.date, abs(ev.weight)) > (current.date, abs(current.weight)):
            newest[key] = ev
    if not newest:
        return evidence, []
    out: list[_Evidence] = []
    changes: dict[str, _Evidence] = {}
    for ev in evidence:
        topic = topics.get(ev.signal)
        if topic is not None and ev.date is not None:
            newer = newest.get((topic, ev.weight <= 0))
            if newer is not None and newer.date is not None and newer.date > ev.date:
                if abs(ev.weight) >= s.clear_statement and ev.speaker == SPEAKER_CUSTOMER:
                    changes[topic] = newer
                ev = ev._replace(weight=ev.weight * s.superseded_factor)
        out.append(ev)
    return out, [
        newer._replace(signal=f"{CHANGED_PREFIX}{topic}") for topic, newer in changes.items()
    ]


def _latest_date(journal: AccountJournal) -> dt.date | None:
    dates = [e.on for e in journal.entries]
    dates += [a.said_on for a in journal.answers]
    dates += [s.assessed_on for s in journal.stages]
    return max(dates) if dates else None


def _score(
    evidence: list[_Evidence],
    cues: Cues,
    today: dt.date,
    latest: dt.date | None,
    changes: list[_Evidence] | None = None,
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
    # "Changed on DATE: ..." - shown with the weight of the statement it changed on.
    for change in changes or ():
        w = next(
            (
                x
                for x, ev in weighed
                if ev.quote == change.quote and ev.date == change.date and ev.weight * x > 0
            ),
            change.weight,
        )
        reasons.insert(
            0,
            Reason(
                change.signal,
                change.quote,
                change.date,
                round(w, 4),
                change.source,
                change.entry_id,
                change.answer_id,
            ),
        )
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
    confidence = _confidence(abs(score - 0.5) * 2, label, evidence, s, staleness)
    return Classification(round(score, 4), label, round(confidence, 4), reasons)


def _confidence(
    margin: float, label: str, evidence: list[_Evidence], s: Scoring, staleness: float
) -> float:
    """How often a label shown with this confidence is right, calibrated on the
    development corpus (see tests/benchmarks/classifier_eval.py, reliability table).

    It rises with the score's distance from the middle and with the number of separate
    days the customer spoke on: what one conversation shows is never high confidence
    (at most ``one_day_ceiling``). A quiet account drifts towards a coin toss. An
    undetermined label has a confidence below one half: it commits to nothing."""
    days = len({ev.date for ev in evidence if ev.speaker == SPEAKER_CUSTOMER})
    ceiling = s.one_day_ceiling if days <= 1 else 1.0 - (1.0 - s.one_day_ceiling) / days
    strength = min(1.0, margin / s.confidence_scale)
    if label == LABEL_UNDETERMINED:
        return 0.5 * strength
    confidence = ceiling * (s.confidence_floor + (1.0 - s.confidence_floor) * strength)
    return 0.5 + (confidence - 0.5) * staleness


def _sort_date(date: dt.date | None) -> int:
    return -(date.toordinal() if date else 0)
