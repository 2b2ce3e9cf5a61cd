"""The words of a brief: headings and the phrases for the classifier's and the effort
plan's codes. English by default; the UI passes a translated ``BriefWords``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

# code -> (phrase, phrase when the statement negated the cue). Cues lean relational
# unless listed in TRANSACTIONAL_CUES; a reason whose weight leans the other way was negated.
SIGNAL_PHRASES: Final[Mapping[str, tuple[str, str]]] = {
    "rosen.wants_reviews": ("wants reviews and follow-up", "does not want reviews or follow-up"),
    "rosen.wants_reports": ("wants reports", "does not want reports"),
    "rosen.wants_contact": ("wants to hear from you", "does not want to hear from you unasked"),
    "rosen.regular_cadence": ("wants regular contact", "does not want regular contact"),
    "rosen.wants_meetings": ("wants meetings", "does not want meetings"),
    "rosen.social": ("welcomes social time", "not interested in social time"),
    "rosen.wants_advice": ("seeks your advice", "does not want your advice"),
    "gronroos.values_expertise": ("values expertise", "does not need your expertise"),
    "gronroos.value_over_price": ("values more than the price", "sees nothing beyond the price"),
    "garbarino.trust_commitment": ("speaks of trust and commitment", "doubts trust or commitment"),
    "jackson.lost_for_good": ("long horizon, high switching costs", "switching is easy for them"),
    "rosen.wants_partner": ("wants a partner", "does not want a partner"),
    "rosen.wants_relationship": ("wants a relationship", "does not want a relationship"),
    "carew.customer_seeks_rep": ("seeks you out", "does not seek you out"),
    "behaviour.engaged": ("engages with what you bring", "does not engage with what you bring"),
    "rosen.price_focus": ("focused on price", "price is not the main thing"),
    "rosen.price_driven": ("buys on price", "not driven by price"),
    "rosen.price_fairness": ("judges the fairness of prices", "price fairness is no issue"),
    "garbarino.satisfaction": ("wants speed and accuracy", "speed and accuracy are not enough"),
    "rosen.leave_alone": ("wants to be left alone until needed", "does not want to be left alone"),
    "rosen.no_relationship": ("does not want a relationship", "open to a relationship"),
    "jackson.always_a_share": ("spreads purchases over suppliers", "does not spread purchases"),
    "jackson.short_horizon": ("short horizon, one-off purchases", "not a one-off"),
    "behaviour.declined": ("declined what you offered", "did not decline"),
    "behaviour.silence": ("did not answer you (weak: busy people are silent too)", ""),
    "q.cadence_regular": ("asked: wants regular contact", "asked: no regular contact"),
    "q.cadence_rare": ("asked: contact only when needed", "asked: more than contact on need"),
    "q.reviews_yes": ("asked: wants reviews or reports", "asked: no reviews or reports"),
    "q.reviews_no": ("asked: stay out of the way until needed", "asked: reviews are welcome"),
    "q.multi_source": ("asked: buys from several suppliers", "asked: not several suppliers"),
    "q.single_source": ("asked: buys from one supplier", "asked: not one supplier"),
    "q.long_horizon": ("asked: long horizon", "asked: not a long horizon"),
    "q.short_horizon": ("asked: short horizon", "asked: not a short horizon"),
    "q.past_neglect": (
        "missed attention from past suppliers",
        "past suppliers did not neglect them",
    ),
    "q.contact_in_person": ("wants personal contact", "does not want personal contact"),
    "q.contact_remote": ("prefers low-touch contact", "does not want low-touch contact"),
    "behaviour.buying_centre": ("many people take part in buying", ""),
    "behaviour.single_contact": ("one contact buys alone", ""),
    "behaviour.customer_seeks_time": ("gives you time of their own accord", ""),
    "behaviour.customer_orders_on_demand": ("gets in touch only to order", ""),
    "behaviour.one_sided": ("you always make the contact", ""),
    "behaviour.long_sales_cycle": ("long sales cycle", ""),
    "behaviour.short_sales_cycle": ("short sales cycle", ""),
    "behaviour.repeat_purchase": ("buys again and again", ""),
    "carew.stage": ("Carew stage", ""),
    "rosen.wants_foresight": ("wants early warning, no surprises", "no need for early warning"),
    # The statement on which the customer's stance on a topic changed (issue 15).
    "changed.contact": ("changed their stance on contact on this date", ""),
    "changed.advice": ("changed their stance on advice on this date", ""),
    "changed.price": ("changed their stance on price on this date", ""),
    "changed.relationship": ("changed their stance on the relationship on this date", ""),
    "changed.sourcing": ("changed their stance on suppliers on this date", ""),
    # The customer took back what they said before (round 14).
    "changed.mind": (
        "changed their mind on this date: what they said before counts for much less",
        "",
    ),
    "rosen.undecided": ("has not decided yet: what they said before no longer settles it", ""),
    # Only people who do not decide have spoken, for themselves (tenth round).
    "behaviour.decider_silent": (
        "the one who decides has not said what they want; the others speak for themselves",
        "",
    ),
    # A customer sentence as the learned statement model reads it (issue 15, second round).
    "learned.statement": ("reads as wanting a relationship", "reads as wanting the deal only"),
}
TRANSACTIONAL_CUES: Final = frozenset(
    {
        "rosen.price_focus",
        "rosen.price_driven",
        "rosen.price_fairness",
        "garbarino.satisfaction",
        "rosen.leave_alone",
        "rosen.no_relationship",
        "jackson.always_a_share",
        "jackson.short_horizon",
        "behaviour.declined",
        "behaviour.silence",
        "q.cadence_rare",
        "q.reviews_no",
        "q.multi_source",
        "q.short_horizon",
        "q.contact_remote",
        "behaviour.single_contact",
        "behaviour.customer_orders_on_demand",
        "behaviour.one_sided",
        "behaviour.short_sales_cycle",
    }
)

FINDING_PHRASES: Final[Mapping[str, str]] = {
    "contacts_above_range": "more contacts than planned",
    "contacts_below_range": "fewer contacts than planned",
    "minutes_above_range": "more time than planned",
    "minutes_below_range": "less time than planned",
    "meetings_above_range": "more unrequested meetings than planned",
    "meetings_below_range": "fewer meetings than planned",
    "contact_overdue": "a contact is overdue",
    "short_history": "too little history yet to judge the effort (under 30 days)",
}


COUNT_PHRASES: Final[Mapping[str, tuple[str, str]]] = {
    "contacts": ("{n} contact", "{n} contacts"),
    "minutes": ("{n} min", "{n} min"),
    "meetings": ("{n} unrequested meeting", "{n} unrequested meetings"),
    "entries": ("{n} entry", "{n} entries"),
    "since": ("last contact {n} day ago", "last contact {n} days ago"),
    "more": ("… and {n} more", "… and {n} more"),
    "cadence": ("a contact every day", "a contact every {n} days"),
    "window": ("Last day", "Last {n} days"),
}


def humanize(code: str) -> str:
    """``lunches_and_hospitality`` → ``lunches and hospitality``."""
    return code.rsplit(".", 1)[-1].replace("_", " ")


def iso_date(day: dt.date) -> str:
    return day.isoformat()


@dataclass(frozen=True)
class BriefWords:
    """Every word a rendered brief uses, so the UI can translate them."""

    why: str = "Why"
    effort: str = "Effort"
    expectations: str = "What they expect"
    commitments: str = "Open commitments"
    mine: str = "I promised"
    theirs: str = "They promised"
    trend: str = "Relationship trend"
    stages: str = "Stage (Carew)"
    people: str = "People"
    questions: str = "Ask next"
    history: str = "Classification history"
    score: str = "score"
    # an undetermined account whose evidence still points one way: "leaning relational"
    leaning: str = "leaning {side}"
    confidence: str = "confidence"
    you_set: str = "you set"
    computed: str = "computed"
    override_cleared: str = "override cleared"
    overdue: str = "overdue"
    due: str = "due"
    no_due: str = "no date"
    no_evidence: str = "No evidence yet: ask them what they expect."
    nothing: str = "None."
    never_asked: str = "never asked"
    asked_on: str = "last asked"
    last_contact: str = "last contact"
    never: str = "never"
    plan: str = "Plan"
    do: str = "Do"
    dont: str = "Don't"
    on_demand: str = "answer on demand"
    minutes_fmt: str = "{n} min"
    unsure: str = "tentative: the class is not yet certain"
    over_investing: str = "Over-investing"
    under_investing: str = "Under-investing"
    on_plan: str = "On plan"
    for_relational: str = "relational"
    for_transactional: str = "transactional"
    for_neither: str = "neither way"
    brief_of: str = "Brief"
    # phrases with a number: (one, many), "{n}" the number (or a range such as "2–4")
    counts: Mapping[str, tuple[str, str]] = field(default_factory=lambda: dict(COUNT_PHRASES))
    labels: Mapping[str, str] = field(
        default_factory=lambda: {
            "transactional": "Transactional",
            "relational": "Relational",
            "undetermined": "Undetermined",
        }
    )
    groups: Mapping[str, str] = field(
        default_factory=lambda: {
            "customer": "Customer",
            "internal": "Internal team",
            "partner": "Partners",
        }
    )
    areas: Mapping[str, str] = field(
        default_factory=lambda: {
            "trust": "trust",
            "respect": "respect",
            "value": "value",
            "conversations": "conversations",
            "conflict": "conflict",
            "accountability": "accountability",
        }
    )
    signals: Mapping[str, tuple[str, str]] = field(default_factory=lambda: dict(SIGNAL_PHRASES))
    findings: Mapping[str, str] = field(default_factory=lambda: dict(FINDING_PHRASES))
    codes: Mapping[str, str] = field(default_factory=dict)  # do/don't codes; else humanized
    format_date: Callable[[dt.date], str] = iso_date

    def count(self, code: str, n: int | str) -> str:
        """The phrase for ``n`` things: "1 entry", "3 entries", "2–4 contacts"."""
        one, many = self.counts.get(code, ("{n}", "{n}"))
        return (one if str(n) == "1" else many).format(n=n)

    def label(self, code: str) -> str:
        return self.labels.get(code, humanize(code).capitalize())

    def side(self, weight: float) -> str:
        """Which way a reason points: relational, transactional or (undecided) neither."""
        if weight == 0.0:
            return self.for_neither
        return self.for_relational if weight > 0 else self.for_transactional

    def signal(self, code: str, weight: float = 0.0) -> str:
        """The phrase for a reason; the negated phrase when the weight leans against the
        cue's own direction (the customer said the opposite)."""
        phrase, negated = self.signals.get(code, (humanize(code), ""))
        natural_relational = code not in TRANSACTIONAL_CUES
        if negated and weight != 0.0 and (weight > 0) != natural_relational:
            return negated
        return phrase

    def finding(self, code: str) -> str:
        return self.findings.get(code, humanize(code))

    def code(self, code: str) -> str:
        return self.codes.get(code, humanize(code))

    def group(self, code: str) -> str:
        return self.groups.get(code, humanize(code).capitalize())

    def area(self, code: str) -> str:
        return self.areas.get(code, humanize(code))

    def date(self, day: dt.date | None) -> str:
        return self.format_date(day) if day else self.never
