"""The demo journal: a realistic, varied JSON interchange document (format v1).

:func:`build_demo_document` makes the document that ``reljournal demo`` imports
and the benchmarks measure on. About 40 % of the accounts want a transactional
relationship, 40 % a relational one and 20 % give no evidence either way; some
accounts change stance over time (a new procurement director who tenders
everything), some are over-served or neglected, and customers hedge, contrast
and negate as people do. Text is assembled from the phrase banks in
``resources/demo/`` (see :mod:`reljournal.demo.text`), so notes rarely repeat.

Everything is drawn from ``random.Random`` instances seeded from ``seed`` (one
for the plan, one per account, one for the team), so the same seed and ``today``
give the same document.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reljournal.core.errors import CancelledError, ValidationError
from reljournal.core.model import HEALTH_AREAS, LABEL_UNDETERMINED
from reljournal.demo.text import (
    NEUTRAL,
    RELATIONAL,
    TRANSACTIONAL,
    DemoBanks,
    Writer,
    WriterContext,
    ascii_slug,
    company_name,
    load_banks,
    person_name,
    phone_number,
)

UNDETERMINED = LABEL_UNDETERMINED

# Flavours of account beyond its plain stance.
PLAIN = "plain"
CHANGED = "changed"  # the stance flipped part-way; ``label`` is the final one
OVERSERVED = "overserved"  # transactional, but the rep spends relational effort on it
NEGLECTED = "neglected"  # relational, but the rep has gone quiet

Document = dict[str, Any]
_ROSEN = ("expectations", "shoes")
_OTHER_QUESTIONS = (
    "cadence",
    "channel",
    "reviews",
    "decide",
    "worth",
    "past",
    "horizon",
    "sourcing",
    "conflict",
    "advice",
)
_MAX_SPAN_DAYS = 1095


@dataclass(frozen=True)
class DemoAccountPlan:
    """What the generator intends for one account; ``label`` is the expected class."""

    index: int
    name: str
    culture: str
    industry: str
    label: str
    flavour: str
    entries: int
    website: str


def build_demo_document(
    accounts: int = 30,
    entries: int | None = None,
    seed: int = 7,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Document:
    """A demo journal as an interchange document (a dict ready for ``json.dump``).

    ``accounts`` is met exactly, and so is ``entries`` (the number of entries under
    ``accounts[].entries``; ``team_entries`` come on top, about 3 % of that). With
    ``entries=None`` each account gets a natural 1-15 entries over the last 4-9
    months, a few key accounts more. ``progress(done, total)`` counts entries;
    ``should_cancel()`` returning true raises :class:`CancelledError`.
    """
    today = today or dt.date.today()
    banks = load_banks()
    plans = plan_demo_accounts(accounts, entries, seed)
    names = [plan.name for plan in plans]
    account_entries = sum(plan.entries for plan in plans)
    team_count = max(12, round(account_entries * 0.03)) if plans else 0
    if progress:
        progress(0, account_entries + team_count)
    # The document is millions of small acyclic objects; collecting while it grows
    # costs about a fifth of the time and frees nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        document = _build(banks, plans, seed, today, names, team_count, progress, should_cancel)
    finally:
        if gc_was_enabled:
            gc.enable()
    return document


def _build(
    banks: DemoBanks,
    plans: list[DemoAccountPlan],
    seed: int,
    today: dt.date,
    names: list[str],
    team_count: int,
    progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> Document:
    total = sum(plan.entries for plan in plans) + team_count
    done = 0
    docs: list[Document] = []
    for plan in plans:
        if should_cancel and should_cancel():
            raise CancelledError()
        rng = random.Random(f"reljournal-demo:{seed}:account:{plan.index}")
        docs.append(_AccountBuilder(banks, plan, rng, today).build())
        done += plan.entries
        if progress:
            progress(done, total)
    if should_cancel and should_cancel():
        raise CancelledError()
    team_rng = random.Random(f"reljournal-demo:{seed}:team")
    document: Document = {
        "format": "reljournal",
        "version": 1,
        "accounts": docs,
        "team": [
            {
                "name": m.name,
                "group": m.group,
                "title": m.title,
                "role": m.role,
                "email": m.email,
                "phone": m.phone,
            }
            for m in banks.team
        ],
        "team_entries": _team_entries(banks, team_rng, today, names, team_count),
    }
    if progress:
        progress(total, total)
    return document


def demo_expected_labels(
    accounts: int = 30, entries: int | None = None, seed: int = 7
) -> dict[str, str]:
    """The class each demo account was built to have, by account name."""
    return {plan.name: plan.label for plan in plan_demo_accounts(accounts, entries, seed)}


# -- the plan -------------------------------------------------------------------------


def plan_demo_accounts(accounts: int, entries: int | None, seed: int) -> list[DemoAccountPlan]:
    """Names, stances and entry counts of the demo accounts (no text yet)."""
    if accounts < 0 or (entries is not None and entries < 0):
        raise ValidationError("The number of accounts and entries cannot be negative.")
    if accounts == 0 and entries:
        raise ValidationError("Entries need at least one account.")
    banks = load_banks()
    rng = random.Random(f"reljournal-demo:{seed}:plan")
    n_rel = round(accounts * 0.4)
    n_tra = round(accounts * 0.4)
    labels = [RELATIONAL] * n_rel + [TRANSACTIONAL] * n_tra
    labels += [UNDETERMINED] * (accounts - len(labels))
    rng.shuffle(labels)
    _move_to_front(labels, RELATIONAL, 0)  # the big key account
    _move_to_front(labels, TRANSACTIONAL, 1)  # a big one that tenders everything
    _move_to_front(labels, RELATIONAL, 2)  # key accounts are never undetermined
    flavours = [_flavour(rng, label) for label in labels]
    counts = _entry_counts(rng, labels, flavours, entries)
    names = _company_names(banks, rng, accounts)
    return [
        DemoAccountPlan(
            index=i,
            name=names[i][0],
            culture=names[i][1],
            industry=names[i][2],
            label=labels[i],
            flavour=flavours[i],
            entries=counts[i],
            website=names[i][3],
        )
        for i in range(accounts)
    ]


def _move_to_front(labels: list[str], label: str, position: int) -> None:
    if position >= len(labels) or labels[position] == label:
        return
    for i in range(position + 1, len(labels)):
        if labels[i] == label:
            labels[position], labels[i] = labels[i], labels[position]
            return


def _flavour(rng: random.Random, label: str) -> str:
    r = rng.random()
    if label == TRANSACTIONAL:
        return CHANGED if r < 0.12 else OVERSERVED if r < 0.27 else PLAIN
    if label == RELATIONAL:
        return CHANGED if r < 0.06 else NEGLECTED if r < 0.18 else PLAIN
    return PLAIN


def _entry_counts(
    rng: random.Random, labels: list[str], flavours: list[str], entries: int | None
) -> list[int]:
    n = len(labels)
    if entries is None:
        counts = []
        for i, (label, flavour) in enumerate(zip(labels, flavours, strict=True)):
            if label == UNDETERMINED:
                counts.append(rng.randint(1, 4))
            elif i == 0:
                counts.append(rng.randint(45, 70))
            elif i in (1, 2):
                counts.append(rng.randint(20, 30))
            elif flavour == NEGLECTED:
                counts.append(rng.randint(3, 6))
            else:
                counts.append(rng.randint(6, 15))
        return counts
    weights = []
    for label, flavour in zip(labels, flavours, strict=True):
        w = rng.lognormvariate(0.0, 0.6)
        if label == UNDETERMINED:
            w *= 0.06
        elif flavour == NEGLECTED:
            w *= 0.35
        elif label == RELATIONAL:
            w *= 1.3
        weights.append(w)
    counts = [0] * n
    fixed: dict[int, int] = {}
    if n >= 10 and entries >= 10 * n:  # then the fixed shares leave >= 2 per other account
        average = entries / n
        fixed[0] = max(round(entries * 0.01), round(average * 4))
        for i in (1, 2):
            fixed[i] = max(round(entries * 0.004), round(average * 2))
    for i, value in fixed.items():
        counts[i] = value
    free = [i for i in range(n) if i not in fixed]
    remaining = entries - sum(fixed.values())
    if remaining < len(free):
        # Fewer entries than accounts: the heaviest accounts get one each.
        for i in sorted(free, key=lambda k: -weights[k])[:remaining]:
            counts[i] = 1
        return counts
    for i in free:
        counts[i] = 1
    remaining -= len(free)
    total_weight = sum(weights[i] for i in free)
    shares = [(remaining * weights[i] / total_weight, i) for i in free]
    for share, i in shares:
        counts[i] += int(share)
    leftover = entries - sum(counts)
    for _, i in sorted(shares, key=lambda item: -(item[0] - int(item[0])))[:leftover]:
        counts[i] += 1
    return counts


def _company_names(
    banks: DemoBanks, rng: random.Random, count: int
) -> list[tuple[str, str, str, str]]:
    """(name, culture, industry, website) for each account, names unique."""
    cultures = list(banks.cultures.values())
    weights = [c.weight for c in cultures]
    industries = {ind.name: ind for ind in banks.industries}
    special_slots = {2 + k * (k + 3) // 2 * 2: special for k, special in enumerate(banks.specials)}
    seen: set[str] = set()
    result = []
    for i in range(count):
        special = special_slots.get(i)
        if special is not None and special.name.casefold() not in seen:
            culture = banks.cultures[special.culture]
            name = special.name
            industry = industries[special.industry]
            website = special.website
        else:
            culture = rng.choices(cultures, weights)[0]
            industry = rng.choice(banks.industries)
            name = company_name(banks, rng, culture, industry)
            attempt = 0
            while name.casefold() in seen:
                attempt += 1
                if attempt < 8:
                    name = company_name(banks, rng, culture, industry)
                else:
                    name = f"{name} ({rng.choice(culture.cities)})"
            website = ""
        seen.add(name.casefold())
        if not website:
            bare = name
            for legal in culture.legal:
                bare = bare.replace(" " + legal, "")
            slug = "-".join(ascii_slug(bare).split("-")[:4]) or f"account-{i + 1}"
            website = f"{slug}.{rng.choice(culture.tld)}"
        result.append((name, culture.key, industry.name, website))
    return result


# -- one account ----------------------------------------------------------------------


_KIND_WEIGHTS = {
    TRANSACTIONAL: (("email", 35), ("call", 30), ("meeting", 12), ("visit", 5), ("note", 18)),
    RELATIONAL: (("meeting", 30), ("call", 25), ("email", 20), ("visit", 12), ("note", 13)),
    UNDETERMINED: (("email", 45), ("call", 30), ("note", 15), ("meeting", 5), ("visit", 5)),
    OVERSERVED: (("meeting", 30), ("visit", 18), ("email", 22), ("call", 20), ("note", 10)),
}
_MINUTES = {
    "meeting": (30, 90),
    "call": (5, 40),
    "email": (5, 20),
    "visit": (60, 180),
    "note": (2, 15),
}
_SENTENCE_CUMULATIVE = (1, 4, 7, 9, 10)  # weights of notes of 1-5 sentences
_ROLE_CYCLE = ("influencer", "user", "gatekeeper", "influencer", "champion", "user")


def _sample(r: Callable[[], float], items: list[str], k: int) -> list[str]:
    """Up to ``k`` distinct items, drawn with ``r`` (cheaper than ``Random.sample``)."""
    n = len(items)
    if k >= n:
        return list(items)
    chosen: list[str] = []
    while len(chosen) < k:
        item = items[int(r() * n)]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _cumulative(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    kinds, weights = zip(*pairs, strict=True)
    running, acc = [], 0
    for w in weights:
        acc += w
        running.append(acc)
    return list(kinds), running


class _AccountBuilder:
    def __init__(
        self,
        banks: DemoBanks,
        plan: DemoAccountPlan,
        rng: random.Random,
        today: dt.date,
    ) -> None:
        self.banks = banks
        self.plan = plan
        self.rng = rng
        self.today = today
        self.culture = banks.cultures[plan.culture]
        self.industry = next(i for i in banks.industries if i.name == plan.industry)
        self.internal = [m for m in banks.team if m.group == "internal"]
        self.partners = [m for m in banks.team if m.group == "partner"]
        self.team_names = {m.name for m in banks.team}

    def build(self) -> Document:
        plan, rng = self.plan, self.rng
        stakeholders, short_names = self._stakeholders()
        newcomer = ""
        if plan.flavour == CHANGED and plan.label == TRANSACTIONAL:
            full, short, local = person_name(self.banks, rng, self.culture)
            while full in short_names or full in self.team_names or short in short_names.values():
                full, short, local = person_name(self.banks, rng, self.culture)
            newcomer = full
            stakeholders.append(
                self._stakeholder(
                    full, local, rng.choice(self.banks.procurement_titles), "decision maker"
                )
            )
        products = rng.sample(self.banks.catalogue, rng.randint(2, 5))
        ctx = WriterContext(
            contacts=[short_names[name] for name in short_names],
            products=products,
            culture=self.culture,
            industry=self.industry,
            colleagues=[m.name for m in self.internal],
            partners=self.partners,
            newcomer=newcomer,
        )
        writer = Writer(self.banks, rng, ctx, self.today.year)
        about = writer.fill(rng.choice(self.industry.about))
        entries = self._entries(writer, stakeholders, short_names, newcomer)
        return {
            "name": plan.name,
            "industry": plan.industry,
            "website": plan.website,
            "notes": about,
            "stakeholders": stakeholders,
            "entries": entries,
        }

    def _stakeholder(self, full: str, local: str, title: str, role: str) -> Document:
        domain = self.plan.website
        return {
            "name": full,
            "title": title,
            "group": "customer",
            "role": role,
            "email": f"{local}@{domain}",
            "phone": phone_number(self.rng, self.rng.choice(self.culture.phone)),
        }

    def _stakeholders(self) -> tuple[list[Document], dict[str, str]]:
        plan, rng = self.plan, self.rng
        if plan.label == UNDETERMINED:
            count = rng.randint(1, 3)
        else:
            count = rng.randint(2, 6) + min(14, plan.entries // 80)
        people: list[Document] = []
        short: dict[str, str] = {}
        for _ in range(count * 4):
            if len(people) == count:
                break
            full, first, local = person_name(self.banks, rng, self.culture)
            if full in short or full in self.team_names:
                continue
            k = len(people)
            if k == 0:
                role = "decision maker"
            elif plan.label == RELATIONAL and k == 1:
                role = "champion"
            else:
                role = _ROLE_CYCLE[(k + plan.index) % len(_ROLE_CYCLE)]
            people.append(self._stakeholder(full, local, rng.choice(self.banks.titles[role]), role))
            short[full] = first
        return people, short

    def _dates(self, count: int) -> list[tuple[dt.date, str]]:
        rng = self.rng
        span = min(_MAX_SPAN_DAYS, max(rng.randint(120, 270), count * 2))
        low = 1
        if self.plan.flavour == NEGLECTED:
            low = max(1, int(span * 0.35))
        width = span - low + 1
        r = rng.random
        offsets = sorted((low + int(r() * width) for _ in range(count)), reverse=True)
        used: set[tuple[int, int]] = set()
        result = []
        for offset in offsets:
            day = self.today - dt.timedelta(days=offset)
            if day.weekday() >= 5 and r() < 0.85:
                day -= dt.timedelta(days=day.weekday() - 4)
            minute = 0
            for _ in range(12):
                minute = 7 * 60 + int(r() * 12 * 12) * 5
                if (day.toordinal(), minute) not in used:
                    break
            used.add((day.toordinal(), minute))
            result.append((day, minute))
        result.sort()
        return [(day, f"{minute // 60:02d}:{minute % 60:02d}") for day, minute in result]

    def _entries(
        self,
        writer: Writer,
        stakeholders: list[Document],
        short_names: dict[str, str],
        newcomer: str,
    ) -> list[Document]:
        plan, rng = self.plan, self.rng
        r = rng.random
        pick = writer.pick
        count = plan.entries
        dates = self._dates(count)
        final = plan.label
        switch_at = int(count * rng.uniform(0.45, 0.7)) if plan.flavour == CHANGED else count + 1
        if plan.flavour == CHANGED:
            before = RELATIONAL if final == TRANSACTIONAL else TRANSACTIONAL
        else:
            before = final
        kind_key = OVERSERVED if plan.flavour == OVERSERVED else final
        kinds, cumulative = _cumulative(_KIND_WEIGHTS[kind_key])
        contacts = [s["name"] for s in stakeholders if s["name"] != newcomer]
        decision_makers = [s["name"] for s in stakeholders if s["role"] == "decision maker"]
        bank_notes = self.banks.notes
        asked_rosen = False
        asked_after_switch = False
        result: list[Document] = []
        for i, (day, clock) in enumerate(dates):
            stance = before if i < switch_at else final
            progress = (i + 1) / count
            kind = kinds[bisect(cumulative, r() * cumulative[-1])]
            entry: Document = {"date": day.isoformat(), "time": clock, "kind": kind}
            low, high = _MINUTES[kind]
            minutes = low + int(r() * (high - low + 1))
            if kind in ("meeting", "visit") and stance == RELATIONAL:
                minutes += 15 + int(r() * 46)  # preparation
            if plan.flavour == OVERSERVED and kind != "note":
                minutes = int(minutes * (1.3 + r() * 0.9))
            entry["minutes"] = minutes
            if r() < 0.85:
                entry["title"] = writer.title(kind)
            if kind != "note":
                if stance == TRANSACTIONAL and plan.flavour != OVERSERVED:
                    entry["initiated_by"] = "them" if r() < 0.65 else "me"
                else:
                    entry["initiated_by"] = "me" if r() < 0.55 else "them"
            # People: customer contacts, sometimes a colleague or a partner.
            n_people = 0 if kind == "note" else 1 if kind == "email" else 1 + int(r() * 3)
            people = _sample(r, contacts, n_people)
            if newcomer and i >= switch_at and kind != "note" and r() < 0.6:
                people.insert(0, newcomer)
            writer.people = [short_names.get(p, p) for p in people if p in short_names] or (
                [newcomer] if people else []
            )
            if kind in ("meeting", "visit") and r() < (0.25 if stance == RELATIONAL else 0.08):
                people.append(pick(self.internal).name)
            if kind == "meeting" and r() < 0.04:
                people.append(pick(self.partners).name)
            # Notes.
            extra = ""
            if stance == UNDETERMINED:
                cues = None
                cue_rate = 0.0
            else:
                cues = bank_notes[stance]
                cue_rate = 0.55
                if i == switch_at:
                    extra = pick(bank_notes["switch_to_" + final])
                elif i > switch_at and r() < 0.4:
                    cues = bank_notes["after_switch_" + final]
                    cue_rate = 0.9
                elif plan.flavour == OVERSERVED and r() < 0.35:
                    cues, cue_rate = bank_notes["overinvest"], 0.9
                elif plan.flavour == NEGLECTED and r() < 0.3:
                    cues, cue_rate = bank_notes["neglect"], 0.9
            sentences = 1 + bisect(_SENTENCE_CUMULATIVE, r() * _SENTENCE_CUMULATIVE[-1])
            entry["notes"] = writer.note(kind, sentences, cues, cue_rate, extra)
            if people:
                entry["people"] = people
            # Answers: the customer's expectations in their own words.
            customers = [p for p in people if p in short_names or p == newcomer]
            answers = self._answers(
                writer, kind, stance, customers, decision_makers, 2.0 if i >= switch_at else 1.0
            )
            if stance != UNDETERMINED and kind in ("meeting", "call", "visit"):
                if not asked_rosen and i < switch_at:
                    answers = answers or [
                        self._answer(writer, rng.choice(_ROSEN), stance, customers, decision_makers)
                    ]
                    asked_rosen = True
                if i >= switch_at and not asked_after_switch:
                    # The change of heart is stated, by the newcomer where there is one.
                    speakers = [newcomer] if newcomer else customers or contacts
                    key = rng.choice(_ROSEN)
                    answers = [self._answer(writer, key, stance, speakers, speakers)]
                    asked_after_switch = True
            if answers:
                for answer in answers:
                    if answer["speaker"] not in people:
                        people.append(answer["speaker"])
                entry["people"] = people
                entry["answers"] = answers
            commitments = self._commitments(writer, day, stance)
            if commitments:
                entry["commitments"] = commitments
            rated = kind in ("meeting", "visit", "call")
            if rated and stance != UNDETERMINED and r() < (0.12 if stance == RELATIONAL else 0.04):
                entry["health"] = self._health(stance, progress, i >= switch_at)
            if rated and stance != UNDETERMINED and r() < (0.08 if stance == RELATIONAL else 0.03):
                entry["stage"] = self._stage(stance, progress)
            result.append(entry)
        return result

    def _answers(
        self,
        writer: Writer,
        kind: str,
        stance: str,
        customers: list[str],
        decision_makers: list[str],
        boost: float,
    ) -> list[Document]:
        r = self.rng.random
        if not customers or kind == "note":
            return []
        if stance == UNDETERMINED:
            if r() < 0.05:
                return [self._answer(writer, "channel", NEUTRAL, customers, decision_makers)]
            return []
        rate = {"meeting": 0.35, "visit": 0.3, "call": 0.22, "email": 0.1}[kind]
        if r() >= rate * boost:
            return []
        answers = []
        for _ in range(1 if r() < 0.8 else 2):
            q = r()
            said = stance
            if r() < 0.06:  # people are not consistent
                said = RELATIONAL if stance == TRANSACTIONAL else TRANSACTIONAL
            if q < 0.08:
                answers.append(self._adhoc(writer, said, customers))
                continue
            key = (
                "expectations"
                if q < 0.38
                else "shoes"
                if q < 0.58
                else writer.pick(_OTHER_QUESTIONS)
            )
            answers.append(self._answer(writer, key, said, customers, decision_makers))
        return answers

    def _answer(
        self,
        writer: Writer,
        key: str,
        stance: str,
        customers: list[str],
        decision_makers: list[str],
    ) -> Document:
        text, tags = writer.answer(key, stance)
        preferred = [c for c in customers if c in decision_makers]
        speaker = self.rng.choice(preferred or customers or decision_makers)
        answer: Document = {
            "question": self.banks.questions[key],
            "answer": text,
            "speaker": speaker,
        }
        if tags and self.rng.random() < 0.8:
            answer["tags"] = tags
        return answer

    def _adhoc(self, writer: Writer, stance: str, customers: list[str]) -> Document:
        question, text, tags = writer.adhoc_answer(stance)
        answer: Document = {
            "question": question,
            "answer": text,
            "speaker": self.rng.choice(customers),
        }
        if tags:
            answer["tags"] = tags
        return answer

    def _commitments(self, writer: Writer, day: dt.date, stance: str) -> list[Document]:
        rng = self.rng
        x = rng.random()
        if x < 0.7:
            return []
        result = []
        for _ in range(1 if x < 0.95 else 2):
            owner = "me" if rng.random() < 0.6 else "them"
            due = day + dt.timedelta(
                days=1 + int(rng.random() * (45 if stance == RELATIONAL else 14))
            )
            item: Document = {
                "text": writer.promise(owner, stance),
                "owner": owner,
                "due": due.isoformat(),
            }
            s = rng.random()
            if due < self.today:
                # Old promises have mostly been settled one way or the other.
                age = (self.today - due).days
                still_open = 0.25 if age < 30 else 0.1 if age < 120 else 0.02
                if self.plan.flavour == NEGLECTED and owner == "me":
                    still_open = 0.5
                if s < still_open:
                    item["state"] = "open"
                elif s < still_open + 0.08:
                    item["state"] = "dropped"
                else:
                    done = due + dt.timedelta(days=rng.randint(-5, 4))
                    done = max(day, min(done, self.today))
                    item["state"], item["done"] = "done", done.isoformat()
            elif s < 0.15:
                done = day + dt.timedelta(days=rng.randint(0, max(0, (self.today - day).days)))
                item["state"], item["done"] = "done", done.isoformat()
            else:
                item["state"] = "open"
            result.append(item)
        return result

    def _health(self, stance: str, progress: float, switched: bool) -> dict[str, int]:
        flavour = self.plan.flavour
        if stance == RELATIONAL:
            base = 2.5 + 2.0 * progress
        else:
            base = 3.0
        if flavour == NEGLECTED:
            base = 4.2 - 2.0 * progress
        if flavour == CHANGED and switched and stance == TRANSACTIONAL:
            base = 2.3
        rng = self.rng
        return {area: max(1, min(5, round(base + rng.uniform(-1.0, 1.0)))) for area in HEALTH_AREAS}

    def _stage(self, stance: str, progress: float) -> str:
        rng = self.rng
        if stance == TRANSACTIONAL:
            return "dependent" if rng.random() < 0.7 else "independent"
        level = progress + rng.uniform(-0.25, 0.25)
        if self.plan.flavour == NEGLECTED:
            level = 0.5 - progress * 0.4 + rng.uniform(-0.2, 0.2)
        return "dependent" if level < 0.3 else "independent" if level < 0.7 else "interdependent"


# -- the team -------------------------------------------------------------------------


def _team_entries(
    banks: DemoBanks, rng: random.Random, today: dt.date, accounts: list[str], count: int
) -> list[Document]:
    if not count:
        return []
    internal = [m for m in banks.team if m.group == "internal"]
    partners = [m for m in banks.team if m.group == "partner"]
    ctx = WriterContext(
        contacts=[m.name.split()[0] for m in internal],
        products=banks.catalogue,
        culture=banks.cultures["en"],
        industry=banks.industries[0],
        colleagues=[m.name for m in internal],
        partners=partners,
        accounts=accounts,
    )
    writer = Writer(banks, rng, ctx, today.year)
    notes = banks.notes
    span = min(_MAX_SPAN_DAYS, max(365, count // 3))
    days = sorted(today - dt.timedelta(days=rng.randint(1, span)) for _ in range(count))
    result: list[Document] = []
    for day in days:
        with_partner = rng.random() < 0.35
        kind = rng.choice(("meeting", "call", "email", "call", "meeting", "note"))
        minute = 8 * 60 + rng.randrange(0, 10 * 12) * 5
        if with_partner:
            member = rng.choice(partners)
            people = [member.name]
            templates, titles = notes["team_partner"], notes["team_titles_partner"]
        else:
            member = rng.choice(internal)
            people = [member.name]
            templates, titles = notes["team_internal"], notes["team_titles_internal"]
        if rng.random() < 0.2:
            other = rng.choice(internal).name
            if other not in people:
                people.append(other)
        sentences = [writer.fill(rng.choice(templates))]
        for _ in range(rng.choice((0, 1, 1, 2))):
            sentences.append(writer.fill(rng.choice(templates + notes["next"])))
        entry: Document = {
            "date": day.isoformat(),
            "time": f"{minute // 60:02d}:{minute % 60:02d}",
            "kind": kind,
            "minutes": rng.randint(*_MINUTES[kind]),
            "title": rng.choice(titles),
            "notes": " ".join(dict.fromkeys(sentences)),
            "initiated_by": rng.choice(("me", "them")),
            "people": people,
        }
        if kind == "note":
            del entry["initiated_by"]
        if rng.random() < 0.2:
            due = day + dt.timedelta(days=rng.randint(1, 21))
            state = "open" if due >= today or rng.random() < 0.2 else "done"
            promise: Document = {
                "text": writer.team_promise(),
                "owner": rng.choice(("me", "them")),
                "due": due.isoformat(),
                "state": state,
            }
            if state == "done":
                promise["done"] = min(due, today).isoformat()
            entry["commitments"] = [promise]
        if kind == "meeting" and rng.random() < 0.05:
            entry["health"] = {
                area: max(1, min(5, round(3.6 + rng.uniform(-1.2, 1.2)))) for area in HEALTH_AREAS
            }
        result.append(entry)
    result.sort(key=lambda e: (e["date"], e["time"]))
    return result
