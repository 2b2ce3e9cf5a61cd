"""The classifier's cue file (``resources/classifier/cues.json``) as typed data.

``load_cues`` reads and validates the file and compiles every phrase into one
token trie (``PhraseMatcher``), once; a malformed file raises ``ValidationError``
naming the place of the problem. The phrase syntax is described in the file's
``about`` field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NoReturn

from reljournal.core.classify import phrases as ph
from reljournal.core.classify.statement_model import StatementModel, parse_model
from reljournal.core.errors import ValidationError
from reljournal.core.model import STAGES
from reljournal.resources import load_json_resource

FORMAT: Final = "reljournal-cues"
VERSION: Final = 1
MAX_EXPANSIONS: Final = 5_000
_SUFFIX = re.compile(r"([^()]*)\(([^()]+)\)")
_SLOT = re.compile(r"\{[^{}]*\}\??|[^\s{}]+")

# Modifier sections: name in the file -> (kind in the trie, keys it accepts besides "phrases").
_MODIFIERS: Final[dict[str, tuple[int, tuple[str, ...]]]] = {
    "negation": (ph.NEGATION, ("reach",)),
    "rejection": (ph.REJECTION, ()),
    "evaluation": (ph.EVALUATION, ()),
    "sarcasm": (ph.SARCASM, ()),
    "indirect": (ph.INDIRECT, ()),
    "pseudo_negation": (ph.PSEUDO_NEGATION, ()),
    "post_negation": (ph.POST_NEGATION, ("reach",)),
    "hedge": (ph.HEDGE, ("factor",)),
    "contrast": (ph.CONTRAST, ("before_factor", "min_tail")),
    "contrast_exception": (ph.CONTRAST_EXCEPTION, ()),
    "concession": (ph.CONCESSION, ("factor",)),
    "demoter": (ph.DEMOTER, ("factor", "reach")),
    "past": (ph.PAST, ("factor",)),
    "intensifier": (ph.INTENSIFIER, ("factor", "reach")),
    "intent": (ph.INTENT, ()),
    "rep_action": (ph.REP_ACTION, ("factor",)),
    "neutralizer": (ph.NEUTRALIZER, ("reach",)),
    "scope_break": (ph.SCOPE_BREAK, ()),
    "purchase": (ph.PURCHASE, ()),
    "answer_yes": (ph.ANSWER_YES, ()),
    "answer_no": (ph.ANSWER_NO, ()),
}

# Behaviour signals: name -> the threshold key and the optional extra key.
_BEHAVIOUR: Final[dict[str, tuple[str, str | None]]] = {
    "buying_centre": ("min_customer_contacts", "other_groups_weight"),
    "single_contact": ("min_entries", None),
    "customer_seeks_time": ("min_entries", "min_minutes"),
    "customer_orders_on_demand": ("min_entries", None),
    "one_sided": ("min_entries", None),
    "long_sales_cycle": ("min_days", None),
    "short_sales_cycle": ("max_days", None),
    "repeat_purchase": ("min_purchases", None),
}


@dataclass(frozen=True)
class Scoring:
    half_life_days: float
    staleness_half_life_days: float
    prior: float
    min_evidence: float
    relational_at: float
    transactional_at: float
    confidence_scale: float
    repeat_discount: float
    max_reasons: float
    clear_statement: float  # |weight| from which a customer's statement can supersede
    superseded_factor: float  # what is left of evidence a newer statement superseded
    one_day_ceiling: float  # the highest confidence when the customer spoke on one day only
    undecided_factor: float  # what is left of earlier statements once the customer is undecided
    confidence_floor: float  # share of the ceiling a label just past its threshold gets
    former_factor: float  # what is left of the words of a contact who has left
    outvoted_factor: float  # of a person's words against the decision maker's view
    learned_margin: float  # how sure (|2p - 1|) the statement model must be to count
    # How much the customer's own words (not the rep's notes, not behaviour) must weigh
    # on the winning side before a label is committed: thin evidence stays undetermined.
    min_customer_evidence: float = 0.0
    # The customer's words against the label over those for it, from which the account
    # is undetermined (they said both, about as strongly): 1.0 never.
    balanced_at: float = 1.0
    # When none of the customer's own words support a label, the rep's notes and the
    # account's behaviour must support it from at least this many separate entries or
    # behaviour signals: one note alone ("Downloaded the tender notice. Will bid.") is
    # thin evidence. 0: no such rule.
    min_rep_sources: float = 0.0
    # What is left of the words of the customer's other people (a buyer, a user, an
    # assistant) while a decision maker on the account has said nothing: they may speak
    # for themselves only. 1.0: no such rule.
    silent_decider_factor: float = 1.0


@dataclass(frozen=True)
class SourceFactors:
    answer: float
    note_mention: float
    note_statement: float
    quoted: float
    title: float
    question_echo: float
    rep_note: float  # the rep's own prose (not the customer's words)
    rep_line: float  # the rep's own lines in a pasted transcript ("Me: ...")
    reported: float  # the customer's words as the rep reports them ("she says ...")
    learned: float  # a customer sentence the learned statement model is sure about


@dataclass(frozen=True)
class Modifier:
    phrases: tuple[str, ...]
    factor: float = 1.0
    reach: int = 0
    min_tail: int = 0


@dataclass(frozen=True)
class Modifiers:
    negation: Modifier
    rejection: Modifier
    evaluation: Modifier
    sarcasm: Modifier
    indirect: Modifier
    pseudo_negation: Modifier
    post_negation: Modifier
    hedge: Modifier
    contrast: Modifier
    contrast_exception: Modifier
    concession: Modifier
    demoter: Modifier
    past: Modifier
    intensifier: Modifier
    intent: Modifier
    rep_action: Modifier
    neutralizer: Modifier
    scope_break: Modifier
    purchase: Modifier
    answer_yes: Modifier
    answer_no: Modifier


@dataclass(frozen=True)
class CueGroup:
    id: str
    source: str
    weight: float
    topic: bool
    on_negation: float
    phrases: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    question: re.Pattern[str] | None = None
    in_complaints: float = 1.0  # multiplier in answers that complain about past suppliers


@dataclass(frozen=True)
class BehaviourCue:
    source: str
    weight: float
    threshold: float
    extra: float = 0.0


@dataclass(frozen=True)
class StageCue:
    source: str
    weights: Mapping[str, float]


@dataclass(frozen=True, eq=False)
class Cues:
    version: int
    scoring: Scoring
    sources: SourceFactors
    modifiers: Modifiers
    groups: tuple[CueGroup, ...]
    stage: StageCue
    behaviour: Mapping[str, BehaviourCue]
    matcher: ph.PhraseMatcher = field(repr=False)
    complaint_question: re.Pattern[str] | None = None
    topics: Mapping[str, str] = field(default_factory=dict)  # group id -> stance topic
    undecided: re.Pattern[str] | None = None  # "I haven't decided", "let me think about it"
    undecided_source: str = ""
    fingerprint: str = ""  # of the cue document: stored statements read with other cues are stale
    # The learned statement model read with the cues (``statement_model``), if any.
    model: StatementModel | None = field(default=None, repr=False)
    _question_cache: dict[str, tuple[frozenset[int], bool]] = field(
        default_factory=dict, repr=False
    )
    # Sentences already read (cue_matching.analyse_text), bounded; safe to share.
    sentence_cache: dict[str, ph.SentenceReading] = field(default_factory=dict, repr=False)

    def scoped_groups_for(self, question: str) -> frozenset[int]:
        """The question-scoped groups that apply to answers to ``question``."""
        return self._question_facts(question)[0]

    def is_complaint(self, question: str) -> bool:
        """Whether ``question`` asks what went wrong before (answers are complaints)."""
        return self._question_facts(question)[1]

    def _question_facts(self, question: str) -> tuple[frozenset[int], bool]:
        cached = self._question_cache.get(question)
        if cached is None:
            low = ph.lower_text(question)
            scoped = frozenset(
                i for i, g in enumerate(self.groups) if g.question and g.question.search(low)
            )
            complaint = bool(self.complaint_question and self.complaint_question.search(low))
            cached = (scoped, complaint)
            if len(self._question_cache) > 10_000:
                self._question_cache.clear()
            self._question_cache[question] = cached
        return cached


def load_cues(path: Path | None = None) -> Cues:
    """Read and validate a cue file (default: the one shipped in ``resources/``)."""
    if path is None:
        cues = parse_cues(load_json_resource("classifier", "cues.json"), "cues.json")
        return with_model(cues, _shipped_model())
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ValidationError(f"Cannot read the cue file {path}: {err.strerror}.") from err
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
        raise ValidationError(f"The cue file {path} is not valid JSON: {err}.") from err
    return parse_cues(data, str(path))


def parse_cues(data: Any, name: str = "cues") -> Cues:
    """Validate a decoded cue document and compile its phrases."""
    r = _Reader(name)
    top = r.obj(
        data,
        "",
        {
            "format",
            "version",
            "about",
            "complaint_questions",
            "scoring",
            "sources",
            "modifiers",
            "groups",
            "behaviour",
            "topics",
            "undecided",
        },
    )
    if top.get("format") != FORMAT:
        r.fail("", f'"format" must be "{FORMAT}"')
    if top.get("version") != VERSION:
        r.fail("", f'"version" {top.get("version")!r} is not supported (expected {VERSION})')
    matcher = ph.PhraseMatcher()
    scoring = _scoring(r, top)
    sources_raw = r.obj(
        r.need(top, "sources", ""), "sources", set(SourceFactors.__dataclass_fields__)
    )
    sources = SourceFactors(
        **{
            k: r.num(sources_raw, k, "sources", 0.0, 2.0)
            for k in SourceFactors.__dataclass_fields__
        }
    )
    modifiers = _modifiers(r, top, matcher)
    groups_raw = r.need(top, "groups", "")
    if not isinstance(groups_raw, list) or not groups_raw:
        r.fail("groups", "must be a non-empty list")
    groups = tuple(_group(r, item, i, matcher) for i, item in enumerate(groups_raw))
    ids = [g.id for g in groups]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        r.fail("groups", f"duplicate id {dupes[0]!r}")
    stage, behaviour = _behaviour(r, top)
    complaint = _substrings(r, top.get("complaint_questions", []), "complaint_questions")
    topics = _topics(r, top.get("topics", {}), set(ids))
    undecided, undecided_source = _undecided(r, top.get("undecided"))
    return Cues(
        VERSION,
        scoring,
        sources,
        modifiers,
        groups,
        stage,
        behaviour,
        matcher,
        complaint,
        topics,
        undecided,
        undecided_source,
        _fingerprint(data),
    )


def with_model(cues: Cues, model: StatementModel | None) -> Cues:
    """``cues`` reading with a learned statement model too (None: the lexicon alone);
    the fingerprint covers both, so statements read with another model are stale."""
    if model is None:
        return dataclasses.replace(
            cues,
            model=None,
            fingerprint=cues.fingerprint.split("+")[0],
            sentence_cache={},
            _question_cache={},
        )
    return dataclasses.replace(
        cues,
        model=model,
        fingerprint=f"{cues.fingerprint.split('+')[0]}+{model.fingerprint}",
        sentence_cache={},
        _question_cache={},
    )


def _shipped_model() -> StatementModel | None:
    try:
        doc = load_json_resource("classifier", "statement_model.json")
    except FileNotFoundError:
        return None
    return parse_model(doc)


def _fingerprint(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _undecided(r: _Reader, value: Any) -> tuple[re.Pattern[str] | None, str]:
    """Words that say the customer has not made up their mind (whole words, any case)."""
    if value is None:
        return None, ""
    item = r.obj(value, "undecided", {"source", "phrases"})
    source = r.text(item, "source", "undecided")
    phrases = item.get("phrases")
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        r.fail("undecided", '"phrases" must be a list of texts')
    if not phrases:
        return None, source
    words = {ph.lower_text(p.strip()) for p in phrases}
    return re.compile(r"(?<!\w)(?:" + _trie_pattern(words) + r")(?!\w)"), source


def _trie_pattern(words: set[str]) -> str:
    """One regular expression for many phrases, their common beginnings written once
    ("not decided yet|not sure yet" -> "not (?:decided|sure) yet"...): it tries a few
    branches at each position of a text rather than every phrase. A longer phrase is
    tried before a shorter one it begins with, as in a plain alternation sorted by
    length."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    ends = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # this phrase is also a whole phrase: the longer ones first, then it alone
        return "(?:" + body + ")?"
    return body


def _topics(r: _Reader, value: Any, ids: set[str]) -> dict[str, str]:
    """Stance topics: {topic: [group ids]}; a newer statement on a topic supersedes."""
    if not isinstance(value, dict):
        r.fail("topics", "must be an object of topic names and lists of group ids")
    out: dict[str, str] = {}
    for topic, members in value.items():
        where = f"topics.{topic}"
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            r.fail(where, "must be a list of group ids")
        for member in members:
            if member not in ids:
                r.fail(where, f"unknown group id {member!r}")
            if member in out:
                r.fail(where, f"group id {member!r} is already in topic {out[member]!r}")
            out[member] = topic
    return out


def _substrings(r: _Reader, value: Any, where: str) -> re.Pattern[str] | None:
    """A pattern that finds any of a list of plain words (in a question)."""
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        r.fail(where, "must be a list of words to look for in a question")
    if not value:
        return None
    return re.compile("|".join(re.escape(ph.lower_text(x.strip())) for x in value))


def _scoring(r: _Reader, top: dict[str, Any]) -> Scoring:
    raw = r.obj(r.need(top, "scoring", ""), "scoring", set(Scoring.__dataclass_fields__))
    s = Scoring(
        half_life_days=r.num(raw, "half_life_days", "scoring", 1.0, 10_000.0),
        staleness_half_life_days=r.num(raw, "staleness_half_life_days", "scoring", 1.0, 10_000.0),
        prior=r.num(raw, "prior", "scoring", 0.0, 100.0),
        min_evidence=r.num(raw, "min_evidence", "scoring", 0.0, 100.0),
        relational_at=r.num(raw, "relational_at", "scoring", 0.5, 1.0),
        transactional_at=r.num(raw, "transactional_at", "scoring", 0.0, 0.5),
        confidence_scale=r.num(raw, "confidence_scale", "scoring", 0.01, 100.0),
        repeat_discount=r.num(raw, "repeat_discount", "scoring", 0.0, 1.0),
        max_reasons=r.num(raw, "max_reasons", "scoring", 1, 1000),
        clear_statement=r.num(raw, "clear_statement", "scoring", 0.0, 10.0),
        superseded_factor=r.num(raw, "superseded_factor", "scoring", 0.0, 1.0),
        one_day_ceiling=r.num(raw, "one_day_ceiling", "scoring", 0.0, 1.0),
        undecided_factor=r.num(raw, "undecided_factor", "scoring", 0.0, 1.0),
        confidence_floor=r.num(raw, "confidence_floor", "scoring", 0.0, 1.0),
        former_factor=r.num(raw, "former_factor", "scoring", 0.0, 1.0),
        outvoted_factor=r.num(raw, "outvoted_factor", "scoring", 0.0, 1.0),
        learned_margin=r.num(raw, "learned_margin", "scoring", 0.0, 1.0),
        min_customer_evidence=(
            r.num(raw, "min_customer_evidence", "scoring", 0.0, 100.0)
            if "min_customer_evidence" in raw
            else 0.0
        ),
        balanced_at=(
            r.num(raw, "balanced_at", "scoring", 0.0, 1.0) if "balanced_at" in raw else 1.0
        ),
        min_rep_sources=(
            r.num(raw, "min_rep_sources", "scoring", 0.0, 100.0)
            if "min_rep_sources" in raw
            else 0.0
        ),
        silent_decider_factor=(
            r.num(raw, "silent_decider_factor", "scoring", 0.0, 1.0)
            if "silent_decider_factor" in raw
            else 1.0
        ),
    )
    if not s.transactional_at < 0.5 < s.relational_at:
        r.fail("scoring", "need transactional_at < 0.5 < relational_at")
    return s


def _modifiers(r: _Reader, top: dict[str, Any], matcher: ph.PhraseMatcher) -> Modifiers:
    raw = r.obj(r.need(top, "modifiers", ""), "modifiers", set(_MODIFIERS))
    built: dict[str, Modifier] = {}
    for name, (kind, keys) in _MODIFIERS.items():
        where = f"modifiers.{name}"
        item = r.obj(r.need(raw, name, "modifiers"), where, {"phrases", *keys})
        phrases = r.phrases(item, "phrases", where)
        for phrase in phrases:
            for tokens in r.expand(phrase, where):
                matcher.add(tokens, kind)
        factor_key = "before_factor" if name == "contrast" else "factor"
        built[name] = Modifier(
            phrases=phrases,
            factor=r.num(item, factor_key, where, -2.0, 2.0) if factor_key in keys else 1.0,
            reach=int(r.num(item, "reach", where, 0, 20)) if "reach" in keys else 0,
            min_tail=int(r.num(item, "min_tail", where, 0, 20)) if "min_tail" in keys else 0,
        )
    return Modifiers(**built)


def _group(r: _Reader, item: Any, index: int, matcher: ph.PhraseMatcher) -> CueGroup:
    where = f"groups[{index}]"
    keys = {
        "id",
        "source",
        "weight",
        "topic",
        "on_negation",
        "in_complaints",
        "phrases",
        "except",
        "question",
    }
    raw = r.obj(item, where, keys)
    gid = r.need(raw, "id", where)
    if not isinstance(gid, str) or not re.fullmatch(r"[a-z]+(\.[a-z_]+)+", gid):
        r.fail(where, 'an "id" looks like "rosen.wants_advice" (lower case, dotted)')
    where = f"groups[{index}] ({gid})"
    source = r.need(raw, "source", where)
    if not isinstance(source, str) or not source.strip():
        r.fail(where, 'needs a "source" naming the literature it comes from')
    weight = r.num(raw, "weight", where, -5.0, 5.0)
    if weight == 0:
        r.fail(where, '"weight" must not be 0')
    topic = raw.get("topic", False)
    if not isinstance(topic, bool):
        r.fail(where, '"topic" must be true or false')
    question = _substrings(r, raw["question"], f"{where}.question") if "question" in raw else None
    phrases = r.phrases(raw, "phrases", where)
    exceptions = r.phrases(raw, "except", where) if "except" in raw else ()
    for phrase in phrases:
        for tokens in r.expand(phrase, where):
            matcher.add(tokens, ph.CUE, index)
    for phrase in exceptions:
        for tokens in r.expand(phrase, where):
            matcher.add(tokens, ph.GROUP_EXCEPTION, index)
    return CueGroup(
        id=gid,
        source=source.strip(),
        weight=weight,
        topic=topic,
        on_negation=r.num(raw, "on_negation", where, -2.0, 2.0),
        phrases=phrases,
        exceptions=exceptions,
        question=question,
        in_complaints=r.num(raw, "in_complaints", where, -2.0, 2.0)
        if "in_complaints" in raw
        else 1.0,
    )


def _behaviour(r: _Reader, top: dict[str, Any]) -> tuple[StageCue, dict[str, BehaviourCue]]:
    raw = r.obj(r.need(top, "behaviour", ""), "behaviour", {"stage", *_BEHAVIOUR})
    st = r.obj(r.need(raw, "stage", "behaviour"), "behaviour.stage", {"source", "weights"})
    weights = r.obj(
        r.need(st, "weights", "behaviour.stage"), "behaviour.stage.weights", set(STAGES)
    )
    stage = StageCue(
        source=r.text(st, "source", "behaviour.stage"),
        weights={k: r.num(weights, k, "behaviour.stage.weights", -5.0, 5.0) for k in STAGES},
    )
    signals: dict[str, BehaviourCue] = {}
    for name, (threshold, extra) in _BEHAVIOUR.items():
        where = f"behaviour.{name}"
        keys = {"source", "weight", threshold} | ({extra} if extra else set())
        item = r.obj(r.need(raw, name, "behaviour"), where, keys)
        signals[name] = BehaviourCue(
            source=r.text(item, "source", where),
            weight=r.num(item, "weight", where, -5.0, 5.0),
            threshold=r.num(item, threshold, where, 0.0, 100_000.0),
            extra=r.num(item, extra, where, -100_000.0, 100_000.0) if extra else 0.0,
        )
    return stage, signals


class _Reader:
    """Small validating accessors; every failure names the file and the place."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, message: str) -> NoReturn:
        place = f"{self.name}, {where}" if where else self.name
        raise ValidationError(f"Cue file {place}: {message}.")

    def obj(self, value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "must be an object")
        unknown = sorted(set(value) - allowed)
        if unknown:
            self.fail(where, f'unknown key "{unknown[0]}"')
        return value

    def need(self, data: dict[str, Any], key: str, where: str) -> Any:
        if key not in data:
            self.fail(where, f'missing "{key}"')
        return data[key]

    def num(self, data: dict[str, Any], key: str, where: str, lo: float, hi: float) -> float:
        value = self.need(data, key, where)
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            self.fail(where, f'"{key}" must be a number from {lo:g} to {hi:g}')
        return float(value)

    def text(self, data: dict[str, Any], key: str, where: str) -> str:
        value = self.need(data, key, where)
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f'"{key}" must be a non-empty text')
        return value.strip()

    def phrases(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = self.need(data, key, where)
        if not isinstance(value, list) or not value:
            self.fail(where, f'"{key}" must be a non-empty list of phrases')
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(where, f'"{key}" holds an empty or non-text phrase')
        return tuple(ph.lower_text(p.strip()) for p in value)

    def expand(self, phrase: str, where: str) -> list[tuple[str, ...]]:
        """All token sequences a phrase stands for (see the file's ``about``)."""
        raw_slots = _SLOT.findall(phrase)
        if "".join(raw_slots).replace(" ", "") != phrase.replace(" ", ""):
            self.fail(where, f'phrase "{phrase}" has unbalanced braces')
        slots: list[list[tuple[str, ...]]] = []
        for n, slot in enumerate(raw_slots):
            optional = len(slot) > 1 and slot.endswith("?")
            body = slot[:-1] if optional else slot
            if body.startswith("{"):
                alternatives = [tuple(a.split()) for a in body[1:-1].split("|")]
            else:
                alternatives = []
                for alt in body.split("/"):
                    m = _SUFFIX.fullmatch(alt)
                    alternatives += [(m.group(1),), (m.group(1) + m.group(2),)] if m else [(alt,)]
            for alt in alternatives:
                if not alt:
                    self.fail(where, f'phrase "{phrase}" has an empty alternative')
                for word in alt:
                    if word == ph.ANCHOR and (n > 0 or optional or len(alternatives) > 1):
                        self.fail(
                            where, f'phrase "{phrase}": ^ may only stand alone as the first word'
                        )
                    if not (
                        word in (ph.WILDCARD, ph.END, ph.ANCHOR)
                        or word in ph.PUNCTUATION
                        or ph.WORD_RE.fullmatch(word)
                    ):
                        self.fail(where, f'phrase "{phrase}": "{word}" is not a word')
            slots.append(alternatives + ([()] if optional else []))
        count = 1
        for options in slots:
            count *= len(options)
        if count > MAX_EXPANSIONS:
            self.fail(where, f'phrase "{phrase}" stands for too many variants ({count})')
        out = []
        for combo in itertools.product(*slots):
            tokens = tuple(t for part in combo for t in part)
            if not tokens or tokens[0] in (ph.WILDCARD, ph.END) or tokens == (ph.ANCHOR,):
                self.fail(where, f'phrase "{phrase}" must start with a word')
            out.append(tokens)
        return out
