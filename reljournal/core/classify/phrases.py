"""Phrases as token tries: the kinds of phrase a cue file holds, tokenising, and the
``PhraseMatcher`` that finds every phrase of a cue file in a tokenised text.

Shared by ``cues`` (which compiles a cue file into a matcher) and ``cue_matching``
(which reads texts with it); it imports neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

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
REJECTION: Final = 19
EVALUATION: Final = 20  # a verdict after the thing judged: "... and it was a waste of time"
SARCASM: Final = 21  # "Oh sure, I'd love a quarterly review": the sentence means the opposite
INDIRECT: Final = 22  # "he never said whether he wants visits": a question reported, no stance

# How a cue is negated.
NOT_NEGATED: Final = 0
ABSENT: Final = 1  # "no reports", "they never visited"
REJECTED: Final = 2  # "too many meetings", "tired of reports"

# Words between two negations that cancel: "no reason not to keep", "no way not to".
BETWEEN_NEGATIONS: Final = frozenset({"reason", "way", "point"})

# Where a text comes from.
SOURCE_ANSWER: Final = "answer"
SOURCE_NOTE: Final = "note"
SOURCE_TITLE: Final = "title"

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
# Frequent words never chosen as a phrase's key word for the quick "could this
# sentence hold a cue at all" test (a speed matter only, not a cue).
_COMMON: Final = frozenset(
    "a about after again all also an and any are as at be been before being but by can "
    "could did do does doesn't don't for from had has have he her him his how i i'll i'm "
    "if in into is it its just me more most my next no not now of on one only or our out "
    "over she so some than that the their them then there these they this those to too "
    "up us very was we we'll we're were what when where which who will with would you "
    "your".split()
)
_FIRST_SENTENCE_END: Final = re.compile(r"[.!?](?=\s|$)|\n")

# Shorthand and contractions typed without an apostrophe, as reps write on the road
# ("px", "u", "w/", "qtrly", "dont", "ill email a PO"): read as the words they stand
# for, in the text and in the cue phrases alike. Only forms with one reading in a
# sales note ("were", "well", "id", "its", "wed" are left alone).
ALIASES: Final = {
    "px": "price",
    "pxs": "prices",
    "u": "you",
    "ur": "your",
    "w": "with",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "b4": "before",
    "thru": "through",
    "tho": "though",
    "bc": "because",
    "cuz": "because",
    "mtg": "meeting",
    "mtgs": "meetings",
    "wk": "week",
    "wks": "weeks",
    "wkly": "weekly",
    "mthly": "monthly",
    "qtr": "quarter",
    "qtrs": "quarters",
    "qtrly": "quarterly",
    "yr": "year",
    "yrs": "years",
    "yrly": "yearly",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "wont": "won't",
    "cant": "can't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "couldnt": "couldn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "aint": "ain't",
    "im": "i'm",
    "ive": "i've",
    "ill": "i'll",
    "youre": "you're",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
}


def tokens(lower: str) -> list[str]:
    """The tokens of lower-cased text (see ``lower_text``), shorthand spelt out (one token
    for one token, so positions stay those of the text)."""
    return [ALIASES.get(t, t) for t in TOKEN_RE.findall(lower)]


class _Node:
    __slots__ = ("children", "payloads", "open_ended")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.payloads: list[int] = []
        self.open_ended = False  # has a wildcard or <end> child


class PhraseMatcher:
    """Two token tries built from a cue file: the cue phrases (and purchase mentions),
    and the modifiers, which are only looked for in a text that holds a cue."""

    def __init__(self) -> None:
        self._cues = _Node()
        self._modifiers = _Node()
        self.kinds: list[int] = []
        self.groups: list[int] = []
        self.cue_keys: set[str] = set()

    def add(self, tokens: tuple[str, ...], kind: int, group: int = -1) -> None:
        node = self._cues if kind in (CUE, PURCHASE) else self._modifiers
        tokens = tuple(ALIASES.get(t, t) for t in tokens)
        for token in tokens:
            node.open_ended = node.open_ended or token in (WILDCARD, END)
            node = node.children.setdefault(token, _Node())
        self.kinds.append(kind)
        self.groups.append(group)
        node.payloads.append(len(self.kinds) - 1)
        if kind in (CUE, PURCHASE):
            # Every token of a phrase must be present for it to match, so a sentence
            # without any phrase's longest (rarest) word can be skipped at once.
            words = [t for t in tokens if t not in (ANCHOR, WILDCARD, END) and t not in PUNCTUATION]
            content = [t for t in words if t not in _COMMON] or words
            self.cue_keys.add(max(content, key=len) if content else tokens[-1])

    def find_cues(self, toks: list[str], anchored: bool = True) -> list[tuple[int, int, int]]:
        return self._find(self._cues, toks, anchored)

    def find_modifiers(self, toks: list[str], anchored: bool = True) -> list[tuple[int, int, int]]:
        return self._find(self._modifiers, toks, anchored)

    def _find(self, root: _Node, toks: list[str], anchored: bool) -> list[tuple[int, int, int]]:
        """Every (start, end, payload) match; phrases may overlap. ``toks`` must end
        with a sentence end. ``anchored`` also tries the phrases that start with ^."""
        found: list[tuple[int, int, int]] = []
        children = root.children
        walk = self._walk
        for i in [k for k, tok in enumerate(toks) if tok in children]:
            node = children[toks[i]]
            for payload in node.payloads:
                found.append((i, i + 1, payload))
            if node.open_ended or toks[i + 1] in node.children:
                walk(node, toks, i, i + 1, found)
        caret = children.get(ANCHOR)
        if anchored and caret is not None:
            starts = [0] + [k + 1 for k, tok in enumerate(toks[:-1]) if tok in ANCHOR_AFTER]
            for i in starts:
                walk(caret, toks, i, i, found)
        return found

    @staticmethod
    def _walk(
        node: _Node, toks: list[str], start: int, j: int, out: list[tuple[int, int, int]]
    ) -> None:
        """Extend a match from ``node`` (whose own payloads the caller has taken)."""
        stack = [(node, j)]
        n = len(toks)
        first = True
        while stack:
            node, j = stack.pop()
            if first:
                first = False
            else:
                for payload in node.payloads:
                    out.append((start, j, payload))
            kids = node.children
            if j >= n or not kids:
                continue
            tok = toks[j]
            child = kids.get(tok)
            if child is not None:
                stack.append((child, j + 1))
            if node.open_ended:
                if tok not in PUNCTUATION and WILDCARD in kids:
                    stack.append((kids[WILDCARD], j + 1))
                if tok in END_TOKENS and END in kids:
                    stack.append((kids[END], j + 1))


def lower_text(text: str) -> str:
    """Lower case with the same length (so token offsets map back), straight apostrophes."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'").replace("‘", "'")


@dataclass(frozen=True, slots=True)
class SentenceReading:
    """What one sentence says: the strongest factor per cue group, whether it opens
    with a contrast marker ("But more than that, ...") and mentions a purchase."""

    hits: tuple[tuple[int, float], ...] = ()
    leading_contrast: bool = False
    purchase: bool = False


# A dictated memo or a machine transcript often has no punctuation at all: a run of
# words that long is cut before the words that start a new clause when spoken, so that
# negation, hedges and contrast stay within what was said together. The pieces are
# the text's own substrings (a reason quotes them verbatim).
RUN_ON_WORDS: Final = 18
_RUN_ON_CUT: Final = re.compile(
    r"(?<=\S)(?=\s+(?:but|so|and then|anyway|also|because|though|although|however|"
    r"um+|uh+|okay|ok|well|plus|then again|on the other hand|other than that|"
    r"(?:he|she|they) (?:said|says|told|tells|asked|asks)|if|"
    # someone else reported: "... carlos says he wants a program"
    r"(?!(?:never|also|just|always|only|even|already|then|and|but|who|that|it|i|you|we|"
    r"he|she|they|has|have|had|what|as|once|again)\b)[a-z]+ (?:says|said))\b)"
    # a new subject and its verb, unless it is what was just reported ("he said he ...")
    r"|(?<=\S)(?<!said)(?<!says)(?<!told)(?<!that)(?<!\bme)(?<!\bus)(?<!whether)(?<!\bif)"
    r"(?=\s+(?:he|she|they) "
    r"(?:doesnt|doesn't|dont|don't|didnt|didn't|wont|won't|wouldnt|wouldn't|isnt|isn't|"
    r"wants|want|needs|need|buys|buy|likes|like|thinks|think|reckons)\b)",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"\w+")


# A sentence end spoken into a dictated note: "... next week full stop new line ...".
_DICTATED_END: Final = re.compile(
    r"(?<=\bfull stop)(?=\s)|(?<=\bnew line)(?=\s)|(?<=\bnew paragraph)(?=\s)", re.IGNORECASE
)
_DICTATED_WORDS: Final = ("full stop", "new line", "new paragraph")


def dictated(text: str) -> bool:
    """Whether ``text`` says its sentence ends aloud ("full stop", "new line")."""
    low = text.lower()
    return any(words in low for words in _DICTATED_WORDS)


def split_dictated(text: str) -> list[str]:
    """``text`` cut after each sentence end said aloud (its own substrings, in order)."""
    return _DICTATED_END.split(text)


def split_run_on(piece: str) -> list[str]:
    """``piece`` cut into clauses when it is a long run of words without a sentence end."""
    if len(_WORD.findall(piece)) <= RUN_ON_WORDS:
        return [piece]
    return [p for p in _RUN_ON_CUT.split(piece) if p]
