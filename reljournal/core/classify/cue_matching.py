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

import bisect
import itertools
import re
from typing import Final, NamedTuple

from reljournal.core.classify.cues import Cues
from reljournal.core.classify.phrases import (
    _FIRST_SENTENCE_END,
    ABSENT,
    ANSWER_NO,
    ANSWER_YES,
    BETWEEN_NEGATIONS,
    CLAUSE_PUNCT,
    CONCESSION,
    CONTRAST,
    DEMOTER,
    EVALUATION,
    GROUP_EXCEPTION,
    HEDGE,
    INDIRECT,
    INTENSIFIER,
    INTENT,
    NEGATION,
    NEUTRALIZER,
    NOT_NEGATED,
    PAST,
    POST_NEGATION,
    PSEUDO_NEGATION,
    PUNCTUATION,
    PURCHASE,
    QUOTE_MARKS,
    REJECTED,
    REJECTION,
    REP_ACTION,
    SARCASM,
    SCOPE_BREAK,
    SENTENCE_END,
    SOURCE_ANSWER,
    SOURCE_TITLE,
    TOKEN_RE,
    WORD_RE,
    SentenceReading,
    dictated,
    lower_text,
    split_dictated,
    split_run_on,
)
from reljournal.core.classify.phrases import tokens as ph_tokens


class TextHit(NamedTuple):
    """One cue found in a text, weighed by its context (group weight and age aside)."""

    group: int
    factor: float
    quote: str


_NOTHING: Final = SentenceReading()
# After each sentence end (not a decimal point or a numbered field's: "19.40", "3.1 Contact:").
_SENTENCE_SPLIT: Final = re.compile(r"(?<=[!;\n])|(?<=\.)(?!\d)")
CACHE_LIMIT: Final = 200_000
# A sentence that puts what it says above the sentence before: "More than that, though,
# we need someone who comes back", "More importantly, ...", "The visits, though, ...".
_RANKS_ABOVE: Final = (
    r"\s*(?:more\s+than\s+that|more\s+importantly|(?:even\s+)?more\s+important(?:ly)?\s*,"
    r"|above\s+all|(?:[\w'’]+[ \t,]+){1,3}though\s*,)"
)
_LEADS_ABOVE: Final = re.compile(_RANKS_ABOVE, re.IGNORECASE)
_LEADING_CONTRAST: Final = re.compile(
    r"\s*(?:but|however|yet|that said|having said that|then again)\b"
    # "But so does someone who answers the phone": adds to it, takes nothing away
    r"(?!\s+(?:so|also|equally|just as|as much|then again)\b)|" + _RANKS_ABOVE,
    re.IGNORECASE,
)

Span = tuple[int, int]
# The words that open a question asking for information (not a request, "can we ...?",
# nor a rhetorical "why would I ...?").
_INFO_QUESTION: Final = frozenset(
    "what what's whats which when where how is are was does do did has have any".split()
)


def analyse_text(
    text: str,
    cues: Cues,
    source: str,
    allowed_scoped: frozenset[int] = frozenset(),
    title: str = "",
    complaint: bool = False,
) -> tuple[list[TextHit], bool]:
    """The cues in ``text`` and whether it mentions a purchase.

    ``allowed_scoped`` lists the question-scoped groups that apply (answers only).
    An entry's ``title`` is read with its notes, as lines that count as a title.
    ``complaint`` marks an answer about what went wrong with past suppliers.
    Negation, hedges and clauses never reach past a sentence, so each sentence is
    read on its own (and remembered: journals repeat themselves); only a following
    sentence that opens with "But ..." and being inside a quotation cross over.
    """
    scoped = allowed_scoped if source == SOURCE_ANSWER else frozenset()
    complaint = complaint and source == SOURCE_ANSWER
    cache = cues.sentence_cache
    readings: list[tuple[str, SentenceReading]] = []
    quotes = '"' in text or "“" in text or "”" in text
    in_quote = False
    purchase = found = False
    # Keys are plain strings, which the garbage collector need not track.
    scope = _scope_key(scoped) + ("!" if complaint else "") + "|"
    for src, part in ((SOURCE_TITLE, title), (source, text)):
        if not part:
            continue
        prefixes = (f"{src[0]}0{scope}", f"{src[0]}1{scope}")
        for piece in (clause for whole in _sentences(part) for clause in split_run_on(whole)):
            if not piece or piece.isspace():
                continue
            key = prefixes[in_quote] + piece
            reading = cache.get(key)
            if reading is None:
                reading = _read_sentence(piece, cues, src, scoped, in_quote, complaint)
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                cache[key] = reading
            if reading is not _NOTHING:
                purchase = purchase or reading.purchase
                found = found or bool(reading.hits)
            readings.append((piece, reading))
            if quotes and sum(piece.count(q) for q in QUOTE_MARKS) % 2:
                in_quote = not in_quote
    if not found:
        return [], purchase
    hits: list[TextHit] = []
    groups, m = cues.groups, cues.modifiers
    cold = False  # a transactional cue said earlier in this text
    for n, (piece, reading) in enumerate(readings):
        if not reading.hits:
            continue
        overruled: set[bool] = set()  # signs that a following "But ..." sentence contradicts
        if n + 1 < len(readings):
            following, next_reading = readings[n + 1]
            if next_reading.leading_contrast or (
                next_reading.hits and _LEADS_ABOVE.match(following)
            ):
                overruled = {groups[g].weight * f < 0 for g, f in next_reading.hits}
            elif not next_reading.hits and _LEADING_CONTRAST.match(following):
                # "Margins are thin. But what really kills us is ...": the point comes
                # after the "but", even where this reading finds no cue in it.
                overruled = {True, False}
        # "A fella came in with a cheaper price list. I told him I'm not interested.":
        # the offer turned away is the other supplier's, so what it stood for is refused.
        refused = n + 1 < len(readings) and _TURNED_AWAY.match(readings[n + 1][0]) is not None
        # "I've had suppliers who just turn up when I ring. I won't go back to that.": what
        # the sentence before describes is what they will not have again.
        never_again = n + 1 < len(readings) and _NEVER_AGAIN.match(readings[n + 1][0]) is not None
        # "Oh brilliant. Another strategic partnership review.": mockery said on its own
        # turns down the offer named next, echoed in a few words.
        mocked = (
            n > 0
            and _MOCK_ALONE.match(readings[n - 1][0]) is not None
            and _ECHOED_OFFER.match(piece) is not None
        ) or (
            # "Wonderful. Another monthly meeting.": "another" makes the praise mockery
            n > 0
            and _PRAISE_ALONE.match(readings[n - 1][0]) is not None
            and _ANOTHER_OFFER.match(piece) is not None
        )
        # "Ooh, a strategic partnership day, how thrilling, I can barely wait.": mockery
        # at the end of the sentence itself
        mocked = (
            mocked
            or _MOCK_TAIL.match(piece) is not None
            or _DOES_ITSELF.search(piece) is not None
            or _RIGHT_ONTO_IT.match(piece) is not None
        )
        # "A quarterly review of our pillowcases. Gosh, I can hardly wait.": mockery said
        # right after turns down what the sentence before offered.
        mocked = mocked or (
            n + 1 < len(readings) and _MOCK_AFTER.match(readings[n + 1][0]) is not None
        )
        # "Quarterly review. Super. Exactly this was missing in my life.": past one word
        mocked = mocked or (
            n + 2 < len(readings)
            and len(readings[n + 1][0].split()) == 1
            and _MOCK_AFTER.match(readings[n + 2][0]) is not None
        )
        if n + 1 < len(readings) and dismisses(readings[n + 1][0]):
            continue  # "Price matters, sure. It isn't why we stay.": waved aside
        if dismisses_itself(piece) or _DENIED_CLAIM.match(piece):
            continue  # "Your pricing was fine, but that isn't the point.": likewise
        if n + 1 < len(readings) and concedes(piece):
            continue  # "It's not that I don't like the visits. I just ...": granted, then
        away = _TURNED_AWAY.match(piece) is not None  # a refusal, but not of us
        # "The lunches, the newsletters, the visits, I can do without.": what comes first
        # is what the end of the sentence turns down.
        fronted = refuses_what_went_before(piece)
        # "Same man, same days. That's all I want from you.": "that's all" sums up what
        # was just said; it says "nothing more" only after something transactional.
        summing_up = not cold and _SUMMING_UP.match(piece) is not None
        weighed = []
        for group, factor in reading.hits:
            if away and groups[group].id == _DECLINED:
                continue
            if summing_up and groups[group].id == _MINIMAL:
                continue
            if (groups[group].weight * factor > 0) in overruled:
                factor *= m.contrast.factor
            if refused and groups[group].weight * factor < 0:
                factor *= groups[group].on_negation
            if mocked and groups[group].weight * factor > 0:
                factor *= groups[group].on_negation
            if never_again:
                # Not again is a no, even to what a negation would only void ("just turn
                # up when I ring" - satisfied with little - is wanting more).
                factor *= min(groups[group].on_negation, _NOT_AGAIN_FACTOR)
            # What is turned down is what was offered: not "please cancel the reviews, we
            # don't need them" (already a no), nor the turning down itself.
            if fronted and factor > 0 and groups[group].weight > 0:
                factor *= groups[group].on_negation
            weighed.append((group, factor))
        # One sentence is one statement: several groups it touches count less and less.
        weighed.sort(key=lambda gf: -abs(groups[gf[0]].weight * gf[1]))
        quote = piece.strip().rstrip(",;:-–—(").strip()
        seen: dict[bool, int] = {}
        for group, factor in weighed:
            side = groups[group].weight * factor > 0
            k = seen.get(side, 0)
            seen[side] = k + 1
            hits.append(TextHit(group, factor * cues.scoring.repeat_discount**k, quote))
            cold = cold or not side
    return hits, purchase


def _sentences(text: str) -> list[str]:
    """The sentences of ``text``, and of a dictated one at each end said aloud too."""
    pieces = _SENTENCE_SPLIT.split(text)
    if not dictated(text):
        return pieces
    return [sentence for piece in pieces for sentence in split_dictated(piece)]


_DECLINED: Final = "behaviour.declined"
_MINIMAL: Final = "rosen.minimal"
# Speed, availability and lead times: asked for along with a price, an errand too.
_SATISFACTION: Final = "garbarino.satisfaction"
_SUMMING_UP: Final = re.compile(
    r"\s*(?:[-–—\"“]\s*)?(?:and\s+|so\s+)?(?:that'?s|that\s+is|thats)\s+(?:it|all)\b", re.IGNORECASE
)
# A sentence that turns someone else's offer away: "I told him I'm not interested."
_TURNED_AWAY: Final = re.compile(
    r"\s*(?:[-–—\"“]\s*)?(?:(?:so|and|but)\s+)?(?:(?:i|we)\s+)?"
    r"(?:told|sent|showed)\s+(?:him|her|them|the\s+(?:lad|fella|guy|rep|man|woman))\b"
    r"|\s*(?:(?:so|and|but)\s+)?(?:i|we)\s+(?:said\s+no|turned\s+(?:it|him|her|them)\s+down)"
    # "I said no lah.", "I said no, mate."
    r"(?:,?\s*(?:lah|la|leh|lor|yaar|ya|mate|ah|na|ji|bro|man|sir|boss))?"
    r"\s*(?:thanks|thank\s+you)?\s*(?:[.!,;]|$)",
    re.IGNORECASE,
)
# A sentence that says the one before it must not happen again: "I won't go back to
# that.", "Never again.", "Not going through that again."
_NOT_AGAIN_FACTOR: Final = -0.5
# A short noun phrase, the offer said back: "Another strategic partnership review."
_OFFER_WORDS: Final = r"\s+(?:[\w'’-]+\W+){0,7}?[\w'’-]+\W*$"
_ECHOED_OFFER: Final = re.compile(
    r"\W*(?:another|a|an|more|some|the|yet\s+another)" + _OFFER_WORDS, re.IGNORECASE
)
# Praise said on its own: "Wonderful.", and after an interjection "Oh brilliant."
_PRAISE: Final = (
    r"(?:brilliant|great|lovely|wonderful|marvellous|marvelous|fantastic|super|terrific|"
    r"splendid|perfect|excellent|amazing|fabulous|smashing|beauty|ripper|bonza|bonzer|champion)"
)
_MOCK_ALONE: Final = re.compile(
    r"\W*(?:oh|ooh|wah|wow)\W+(?:" + _PRAISE + r"|joy|goody)\W*$", re.IGNORECASE
)
# Said only in mockery, wherever it stands: "I can hardly wait", "how thrilling".
_SNEER: Final = (
    r"(?:i|we)\s+can\s+(?:hardly|barely|scarcely)\s+wait|be\s+still\s+my\s+(?:beating\s+)?heart"
    r"|how\s+(?:thrilling|riveting)|oh\s+joy"
)
# Said only in mockery ("what fun", "how exciting", "sign me up" can be meant).
_MOCK_AFTER: Final = re.compile(
    r"\W*(?:(?:oh|gosh|golly|wow|my|well|ooh|ah|yes|yeah|goodness|my\s+word)\W+)*"
    r"(?:" + _SNEER + r"|(?:sounds\s+|how\s+)?(?:riveting|thrilling)(?:\s+stuff)?|joy\s+of\s+joys"
    r"|whoop(?:ee|\s+de\s+doo)|my\s+cup\s+runneth\s+over"
    r"|isn'?t\s+that\s+(?:lovely|sweet|adorable|precious|cute)"
    # "Exactly what I've been missing in my life, another meeting ...", "Exactly this was
    # missing in my life, one more meeting.", "Exactly what my calendar was missing."
    r"|(?:just|exactly)?[^.!?]{0,30}?\bmissing\s+(?:in|from)\s+(?:my|our)\s+(?:life|lives)\b[^.!?]*"
    r"|(?:just|exactly)\s+what\s+(?:my|our)\s+(?:calendar|diary|week|day|inbox|schedule)\s+"
    r"(?:was|is|has\s+been)\s+missing\b[^.!?]*"
    # "I was just hoping someone would come and give me one more presentation."
    r"|(?:[^.!?]{0,80}?\b)?(?:i|we)\s+(?:was|were)\s+just\s+hoping\s+(?:someone|somebody)\s+would"
    r"\b[^.!?]*"
    # "I've been lying awake at night hoping somebody would give me one of those."
    r"|(?:[^.!?]{0,40}?\b)?(?:i|we)(?:'ve|’ve|\s+have)?\s+been\s+lying\s+awake\b[^.!?]*"
    # "Because what every site is crying out for is more people with a clipboard."
    r"|because\s+what\s+[^.!?]{0,80}?\bis\s+more\b[^.!?]*"
    # "That's exactly what a two-man shed has been crying out for."
    r"|(?:that'?s|that\s+is|just)\s+(?:exactly\s+)?what\s+[^.!?]{0,60}?\bcrying\s+out\s+for\b[^.!?]*)"
    r"\W*$",
    re.IGNORECASE,
)
# "Come every month and drink tea with me, and my boards will cut themselves.": the offer
# mocked by what it would supposedly do on its own.
# "Yeah, I'll get right onto that, straight after my five-year plan.": said in mockery of
# what it names.
_RIGHT_ONTO_IT: Final = re.compile(
    r"^\W*(?:(?:yeah|yes|oh|sure|right|aye)\W+)*(?:i'll|i’ll|i\s+will|we'll|we\s+will)\s+get\s+"
    r"right\s+on(?:to)?\s+(?:that|it)\b",
    re.IGNORECASE,
)
_DOES_ITSELF: Final = re.compile(
    r",?\s+and\s+(?:my|our|the)\s+(?:[\w'’-]+\s+){1,2}will\s+(?:[\w'’-]+\s+){1,2}"
    r"(?:themselves|itself)\W*$",
    re.IGNORECASE,
)
_PRAISE_ALONE: Final = re.compile(r"\W*" + _PRAISE + r"\W*$", re.IGNORECASE)
_ANOTHER_OFFER: Final = re.compile(r"\W*(?:another|yet\s+another)" + _OFFER_WORDS, re.IGNORECASE)
_MOCK_TAIL: Final = re.compile(
    r"^\W*(?:oh|ooh|ah|wow|well)\b[^.!?]*,\s*(?:" + _SNEER + r")\b[^.!?]*[.!?]*\s*$",
    re.IGNORECASE,
)
_NEVER_AGAIN: Final = re.compile(
    r"\s*(?:[-–—\"“]\s*)?(?:(?:and|but|so)\s*,?\s+)?"
    r"(?:never\s+again|not\s+again|(?:i|we)(?:'m|’m|\s+am|'re|’re|\s+are)\s+not\s+going\s+back"
    r"|(?:i|we)\s+(?:won't|won’t|will\s+not|wouldn't|wouldn’t|would\s+not|can't|can’t|cannot|"
    r"refuse\s+to)\s+(?:ever\s+)?(?:go\s+back\s+to|go\s+through|put\s+up\s+with|have|accept)"
    r"\s+(?:that|this|it)(?:\s+again)?"
    r"|not\s+going\s+(?:back\s+to|through)\s+(?:that|this|it)(?:\s+again)?"
    # "... thought a dinner would change the paper. It did not."
    r"|(?:it|that|this|they)\s+(?:did\s+not|didn't|didn’t|does\s+not|doesn't|doesn’t)(?:\s+work)?)"
    r"\s*(?:,?\s*(?:ever|thanks|mate))?\s*[.!]*[\s\"'”’]*$",
    re.IGNORECASE,
)
# A sentence that waves the one before it aside: "Price matters, sure. It isn't why we
# stay.", "Cheapest quote wins is how the form reads. It's not how we'll choose." (but
# not "That's why we stay", which says the same again).
# What waves something aside: "it isn't the point", "that doesn't matter", "none of that
# decides it".
_WAVED_ASIDE: Final = (
    r"(?:(?:it|that|this|which|none\s+of\s+(?:that|it|this)|all\s+(?:that|this))"
    r"(?:'s|’s|\s+is|\s+was)?\s*(?:not|isn't|isn’t|wasn't|wasn’t|is\s+not)\s+"
    r"(?:really\s+|actually\s+|at\s+all\s+)?"
    r"(?:the\s+point|the\s+reason|the\s+thing|beside\s+the\s+point|how\s+(?:we|i)\b|"
    r"the\s+(?:main|most\s+important|big|biggest|real|deciding)\s+"
    r"(?:thing|point|reason|factor|issue)|"
    r"why\s+(?:we|i)\b|where\s+(?:we|i)\s+need\s+you\b|what\s+(?:matters|counts|decides|"
    r"(?:we|i)(?:'re|’re|'m|’m|\s+are|\s+am)?\b))"
    r"|(?:it|that|this|none\s+of\s+(?:that|it|this))\s+"
    r"(?:doesn't|doesn’t|does\s+not|don't|won't|will\s+not)\s+(?:really\s+)?"
    r"(?:matter|count|decide)\b"
    r"|none\s+of\s+(?:that|it|this)\s+(?:matters|counts|decides)\b)"
)
# A sentence that waves the one before it aside: "Price matters, sure. It isn't why we
# stay.", "Cheapest quote wins is how the form reads. It's not how we'll choose." (but
# not "That's why we stay", which says the same again).
_DISMISSAL: Final = re.compile(
    r"\s*(?:[-–—\"“]\s*)?(?:(?:but|and|still|yet)\s*,?\s+)?" + _WAVED_ASIDE, re.IGNORECASE
)
# Someone else's claim asked back and denied: "Darnell told you we want quarterly visits?
# Not from me he didn't."
_DENIED_CLAIM: Final = re.compile(
    r"[^?]{0,200}\?\s*(?:[-–—]\s*)?(?:not\s+from\s+me|not\s+me|that'?s\s+not\s+true"
    r"|not\s+true|news\s+to\s+me)\b",
    re.IGNORECASE,
)
# A sentence of one clause and a "but" that waves the clause aside: "Your pricing was
# fine, but that isn't the point.", "Price matters, but it's not the main thing for us." -
# a few words may follow, none that says what does matter. After a dash or a semicolon
# only the last clause would be waved aside, and the sentence is read as it stands.
_WAVED_ASIDE_AT_END: Final = re.compile(
    r"[^;:–—]*?(?:,\s*(?:(?:but|though|yet)\s*,?\s+)?|\s(?:but|though|yet)\s*,?\s+)"
    + _WAVED_ASIDE
    + r"(?:\s+(?:for|to|with|in|here|really|though|anyway|honestly|us|me|you|them|this|"
    r"that|place|business|company|team|shop|firm|now|either|any\s+more|anymore|after|about|"
    r"looking|want|need|care|buy|choose|pay)){0,4}"
    r"\s*[.!]*[\s\"'”’)]*$",
    re.IGNORECASE,
)


def dismisses(sentence: str) -> bool:
    """Whether ``sentence`` waves the sentence before it aside ("That's not the point.",
    "It isn't why we stay.", "None of that decides it.")."""
    return _DISMISSAL.match(sentence) is not None


def dismisses_itself(sentence: str) -> bool:
    """Whether ``sentence`` ends by waving aside what it said first ("Your pricing was
    fine, but that isn't the point.")."""
    return _WAVED_ASIDE_AT_END.match(sentence) is not None


def refuses_what_went_before(sentence: str) -> bool:
    """Whether ``sentence`` ends by turning down what it named first ("The lunches, the
    visits, I can do without.", "Reviews and reports, we don't need them.")."""
    return _FRONTED_REFUSAL.search(sentence) is not None


_FRONTED_REFUSAL: Final = re.compile(
    r"[,;:–—-]\s*(?:honestly,?\s+|frankly,?\s+|and\s+|so\s+)?(?:i|we)(?:'ll|’ll|\s+will|\s+can|\s+could|'d|’d|\s+would)?"
    r"\s+(?:(?:happily|gladly|easily|well|quite\s+happily)\s+)?"
    r"(?:(?:do|live|manage|go)\s+without|(?:don't|don’t|do\s+not)\s+(?:need|want)|(?:can|could)\s+skip)"
    r"(?:\s+(?:it|them|that|those|any\s+of\s+(?:it|that|them|those)))?(?:\s+any\s*more)?"
    r"(?:,?\s+(?:thanks|thank\s+you|mate|honestly))?\s*[.!]*[\s\"'”’]*$"
    # "That monthly meeting we don't need any more.": what is named first, unpunctuated
    r"|^\W*(?:that|this|those|these|the)\s+(?:[\w'’-]+\s+){1,4}(?:we|i)\s+(?:don't|don’t|do\s+not)"
    r"\s+(?:need|want)(?:\s+any\s*more)?\s*[.!]*[\s\"'”’]*$"
    # "The lunches, the five-year plans, that's for the big companies down in Bergen."
    r"|[,;:–—-]\s*(?:that|those|all\s+that)(?:'s|’s|\s+is|\s+are|'re|’re)\s+for\s+(?:the\s+)?"
    r"(?:big|bigger|large|larger)\s+(?:companies|firms|boys|players|outfits|operators|corporates|groups)"
    r"\b[^.!?]{0,40}[.!]*[\s\"'”’]*$"
    # "Take the partnership thing off the quote, we're not interested."
    r"|[,;:–—-]\s*(?:i|we)(?:'re|’re|\s+are|'m|’m|\s+am)\s+not\s+interested"
    r"(?:\s+in\s+(?:it|that|them|any\s+of\s+(?:it|that|them)))?\s*[.!]*[\s\"'”’]*$"
    # "About the quarterly review meeting, it is a little difficult for us.": the polite no
    r"|[,;:–—-]\s*(?:it|that|this)(?:'s|’s|\s+is|\s+will\s+be|\s+would\s+be)\s+"
    r"(?:(?:a\s+little|a\s+bit|rather|quite|very|too)\s+)?"
    r"(?:difficult|hard|impossible|not\s+possible|not\s+necessary|unnecessary|not\s+needed)"
    r"(?:\s+for\s+(?:us|me|our\s+\w+))?(?:\s+(?:now|at\s+the\s+moment|this\s+year))?"
    r"\s*[.!]*[\s\"'”’]*$",
    re.IGNORECASE,
)


def concedes(sentence: str) -> bool:
    """Whether ``sentence`` grants something only to set it aside in what follows ("It's
    not that I don't appreciate the visits.", "Not that it wouldn't be interesting."):
    the view is in the next sentence."""
    return _CONCESSION.match(sentence) is not None


_CONCESSION: Final = re.compile(
    r"\W*(?:(?:and|but|now|look|listen|mind\s+you)\W+)?(?:(?:it|it's|it’s|it\s+is|it\s+isn't)\s+)?"
    r"not\s+that\s+(?:i|we|it|they|he|she|you)\s+(?:really\s+)?"
    r"(?:don't|don’t|do\s+not|didn't|didn’t|did\s+not|doesn't|doesn’t|does\s+not|wouldn't|"
    r"wouldn’t|would\s+not|won't|won’t|isn't|isn’t|aren't|aren’t|wasn't|wasn’t|can't|can’t)\b",
    re.IGNORECASE,
)


# Words between a negation and the refusal it negates: "don't you dare stop".
_BETWEEN_REFUSALS: Final = frozenset(
    {"to", "ever", "please", "go", "you", "dare", "even", "just", "be", "really", "at", "all"}
)
# A loss refused is a wish to keep: "don't want to lose the visits", "hate losing them".
_LOSING: Final = frozenset({"lose", "losing"})
# "I wouldn't say we don't want ...": saying, then who, between two negations that cancel.
_SAYING: Final = frozenset({"say", "saying", "said", "think", "thinking", "claim", "claiming"})
_PERSONS: Final = frozenset({"i", "we", "you", "they", "he", "she", "it"})
# "if he stops coming", "the day you stop asking": a stop the customer fears.
_STOP_VERBS: Final = frozenset({"stop", "stops", "stopped", "stopping", "quit", "quits"})
_IF_STOPPED: Final = frozenset({"if", "once", "day", "unless", "whenever"})
_POLITE_MODALS: Final = frozenset({"could", "would", "can", "please", "just", "kindly", "might"})
# Words that join a question to what came before: "..., and what's the price on ...?".
_JOINS: Final = frozenset({"and", "but", "so", "also", "then", "plus", "oh", "ok", "okay"})


# "Nobody else ... like you": the words that single the supplier out (see ``_singles_out``).
_ELSE: Final = frozenset({"else", "other"})
_LIKE_YOU: Final = frozenset(
    (a, b)
    for a in ("like", "as", "than", "but", "except", "way")
    for b in ("you", "your", "yours", "u", "ye", "youse")
)
# "They don't understand my customer": not knowing is a failing (see _not_knowing).
_KNOWING: Final = frozenset(
    "know knows knew understand understands understood get gets got".split()
)
_KNOWING_BETWEEN: Final = frozenset({"really", "even", "actually", "properly", "fully", "ever"})
_FIRST_PERSON: Final = frozenset({"i", "we", "i'm", "we're", "im", "me", "us"})
# Questions that repeat an offer back ("A quarterly review?") state no stance; these
# open a request or a real question instead.
_ECHO: Final = 1
_RHETORICAL: Final = 2
_REQUEST_OPENERS: Final = frozenset(
    "can could would will shall may might please pls plz any should must need".split()
)
_WH_WORDS: Final = frozenset("why who whom whose how what whats what's which when where".split())
_RHETORICAL_AFTER_WHY: Final = frozenset("would should do does did on in i'd we'd i we".split())
_YOU: Final = frozenset({"you", "ya", "y'all", "you're", "youre"})
_OWN_CUSTOMERS_REACH: Final = 24  # tokens from a sentence's start its opening can govern
_YOURS_OR_US: Final = frozenset({"your", "yours", "you've", "you'll", "you'd", "us"})
_OFFERING: Final = frozenset(
    "want wanna wanted mean think reckon offering propose proposing suggest suggesting "
    "are 're said say".split()
)
_VERBS: Final = frozenset(
    "is are was were be been am would will could should can may might must need needs "
    "want wants like likes have has had do does did get gets help helps make makes "
    "keep keeps send sends come comes".split()
)
_ASKING: Final = frozenset(
    {"can", "could", "would", "will", "please", "pls", "plz", "kindly", "abeg"}
)
_ASKED_FOR: Final = frozenset({"asked", "asks", "asking", "requested", "requests"})
_SENDING: Final = frozenset(
    {"send", "email", "e-mail", "mail", "forward", "quote", "share", "provide", "let", "tell"}
    # "please give us the price of", "please colaborate us with the price" (Spanish
    # "colaborarnos con"), "can I get a price on"
    | {"give", "get", "colaborate", "collaborate"}
    # "Prezado, please confirm the material and the lead time to Salvador port"
    | {"confirm", "advise"}
)
# "with our patients", "from my regulars": the customer's own customers (see
# ``_their_own_customers``).
_LINKS: Final = frozenset({"with", "to", "from", "of", "for", "among", "between", "by"})
_POSSESSIVES: Final = frozenset({"our", "my", "their", "his", "her"})
_THEIR_CUSTOMERS: Final = frozenset(
    "customers customer clients client patients patient members member guests guest "
    "residents resident pupils students tenants diners families shoppers subscribers "
    "donors congregation parishioners couples brides passengers fans locals regulars "
    "punters consumers citizens growers farmers end-users".split()
)
# Words that open an email or a reply before its request, up to a comma.
_OPENERS: Final = frozenset(
    "hi hello hey hiya morning afternoon dear lovely great thanks cheers ok okay right good "
    "greetings".split()
)
# How far into a request its cue may be: "Can you email me a brochure on the four-gas
# monitors and a price on four of them?"
# The words before a price cue that ask what it is: "what's your price", "what is the
# rate" (not "your best price", which bargains, nor "what I want is the price").
_PRICE_ASKED: Final = frozenset(
    {(a, b) for a in ("what's", "whats") for b in ("your", "the", "ur")}
    | {("what", b, c) for b in ("is", "are") for c in ("your", "the")}
    # Krio and pidgin: "Wetin una price fo 2.5mm cable?", "Wetin be your price?"
    | {("wetin", b) for b in ("una", "your", "be", "di", "the")}
)
# A price asked for with no verb at the start of a sentence: "Price and availability on
# 20 x UCP211", "Prices for 40 x 20mm rope", "Price on 12 pallets".
_BARE_LEAD: Final = frozenset(
    {"the", "your", "a", "re", "ok", "okay", "hi", "-", "–", "—", ":"}
    # "Price and availability on 20 x ...": the availability asked with the price
    | {"price", "prices", "pricing", "and", "&"}
)
_BARE_AFTER: Final = frozenset({"on", "for", "of"})
_BARE_REACH: Final = 6  # tokens: how far into a sentence a price asked for bare may start
_STATING: Final = frozenset(
    "is are was were has have had been be matters matter decides decide counts count "
    "will would wins win isn't wasn't".split()
)
_ERRAND_REACH: Final = 24
_ERRAND_SENTENCE: Final = 40  # the longest sentence read as an errand as a whole
# How far from a cue the end of the question it may sit in is looked for, either way.
_ECHO_REACH: Final = 40
_BARGAIN: Final = frozenset(
    {"best", "lowest", "cheapest", "keenest", "sharpest", "bottom", "discount", "discounts"}
    # "can you get the price down", "give me a better price", "beat this quote"
    | {"down", "lower", "better", "cheaper", "beat", "match", "sharpen"}
)
_INTERJECTIONS: Final = frozenset({"oh", "ooh", "ah", "ahh", "aha", "ha", "wow"})
# A word of address after the interjection: "Oh mate, a strategy day."
_MATE: Final = frozenset(
    "mate love pet hon man brah bro bru dude darling sweetheart chief boss pal buddy son lad".split()
)
# Words that welcome what is named: "Oh, monthly visits, lovely", "Oh yes, reviews please".
_WELCOMING: Final = frozenset(
    "yes yeah yep please lovely great good love like definitely absolutely perfect".split()
)
_ARTICLES: Final = frozenset({"a", "an", "the", "another", "more", "some"})
_QUESTION_STARTS: Final = frozenset({"?", ",", ":", ";", "-", "–", "—", '"', "“", "”"})
_CLAUSE_STOPS: Final = frozenset({",", ";", ":", ".", "!", "\n"})


def _scope_key(scoped: frozenset[int]) -> str:
    return ",".join(map(str, sorted(scoped))) if scoped else ""


def _read_sentence(
    piece: str,
    cues: Cues,
    source: str,
    scoped: frozenset[int],
    in_quote: bool,
    complaint: bool = False,
) -> SentenceReading:
    lower = lower_text(piece)
    toks: list[str] = ph_tokens(lower)
    matcher = cues.matcher
    if not toks or matcher.cue_keys.isdisjoint(toks) or _DISOWNS.search(lower):
        return _NOTHING
    toks.append("\n")  # sentinel: the end of the text ends a sentence
    purchase = False
    anchored = source == SOURCE_ANSWER
    cue_spans: list[tuple[int, int, int]] = []
    for start, end, payload in matcher.find_cues(toks, anchored):
        if matcher.kinds[payload] == PURCHASE:
            purchase = True
            continue
        group = matcher.groups[payload]
        if cues.groups[group].question is None or group in scoped:
            cue_spans.append((start, end, group))
    if not cue_spans:
        return SentenceReading(purchase=purchase)
    mods: list[tuple[int, int, int]] = []
    exceptions: list[tuple[int, int, int]] = []
    for start, end, payload in matcher.find_modifiers(toks, anchored):
        kind = matcher.kinds[payload]
        if kind == GROUP_EXCEPTION:
            exceptions.append((start, end, matcher.groups[payload]))
        else:
            mods.append((start, end, kind))
    cue_spans = _not_excepted(_outermost(cue_spans), exceptions)
    # A post-posed negation never hides the words inside it ("not interested" keeps
    # its "not" for the cue before it and the cue after it alike).
    posts = [m for m in mods if m[2] == POST_NEGATION]
    mods = _outermost([m for m in mods if m[2] != POST_NEGATION]) + posts
    analysis = _Analysis(lower, toks, mods, cues, source, in_quote, complaint)
    hits = analysis.hits(cue_spans)
    scare = _scare_quoted(lower) if _QUOTE_CHARS.search(lower) else ()
    if scare:
        # 'Your "partnership" cost me a client': the words in scare quotes are the other
        # side's, held up to be turned down, not a wish.
        sneered = {g for i, j, g in cue_spans if any(a <= i and j <= b for a, b in scare)}
        hits = tuple(
            (g, f * cues.groups[g].on_negation)
            if g in sneered and cues.groups[g].weight * f > 0
            else (g, f)
            for g, f in hits
        )
    return SentenceReading(hits, analysis.leading_contrast(), purchase)


_QUOTE_CHARS: Final = re.compile("[\"“”']")
# A few words in quotation marks inside a longer sentence, after a word that holds them
# up at arm's length: 'your "partnership"', 'another "value-add"', 'our last "strategic
# partner"', 'this so-called "relationship"'. Not 'she wants a "proper partner"'.
_SCARE_QUOTE: Final = re.compile(
    r"\b(?:your|yer|another|so-called|so\s+called|last|their|these|those|this|that)\s+"
    r"(?:[\"“”]([^\"“”\n]{2,40}?)[\"“”]|(?<!\w)'([^'\n]{2,40}?)'(?!\w))"
)


def _scare_quoted(lower: str) -> tuple[Span, ...]:
    """The token spans of the short phrases held in scare quotes in ``lower``."""
    spans = []
    for m in _SCARE_QUOTE.finditer(lower):
        g = 1 if m.group(1) is not None else 2
        if len(m.group(g).split()) > 3:
            continue
        a = len(TOKEN_RE.findall(lower, 0, m.start(g)))
        b = a + len(TOKEN_RE.findall(m.group(g)))
        spans.append((a, b))
    return tuple(spans)


def _not_excepted(
    cues: list[tuple[int, int, int]], exceptions: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """The cue matches that no exception of their own group covers ("price list" is no
    price focus). Per group, the exceptions' starts in order and the furthest end reached
    by each prefix: one look-up per cue, however many of either a pasted note holds."""
    if not exceptions:
        return cues
    by_group: dict[int, list[tuple[int, int]]] = {}
    for start, end, group in exceptions:
        by_group.setdefault(group, []).append((start, end))
    index: dict[int, tuple[list[int], list[int]]] = {}
    for group, spans in by_group.items():
        spans.sort()
        ends = list(itertools.accumulate((e for _, e in spans), max))
        index[group] = ([s for s, _ in spans], ends)
    out = []
    for cue in cues:
        found = index.get(cue[2])
        if found is not None:
            k = bisect.bisect_right(found[0], cue[0])
            if k and found[1][k - 1] >= cue[1]:
                continue  # an exception starts at or before the cue and ends at or after it
        out.append(cue)
    return out


def _outermost(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop every match that lies strictly inside a longer one ("not sure" hides "not");
    matches of the same extent (of different kinds) are all kept. One pass after a sort,
    so a huge pasted sentence full of matches stays fast."""
    if len(spans) < 2:
        return spans
    ordered = sorted(spans, key=lambda sp: (sp[0], -sp[1]))
    kept = []
    reach = -1  # the furthest end of the spans that start before this one
    start, longest = -1, -1  # the spans that start where this one does: their furthest end
    for span in ordered:
        if span[0] != start:
            reach, start, longest = max(reach, longest), span[0], -1
        # Inside a longer span: one that starts before it and ends no earlier, or one
        # that starts with it and ends later.
        if reach < span[1] and longest <= span[1]:
            kept.append(span)
        longest = max(longest, span[1])
    return kept


# A clause after "but" that opens with these agrees with what came before ("..., but
# yes, we'd like that"): it does not take the point away from it.
_AGREEING: Final = frozenset(
    {"yes", "yeah", "yep", "sure", "definitely", "absolutely", "certainly", "also", "too", "still"}
)


class _Analysis:
    """The context of one sentence: clauses and modifier positions."""

    def __init__(
        self,
        lower: str,
        toks: list[str],
        mods: list[tuple[int, int, int]],
        cues: Cues,
        source: str,
        in_quote: bool,
        complaint: bool = False,
    ) -> None:
        self.toks, self.cues, self.source, self.in_quote = toks, cues, source, in_quote
        self.complaint = complaint
        self.by_kind: dict[int, list[Span]] = {}
        for start, end, kind in mods:
            self.by_kind.setdefault(kind, []).append((start, end))
        self.neg_ends = {end for _, end in self.by_kind.get(NEGATION, ())}
        self.neg_starts: dict[int, int] = {}  # a negation's end -> its earliest start
        for start, end in self.by_kind.get(NEGATION, ()):
            self.neg_starts[end] = min(start, self.neg_starts.get(end, start))
        if "n't" in lower:  # any "n't" negates (don't, isn't, wouldn't ...)
            pseudo = self.by_kind.get(PSEUDO_NEGATION, ())
            for k in [k for k, tok in enumerate(toks) if tok.endswith("n't")]:
                if not any(s <= k < e for s, e in pseudo):
                    self.neg_ends.add(k + 1)
        self.rejection_ends = {end for _, end in self.by_kind.get(REJECTION, ())}
        self.breaks = {start for start, _ in self.by_kind.get(SCOPE_BREAK, ())}
        # The sentinel is last. A point between digits ("R22.5", "19.40") ends nothing: the
        # text was cut into sentences before (see ``_sentences``), decimals kept whole.
        last = len(toks) - 1
        ends = [
            k
            for k, tok in enumerate(toks)
            if tok in SENTENCE_END
            and not (
                tok == "."
                and 0 < k < last
                and toks[k - 1][-1:].isdigit()
                and toks[k + 1][:1].isdigit()
            )
        ]
        self.sentences: list[Span] = list(zip([0] + [k + 1 for k in ends[:-1]], ends, strict=True))
        self._ends = ends
        self.quote_marks = [k for k, t in enumerate(toks) if t in QUOTE_MARKS]
        self.question_marks = [k for k, t in enumerate(toks) if t == "?"]

    def _sentence_of(self, k: int) -> int:
        return bisect.bisect_left(self._ends, k)

    def leading_contrast(self) -> bool:
        first = next((k for k, t in enumerate(self.toks) if t not in PUNCTUATION), -1)
        return any(a == first for a, _ in self.by_kind.get(CONTRAST, ()))

    def hits(self, cue_spans: list[tuple[int, int, int]]) -> tuple[tuple[int, float], ...]:
        """The strongest factor of each group, after contrast inside the sentence."""
        groups = self.cues.groups
        found = []  # (start, group, factor, regions after a contrast marker)
        for i, j, group in cue_spans:
            factor, regions = self._factor(i, j, group)
            if factor != 0.0:
                found.append((i, group, factor, regions))
        # Contrast: in "X, but Y" the clause after the marker dominates - when it
        # disagrees with X ("price matters, but more than that we want expertise");
        # "not sure how often, but yes" leaves X as it is.
        # With no cue at all after the marker ("Cheaper, yes, but who comes here when the
        # dryer breaks?"), the point is still what follows: X counts less either way.
        signed = [groups[g].weight * f for _, g, f, _ in found]
        best: dict[int, float] = {}
        for n, (_, group, factor, regions) in enumerate(found):
            if regions and any(
                (a <= found[k][0] < b and signed[k] * signed[n] < 0)
                or (
                    not any(a <= found[q][0] < b for q in range(len(found)))
                    and self._first_word(a, b) not in _AGREEING
                )
                for a, b in regions
                for k in range(len(found))
            ):
                factor *= self.cues.modifiers.contrast.factor
            if group not in best or abs(factor) > abs(best[group]):
                best[group] = factor
        return tuple(best.items())

    def _first_word(self, a: int, b: int) -> str:
        return next((t for t in self.toks[a:b] if t not in PUNCTUATION), "")

    def _factor(self, i: int, j: int, group: int) -> tuple[float, list[Span]]:
        """The context multiplier of the cue at tokens [i, j) and the regions after
        a contrast marker that could overrule it."""
        toks, m, get = self.toks, self.cues.modifiers, self.by_kind.get
        sid = self._sentence_of(i)
        s, e = self.sentences[sid]
        factor = 1.0
        cs, ce = s, e  # the clause: the sentence cut at contrast markers
        regions: list[Span] = []
        contrast = get(CONTRAST)
        if contrast:
            for a, b in contrast:
                if s <= a < e and e - b >= m.contrast.min_tail:
                    if a >= j:
                        regions.append((b, e))
                        ce = min(ce, a)
                    elif b <= i:
                        cs = max(cs, b)
        # Concession: "Although price matters, we want ..." demotes the concessive clause.
        for a, b in get(CONCESSION, ()):
            if s <= a < i and (a == s or toks[a - 1] in CLAUSE_PUNCT) and "," not in toks[b:i]:
                factor *= m.concession.factor
                break
        negated = self._negated(i, j, cs, ce)
        cue = self.cues.groups[group]
        if self.complaint:
            # About a past supplier: "they never visited" means the visits were missed,
            # "too many meetings" still means fewer; "treated us like a number" - not again.
            if negated == REJECTED:
                factor *= cue.on_negation
            elif negated == NOT_NEGATED or cue.in_complaints != 1.0:
                factor *= cue.in_complaints
        elif negated:
            factor *= cue.on_negation
        hedges = get(HEDGE)
        if (
            (hedges and any(cs <= a < ce for a, _ in hedges))
            or (self.source != SOURCE_ANSWER and self._question_mark(s, e) >= 0)
            or (self.source == SOURCE_ANSWER and self._asks(i, j, s, e))
        ):
            factor *= m.hedge.factor
        if self._before(DEMOTER, i, cs, m.demoter.reach):
            factor *= m.demoter.factor
        past = get(PAST)
        if past and any(cs <= a < i for a, _ in past):
            factor *= m.past.factor
        if self._before(INTENSIFIER, i, cs, m.intensifier.reach):
            factor *= m.intensifier.factor
        if self._before(NEUTRALIZER, i, cs, m.neutralizer.reach):
            return 0.0, []
        if any(cs <= a < i for a, _ in get(INDIRECT, ())):
            return 0.0, []  # "he's never said whether he wants someone advising"
        if (
            cue.weight < 0
            and (self.cues.topics.get(cue.id) == "price" or cue.id == _SATISFACTION)
            and self._errand(s, i)
        ):
            return 0.0, []  # "Can you send me trade prices and lead times?": an errand
        if cue.weight > 0 and (
            self._their_own_customers(j, ce) or self._about_their_customers(s, i)
        ):
            return 0.0, []  # "a long-term relationship with our patients": not with us
        echoed = self._echoed(i, j, s, e)
        if echoed == _ECHO:
            return 0.0, []  # "A quarterly review? For crisps?": the offer repeated back
        if echoed == _RHETORICAL and negated == NOT_NEGATED:
            factor *= cue.on_negation  # "Why would I want monthly visits?"
        return factor * self._source_factor(i, group, cs), regions

    def _echoed(self, i: int, j: int, s: int, e: int) -> int:
        """Whether the cue sits in a question that repeats something back rather than
        asking for it: "A quarterly review? For crisps and mixers?", "You want to come
        by every month?" (_ECHO: no stance), or a rhetorical "why would I ...?"
        (_RHETORICAL: the opposite). A request ("Can you come monthly?", "How about a
        review?") and a question for information are neither (0)."""
        toks = self.toks
        if self._exclaimed(s, e):
            return _ECHO  # "Oh, a strategic business review.": the offer repeated back
        end = -1
        # A question is looked for a few words on: no further (a note without stops
        # would otherwise be scanned to its end once for every cue in it).
        for k in range(j, min(e, j + _ECHO_REACH)):
            if toks[k] == "?":
                end = k
                break
            if toks[k] in _CLAUSE_STOPS:
                return 0  # "we want someone who knows us, you know?": not the cue's clause
        if end < 0:
            return 0
        start = max(
            (k + 1 for k in range(max(s, i - _ECHO_REACH), i) if toks[k] in _QUESTION_STARTS),
            default=max(s, i - _ECHO_REACH),
        )
        words = [t for t in toks[start:end] if t not in PUNCTUATION and t not in _JOINS]
        first = words[0] if words else toks[i]
        second = words[1] if len(words) > 1 else ""
        if first == "why" and second in _RHETORICAL_AFTER_WHY:
            return _RHETORICAL
        if words[-2:] in (["for", "what"], ["what", "for"]) and first not in _WH_WORDS:
            return _RHETORICAL  # "You come every quarter for what?"
        if first in _REQUEST_OPENERS or first in _INFO_QUESTION or first in _WH_WORDS:
            return 0
        if first in _YOU and second in _OFFERING:
            return _ECHO  # "You want to come by every month?"
        if any(w in _VERBS or w.endswith(("'d", "'ll", "n't")) for w in words):
            return 0  # "Maybe quarterly reviews would be useful?": a wish, hedged
        return _ECHO  # a bare phrase repeated back: "Monthly visits?"

    def _their_own_customers(self, j: int, ce: int) -> bool:
        """Whether the relational cue ending at ``j`` is about the customer's own
        customers ("a long-term relationship with our patients", "reviews from our
        guests", "the loyalty of my regulars"), not about the supplier."""
        toks = self.toks
        # The link right after the cue or a word or two on ("long term relationship with").
        k = next((k for k in range(j, min(j + 3, ce)) if toks[k] in _LINKS), -1)
        if k < 0 or any(t in PUNCTUATION for t in toks[j:k]):
            return False
        k += 1
        if k >= ce or toks[k] not in _POSSESSIVES:
            return False
        for n in range(k + 1, min(k + 4, ce)):  # "our local farmers", "my Saturday regulars"
            if toks[n] in _THEIR_CUSTOMERS:
                return True
            if toks[n] in PUNCTUATION:
                return False
        return False

    def _about_their_customers(self, s: int, i: int) -> bool:
        """Whether the sentence from ``s`` opens on the customer's own customers and the
        relational cue at ``i`` follows: "Our clients want a partner, not a supplier",
        "For our patients, trust is everything" - what their clients want of them."""
        head = [t for t in self.toks[s : s + 6] if t not in PUNCTUATION][:4]
        if not any(
            a in _POSSESSIVES and (b in _THEIR_CUSTOMERS or c in _THEIR_CUSTOMERS)
            for a, b, c in zip(head, head[1:] + [""], head[2:] + ["", ""], strict=False)
        ):
            return False
        if i - s > _OWN_CUSTOMERS_REACH:
            return False  # the cue is too far on to be what the opening speaks of
        end = min(self._ends[self._sentence_of(i)], i + _OWN_CUSTOMERS_REACH)
        if _YOU.intersection(self.toks[s:end]) or _YOURS_OR_US.intersection(self.toks[s:i]):
            return False  # "My customers trust you": about the supplier after all
        return True

    def _errand(self, s: int, i: int) -> bool:
        """Whether the sentence from ``s`` opens by asking for something to be sent before
        the cue at ``i``: "Can you send me your brochure and prices for ...", "Please
        quote for 40 boxes", "Could you email the price list". Asking for a price is how
        every customer buys, whatever they want from the supplier; asking for the best
        price or a discount is bargaining, and still counts."""
        asked = self.toks[max(s, i - 3) : i]
        if tuple(asked[-2:]) in _PRICE_ASKED or tuple(asked) in _PRICE_ASKED:
            return True  # "Yeah, hi, what's your price on the 316 shackles": asked, not weighed
        if (
            i - s <= _BARE_REACH
            and all(t in _BARE_LEAD or t in PUNCTUATION for t in self.toks[s:i])
            and _quantity_asked(self.toks, i)
        ):
            return True  # "Price and availability on 20 x UCP211": asked, not weighed
        return _asks_to_be_sent(self.toks, s, i, i + 2)

    def _exclaimed(self, s: int, e: int) -> bool:
        """Whether the sentence [s, e) is an interjection and a bare noun phrase, the
        rep's offer said back with no verb: "Oh, a strategic business review.", "Ah, the
        monthly visits." A wish has a verb: "Oh, a review would be lovely"."""
        first = next((t for t in self.toks[s : s + 3] if t not in PUNCTUATION), "")
        if e - s > 16 or first not in _INTERJECTIONS:
            return False  # "oh" first, and no more than seven words and their punctuation
        toks = self.toks[s:e]
        words = [t for t in toks if t not in PUNCTUATION]
        if len(words) > 1 and words[1] in _MATE:
            words = words[:1] + words[2:]  # "Oh mate, a quarterly business review."
        if not 3 <= len(words) <= 7:
            return False
        if sum(t in _CLAUSE_STOPS for t in toks) > 1 or _WELCOMING.intersection(words):
            return False  # "Oh, the monthly visits, yes please": more than the phrase
        if words[1] not in _ARTICLES and not words[-1].endswith("s"):
            return False  # "Oh, quarterly business reviews.", but not "Oh, grand job."
        return not any(w in _VERBS or "'" in w for w in words[2:])

    def _question_mark(self, a: int, b: int) -> int:
        """The first "?" among the tokens [a, b), or -1 (without scanning a long sentence
        once per cue)."""
        marks = self.question_marks
        k = bisect.bisect_left(marks, a)
        return marks[k] if k < len(marks) and marks[k] < b else -1

    def _asks(self, i: int, j: int, s: int, e: int) -> bool:
        """Whether the cue sits in a question asking for information ("What's the
        price for 50 headsets?"): a question states no stance. A request ("Can we have a
        monthly call?") does, and is not one of these."""
        toks = self.toks
        end = self._question_mark(j, e)
        if end < 0:
            return False
        start = max((k + 1 for k in range(s, i) if toks[k] in ("?", ",", ":")), default=s)
        words = (t for t in toks[start:i] if t not in PUNCTUATION and t not in _JOINS)
        return next(words, "") in _INFO_QUESTION

    def _negated(self, i: int, j: int, cs: int, ce: int) -> int:
        """NOT_NEGATED, ABSENT or REJECTED."""
        m, toks = self.cues.modifiers, self.toks
        # A trigger before the cue, within reach, with no scope break in between; a cue
        # that opens with "just" starts a new clause ("no visits just email", "he doesnt
        # need a rep just send the quote") unless the negation is right before it
        # ("don't just send quotes").
        opens = toks[i] == "just" and i not in self.neg_ends and i not in self.rejection_ends
        if (self.neg_ends or self.rejection_ends) and not opens:
            for k in range(i - 1, max(cs, i - m.negation.reach) - 1, -1):
                if k + 1 in self.rejection_ends:
                    if self._refused_refusal(k + 1) or self._if_stopped(k + 1):
                        return NOT_NEGATED  # "please don't stop the visits"
                    if any(t in _LOSING for t in toks[k + 1 : i]):
                        return NOT_NEGATED  # "we'd hate to lose the reviews"
                    return REJECTED
                if k + 1 in self.neg_ends:
                    if self._doubled(k + 1) or any(t in _LOSING for t in toks[k + 1 : i]):
                        # "I wouldn't not want the visits", "I don't want to lose the visits"
                        return NOT_NEGATED
                    if self._spared(k, cs):
                        return NOT_NEGATED  # "cut the price rise if you like, not the reviews"
                    if self._not_knowing(k, i):
                        return NOT_NEGATED  # "the last lot didn't know the building"
                    if self._singles_out(k, ce):
                        return NOT_NEGATED  # "nobody else knows our boilers like you"
                    return ABSENT
                if toks[k] in CLAUSE_PUNCT or k in self.breaks:
                    break
                if toks[k] == "just" and k not in self.neg_ends and k not in self.rejection_ends:
                    break  # "no need to visit just text me the prices"
        # Sarcasm earlier in the sentence: "Oh sure, I'd love a quarterly business review".
        for a, _ in self.by_kind.get(SARCASM, ()):
            if self.sentences[self._sentence_of(i)][0] <= a < i:
                return REJECTED
        # A verdict later in the clause: "we tried the quarterly review and it was a waste".
        for a, _ in self.by_kind.get(EVALUATION, ()):
            if j <= a < ce:
                return REJECTED
        # A post-posed negation right after it: "reports, not needed", "price is no object".
        for a, b in self.by_kind.get(POST_NEGATION, ()):
            if (
                b < len(toks)
                and toks[b] in ("to", "for")
                and (a == 0 or toks[a - 1] in CLAUSE_PUNCT)
            ):
                continue  # "just email the invoice, no need to ring": it negates the ringing
            if j <= a <= j + m.post_negation.reach and a < ce:
                if not any(toks[k] in SENTENCE_END or k in self.breaks for k in range(j, a)):
                    return ABSENT
        return NOT_NEGATED

    def _doubled(self, end: int) -> bool:
        """Whether the negation ending at token ``end`` is itself negated right before it:
        "wouldn't not want", "no reason not to keep", "never not": two negations that
        cancel. "Not that I don't like you" is a concession, not one of these."""
        toks = self.toks
        q = self.neg_starts.get(end, end - 1) - 1
        if q >= 0 and toks[q] in BETWEEN_NEGATIONS:
            q -= 1  # "no reason not to"
        elif q >= 1 and toks[q] in _PERSONS and toks[q - 1] in _SAYING:
            q -= 2  # "I wouldn't say we don't want ...", "I'm not saying I don't value ..."
        return q >= 0 and q + 1 in self.neg_ends

    def _singles_out(self, k: int, ce: int) -> bool:
        """Whether the negation at token ``k`` singles the supplier out rather than
        denying anything: "nobody else knows our old boilers like your lads", "no other
        firm answers the phone the way you do" - praise, not a lack."""
        toks = self.toks
        if not any(t in _ELSE for t in toks[k + 1 : k + 3]):
            return False
        return any(
            (toks[q], toks[q + 1]) in _LIKE_YOU for q in range(k + 2, min(ce, len(toks)) - 1)
        )

    def _not_knowing(self, k: int, i: int) -> bool:
        """Whether the negation at token ``k`` says that someone did not know or
        understand something ("someone in a warehouse doesn't know what tilt-in-space
        means", "nobody knew the plant"): a complaint that shows the customer values
        that knowledge. "We don't need you to know our business" negates the need
        instead, and "I don't know how ..." is the speaker's own uncertainty."""
        toks = self.toks
        if toks[i] not in _KNOWING or not 0 < i - k <= 2:
            return False
        if i - k == 2 and toks[k + 1] not in _KNOWING_BETWEEN:
            return False
        return not any(toks[q] in _FIRST_PERSON for q in range(max(0, k - 2), k))

    def _spared(self, k: int, cs: int) -> bool:
        """Whether the "not" at token ``k`` spares what follows from a refusal earlier
        in the clause: "cut the price rise, not the reviews" keeps the reviews."""
        toks = self.toks
        if toks[k] != "not" or k == 0 or toks[k - 1] != ",":
            return False
        return any(cs <= b <= k - 1 for _, b in self.by_kind.get(REJECTION, ()))

    def _refused_refusal(self, end: int) -> bool:
        """Whether the rejection ending at token ``end`` is itself negated: "don't
        stop", "not to cancel", "never drop" - a double negative, so a wish."""
        toks = self.toks
        for a, b in self.by_kind.get(REJECTION, ()):
            if b == end:
                # "don't stop", "not to stop", "don't you dare stop", "don't go stopping"
                for k in range(a, max(0, a - 3) - 1, -1):
                    if k in self.neg_ends:
                        return True
                    if k > 0 and toks[k - 1] not in _BETWEEN_REFUSALS:
                        return False
        return False

    def _if_stopped(self, end: int) -> bool:
        """Whether the rejection ending at token ``end`` is a stop the customer fears:
        "if he stops coming out here I'm in real trouble", "I'd leave if you stopped
        turning up", "the day you stop asking questions": what would be stopped is
        what they value."""
        toks = self.toks
        for a, b in self.by_kind.get(REJECTION, ()):
            if b == end and toks[a] in _STOP_VERBS:
                # "if he stops", "if you ever stopped", "if Dariusz stops", "if your man stops"
                for k in range(a - 1, max(-1, a - 5), -1):
                    if toks[k] in _IF_STOPPED:
                        # "if you could stop calling me": a request, not a fear
                        return not any(t in _POLITE_MODALS for t in toks[k:a])
                    if toks[k] in CLAUSE_PUNCT or toks[k] in PUNCTUATION:
                        return False
        return False

    def _before(self, kind: int, i: int, cs: int, reach: int) -> bool:
        spans = self.by_kind.get(kind)
        return spans is not None and any(a >= cs and i - reach <= b <= i for a, b in spans)

    def _quoted(self, i: int) -> bool:
        """Whether token ``i`` is inside quotation marks."""
        return (bisect.bisect_left(self.quote_marks, i) + self.in_quote) % 2 == 1

    def _source_factor(self, i: int, group: int, cs: int) -> float:
        sources, m = self.cues.sources, self.cues.modifiers
        if self.source == SOURCE_ANSWER:
            return sources.answer  # the customer's own words (Rosen: ask them)
        if self.source == SOURCE_TITLE:
            return sources.title
        # Notes are the rep's words: a cue quoted from the customer, or stated as what
        # the customer wants, counts more than a topic merely mentioned.
        intent = self.by_kind.get(INTENT, ())
        if self._quoted(i):
            factor = sources.quoted
        elif not self.cues.groups[group].topic or any(cs <= a and b <= i for a, b in intent):
            factor = sources.note_statement
        else:
            factor = sources.note_mention
        rep = self.by_kind.get(REP_ACTION)
        if rep and any(cs <= a < i for a, _ in rep):
            factor *= m.rep_action.factor  # the rep's doing, not the customer's wish
        return factor


def is_hedged(sentence: str, cues: Cues) -> bool:
    """Whether a sentence hedges ("I guess it varies", "maybe someone who knows the
    cars", "we'll see"): what it leans towards is said without commitment."""
    return _has_modifier(sentence, cues, HEDGE)


def looks_back(sentence: str, cues: Cues) -> bool:
    """Whether a sentence speaks of the past ("we used to want the visits", "two years
    ago I'd have said the reviews"): what it leans towards is not what they want now."""
    return _has_modifier(sentence, cues, PAST)


def reports_a_question(sentence: str, cues: Cues) -> bool:
    """Whether a sentence reports a question nobody has answered ("he's never said
    whether he wants a fix-and-forget or someone advising"): it states no stance."""
    return _has_modifier(sentence, cues, INDIRECT)


def _has_modifier(sentence: str, cues: Cues, kind: int) -> bool:
    toks: list[str] = ph_tokens(lower_text(sentence))
    if not toks:
        return False
    toks.append("\n")
    matcher = cues.matcher
    return any(matcher.kinds[payload] == kind for _, _, payload in matcher.find_modifiers(toks))


# Someone saying the choice is not theirs ("it's not really me, the partners do all
# that", "I couldn't tell you what he'd want", "I'd have you in every month if it was up
# to me"): what the sentence says is no stance of the speaker's, whoever it names.
_DISOWNS: Final = re.compile(
    r"\bnot (?:really |exactly |even )?(?:my|our|her|his|their) (?:call|decision|department|"
    r"area|remit|budget|say|place|choice|job to (?:decide|choose|say))\b|"
    r"\bnot (?:really )?(?:up|down) to (?:me|us|her|him|them)\b|"
    r"\b(?:it's|its|it is|that's|thats|that is) not (?:really )?(?:me|us)\b(?=\s*(?:[,.;:!?)—–-]|$))|"
    r"\b(?:nothing|not much) to do with (?:me|us)\b|\bout of my hands\b|"
    r"\babove my pay ?grade\b|\bnot for me to (?:say|decide|choose)\b|"
    r"\b(?:don't|dont|do not|doesn't|don't really) (?:get|have) (?:a|any|much of a) say\b|"
    r"\bi (?:just|only) do what (?:i'm|im|i am) told\b|"
    r"\bi (?:just|only) (?:do|book|answer) the\b|"
    r"\bi (?:just|only) use what (?:turns up|comes|i'm given|i get|they|he|she)\b|"
    r"\bi (?:just|only) pass (?:it|things|messages|them|that|stuff) on\b|"
    r"\b(?:couldn't|could not|can't|cannot|can not) (?:really )?(?:tell you|say|speak for) "
    r"(?:what|how|which way) (?:he|she|they|the (?:owner|boss|partners?|director|board|chef|gm))"
    r"\b|\bif it (?:was|were) (?:up to (?:me|us)|my call|my decision|me|my choice)\b|"
    r"\bif i had my way\b|\bnot (?:the|a) (?:person|one) (?:to|who) (?:decides?|signs?|choose)\b|"
    r"\b(?:it's|it is|that's|that is) (?:his|her|their|[^\W\d_]+'s) (?:decision|call)\b|"
    r"\bspeaking personally\b"
)


def _asks_to_be_sent(
    toks: list[str], s: int, i: int, bargain_end: int, reach: int = _ERRAND_REACH
) -> bool:
    """Whether the tokens [s, i) open a request for something to be sent or quoted
    ("Can you send me ...", "Good afternoon, please give us the price of ...") with
    nothing said after it but what is asked for (no bargain up to ``bargain_end``)."""
    head = toks[s : min(s + 4, i)]
    comma = next((k for k, t in enumerate(head) if t == ","), -1)
    if comma >= 0 and (head[0] in _OPENERS or comma <= 2):
        # "Hello, could you ...", "Hi Sarah, please send ...", "Lovely, send it over",
        # "Buenas tardes, please send ...", "Maria, can you quote ..."
        s += comma + 1
    if i - s > reach:
        return False  # not an opening request: the cue is too far into the sentence
    part = toks[s:i]
    for k in range(1, len(part)):
        if part[k] in _CLAUSE_STOPS and not (
            part[k] in ".," and k + 1 < len(part) and part[k + 1][:1].isdigit()
        ):  # a decimal point ("R22.5") or a spec after a comma (", 140°") ends nothing
            return False  # "please send the list, if it's not the lowest we can't": a verdict
    words = [t for t in part if t not in PUNCTUATION]
    if not words or _BARGAIN.intersection(toks[s:bargain_end]):
        return False  # "please send best price for 2000 pcs": a bargain asked for
    if words[0] in _ASKED_FOR and len(words) > 1 and words[1] == "for":
        return True  # "Asked for current ink cartridge prices in the meantime"
    return words[0] in _ASKING and any(w in _SENDING for w in words[1:5])


def _quantity_asked(toks: list[str], i: int) -> bool:
    """Whether the price word at ``i`` is followed by what it is asked for: "on 20 x
    UCP211", "and availability for 4 pumps"."""
    after = toks[i + 1 : i + 7]
    if after[:1] == ["and"] and len(after) > 2:
        after = after[2:]  # "Price and availability on ...", "Price and stock for ..."
    if not (after and after[0] in _BARE_AFTER and any(t[:1].isdigit() for t in after[1:4])):
        return False
    # A request has no verb of its own: not "Price for 20 years has been what decides".
    # A request is short: its end is looked for within _ERRAND_SENTENCE tokens.
    stop = min(len(toks), i + _ERRAND_SENTENCE)
    end = next((k for k in range(i, stop) if toks[k] in SENTENCE_END or toks[k] == "?"), stop)
    return _STATING.isdisjoint(toks[i:end])


def is_errand(sentence: str) -> bool:
    """Whether a whole sentence only asks for something to be sent or quoted ("Good
    afternoon, please can you send me the price of the bits and your catalogue."):
    an errand every kind of customer runs, no view of the relationship."""
    toks: list[str] = ph_tokens(lower_text(sentence.strip()))
    while toks and toks[-1] in PUNCTUATION:
        toks = toks[:-1]
    if toks and toks[0] in ("price", "prices", "pricing") and _quantity_asked(toks, 0):
        return True  # "Price and availability on 20 x UCP211-32 pillow blocks."
    return bool(toks) and _asks_to_be_sent(toks, 0, len(toks), len(toks), _ERRAND_SENTENCE)


def mocks(sentence: str) -> bool:
    """Whether a sentence is mockery on its own ("Riveting.", "Oh brilliant.", "Because
    what every site is crying out for is more people with a clipboard."): it turns down
    what was said next to it and states nothing itself."""
    return _MOCK_AFTER.match(sentence) is not None or _MOCK_ALONE.match(sentence) is not None


def disowns(sentence: str) -> bool:
    """Whether the speaker of a sentence says the decision is not theirs."""
    return _DISOWNS.search(lower_text(sentence)) is not None


def asks_for_information(sentence: str) -> bool:
    """Whether a whole sentence is a question asking for information ("What's the price
    for 50 headsets?"), not a request ("Can we have a monthly call?")."""
    text = sentence.strip()
    if not text.endswith("?"):
        return False
    low = _VOCATIVE.sub("", lower_text(text), count=1)  # "Chale, how much for 500 ...?"
    words = WORD_RE.findall(low[:60])
    while words and words[0] in _QUESTION_LEAD_INS:
        words = words[1:]  # "And is the 2027 crop going to be later?"
    return bool(words) and words[0] in _INFO_QUESTION


# A word or two and a comma before a question: "Chale, how much ...?", "Mr Lau, what is ...?"
_VOCATIVE: Final = re.compile(r"^\W*[\w'’.]+(?:[ \t]+[\w'’.]+)?[ \t]*,[ \t]*")
# Words a question may open with before it asks: "And is ...?", "So what's ...?"
_QUESTION_LEAD_INS: Final = frozenset(
    "and but so also oh ok okay well then plus hi hello hey dear good morning afternoon".split()
)


def answer_polarity(text: str, cues: Cues) -> tuple[int, str]:
    """Whether an answer opens with a bare yes (+1) or no (-1), and that opening sentence.

    "Not really needed." in answer to "Where could our advice help you most?" says
    no to the question's topic; the classifier then reads the question for it.
    """
    lower = lower_text(text)
    toks: list[str] = ph_tokens(lower[:80])[:8]
    if not toks:
        return 0, ""
    toks.append("\n")
    matcher = cues.matcher
    polarity = 0
    for start, _, payload in matcher.find_modifiers(toks):
        kind = matcher.kinds[payload]
        if start == 0 and kind in (ANSWER_YES, ANSWER_NO):
            polarity = 1 if kind == ANSWER_YES else -1
    if not polarity:
        return 0, ""
    end = _FIRST_SENTENCE_END.search(lower)
    quote = text[: end.end() if end else len(text)]
    return polarity, quote.strip()
