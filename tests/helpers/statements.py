"""Small journals and readings for the statement classifier's tests (issue 15)."""

from __future__ import annotations

import datetime as dt
import itertools

from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import read_answer
from reljournal.core.model import Account, AccountJournal, Answer, Entry, Stakeholder

Q_WORK = "How do you want to work with us?"
ids = itertools.count(290_000)


def journal(*people: tuple[str, str], name: str = "Statements") -> AccountJournal:
    """An account with these (name, role) people, or one decision maker, Pat Doyle."""
    j = AccountJournal(account=Account(name=name, id=next(ids)))
    for person, role in people or (("Pat Doyle", "decision maker"),):
        j.stakeholders.append(Stakeholder(person, role=role, id=next(ids)))
    return j


def note(j: AccountJournal, day: dt.date, text: str) -> None:
    """A visit on ``day`` with ``text`` as its notes."""
    j.entries.append(
        Entry(at=dt.datetime.combine(day, dt.time(11)), kind="visit", notes=text, id=next(ids))
    )


def weights(text: str, cues: Cues) -> dict[str, float]:
    """The cue lexicon's weight per signal for ``text`` as an answer (the learned model
    left out)."""
    out: dict[str, float] = {}
    for ev in read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues):
        if ev.signal != "learned.statement":
            out[ev.signal] = out.get(ev.signal, 0.0) + ev.weight
    return out
