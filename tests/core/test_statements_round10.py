"""Issue 15, tenth round: the account is undetermined while only people who do not
decide have spoken for themselves, unless one of them passes on the decision maker's
own words in the same sentence (the corpus accounts themselves are not copied: these
notes are written for the test)."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.brief.words import SIGNAL_PHRASES
from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import DECIDER_SILENT, UNDECIDED, read_entry
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)

TODAY = dt.date(2026, 11, 30)

PEOPLE = [
    Stakeholder("Jordan Pryce", title="Assistant Manager", role="champion"),
    Stakeholder("Kerry Blake", title="Duty Technician", role="user"),
    Stakeholder("Sandra Whitcombe", title="General Manager", role="decision maker"),
]


def _journal(notes: list[str], people: list[Stakeholder] | None = None) -> AccountJournal:
    entries = [
        Entry(at=dt.datetime(2026, 2 + 2 * k, 3, 10), kind="visit", notes=text, id=k + 1)
        for k, text in enumerate(notes)
    ]
    return AccountJournal(Account("Kingsbrook Leisure", id=1), people or PEOPLE, entries)


# Two people who do not decide, keen on us, each speaking for themselves (with the old
# rule their words only counted half, and these still made the account relational).
KEEN = [
    "Jordan: 'Honestly we'd be lost without your engineers, they know every machine in the "
    "gym. I want you planning the refit with us, not some stranger off a tender list.'",
    "Kerry: 'Your lads are the only ones who ring back. Don't ever send us to a call centre, "
    "we want the same engineer every time.'",
    "Jordan: 'Keep the quarterly reviews coming, they're the only meeting I look forward to, "
    "and we'd never shop around on this.'",
]


def test_only_people_who_do_not_decide_leave_the_account_undetermined(cues: Cues) -> None:
    result = classify_account(_journal(KEEN), cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result
    # The brief says why first: who decides and has not spoken (a name the journal holds).
    first = result.reasons[0]
    assert (first.signal, first.quote) == (DECIDER_SILENT, "Sandra Whitcombe"), result.reasons
    assert first.date == dt.date(2026, 6, 3)
    assert "has not said what they want" in SIGNAL_PHRASES[DECIDER_SILENT][0]


def test_the_same_words_from_the_decision_maker_decide(cues: Cues) -> None:
    notes = [n.replace("Jordan:", "Sandra:") for n in KEEN]
    result = classify_account(_journal(notes), cues, TODAY)
    assert result.label == LABEL_RELATIONAL, result


@pytest.mark.parametrize(
    "relay",
    [
        "Jordan rang: 'Sandra's asked me to let you know she wants to keep the service "
        "contract with you, and she wants you at the planning day for the refit.'",
        "Jordan rang: 'Whitcombe says she wants you at the planning day for the refit.'",
        "Jordan rang: 'She asked me to pass on that she wants to keep the service contract "
        "with you, and she wants you at the planning day for the refit.'",
    ],
)
def test_someone_passing_on_the_decision_makers_words_decides(cues: Cues, relay: str) -> None:
    result = classify_account(_journal([*KEEN, relay]), cues, TODAY)
    assert result.label == LABEL_RELATIONAL, result


def test_a_relayed_price_stance_decides_too(cues: Cues) -> None:
    notes = [
        "Kayleigh on the phone: 'Ross asked me to tell you he just wants quotes for each event "
        "and goes with whoever is quickest and cheapest.'"
    ]
    people = [
        Stakeholder("Kayleigh Burns", title="Office Administrator", role="gatekeeper"),
        Stakeholder("Ross Marlowe", title="Owner", role="decision maker"),
    ]
    result = classify_account(_journal(notes, people), cues, TODAY)
    assert result.label == LABEL_TRANSACTIONAL, result


def test_someone_unnamed_speaking_may_be_the_decision_maker(cues: Cues) -> None:
    # Words in quotation marks with no name: they may be Sandra's, so they count.
    notes = [
        *KEEN,
        "At the desk: 'We want you doing the refit plan with us and the yearly review, like "
        "always - we wouldn't go anywhere else.'",
    ]
    result = classify_account(_journal(notes), cues, TODAY)
    assert result.label == LABEL_RELATIONAL, result


def test_without_a_decision_maker_listed_the_others_words_decide(cues: Cues) -> None:
    result = classify_account(_journal(KEEN, PEOPLE[:2]), cues, TODAY)
    assert result.label == LABEL_RELATIONAL, result


def test_passing_our_words_on_to_the_decision_maker_is_not_a_relay(cues: Cues) -> None:
    notes = [*KEEN, "Jordan: 'She's in budget meetings all week, honestly, but I'll pass it on.'"]
    result = classify_account(_journal(notes), cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result


# --- A doubt on a condition that has not happened is a threat, not indecision.


@pytest.mark.parametrize(
    ("answer", "undecided"),
    [
        ("If Maria disappears into a portal, we will have to think.", False),
        ("Unless the engineer stays the same, we would have to think about it.", False),
        ("If I'm honest, we haven't decided yet.", True),
        ("We will have to think about it.", True),
    ],
)
def test_a_doubt_on_a_condition_is_not_indecision(cues: Cues, answer: str, undecided: bool) -> None:
    entry = Entry(
        at=dt.datetime(2026, 3, 4, 9),
        kind="call",
        answers=[
            Answer("How would you feel about the ticket portal?", answer, dt.date(2026, 3, 4))
        ],
        id=1,
    )
    reading = read_entry(entry, cues, customers=frozenset({"lotte"}))
    assert any(ev.signal == UNDECIDED for ev in reading.evidence) == undecided, reading


def test_saying_the_decision_maker_never_said_is_not_a_relay(cues: Cues) -> None:
    notes = [*KEEN, "Kerry: 'Sandra never said she wants to keep the contract with you.'"]
    result = classify_account(_journal(notes), cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result
