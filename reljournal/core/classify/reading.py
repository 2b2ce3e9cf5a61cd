"""Reading one entry: its statements, who said them, and the stance each one takes.

An entry is read once - when it is saved - and what it says is kept as a list of
``Evidence``: one per cue a statement carries, signed (+ relational, - transactional),
with its strength, its speaker and the literature signal it reflects, quoting the
statement verbatim. The account's classification (``classifier``) then weighs the
evidence of all its entries, which needs no reading of text at all.

Answers to the ask-them questions are the customer's own words (Rosen); in the notes
the customer's quoted words and transcript lines are theirs, the rep's prose is weak
evidence and the rep's own lines in a transcript are none (see ``statements``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from reljournal.core.classify import cue_matching as cm
from reljournal.core.classify import phrases as ph
from reljournal.core.classify import statement_model as sm
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.statements import (
    HONORIFICS,
    KIND_REPORTED,
    NAME_SUFFIXES,
    SPEAKER_CUSTOMER,
    SPEAKER_REP,
    Segment,
    asks_them,
    is_guess,
    question_before,
    segment_notes,
    without_titles,
)
from reljournal.core.model import GROUP_CUSTOMER, AccountJournal, Answer, Entry, Stakeholder

# Bump when the reading of text changes in code (the cue file has its own fingerprint):
# every stored statement is then read again, once.
READER_VERSION: Final = 18

CHANGED_PREFIX: Final = "changed."  # a reason: the customer's stance on a topic changed
UNDECIDED: Final = "rosen.undecided"  # a statement: the customer has not decided
# A reason: the decision maker has not spoken; only others have, for themselves.
DECIDER_SILENT: Final = "behaviour.decider_silent"
# A marker, weighing nothing, on a sentence that may pass on someone else's words ("Peter
# asked me to pass this on word for word", "Becca forwarded Garfield's reply"): kept with
# the statements, so that the weighing can tell a relayed decision maker from a silent one.
RELAYED: Final = "relayed"
# A marker, weighing nothing, on a sentence in which the customer takes back what they
# said before ("I was wrong about the food", "I've changed my mind about visits"): the
# weighing lets what they say from then on supersede it (see ``classifier._retract``).
RETRACTED: Final = "retracted"


def is_headline(signal: str) -> bool:
    """Reasons listed before the others: a change of stance, "not decided yet", "the
    decision maker has not spoken"."""
    return signal.startswith(CHANGED_PREFIX) or signal in (UNDECIDED, DECIDER_SILENT)


def reader_version(cues: Cues) -> str:
    """What stored statements were read with; a different value means read them again."""
    return f"{READER_VERSION}:{cues.fingerprint}"


class Evidence(NamedTuple):
    """One statement's stance on one signal (or a behaviour of the account)."""

    signal: str
    quote: str
    date: dt.date | None
    weight: float  # signed, before decay and repeat discount
    source: str
    entry_id: int | None = None
    answer_id: int | None = None
    speaker: str = SPEAKER_CUSTOMER
    who: str = ""  # the customer's person who said it, when the journal names them


@dataclass
class EntryReading:
    """What one entry says: its evidence (undecided statements among it, with no
    weight) and whether it records a purchase."""

    entry_id: int | None
    evidence: list[Evidence] = field(default_factory=list)
    purchase: bool = False


def our_side_names(stakeholders: Iterable[Stakeholder]) -> frozenset[str]:
    """Lower-case names (full and first) of the rep's colleagues and partners."""
    names: set[str] = set()
    for s in stakeholders:
        if s.group != GROUP_CUSTOMER and s.name.strip():
            names.add(s.name.strip().casefold())
            names.add(s.name.strip().split()[0].casefold())
    return frozenset(names)


def customer_names(names: Iterable[str]) -> frozenset[str]:
    """Lower-case names by which the rep may refer to the customer's people: full, first
    and last name, without titles ("Dr. Ingrid Sorensen": "ingrid", "sorensen"), and the
    initials minutes use ("JM" for Jonathan Mortimer)."""
    out: set[str] = set()
    for name in names:
        words = without_titles([w.strip(".,").casefold() for w in name.split()])
        if len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words.pop()
        words = [w for w in words if w and w != "the" and len(w) > 1]
        if len(words) == 1 and words[0] in HONORIFICS:
            continue  # "Sister", "Dr.": a title alone names nobody
        if not words:
            continue
        out.add(" ".join(words))
        out.add(words[0])
        out.add(words[-1])
        letters = [w[0] for w in words if w[0].isalpha()]
        if len(letters) >= 2:
            out.add("".join(letters))
        # "COB" for Carolina Ostrowski-Bell: each part of a double name has its letter.
        parts = [p for w in words for p in re.split(r"[-‐]", w) if p and p[0].isalpha()]
        if len(parts) > len(letters) >= 2:
            out.add("".join(p[0] for p in parts))
    return frozenset(out)


def read_entry(
    entry: Entry,
    cues: Cues,
    our_side: frozenset[str] = frozenset(),
    answers: Iterable[Answer] | None = None,
    customers: frozenset[str] = frozenset(),
    account: str = "",
) -> EntryReading:
    """Read an entry's title, notes and answers (``answers`` overrides ``entry.answers``).
    ``customers``: the customer's people's names (see ``customer_names``); ``account``:
    the account's name."""
    reading = EntryReading(entry.id)
    evidence = reading.evidence
    for answer in entry.answers if answers is None else answers:
        evidence += read_answer(answer, cues, customers)
    # The notes, statement by statement: the customer's quoted words and transcript
    # lines, and the rep's own prose (weak evidence; commitments are the rep's to-do
    # list, not evidence at all).
    src = cues.sources
    day = entry.on
    if entry.title:
        hits, reading.purchase = cm.analyse_text("", cues, ph.SOURCE_NOTE, title=entry.title)
        evidence += _from_hits(hits, cues, day, entry.id, None, src.rep_note, SPEAKER_REP)
    asked = ""  # the rep's question just before the customer's words, if any
    for seg in _segments(entry, our_side, customers, account):
        if seg.speaker == SPEAKER_CUSTOMER:
            evidence += _undecided(seg.text, cues, day, entry.id, None, who=seg.who)
            hits, bought = cm.analyse_text(seg.text, cues, ph.SOURCE_ANSWER)
            factor = src.reported if seg.kind == KIND_REPORTED else src.quoted
            speaker, who = SPEAKER_CUSTOMER, seg.who
            evidence += _learned(seg.text, cues, day, entry.id, None, factor, who)
            evidence += _relayed(seg.text, day, entry.id, None, SPEAKER_CUSTOMER, who)
            evidence += _retracted(seg.text, day, entry.id, None, who)
            if asked and seg.kind != KIND_REPORTED:
                echo = Answer(asked, seg.text, day, who, entry_id=entry.id)
                evidence += [
                    ev._replace(weight=ev.weight * factor) for ev in _echo(echo, cues, offered=True)
                ]
            asked = ""
        else:
            asked = question_before(seg.text)
            evidence += _relayed(seg.text, day, entry.id, None, SPEAKER_REP, "")
            evidence += _retracted(seg.text, day, entry.id, None, "", rep=True)
            # "said he'd think about the service plan": the rep reporting that the
            # customer has not decided holds their earlier words back too.
            evidence += _undecided(seg.text, cues, day, entry.id, None, rep=True)
            hits, bought = cm.analyse_text(seg.text, cues, ph.SOURCE_NOTE)
            # What the rep guesses, hopes, plans or asks is not what the customer wants.
            hits = [h for h in hits if not is_guess(h.quote) and not asks_them(h.quote)]
            # The rep's own lines in a transcript are what the rep said, not notes.
            factor, speaker = (src.rep_line if seg.who else src.rep_note), SPEAKER_REP
            who = ""
        reading.purchase = reading.purchase or bought
        evidence += _from_hits(hits, cues, day, entry.id, None, factor, speaker, who, customers)
    return reading


def _segments(
    entry: Entry, our_side: frozenset[str], customers: frozenset[str], account: str = ""
) -> list[Segment]:
    """An entry's notes cut by speaker; an email the customer or the rep started tells
    whose a body that opens with a greeting is."""
    email = entry.kind == "email"
    return segment_notes(
        entry.notes,
        our_side,
        customers,
        their_email=email and entry.initiated_by == "them",
        our_email=email and entry.initiated_by == "me",
        account=account,
    )


def customer_texts(journal: AccountJournal) -> list[str]:
    """Everything the customer's people said in an account, as the reader attributes it
    (answers, quoted words, transcript lines, emails, reported speech): the statements a
    learned statement model is trained on."""
    ours = our_side_names(journal.stakeholders)
    theirs = customer_names(s.name for s in journal.stakeholders if s.group == GROUP_CUSTOMER)
    out = [a.answer for a in journal.answers]
    for entry in journal.entries:
        for seg in _segments(entry, ours, theirs, journal.account.name):
            if seg.speaker == SPEAKER_CUSTOMER:
                out.append(seg.text)
    return out


def read_answer(
    answer: Answer, cues: Cues, customers: frozenset[str] = frozenset()
) -> list[Evidence]:
    """An answer to an ask-them question: the customer's own words (Rosen).
    ``customers``: the customer's people's names (see ``customer_names``)."""
    allowed = cues.scoped_groups_for(answer.question_text)
    complaint = cues.is_complaint(answer.question_text)
    hits, _ = cm.analyse_text(answer.answer, cues, ph.SOURCE_ANSWER, allowed, complaint=complaint)
    out = _undecided(
        answer.answer, cues, answer.said_on, answer.entry_id, answer.id, who=answer.speaker.strip()
    )
    out += _from_hits(
        hits,
        cues,
        answer.said_on,
        answer.entry_id,
        answer.id,
        who=answer.speaker.strip(),
        customers=customers,
    )
    out += _echo(answer, cues)
    out += _retracted(
        answer.answer, answer.said_on, answer.entry_id, answer.id, answer.speaker.strip()
    )
    out += _relayed(
        answer.answer, answer.said_on, answer.entry_id, answer.id, SPEAKER_CUSTOMER, answer.speaker
    )
    out += _learned(
        answer.answer, cues, answer.said_on, answer.entry_id, answer.id, 1.0, answer.speaker.strip()
    )
    return out


def _learned(
    text: str,
    cues: Cues,
    date: dt.date | None,
    entry_id: int | None,
    answer_id: int | None,
    factor: float,
    who: str,
) -> list[Evidence]:
    """The learned statement model's reading of each of the customer's sentences that it
    is sure about (see ``statement_model``): one piece of evidence quoting the sentence."""
    model, weight = cues.model, cues.sources.learned * factor
    if model is None or not weight:
        return []
    out = []
    margin = cues.scoring.learned_margin
    undecided = cues.undecided
    said = sm.sentences(text)
    waves = [cm.dismisses(sentence) for sentence in said] + [False]
    for n, sentence in enumerate(said):
        if waves[n] or waves[n + 1]:
            continue  # "Price matters, sure. It isn't why we stay.": waved aside, and the wave
        if cm.refuses_what_went_before(sentence):
            continue  # "The lunches, the visits, I can do without.": read as a refusal above
        if n + 1 < len(said) and cm.concedes(sentence):
            continue  # "It's not that I don't like you. ...": granted, to be set aside
        words = _WORDS.findall(sentence)
        if len(words) < _MIN_LEARNED_WORDS:
            continue  # "Thanks, received.": too short to lean either way
        if all(w.casefold() in _PHATIC for w in words):
            continue  # "Ah yes sir, good morning po.": a greeting leans nowhere
        lean = 2.0 * model.probability(sentence) - 1.0
        if cm.asks_for_information(sentence) or cm.is_hedged(sentence, cues):
            lean *= cues.modifiers.hedge.factor  # a question or a hedge states no stance
        elif cm.looks_back(sentence, cues):
            lean *= cues.modifiers.past.factor  # "two years ago I'd have said the reviews"
        if undecided is not None and _undecided_in(ph.lower_text(sentence), undecided):
            continue  # "I don't know yet": not a stance (see ``_undecided``)
        if cm.disowns(sentence):
            continue  # "not my call, the partners do all that": no stance of the speaker's
        if cm.reports_a_question(sentence, cues):
            continue  # "he's never said whether he wants ...": not a stance either
        if _ERRAND.search(sentence) or cm.is_errand(sentence):
            continue  # "Can you send the invoice to accounts@", "can't make it": an errand
        if cm.mocks(sentence):
            continue  # "Riveting.": mockery of what was offered, read with the offer
        if _RHETORICAL_WHY.match(sentence):
            continue  # "Why would I sign for a year?": it turns down what it names
        if _COURTESY.match(sentence):
            continue  # "Dear Rachel, Thank you for the revised proposal.", "Kind regards, Clare."
        if abs(lean) >= margin:
            out.append(
                Evidence(
                    sm.SIGNAL,
                    sentence,
                    date,
                    weight * lean,
                    sm.SOURCE,
                    entry_id,
                    answer_id,
                    SPEAKER_CUSTOMER,
                    who,
                )
            )
    return out


_WORDS: Final = re.compile(r"[^\W\d_]+")
_PRICE: Final = "price"  # the stance topic of price (see the cue file's "topics")
# A request for a document, a price or a quote, or a brush-off for now, read by the
# learned model: an errand, not a view of the relationship (price-askers and busy people
# come in both kinds).
_ERRAND: Final = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|morning|afternoon|dear|lovely|great|thanks|cheers|ok|okay|right"
    r"|good (?:day|morning|afternoon|evening)|greetings)"
    r"(?: \w+)?\W+)?(?:(?:can|could|would|will) you(?: please| pls| kindly)?"
    r" (?:send|email|quote|forward|share|let (?:me|us) know (?:the|your|a) (?:price|cost|rate)s?)"
    r"|(?:please|pls|kindly|abeg)? ?(?:send|email|forward) (?:me|us|over|(?:it|them|that|this) (?:over|through|across|on))"
    r"|(?:please|pls|kindly|abeg) (?:send|email|forward|share|provide|confirm|note)|(?:fyi|nb)\b"
    # "Please change delivery to Tuesdays": the order's details, not a view
    r"|(?:please|pls|kindly) (?:change|update|move|switch|amend) (?:the |our |my |your )?"
    r"(?:delivery|deliveries|delivery day|address|invoice|invoices|po|billing|drop|order|"
    r"contact|email|account|day|date|time)\b"
    r"|what(?:'s| is) (?:your|the) (?:price|cost|rate)|do you price match|see what you can do\b|"
    r"(?:i'll|i will|will) pass (?:it|this|them) on|(?:can't|cannot|can not) make it"
    r"|(?:(?:please|pls|kindly) )?(?:could|can|would) (?:the|our|your|each|future|every|all(?: the| our)?) "
    r"(?:\w+ ){0,2}(?:invoices?|deliver(?:y|ies)|orders?|parcels?|drops?|pallets?) "
    r"(?:show|go|be|have|include|list|come|split|state|quote|arrive))\b",
    re.IGNORECASE,
)
# A question that turns down what it names: "Why would I sign for a year?", "Why on earth
# would we want a monthly visit?" (the cue reader reads it so, see ``cue_matching``).
_RHETORICAL_WHY: Final = re.compile(
    r"^\W*(?:(?:and|but|so|oh)\W+)?why\s+(?:on\s+earth\s+|the\s+hell\s+)?"
    r"(?:would|should|do|does|did|'d)\s+(?:i|we|anyone|anybody|they)\b",
    re.IGNORECASE,
)
# A sentence that only greets, thanks for something sent or signs off (and may name the
# signer): "Thank you for the revised proposal.", "Kind regards, Clare Whitcombe.",
# "God bless, Grace". Courtesy, not a view: both kinds of customer write it.
_COURTESY_WORDS: Final = (
    r"(?:(?:(?:many |big |a big )?(?:thanks|thank you|thankyou)(?: (?:so|very) much)?(?: again)?"
    r"|(?:i |we |really |much )?appreciated?(?: (?:it|you|that|this))?)"
    r"(?: (?:for )?(?:the|your|this|that|these|those|all|[a-z]+ing)\b"
    r"(?:[ \t]+[^\s,.!?;:]+){0,4})?"
    r"|(?:kind(?:est)?|best|warm(?:est)?|with (?:best|kind)|many) (?:regards|wishes)"
    r"|regards|cheers|best|sincerely|yours(?: sincerely| faithfully| truly)?|god bless|"
    r"blessings|in friendship|take care|talk soon|speak soon)"
)
_COURTESY: Final = re.compile(
    r"^\W*(?:(?:dear|hi|hello|hiya|hey|good (?:morning|afternoon|evening)|morning)\b"
    r"[^,.!?;:]{0,40}[,!.]\s*)?"
    # "Thanks, regards, Santiago", "Thank you and best regards, Ana": one after another
    + _COURTESY_WORDS
    + r"(?:[ \t]*(?:[,.!]+|\band\b|&)[ \t]*"
    + _COURTESY_WORDS
    + r")*"
    r"(?:[ \t]*[,!.–-]+[ \t]*(?-i:[A-Z][\w.'’-]*)(?:,?[ \t]+(?-i:[A-Z][\w.'’-]*)){0,3})?"
    r"\W*$",
    re.IGNORECASE,
)
# Words that greet, thank, agree or fill a pause: a sentence of nothing else is no stance.
_PHATIC: Final = frozenset(
    """ah oh eh yes yeah yep yup ya ja si sí oui no ok okay okey sir ma'am maam madam po
    good morning afternoon evening day night hello hi hey hiya thanks thank you ta bye
    goodbye cheers sure right alright fine great lovely nice see talk soon later speak
    then and well um uh umm uhh hmm mm mhm so of course please noted understood all the
    to too a have take care weekend danke gracias obrigado obrigada grazie merci namaste
    ji haan accha theek hai salaam salam boss mate guys everyone again very much ma
    got it will do look into received acknowledged shall""".split()
)
_MIN_LEARNED_WORDS: Final = 4  # a sentence the learned model reads has at least this many words
_REP_SELF: Final = re.compile(r"\b(?:i|i'll|i'd|i'm|me|my|we|we'll|we'd|our|us)\W+(?:\w+\W+)?$")


# "If Maria disappears into a portal, we will have to think": a condition that has not
# happened, so a threat rather than a doubt (but "If I'm honest, we haven't decided").
_CONDITION: Final = re.compile(
    r"\W*(?:if|unless|should|otherwise|or else|in case)\b"
    r"(?!\s+(?:i'm|i am|we're|we are|i'm being|we're being)\s+(?:honest|being honest|frank)\b"
    r"|\s+you ask me\b|\s+anything\b)"
)
# "Tell me what I don't know": not knowing as the object of a request, not a doubt.
_WHAT_BEFORE: Final = re.compile(r"\b(?:what|things|stuff|anything|everything|something)\s+$")


def _undecided(
    text: str,
    cues: Cues,
    date: dt.date,
    entry_id: int | None,
    answer_id: int | None,
    *,
    rep: bool = False,
    who: str = "",
) -> list[Evidence]:
    """A sentence of the customer's that says they have not decided ("I honestly
    haven't decided", "let me think about it"), as a statement with no weight; in the
    rep's prose (``rep``), only where the rep reports it of the customer ("said he'd
    think about it", not "I need to think about pricing")."""
    pattern = cues.undecided
    if pattern is None:
        return []
    low = ph.lower_text(text)
    match = _undecided_in(low, pattern)
    if match is None:
        return []
    if rep and _REP_SELF.search(low, max(0, match.start() - 24), match.start()):
        return []
    start = _start_of(low, match.start())
    ends = [k for k in (low.find(". ", match.end()), low.find("\n", match.end())) if k >= 0]
    quote = text[start : min(ends) + 1 if ends else len(text)].strip()
    stop = min(ends) if ends else len(low)
    if _SOON.search(low, start, stop):
        return []  # "let me check with the boss, back to you today": an errand
    if _NOT_THEIRS.search(low, start, stop):
        return []  # praise ("don't know what I'd do without you"), or no say in it
    if _CHANNEL.search(low, start, stop):
        return []  # "kindly do not call, we will revert on email only": how, not whether
    return [
        Evidence(
            UNDECIDED,
            quote,
            date,
            0.0,
            cues.undecided_source,
            entry_id,
            answer_id,
            SPEAKER_CUSTOMER,
            who,
        )
    ]


# Not knowing, deciding or saying yet, however it is put: "I do not yet know how I will
# position myself", "I cannot answer you yet", "we can't say yet which way"; and a
# decision put off until later: "first I look how things work, then I decide".
_NOT_YET: Final = re.compile(
    r"\b(?:(?:do|does|did|can|could|have|has|am|are|is)(?:\s+not|n't|not)|don't|doesn't|"
    r"didn't|can't|cannot|couldn't|haven't|hasn't|i'm\s+not|we're\s+not|not)\s+"
    r"(?:yet\s+)?(?:(?:really|fully|quite|even)\s+)?"
    # deciding, with what is decided in between: "haven't decided on the colour yet"
    r"(?:(?:decide[ds]?|decided|answer|commit|choose|chosen|judge|promise|sure|made\s+up)\b"
    r"(?:\s+[\w']+){0,4}?\s+yet\b"
    # knowing or saying, yet right after or after what is not known: "can't say yet",
    # "don't know what I'm doing yet", not "don't know any of them yet"
    r"|(?:know|say|tell)(?:\s+(?:you|me|it|that))?(?:\s+(?:what|which|how|whether|if|who|"
    r"where|when|more|anything|nothing|much)\b(?:\s+[\w']+){0,4}?)?\s+yet\b)"
    r"|\b(?:do|does|did|can|have|has|am|are|is)\s+not\s+yet\s+(?:know|decide[ds]?|decided|"
    r"answer|say|tell|sure|commit|choose|chosen|judge|promise|made\s+up)\b"
    r"|\b(?:first|only\s+then|then|after\s+that|afterwards)\s*,?\s+(?:i|we)\s+"
    r"(?:will\s+|'ll\s+|can\s+)?decide\b"
)


# A reply promised within the day: what is put off is an errand, not a view.
_SOON: Final = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|end of (?:the )?day|eod"
    r"|in (?:an?|one|two|five|ten|fifteen|twenty|thirty|half an|a few|a couple of|\d+) "
    r"(?:hour|hours|hrs?|minutes?|mins?)|within the hour|after lunch)\b"
)


# "I don't know what I'd do without you": praise. "He cannot decide it": he has no say
# (the one who has is weighed on their own words), not that anyone is undecided.
_NOT_THEIRS: Final = re.compile(
    r"\bknow what (?:i|we)(?:'d| would) do without\b"
    r"|\b(?:he|she) (?:cannot|can't|can not|could not|couldn't) decide (?:it|that|this|anything)\b"
)


# "We will revert on email only": the way they will answer, not a decision put off.
_CHANNEL: Final = re.compile(
    r"\b(?:revert|reply|respond|come back|get back)(?: to you)? (?:on|by|via|over|through) "
    r"(?:e-?mail|mail|whatsapp|text|sms|the portal)(?: only)?\b"
)


def _undecided_in(low: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """Where lower-case ``low`` says that its speaker has not decided, or None: not a
    request to be told what they don't know, nor a doubt on a condition that has not
    happened. The one test of both the lexicon's reading and the learned model's."""
    match = pattern.search(low)
    if match is not None and _WHAT_BEFORE.search(low, max(0, match.start() - 12), match.start()):
        match = pattern.search(low, match.end())  # "tell me what I don't know": a request
    if match is None:
        match = _NOT_YET.search(low)
    if match is None or _CONDITION.match(low, _start_of(low, match.start())):
        return None
    return match


def _start_of(low: str, at: int) -> int:
    """Where the sentence holding ``at`` starts."""
    return max(low.rfind(". ", 0, at) + 1, low.rfind("\n", 0, at) + 1, 0)


# The customer taking back what they said: "I was wrong about the food", "we were wrong to
# treat you like a quote shop", "I've changed my mind about visits", "I've come round to
# it", "I take that back", "I stand corrected", "I've learned my lesson". Not "if I was wrong", "I haven't changed
# my mind", nor taking something back to the office.
_RETRACTION: Final = re.compile(
    r"\b(?:i|we)\s+(?:was|were)\s+wrong\b"
    r"|\b(?:i|we)(?:'ve|\s+have|'d|\s+had)?\s+(?:now\s+|since\s+)?changed\s+(?:my|our)\s+(?:minds?|tune)\b"
    r"|\b(?:i|we)(?:'ve|\s+have)?\s+come\s+(?:a)?round\s+(?:on|to\s+(?:it|that|this|the\s+idea|your|you))\b"
    r"|\b(?:i|we)\s+take\s+(?:that|it|all\s+that)\s+back\b(?!\s+to\b)"
    r"|\b(?:i'm|i\s+am|we're|we\s+are)\s+taking\s+(?:that|it|all\s+that)\s+back\b(?!\s+to\b)"
    r"|\btake\s+back\s+what\s+(?:i|we)\s+said\b|\bi\s+stand\s+corrected\b"
    r"|\beat\s+my\s+words\b"
    # "I'll hold my hand up, I got that wrong."
    # (not "tells us where we got it wrong last time")
    r"|(?<!where\s)(?<!when\s)(?<!what\s)(?<!how\s)\b(?:i|we)\s+got\s+(?:that|it)\s+wrong\b"
    r"|\bhold\s+(?:my|our)\s+hands?\s+up\b"
    # A co-decider conceding: "Claire won. I'm big enough to admit it.", "Anjali says I
    # told you so, and annoyingly she's right."
    r"|\bbig\s+enough\s+to\s+admit\b|\bannoyingly,?\s+(?:she|he)(?:'s|\s+is|\s+was)\s+right\b"
    r"|\b(?:she|he)\s+was\s+right\s+(?:all\s+along|after\s+all)\b"
    # "Forget what I said about expertise, we've got that in the building now."
    r"|\bforget\s+what\s+(?:i|we)\s+(?:said|told\s+you)\b"
    # "Different answer from last year.", "My answer's changed since last time."
    r"|\bdifferent\s+answer\s+(?:from|than|to)\s+(?:last|the\s+last|before)\b"
    r"|\b(?:my|our)\s+answer(?:'s|\s+has)\s+changed\b"
    # "I've learned my lesson.": what they did before was the mistake
    r"|\b(?:i|we)(?:'ve|\s+have)?\s+learn(?:ed|t)\s+(?:my|our)\s+lesson\b"
    # "When I said termly reviews in July I was in summer mode."
    r"|\bwhen\s+(?:i|we)\s+said\b[^.!?]{0,80}?\b(?:i|we)\s+(?:was|were)\s+(?:in\s+\w+\s+mode|being\s+"
    r"(?:optimistic|naive|silly|daft|polite)|naive|dreaming|carried\s+away|kidding\s+(?:myself|ourselves))"
)
# The rep reporting it: "she's changed her mind on visits", "he admitted he'd been wrong
# about us", "Ray's come round".
_RETRACTION_REPORTED: Final = re.compile(
    r"\b(?:he|she|they|\w+)(?:'s|\s+has|\s+have|'ve)?\s+(?:now\s+)?changed\s+(?:his|her|their)"
    r"\s+(?:minds?|tune)\b"
    r"|\b(?:admitted|admits|conceded|concedes|said|says|told\s+me)\s+(?:that\s+)?(?:he|she|they)"
    r"(?:\s+(?:was|were|had\s+been)|'d\s+been)\s+wrong\b"
    r"|\b(?:he|she|they)(?:'s|\s+has|\s+have|'ve)\s+come\s+(?:a)?round\b"
)
_IF_BEFORE: Final = re.compile(r"\b(?:if|unless|whether|maybe if)\s+$")


def _retracted(
    text: str,
    date: dt.date | None,
    entry_id: int | None,
    answer_id: int | None,
    who: str,
    *,
    rep: bool = False,
) -> list[Evidence]:
    """A ``RETRACTED`` marker on the sentence in which the customer takes back what
    they said before (in the rep's prose, ``rep``, where the rep reports it of them)."""
    low = ph.lower_text(text)
    match = (_RETRACTION_REPORTED if rep else _RETRACTION).search(low)
    if match is None or _IF_BEFORE.search(low, max(0, match.start() - 10), match.start()):
        return []
    start = _start_of(low, match.start())
    ends = [k for k in (low.find(". ", match.end()), low.find("\n", match.end())) if k >= 0]
    quote = text[start : min(ends) + 1 if ends else len(text)].strip()
    return [Evidence(RETRACTED, quote, date, 0.0, "", entry_id, answer_id, SPEAKER_CUSTOMER, who)]


def _relayed(
    text: str,
    date: dt.date | None,
    entry_id: int | None,
    answer_id: int | None,
    speaker: str,
    who: str,
) -> list[Evidence]:
    """A ``RELAYED`` marker for each sentence of ``text`` that may pass on someone's words."""
    if not _RELAY_HINT.search(text):
        return []
    return [
        Evidence(RELAYED, sentence, date, 0.0, "", entry_id, answer_id, speaker, who.strip())
        for sentence in _RELAY_SENTENCE.split(text)
        if _RELAY_HINT.search(sentence)
    ]


# What someone's passed-on words are called: "Garfield's reply", "Tess's own words".
THEIR_WORDS: Final = r"(?:reply|email|e-mail|answer|words|message|instructions?|verdict)"
# Words that say they pass someone's words on: "asked me to tell you", "word for word",
# "his answer:" (the classifier's test of a relay adds its own; see ``_RELAY_HINT``).
PASSES_ON: Final = (
    r"\b(?:asked|told) me to (?:tell|pass|let|say|book|ask)\b|\bword for word\b|\bverbatim\b"
    r"|\b(?:his|her) (?:own )?words\b"
    r"|\b(?:his|her) (?:answer|reply|instructions?|message|verdict)\s*(?::|is\b|was\b)"
)
# A sentence that may pass someone's words on: the above, "passing this on", "Garfield's
# reply", "forwarded Tom's email".
_RELAY_HINT: Final = re.compile(
    rf"{PASSES_ON}|\bpass(?:ed|ing)? (?:this |that |it )?on\b|\w['’]s (?:own )?{THEIR_WORDS}\b",
    re.IGNORECASE,
)
_RELAY_SENTENCE: Final = re.compile(r"(?<=[.!?])\s+|\n+")


_NO_TO_IT: Final = 0.5


def _echo(answer: Answer, cues: Cues, offered: bool = False) -> list[Evidence]:
    """A bare yes or no takes its topic from the question (Rosen: ask them), provided
    the question points one way: "Where could our advice help?" - "Not really needed.".

    ``offered``: the question is the rep's, recorded in the notes ("Offered a quarterly
    review. 'Not for me, thanks.'"). Only what the rep plainly offered is answered
    there: not a topic the question words negatively ("offered to stop by"), not a
    price deal (turning one down is no view of price, though "anything beyond price?" -
    "Not really." is), and a no only to what a no turns against."""
    polarity, quote = cm.answer_polarity(answer.answer, cues)
    if not polarity:
        return []
    hits, _ = cm.analyse_text(answer.question_text, cues, ph.SOURCE_ANSWER)
    if offered:
        hits = [
            h
            for h in hits
            if h.factor > 0
            and not (
                cues.topics.get(cues.groups[h.group].id) == _PRICE
                and cues.groups[h.group].weight < 0
            )
            and (polarity > 0 or cues.groups[h.group].on_negation < 0)
        ]
    if len({cues.groups[h.group].weight * h.factor > 0 for h in hits}) != 1:
        return []
    out = []
    for hit in hits:
        group = cues.groups[hit.group]
        # A plain no to what the question asks turns it down, even for a group that a
        # negation inside a sentence leaves as it is ("no surprises" wants foresight):
        # "Would it help if I came before the season to plan?" - "No, hon."
        turn = 1.0 if polarity > 0 else min(group.on_negation, -_NO_TO_IT)
        weight = group.weight * hit.factor * turn * cues.sources.question_echo
        if weight:
            out.append(
                Evidence(
                    group.id,
                    quote,
                    answer.said_on,
                    weight,
                    group.source,
                    answer.entry_id,
                    answer.id,
                    SPEAKER_CUSTOMER,
                    answer.speaker.strip(),
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
    who: str = "",
    customers: frozenset[str] = frozenset(),
) -> list[Evidence]:
    out = []
    for hit in hits:
        group = cues.groups[hit.group]
        # "Marco likes your training, that's nice for Marco": in the customer's words, a
        # liking the sentence gives to another of their people is that person's.
        other = _liking_of(hit.quote, who, customers) if speaker == SPEAKER_CUSTOMER else ""
        out.append(
            Evidence(
                group.id,
                hit.quote,
                date,
                group.weight * hit.factor * factor,
                group.source,
                entry_id,
                answer_id,
                speaker,
                other or who,
            )
        )
    return out


# A sentence opening with someone's name and what they like or want: "Marco likes your
# training", "Priya's keen on the reviews", "Dad wants the visits".
_LIKING: Final = re.compile(
    r"\W*([^\W\d_][\w'’-]*)(?:'s|’s)?\s+(?:(?:really|also|still|always|quite)\s+)?"
    r"(?:likes|loves|enjoys|prefers|wants|needs|values|rates|misses|is keen on|keen on"
    r"|is fond of|swears by|thinks the world of)\b"
)


def _liking_of(quote: str, who: str, customers: frozenset[str]) -> str:
    """The name of another of the customer's people whom a quotation opens by saying
    they like or want something ("Marco likes your training"); "" when it names none of
    theirs, or the speaker."""
    match = _LIKING.match(quote)
    if not match or not customers:
        return ""
    name = match.group(1)
    if name.casefold() not in customers or name.casefold() in who.casefold().split():
        return ""
    return name
