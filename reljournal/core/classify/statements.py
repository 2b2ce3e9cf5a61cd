"""An entry's notes cut into statements, each attributed to a speaker.

The customer's view comes from the customer's own words: answers to the ask-them
questions, words quoted in the notes ("..." or an email quoted with ``>``) and their
lines in a pasted transcript ("Name: ..."). Everything else in the notes is the rep's
own writing - what the rep saw, did or offered - which counts only as weak evidence
of what the customer wants; the rep's lines in a transcript ("Me: ...") and the words
of colleagues (the internal team and partners in the stakeholder list) are the rep's
side too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

SPEAKER_CUSTOMER: Final = "customer"
SPEAKER_REP: Final = "rep"

# How the statement is written down.
KIND_QUOTE: Final = "quote"  # "..." or a quoted email line (> ...)
KIND_TURN: Final = "turn"  # a customer's line in a pasted transcript
KIND_NOTE: Final = "note"  # the rep's own prose

# "Name: text" at the start of a line; the name is one to three capitalised words.
_TURN: Final = re.compile(
    r"^[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})[ \t]*(?:\([^)\n]{0,30}\))?"
    r"[ \t]*:[ \t]*(?P<text>.*)$"
)
# Labels a rep writes in notes that look like a speaker but are not one.
_LABELS: Final = frozenset(
    "note notes re fw fwd subject update next next steps action actions todo to do ps nb "
    "summary outcome result agenda follow up followup follow-up attendees present date "
    "time location where when who what why how q a answer question status decision "
    "context background issue issues risk risks price prices pricing quote order po "
    "call meeting email visit spec tl dr tldr fyi edit also important".split()
)
_REP_NAMES: Final = frozenset({"me", "rep", "i", "myself", "us", "we", "our side", "sales"})
# A quotation the rep attributes to themselves: "I said "..."", "I told her "...".
_SELF_QUOTE: Final = re.compile(
    r"\b(?:i|we)\s+(?:said|told|wrote|asked|replied|answered|offered|suggested|explained)"
    r"(?:\s+\w+){0,2}\s*[:,]?\s*$",
    re.IGNORECASE,
)
_QUOTE: Final = re.compile(r"\"([^\"\n]{2,})\"|“([^”\n]{2,})”")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one entry's notes said by one side."""

    text: str
    speaker: str  # SPEAKER_CUSTOMER or SPEAKER_REP
    kind: str  # KIND_QUOTE, KIND_TURN or KIND_NOTE
    who: str = ""  # the name in a transcript line, if any


def segment_notes(notes: str, our_side: frozenset[str] = frozenset()) -> list[Segment]:
    """Cut ``notes`` into segments by speaker, in order. ``our_side`` holds the
    lower-case names (full and first) of colleagues and partners, whose lines are
    the rep's side."""
    out: list[Segment] = []
    prose: list[str] = []
    header_rep = False  # the last "Name:" line with no text named the rep's side

    def flush() -> None:
        if prose:
            out.extend(_split_quotes("\n".join(prose)))
            prose.clear()

    for line in notes.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith(">"):
            flush()
            text = stripped.lstrip("> ").strip()
            if text:
                speaker = SPEAKER_REP if header_rep else SPEAKER_CUSTOMER
                out.append(Segment(text, speaker, KIND_QUOTE if not header_rep else KIND_NOTE))
            continue
        turn = _TURN.match(line)
        name = turn.group("name").strip() if turn else ""
        if turn and _is_speaker(name):
            flush()
            text = turn.group("text").strip()
            rep = name.casefold() in _REP_NAMES or _ours(name, our_side)
            header_rep = rep
            if text:
                if rep:
                    out.append(Segment(text, SPEAKER_REP, KIND_NOTE, name))
                else:
                    out.append(Segment(text, SPEAKER_CUSTOMER, KIND_TURN, name))
            continue
        header_rep = False
        prose.append(line)
    flush()
    return out


def _is_speaker(name: str) -> bool:
    low = name.casefold()
    return low not in _LABELS and low.split()[0] not in _LABELS and not low.isdigit()


def _ours(name: str, our_side: frozenset[str]) -> bool:
    low = name.casefold()
    return low in our_side or low.split()[0] in our_side


def _split_quotes(text: str) -> list[Segment]:
    """The rep's prose with the customer's quoted words taken out as their own segments."""
    out: list[Segment] = []
    pos = 0
    for match in _QUOTE.finditer(text):
        before = text[pos : match.start()]
        quoted = (match.group(1) or match.group(2) or "").strip()
        if _SELF_QUOTE.search(before) or len(quoted.split()) < 2:
            continue  # the rep quoting themselves, or a single quoted word ("Trust")
        if before.strip():
            out.append(Segment(before.strip(), SPEAKER_REP, KIND_NOTE))
        out.append(Segment(quoted, SPEAKER_CUSTOMER, KIND_QUOTE))
        pos = match.end()
    rest = text[pos:].strip()
    if rest:
        out.append(Segment(rest, SPEAKER_REP, KIND_NOTE))
    return out
