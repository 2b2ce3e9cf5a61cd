"""The classifier's fourth round (issue 15): deferrals hold a stance back, shorthand is
read as the words it stands for, a clause opened by "just" is not negated by the clause
before it, word senses (the Trust, time a switch costs), verdicts after the thing judged,
one rep note alone never commits, automatic replies and the rep's quoted mail are not
the customer's words, and chat exports name their speakers. Examples are written for
these tests or taken from the development split of the classifier corpus (never the
blind splits)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reljournal.core.classify import statement_model as sm
from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.phrases import tokens
from reljournal.core.classify.reading import UNDECIDED, read_answer, read_entry
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, SPEAKER_REP, segment_notes
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

TODAY = dt.date(2026, 6, 1)
Q_DECIDE = "How do you decide on a supplier?"
Q_CONTACT = "How often do you want to hear from me, and how?"
_ids = itertools.count(190_000)


def _journal(*people: str) -> AccountJournal:
    j = AccountJournal(account=Account(name="Round four", id=next(_ids)))
    for name in people or ("Pat Doyle",):
        j.stakeholders.append(Stakeholder(name, role="decision maker", id=next(_ids)))
    return j


def _answer(
    j: AccountJournal, day: dt.date, text: str, question: str = Q_DECIDE, speaker: str = ""
) -> None:
    entry = Entry(at=dt.datetime.combine(day, dt.time(9)), kind="meeting", id=next(_ids))
    who = speaker or j.stakeholders[0].name
    answer = Answer(question, text, day, speaker=who, entry_id=entry.id, id=next(_ids))
    entry.answers.append(answer)
    j.answers.append(answer)
    j.entries.append(entry)


def _note(
    j: AccountJournal, day: dt.date, text: str, kind: str = "visit", by: str | None = "me"
) -> Entry:
    entry = Entry(
        at=dt.datetime.combine(day, dt.time(11)),
        kind=kind,
        notes=text,
        initiated_by=by,
        id=next(_ids),
    )
    j.entries.append(entry)
    return entry


def _weights(text: str, cues: Cues, question: str = Q_DECIDE) -> dict[str, float]:
    out: dict[str, float] = {}
    for ev in read_answer(Answer(question, text, dt.date(2026, 5, 1)), cues):
        out[ev.signal] = out.get(ev.signal, 0.0) + ev.weight
    return out


# -- the customer has not made up their mind -------------------------------------------


@pytest.mark.parametrize(
    "later",
    [
        "I don't know, man. Let me think about what I actually need.",
        "We'll table it until the president is back.",
        "Still waiting to hear on the contract, I'll let you know.",
        "Not sure, the CFO decides.",
        "I need to talk to my partner. Can you call back in May?",
    ],
)
def test_a_deferral_holds_back_what_was_said_before(cues: Cues, later: str) -> None:
    j = _journal()
    _answer(j, dt.date(2026, 3, 2), "Price. It's just cleaning supplies, cheapest wins.")
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL
    _answer(j, dt.date(2026, 4, 20), later)
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


def test_the_rep_reporting_a_deferral_holds_back_but_the_reps_own_does_not(cues: Cues) -> None:
    reported = _journal()
    _answer(reported, dt.date(2026, 3, 2), "Toner goes to whoever is cheapest, honestly.")
    _note(reported, dt.date(2026, 3, 2), "- said he'd think about the service plan")
    assert classify_account(reported, cues, TODAY).label == LABEL_UNDETERMINED
    own = read_entry(
        Entry(at=dt.datetime(2026, 3, 3, 9), kind="note", notes="I need to think about pricing."),
        cues,
    )
    assert not [ev for ev in own.evidence if ev.signal == UNDECIDED]


def test_filler_i_dont_know_inside_a_sentence_is_not_a_deferral(cues: Cues) -> None:
    text = "We'd like a sort of, I don't know, a standing arrangement twice a year."
    assert UNDECIDED not in _weights(text, cues)


# -- shorthand, negation scope, senses ------------------------------------------------------


def test_shorthand_is_read_as_the_words_it_stands_for(cues: Cues) -> None:
    assert tokens("px not the issue, i want u on every trial") == [
        "price",
        "not",
        "the",
        "issue",
        ",",
        "i",
        "want",
        "you",
        "on",
        "every",
        "trial",
    ]
    # "price is not the issue" is not a customer focused on price
    assert (
        _weights("px not the issue, i want u on every trial", cues).get("rosen.price_focus", 0.0)
        >= 0.0
    )
    assert _weights("dont call. ill email a PO", cues, Q_CONTACT).get("rosen.leave_alone", 0) < 0


def test_a_just_clause_is_not_negated_by_the_clause_before_it(cues: Cues) -> None:
    text = "no need to visit just text me the prices every morning"
    assert _weights(text, cues).get("rosen.price_focus", 0.0) < 0
    memo = "he doesn't need a rep visiting just send the quote"
    assert _weights(memo, cues).get("rosen.leave_alone", 0.0) < 0
    # right after the negation it is still negated: "don't just send quotes"
    assert _weights("Don't just send me quotes.", cues).get("rosen.leave_alone", 0.0) >= 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("A partnership brings me nothing.", "rosen.wants_partner"),
        ("Then the price is not the first question.", "rosen.price_focus"),
        ("We're done bidding out bolts.", "jackson.always_a_share"),
        ("The cheapest was not good for us, we had too many problems.", "rosen.price_focus"),
    ],
)
def test_negated_and_judged_cues_turn_around(cues: Cues, text: str, signal: str) -> None:
    weight = _weights(text, cues).get(signal, 0.0)
    group = next(g for g in cues.groups if g.id == signal)
    assert weight * group.weight <= 0, (text, weight)


def test_word_senses(cues: Cues) -> None:
    trust = _weights(
        "The Trust buys from the national framework. It is against Trust policy.", cues
    )
    assert trust.get("garbarino.trust_commitment", 0.0) <= 0
    switch = _weights("Every switch cost us a week on site.", cues)
    assert switch.get("rosen.price_focus", 0.0) == 0.0
    assert switch.get("jackson.lost_for_good", 0.0) > 0
    assert _weights("I'd not say no to a cheaper price.", cues).get("rosen.price_focus", 0) < 0


def test_a_but_that_adds_does_not_take_away(cues: Cues) -> None:
    plain = _weights("Price matters rather a lot.", cues)["rosen.price_focus"]
    added = _weights("Price matters rather a lot. But so does someone who answers.", cues)
    assert added["rosen.price_focus"] == pytest.approx(plain)
    contrast = _weights("Cheaper, yes, but who comes here when the dryer breaks?", cues)
    assert abs(contrast.get("rosen.price_focus", 0.0)) < abs(
        _weights("Cheaper, yes.", cues).get("rosen.price_focus", 0.0)
    )


def test_a_memo_is_cut_where_another_person_is_reported() -> None:
    memo = (
        "at the yard luis says he just wants the cheapest fertilizer every spring carlos says "
        "he wants a program with us where we come out and test the soil"
    )
    assert sm.sentences(memo)[-1].startswith("carlos says he wants a program")


# -- thin evidence ----------------------------------------------------------------------


def test_one_rep_note_alone_never_commits(cues: Cues) -> None:
    j = _journal()
    _note(j, dt.date(2026, 5, 7), "Downloaded tender notice for grounds equipment. Will bid.")
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED
    # the same from two visits is the rep's observation, and may decide
    _note(j, dt.date(2026, 5, 20), "Another tender notice, lowest bid wins again.")
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_a_quiet_customer_is_not_a_long_sales_cycle(cues: Cues) -> None:
    j = _journal()
    _answer(j, dt.date(2025, 6, 24), "Whoever runs the best promo that month gets the order.")
    order = _note(j, dt.date(2026, 3, 3), "Ordered gel polish, asked what promo we had.", "call")
    order.initiated_by = "them"
    result = classify_account(j, cues, TODAY)
    assert "behaviour.long_sales_cycle" not in {r.signal for r in result.reasons}


# -- who is speaking --------------------------------------------------------------------


def test_an_automatic_reply_and_our_quoted_mail_are_not_the_customers_words() -> None:
    notes = (
        "From: Greg Lawson\n"
        "Subject: Automatic reply: intro\n"
        "I am out of the office until August 25 with limited access to email.\n"
        "> Hi Greg, would you be open to a quarterly review and a long-term partnership?"
    )
    segments = segment_notes(notes, frozenset(), frozenset({"greg", "greg lawson", "lawson"}))
    assert not [s for s in segments if s.speaker == SPEAKER_CUSTOMER]


def test_chat_exports_name_their_speakers() -> None:
    notes = (
        "Priya Nair [10:15]: honestly we just go with the cheapest quote every time\n"
        "Me [10:17]: would a monthly check-in help?\n"
        "12/03/2025, 10:18 - Priya Nair: nah please no calls"
    )
    segments = segment_notes(notes)
    assert [(s.speaker, s.who) for s in segments] == [
        (SPEAKER_CUSTOMER, "Priya Nair"),
        (SPEAKER_REP, "Me"),
        (SPEAKER_CUSTOMER, "Priya Nair"),
    ]


def test_disagreeing_owners_in_a_memo_leave_it_undetermined(cues: Cues) -> None:
    j = _journal("Luis Mendez", "Carlos Mendez")
    _note(
        j,
        dt.date(2026, 4, 15),
        "at the yard luis says he just wants the cheapest fertilizer every spring carlos says "
        "he wants a program with us where we come out and test the soil they argued about it "
        "and said they'll figure it out between them",
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


def test_a_relational_statement_stays_relational(cues: Cues) -> None:
    j = _journal()
    _answer(
        j,
        dt.date(2026, 2, 11),
        "I need your application scientist involved while we develop the assay. We won't "
        "switch reagents mid-study, the revalidation would cost months.",
        "What are your expectations of the person you are going to buy from?",
    )
    assert classify_account(j, cues, TODAY).label == LABEL_RELATIONAL
