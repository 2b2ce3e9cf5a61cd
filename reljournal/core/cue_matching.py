"""Reading language as people write it: find cue phrases in a text and weigh each
one by what surrounds it (negation, contrast, hedges, comparisons, tense, who is
speaking).

Phrases are matched on word tokens through a trie built once per cue file, so a
text is tokenised once and each word costs one dictionary lookup; the slower
clause analysis runs only for texts that contain a cue. The analysis follows the
NegEx idea (a trigger negates what follows it up to a scope break) extended with
post-posed negations ("meetings are not needed"), contrast ("price matters, but
more than that ..." - the clause after the marker dominates) and concession
("although price matters, ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from reljournal.core.cues import Cues

# Kinds of phrase in the trie.
CUE: Final = 0
NEGATION: Final = 1
PSEUDO_NEGATION: Final = 2
POST_NEGATION: Final = 3
HEDGE: Final = 4
CONTRAST: Final = 5
CONTRAST_EXCEPTION: Final = 6
CONCESSION: Final = 7
DEMOTER: Final = 8
PAST: Final = 9
INTENSIFIER: Final = 10
INTENT: Final = 11
REP_ACTION: Final = 12
NEUTRALIZER: Final = 13
SCOPE_BREAK: Final = 14
PURCHASE: Final = 15
GROUP_EXCEPTION: Final = 16
ANSWER_YES: Final = 17
ANSWER_NO: Final = 18

# Where a text comes from.
SOURCE_ANSWER: Final = "answer"
SOURCE_NOTE: Final = "note"
SOURCE_TITLE: Final = "title"
SOURCE_COMMITMENT: Final = "commitment"

WILDCARD: Final = "*"
ANCHOR: Final = "^"
END: Final = "<end>"

# Words (with inner apostrophes), line breaks, free-standing dashes, punctuation.
TOKEN_RE: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)*|\n|(?<=\s)[-–—]+(?=\s)|[.,;:!?()\"“”–—]")
WORD_RE: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
PUNCTUATION: Final = frozenset(
    {"\n", "-", "–", "—", ".", ",", ";", ":", "!", "?", "(", ")", '"', "“", "”"}
)
SENTENCE_END: Final = frozenset({".", "!", ";", "\n"})
ANCHOR_AFTER: Final = SENTENCE_END | {"?", ":", "-", "–", "—"}
CLAUSE_PUNCT: Final = PUNCTUATION
END_TOKENS: Final = frozenset({".", "!", ";", "\n", ",", "?", ":", "-", "–", "—"})
QUOTE_MARKS: Final = frozenset({'"', "“", "”"})


class _Node:
    __slots__ = ("children", "payloads")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.payloads: list[int] = []


class PhraseMatcher:
    """A token trie of every phrase in a cue file (cues and modifiers alike)."""

    def __init__(self) -> None:
        self._root = _Node()
        self.kinds: list[int] = []
        self.groups: list[int] = []
        self.cue_first: set[str] = set()

    def add(self, tokens: tuple[str, ...], kind: int, group: int = -1) -> None:
        node = self._root
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        self.kinds.append(kind)
        self.groups.append(group)
        node.payloads.append(len(self.kinds) - 1)
        if kind in (CUE, PURCHASE):
            self.cue_first.add(tokens[1] if tokens[0] == ANCHOR else tokens[0])

    def find(self, toks: list[str]) -> list[tuple[int, int, int]]:
        """Every (start, end, payload) match; phrases may overlap."""
        found: list[tuple[int, int, int]] = []
        children = self._root.children
        anchored = children.get(ANCHOR)
        at_start = True
        for i, tok in enumerate(toks):
            node = children.get(tok)
            if node is not None:
                self._walk(node, toks, i, i + 1, found)
            if at_start and anchored is not None:
                self._walk(anchored, toks, i, i, found)
            at_start = tok in ANCHOR_AFTER
        return found

    @staticmethod
    def _walk(
        node: _Node, toks: list[str], start: int, j: int, out: list[tuple[int, int, int]]
    ) -> None:
        stack = [(node, j)]
        n = len(toks)
        while stack:
            node, j = stack.pop()
            for payload in node.payloads:
                out.append((start, j, payload))
            if j >= n or not node.children:
                continue
            tok = toks[j]
            for key in (tok, WILDCARD, END if tok in END_TOKENS else None):
                if key is not None:
                    child = node.children.get(key)
                    if child is not None and not (key == WILDCARD and tok in PUNCTUATION):
                        stack.append((child, j + 1))


def lower_text(text: str) -> str:
    """Lower case with the same length (so token offsets map back), straight apostrophes."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'").replace("‘", "'")


@dataclass(frozen=True, slots=True)
class TextHit:
    """One cue found in a text, weighed by its context (group weight and age aside)."""

    group: int
    factor: float
    quote: str


Span = tuple[int, int]


def analyse_text(
    text: str, cues: Cues, source: str, allowed_scoped: frozenset[int] = frozenset()
) -> tuple[list[TextHit], bool]:
    """The cues in ``text`` and whether it mentions a purchase.

    ``allowed_scoped`` lists the question-scoped groups that apply (answers only).
    """
    if not text:
        return [], False
    lower = lower_text(text)
    toks: list[str] = TOKEN_RE.findall(lower)
    matcher = cues.matcher
    if not toks or matcher.cue_first.isdisjoint(toks):
        return [], False
    toks.append("\n")  # sentinel: the end of the text ends a sentence
    purchase = False
    cue_spans: list[tuple[int, int, int]] = []
    mods: list[tuple[int, int, int]] = []
    exceptions: list[tuple[int, int, int]] = []
    for start, end, payload in matcher.find(toks):
        kind = matcher.kinds[payload]
        if kind == CUE:
            group = matcher.groups[payload]
            if cues.groups[group].question is None or group in allowed_scoped:
                cue_spans.append((start, end, group))
        elif kind == PURCHASE:
            purchase = True
        elif kind == GROUP_EXCEPTION:
            exceptions.append((start, end, matcher.groups[payload]))
        else:
            mods.append((start, end, kind))
    if not cue_spans:
        return [], purchase
    cue_spans = [
        c
        for c in _outermost(cue_spans)
        if not any(g == c[2] and s <= c[0] and c[1] <= e for s, e, g in exceptions)
    ]
    return _Analysis(text, lower, toks, _outermost(mods), cues, source).hits(cue_spans), purchase


def _outermost(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop every match that lies strictly inside a longer one ("not sure" hides "not")."""
    return [
        a
        for a in spans
        if not any(b[0] <= a[0] and a[1] <= b[1] and (b[1] - b[0]) > (a[1] - a[0]) for b in spans)
    ]


class _Analysis:
    """The context of one text: sentences, clauses and modifier positions."""

    def __init__(
        self,
        text: str,
        lower: str,
        toks: list[str],
        mods: list[tuple[int, int, int]],
        cues: Cues,
        source: str,
    ) -> None:
        self.text, self.lower, self.toks, self.cues, self.source = text, lower, toks, cues, source
        self.by_kind: dict[int, list[Span]] = {}
        for start, end, kind in mods:
            self.by_kind.setdefault(kind, []).append((start, end))
        self.neg_ends = {end for _, end in self.by_kind.get(NEGATION, ())}
        pseudo = self.by_kind.get(PSEUDO_NEGATION, ())
        for k, tok in enumerate(toks):  # any "n't" negates (don't, isn't, wouldn't ...)
            if tok.endswith("n't") and not any(s <= k < e for s, e in pseudo):
                self.neg_ends.add(k + 1)
        self.breaks = {start for start, _ in self.by_kind.get(SCOPE_BREAK, ())}
        self.sentence_of: list[int] = []
        self.sentences: list[Span] = []
        start = 0
        for k, tok in enumerate(toks):
            self.sentence_of.append(len(self.sentences))
            if tok in SENTENCE_END:
                self.sentences.append((start, k))
                start = k + 1
        self._spans: list[Span] | None = None

    def _mods(self, kind: int) -> list[Span]:
        return self.by_kind.get(kind, [])

    def hits(self, cue_spans: list[tuple[int, int, int]]) -> list[TextHit]:
        groups, discount = self.cues.groups, self.cues.scoring.repeat_discount
        found = []  # (start, group, factor, regions after a contrast marker)
        for i, j, group in cue_spans:
            factor, regions = self._factor(i, j, group)
            if factor != 0.0:
                found.append((i, group, factor, regions))
        # Contrast: in "X, but Y" the clause after the marker dominates - when it
        # disagrees with X ("price matters, but more than that we want expertise");
        # "not sure how often, but yes" leaves X as it is.
        signed = [groups[g].weight * f for _, g, f, _ in found]
        best: dict[tuple[int, int], tuple[float, int]] = {}  # (sentence, group) -> strongest
        for n, (i, group, factor, regions) in enumerate(found):
            if any(
                a <= found[k][0] < b and signed[k] * signed[n] < 0
                for a, b in regions
                for k in range(len(found))
            ):
                factor *= self.cues.modifiers.contrast.factor
            key = (self.sentence_of[i], group)
            if key not in best or abs(factor) > abs(best[key][0]):
                best[key] = (factor, i)
        # One sentence is one statement: several groups it touches count less and less.
        ranked = sorted(
            best.items(), key=lambda kv: (kv[0][0], -abs(groups[kv[0][1]].weight * kv[1][0]))
        )
        out = []
        seen: dict[tuple[int, bool], int] = {}
        for (sentence, group), (factor, _) in ranked:
            side = (sentence, groups[group].weight * factor > 0)
            k = seen.get(side, 0)
            seen[side] = k + 1
            out.append(TextHit(group, factor * discount**k, self._quote(sentence)))
        return out

    def _factor(self, i: int, j: int, group: int) -> tuple[float, list[Span]]:
        cues, toks, m = self.cues, self.toks, self.cues.modifiers
        sid = self.sentence_of[i]
        s, e = self.sentences[sid]
        factor = 1.0
        contrasts = [
            (a, b) for a, b in self._mods(CONTRAST) if s <= a < e and e - b >= m.contrast.min_tail
        ]
        regions = [(b, e) for a, b in contrasts if a >= j]
        if sid + 1 < len(self.sentences) and self._next_sentence_contrasts(sid):
            regions.append(self.sentences[sid + 1])
        cs = max([s] + [b for _, b in contrasts if b <= i])
        ce = min([e] + [a for a, _ in contrasts if a >= j])
        # Concession: "Although price matters, we want ..." demotes the concessive clause.
        for a, b in self._mods(CONCESSION):
            if s <= a < i and (a == s or toks[a - 1] in CLAUSE_PUNCT) and "," not in toks[b:i]:
                factor *= m.concession.factor
                break
        if self._negated(i, j, cs, ce):
            factor *= cues.groups[group].on_negation
        if any(cs <= a < ce for a, _ in self._mods(HEDGE)) or (
            self.source != SOURCE_ANSWER and "?" in toks[j : min(ce, j + 3)]
        ):
            factor *= m.hedge.factor
        if self._before(DEMOTER, i, cs, m.demoter.reach):
            factor *= m.demoter.factor
        if any(cs <= a < i for a, _ in self._mods(PAST)):
            factor *= m.past.factor
        if self._before(INTENSIFIER, i, cs, m.intensifier.reach):
            factor *= m.intensifier.factor
        if self._before(NEUTRALIZER, i, cs, m.neutralizer.reach):
            return 0.0, []
        return factor * self._source_factor(i, group, cs), regions

    def _next_sentence_contrasts(self, sid: int) -> bool:
        if sid + 1 >= len(self.sentences):
            return False
        start = self.sentences[sid + 1][0]
        return any(a == start for a, _ in self._mods(CONTRAST))

    def _negated(self, i: int, j: int, cs: int, ce: int) -> bool:
        m = self.cues.modifiers
        # A trigger before the cue, within reach, with no scope break in between.
        for k in range(i - 1, max(cs, i - m.negation.reach) - 1, -1):
            if k + 1 in self.neg_ends:
                return True
            if self.toks[k] in CLAUSE_PUNCT or k in self.breaks:
                break
        # A post-posed negation right after it: "reports, not needed", "price is no object".
        for a, _ in self._mods(POST_NEGATION):
            if j <= a <= j + m.post_negation.reach and a < ce:
                between = self.toks[j:a]
                if not any(t in SENTENCE_END for t in between) and not any(
                    k in self.breaks for k in range(j, a)
                ):
                    return True
        return False

    def _before(self, kind: int, i: int, cs: int, reach: int) -> bool:
        return any(a >= cs and i - reach <= b <= i for a, b in self._mods(kind))

    def _source_factor(self, i: int, group: int, cs: int) -> float:
        sources, m = self.cues.sources, self.cues.modifiers
        if self.source == SOURCE_ANSWER:
            return sources.answer  # the customer's own words (Rosen: ask them)
        if self.source == SOURCE_TITLE:
            return sources.title
        if self.source == SOURCE_COMMITMENT:
            return sources.commitment
        # Notes are the rep's words: a cue quoted from the customer, or stated as what
        # the customer wants, counts more than a topic merely mentioned.
        if sum(1 for t in self.toks[:i] if t in QUOTE_MARKS) % 2 == 1:
            factor = sources.quoted
        elif not self.cues.groups[group].topic or any(
            cs <= a and b <= i for a, b in self._mods(INTENT)
        ):
            factor = sources.note_statement
        else:
            factor = sources.note_mention
        if any(cs <= a < i for a, _ in self._mods(REP_ACTION)):
            factor *= m.rep_action.factor  # the rep's doing, not the customer's wish
        return factor

    def _quote(self, sid: int) -> str:
        if self._spans is None:
            self._spans = [mt.span() for mt in TOKEN_RE.finditer(self.lower)]
        spans = self._spans
        s, e = self.sentences[sid]
        last = e if e < len(spans) and self.toks[e] in (".", "!") else e - 1
        while last > s and self.toks[last] in (",", ";", ":", "-", "–", "—", "\n", "("):
            last -= 1
        return self.text[spans[s][0] : spans[last][1]].strip()


def answer_polarity(text: str, cues: Cues) -> tuple[int, str]:
    """Whether an answer opens with a bare yes (+1) or no (-1), and that opening sentence.

    "Not really needed." in answer to "Where could our advice help you most?" says
    no to the question's topic; the classifier then reads the question for it.
    """
    lower = lower_text(text)
    toks: list[str] = TOKEN_RE.findall(lower)[:8]
    if not toks:
        return 0, ""
    toks.append("\n")
    matcher = cues.matcher
    polarity = 0
    for start, _, payload in matcher.find(toks):
        kind = matcher.kinds[payload]
        if start == 0 and kind in (ANSWER_YES, ANSWER_NO):
            polarity = 1 if kind == ANSWER_YES else -1
    if not polarity:
        return 0, ""
    spans = [mt.span() for mt in TOKEN_RE.finditer(lower)]
    last = 0
    while last + 1 < len(spans) and lower[spans[last][0] : spans[last][1]] not in SENTENCE_END | {
        "?"
    }:
        last += 1
    if lower[spans[last][0] : spans[last][1]] == "\n":
        last = max(0, last - 1)
    return polarity, text[spans[0][0] : spans[last][1]].strip()
