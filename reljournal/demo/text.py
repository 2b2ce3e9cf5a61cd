"""Phrase banks and sentence assembly for the demo journal.

The banks live in ``resources/demo/*.json``; :func:`load_banks` reads them once.
:class:`Writer` turns templates such as ``"Met {person} at their {site}."`` into
text, drawing every slot from one seeded ``random.Random`` so a demo journal is
the same for the same seed. Slots are filled through ``str.format_map`` with a
mapping that produces values on demand, which keeps assembly fast enough for
100,000 entries.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from reljournal.resources import load_json_resource

T = TypeVar("T")

TRANSACTIONAL = "transactional"
RELATIONAL = "relational"
NEUTRAL = "neutral"

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_TAG_SPLIT = re.compile(r"\s+#")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Phrase:
    """A template with the expectation tags it carries."""

    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Culture:
    key: str
    weight: int
    first: tuple[str, ...]
    last: tuple[str, ...]
    native: tuple[str, ...]
    phone: tuple[str, ...]
    tld: tuple[str, ...]
    currency: str
    cities: tuple[str, ...]
    legal: tuple[str, ...]


@dataclass(frozen=True)
class Industry:
    name: str
    words: tuple[str, ...]
    plural: str
    sites: tuple[str, ...]
    themes: tuple[str, ...]
    about: tuple[str, ...]


@dataclass(frozen=True)
class Special:
    name: str
    culture: str
    industry: str
    website: str


@dataclass(frozen=True)
class TeamMember:
    name: str
    group: str
    title: str
    role: str
    email: str
    phone: str
    org: str


@dataclass(frozen=True)
class DemoBanks:
    """Everything the demo generator draws from, parsed once."""

    cultures: dict[str, Culture]
    titles: dict[str, tuple[str, ...]]
    procurement_titles: tuple[str, ...]
    patterns: tuple[str, ...]
    stems: tuple[str, ...]
    industries: tuple[Industry, ...]
    specials: tuple[Special, ...]
    competitors: tuple[str, ...]
    catalogue: tuple[str, ...]
    notes: dict[str, tuple[str, ...]]
    lead: dict[str, tuple[str, ...]]
    entry_titles: dict[str, tuple[str, ...]]
    questions: dict[str, str]
    needs: dict[str, tuple[Phrase, ...]]
    answers: dict[str, dict[str, tuple[Phrase, ...]]]
    openers: tuple[str, ...]
    closers: dict[str, tuple[str, ...]]
    hedges_before: tuple[str, ...]
    hedges_after: tuple[str, ...]
    adhoc: tuple[tuple[str, dict[str, tuple[Phrase, ...]]], ...]
    promises: dict[str, tuple[str, ...]]
    team: tuple[TeamMember, ...]


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value)


def _phrase(raw: str) -> Phrase:
    text, *tags = _TAG_SPLIT.split(raw.strip())
    return Phrase(text, tuple(tag.strip() for tag in tags))


def _phrases(value: Any) -> tuple[Phrase, ...]:
    return tuple(_phrase(str(item)) for item in value)


def _by_stance(value: Any) -> dict[str, tuple[Phrase, ...]]:
    return {str(stance): _phrases(items) for stance, items in value.items() if stance != "question"}


@cache
def load_banks() -> DemoBanks:
    """Read the phrase banks under ``resources/demo/`` (cached)."""
    people = load_json_resource("demo", "people.json")
    companies = load_json_resource("demo", "companies.json")
    notes = load_json_resource("demo", "notes.json")
    answers = load_json_resource("demo", "answers.json")
    promises = load_json_resource("demo", "commitments.json")
    team = load_json_resource("demo", "team.json")

    cultures = {
        key: Culture(
            key=key,
            weight=int(raw["weight"]),
            first=_strs(raw["first"]),
            last=_strs(raw["last"]),
            native=_strs(raw.get("native", ())),
            phone=_strs(raw["phone"]),
            tld=_strs(raw["tld"]),
            currency=str(raw["currency"]),
            cities=_strs(raw["cities"]),
            legal=_strs(raw["legal"]),
        )
        for key, raw in people["cultures"].items()
    }
    industries = tuple(
        Industry(
            name=str(raw["name"]),
            words=_strs(raw["words"]),
            plural=str(raw["plural"]),
            sites=_strs(raw["sites"]),
            themes=_strs(raw["themes"]),
            about=_strs(raw["about"]),
        )
        for raw in companies["industries"]
    )
    specials = tuple(
        Special(
            name=str(raw["name"]),
            culture=str(raw["culture"]),
            industry=str(raw["industry"]),
            website=str(raw.get("website", "")),
        )
        for raw in companies["specials"]
    )
    team_notes = notes["team"]
    note_banks = {
        key: _strs(value)
        for key, value in notes.items()
        if isinstance(value, list) and key not in ("lead", "titles", "team")
    }
    for key in ("internal", "partner", "titles_internal", "titles_partner"):
        note_banks["team_" + key] = _strs(team_notes[key])
    members = [
        TeamMember(
            name=str(raw["name"]),
            group="internal",
            title=str(raw["title"]),
            role=str(raw["role"]),
            email=str(raw["email"]),
            phone=str(raw["phone"]),
            org="",
        )
        for raw in team["internal"]
    ]
    members += [
        TeamMember(
            name=str(raw["name"]),
            group="partner",
            title=str(raw["title"]),
            role=str(raw["role"]),
            email=str(raw["email"]),
            phone=str(raw["phone"]),
            org=str(raw["org"]),
        )
        for raw in team["partners"]
    ]
    promise_banks: dict[str, tuple[str, ...]] = {"team": _strs(promises["team"])}
    for owner in ("me", "them"):
        for flavour, items in promises[owner].items():
            promise_banks[f"{owner}_{flavour}"] = _strs(items)
    return DemoBanks(
        cultures=cultures,
        titles={str(role): _strs(items) for role, items in people["titles"].items()},
        procurement_titles=_strs(people["new_procurement_titles"]),
        patterns=_strs(companies["patterns"]),
        stems=_strs(companies["stems"]),
        industries=industries,
        specials=specials,
        competitors=_strs(companies["competitors"]),
        catalogue=_strs(companies["catalogue"]),
        notes=note_banks,
        lead={str(kind): _strs(items) for kind, items in notes["lead"].items()},
        entry_titles={str(kind): _strs(items) for kind, items in notes["titles"].items()},
        questions={str(key): str(text) for key, text in answers["questions"].items()},
        needs=_by_stance(answers["needs"]),
        answers={str(key): _by_stance(value) for key, value in answers["by_question"].items()},
        openers=_strs(answers["openers"]),
        closers={str(k): _strs(v) for k, v in answers["closers"].items()},
        hedges_before=_strs(answers["hedges"]["before"]),
        hedges_after=_strs(answers["hedges"]["after"]),
        adhoc=tuple((str(item["question"]), _by_stance(item)) for item in answers["adhoc"]),
        promises=promise_banks,
        team=tuple(members),
    )


def ascii_slug(text: str) -> str:
    """``"Müller & Söhne"`` -> ``"muller-sohne"``; empty for text with no Latin letters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", folded.lower()).strip("-")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class WriterContext:
    """What the text of one account may mention."""

    contacts: list[str]
    products: Sequence[str]
    culture: Culture
    industry: Industry
    colleagues: Sequence[str]
    partners: Sequence[TeamMember]
    accounts: Sequence[str] = ()
    newcomer: str = ""


class _Slots(dict[str, str]):
    """A mapping for ``str.format_map`` that invents each slot's value on demand."""

    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        super().__init__()
        self.makers = makers

    def __missing__(self, key: str) -> str:
        return self.makers[key]()


class Writer:
    """Assembles notes, answers, promises and titles for one account (or the team)."""

    def __init__(self, banks: DemoBanks, rng: random.Random, ctx: WriterContext, year: int) -> None:
        self.banks = banks
        self.rng = rng
        self.random = rng.random
        self.ctx = ctx
        self.people: Sequence[str] = ctx.contacts
        self.need_stance = TRANSACTIONAL
        self.tags: list[str] = []
        self._last_person = ""
        r = self.random
        pick = self.pick
        currency = ctx.culture.currency
        makers: dict[str, Callable[[], str]] = {
            "person": self._person,
            "person2": self._person2,
            "colleague": lambda: pick(ctx.colleagues).split()[0],
            "partner": lambda: pick(ctx.partners).name,
            "partner_org": lambda: pick(ctx.partners).org,
            "product": self._product,
            "product2": lambda: pick(banks.catalogue),
            "competitor": lambda: pick(banks.competitors),
            "qty": lambda: str(
                pick((2, 3, 4, 5, 8, 10, 12, 20, 25, 40, 50, 60, 100, 150, 200, 500))
            ),
            "pct": lambda: str(2 + int(r() * 14)),
            "money": lambda: _money(currency, 200 + int(r() * r() * 80) * 250),
            "weekday": lambda: pick(_WEEKDAYS),
            "month": lambda: pick(_MONTHS),
            "days": lambda: str(2 + int(r() * 12)),
            "weeks": lambda: str(2 + int(r() * 7)),
            "hours": lambda: pick(("2", "4", "24", "48")),
            "quarter": lambda: pick(("Q1", "Q2", "Q3", "Q4", "quarter")),
            "year": lambda: str(year + int(r() * 2)),
            "city": lambda: pick(ctx.culture.cities),
            "site": lambda: pick(ctx.industry.sites),
            "theme": lambda: pick(ctx.industry.themes),
            "plural": lambda: ctx.industry.plural,
            "plural_any": lambda: pick(banks.industries).plural,
            "invoice": lambda: f"INV-{10000 + int(r() * 89999)}",
            "ticket": lambda: f"#{4000 + int(r() * 5999)}",
            "n": lambda: str(2 + int(r() * 8)),
            "count": lambda: str(pick((3, 4, 6, 8, 12, 15, 20, 35, 60, 120, 250))),
            "minutes_n": lambda: str(pick((20, 30, 40, 45, 60, 75, 90))),
            "account": lambda: pick(ctx.accounts),
            "newdm": lambda: ctx.newcomer,
            "need": self._need,
            "need_cap": lambda: cap(self._need()),
        }
        self.slots = _Slots(makers)

    # -- drawing ---------------------------------------------------------------------

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def chance(self, p: float) -> bool:
        return self.random() < p

    def fill(self, template: str) -> str:
        return _tidy(template.format_map(self.slots))

    def _person(self) -> str:
        self._last_person = name = self.pick(self.people or self.ctx.contacts)
        return name

    def _person2(self) -> str:
        contacts = self.ctx.contacts
        name = self.pick(contacts)
        if name == self._last_person and len(contacts) > 1:
            name = contacts[(contacts.index(name) + 1) % len(contacts)]
        return name

    def _product(self) -> str:
        if self.random() < 0.8:
            return self.pick(self.ctx.products)
        return self.pick(self.banks.catalogue)

    def _need(self) -> str:
        phrase = self.pick(self.banks.needs[self.need_stance])
        self.tags.extend(phrase.tags)
        return phrase.text.format_map(self.slots)

    # -- composing -------------------------------------------------------------------

    def note(
        self,
        kind: str,
        sentences: int,
        cues: Sequence[str] | None,
        cue_rate: float,
        extra: str = "",
    ) -> str:
        """A note of ``sentences`` sentences: how it went, what was discussed, the
        customer's stance (``cues``, with probability ``cue_rate``), mood, next step.
        ``extra`` (a template) is placed right after the opening sentence."""
        notes = self.banks.notes
        parts = [self.pick(self.banks.lead[kind])]
        if extra:
            parts.append(extra)
        if cues is None:
            body = notes["logistics"]
            while len(parts) < sentences:
                parts.append(self.pick(body if len(parts) < 3 else notes["next"]))
        else:
            slots = sentences - len(parts)
            if slots > 0 and self.random() < cue_rate:
                parts.append(self.pick(cues))
                slots -= 1
            tail: list[str] = []
            if slots > 0:
                tail.append(self.pick(notes["next"]))
                slots -= 1
            if slots > 0 and self.random() < 0.5:
                tail.insert(0, self.pick(notes["mood"]))
                slots -= 1
            while slots > 0:
                parts.append(self.pick(notes["topic"]))
                slots -= 1
            parts += tail
        return _tidy(" ".join(template.format_map(self.slots) for template in parts))

    def answer(self, key: str, stance: str) -> tuple[str, list[str]]:
        """A customer's answer to bank question ``key`` in ``stance`` (text, tags)."""
        bank = self.banks.answers[key]
        phrase = self.pick(bank.get(stance) or bank[TRANSACTIONAL])
        return self._voice(phrase, stance)

    def adhoc_answer(self, stance: str) -> tuple[str, str, list[str]]:
        """An off-bank question and the customer's answer (question, text, tags)."""
        question, bank = self.pick(self.banks.adhoc)
        text, tags = self._voice(self.pick(bank[stance]), stance)
        return question, text, tags

    def _voice(self, phrase: Phrase, stance: str) -> tuple[str, list[str]]:
        self.tags = list(phrase.tags)
        self.need_stance = stance if stance in self.banks.needs else TRANSACTIONAL
        parts = [phrase.text.format_map(self.slots)]
        if stance != NEUTRAL:
            r = self.random()
            if r < 0.12:
                parts.insert(0, self.pick(self.banks.openers))
            elif r < 0.2:
                parts.insert(0, self.fill(self.pick(self.banks.hedges_before)))
            r = self.random()
            if r < 0.22:
                parts.append(self.pick(self.banks.closers[stance]))
            elif r < 0.3:
                parts.append(self.pick(self.banks.hedges_after))
        tags = list(dict.fromkeys(self.tags))
        return _tidy(" ".join(parts)), tags

    def promise(self, owner: str, stance: str) -> str:
        promises = self.banks.promises
        flavoured = promises.get(f"{owner}_{stance}")
        if flavoured and self.random() < 0.4:
            return self.fill(self.pick(flavoured))
        return self.fill(self.pick(promises[f"{owner}_any"]))

    def team_promise(self) -> str:
        return self.fill(self.pick(self.banks.promises["team"]))

    def title(self, kind: str) -> str:
        return cap(self.fill(self.pick(self.banks.entry_titles[kind])))


def _tidy(text: str) -> str:
    """Catalogue items carry their article ("the managed print contract"); templates
    that add one would say "the the"."""
    if "he the " in text:
        text = text.replace("the the ", "the ").replace("The the ", "The ")
    return text


def _money(currency: str, amount: int) -> str:
    if currency in ("kr", "zł"):
        return f"{amount:,} {currency}"
    return f"{currency}{amount:,}"


def person_name(banks: DemoBanks, rng: random.Random, culture: Culture) -> tuple[str, str, str]:
    """A person from ``culture``: (full name, name used in notes, e-mail local part)."""
    if culture.native and rng.random() < 0.4:
        full, local = rng.choice(culture.native).split("|")
        return full, full, local
    first = rng.choice(culture.first)
    last = rng.choice(culture.last)
    local = f"{ascii_slug(first)}.{ascii_slug(last)}".replace("-", "")
    return f"{first} {last}", first, local


def phone_number(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randrange(10)) if ch == "X" else ch for ch in pattern)


def company_name(banks: DemoBanks, rng: random.Random, culture: Culture, industry: Industry) -> str:
    """A plausible, not necessarily unique, company name."""
    values = {
        "last": rng.choice(culture.last),
        "last2": rng.choice(culture.last),
        "stem": rng.choice(banks.stems),
        "word": rng.choice(industry.words),
        "legal": rng.choice(culture.legal),
        "city": rng.choice(culture.cities),
    }
    if values["last2"] == values["last"]:
        values["last2"] = culture.last[(culture.last.index(values["last"]) + 1) % len(culture.last)]
    return rng.choice(banks.patterns).format_map(values)
