"""The classifier reads statements (issue 15): who said what, and what it means.

Every example here comes from the issue or from the development split of the
classifier corpus, and each one was read wrongly by the classifier before issue 15.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import is_headline
from reljournal.core.classify.statements import (
    KIND_NOTE,
    KIND_QUOTE,
    KIND_TURN,
    SPEAKER_CUSTOMER,
    SPEAKER_REP,
    segment_notes,
)
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Answer,
    Classification,
    Entry,
)

TODAY = dt.date(2026, 6, 1)
Q_EXPECT = "What are your expectations of the person you are going to buy from?"
Q_OFTEN = "How often do you want to hear from me, and how?"
Q_REVIEWS = "Would regular reviews or reports help, or should I stay out of your way?"
NOTE = "note"
_ids = itertools.count(5000)


def journal(*items: tuple[dt.date, str, str]) -> AccountJournal:
    """(day, question or NOTE, text): an answer to the question, or an entry's notes."""
    j = AccountJournal(account=Account(name="Statement test", id=next(_ids)))
    for day, question, text in items:
        entry = Entry(at=dt.datetime.combine(day, dt.time(9)), kind="call", id=next(_ids))
        if question == NOTE:
            entry.notes = text
        else:
            answer = Answer(question, text, day, entry_id=entry.id, id=next(_ids))
            entry.answers.append(answer)
            j.answers.append(answer)
        j.entries.append(entry)
    return j


def said(text: str, question: str = Q_EXPECT) -> AccountJournal:
    return journal((dt.date(2026, 5, 1), question, text))


def classify(j: AccountJournal, cues: Cues) -> Classification:
    return classify_account(j, cues, TODAY)


# -- statements and speakers ----------------------------------------------------------


def test_a_transcript_is_cut_into_turns_by_speaker() -> None:
    notes = (
        "Call with Barry (transcript)\n"
        "Me: Hi Barry, I wanted to set up a value-add conversation.\n"
        "Barry: Oh great. My favourite.\n"
        "Note: he sounded busy.\n"
        "Sam Lee (pre-sales): We can run a workshop.\n"
    )
    segments = segment_notes(notes, our_side=frozenset({"sam lee", "sam"}))
    assert [(s.speaker, s.kind, s.who) for s in segments] == [
        (SPEAKER_REP, KIND_NOTE, ""),
        (SPEAKER_REP, KIND_NOTE, "Me"),
        (SPEAKER_CUSTOMER, KIND_TURN, "Barry"),
        (SPEAKER_REP, KIND_NOTE, ""),  # "Note:" is a label, not a speaker
        (SPEAKER_REP, KIND_NOTE, "Sam Lee"),  # a colleague speaks for our side
    ]
    assert segments[2].text == "Oh great. My favourite."


def test_quoted_words_and_emails_are_the_customers_own() -> None:
    notes = (
        'Weidlich wrote: "A visit is not necessary. Next time please be sharper."\n'
        "Sent quote. Offered a call.\n"
        "> Thanks, we'll pass on the call for now.\n"
        'I told her "we can do a quarterly review" - no answer.'
    )
    segments = segment_notes(notes)
    customer = [s.text for s in segments if s.speaker == SPEAKER_CUSTOMER]
    assert customer == [
        "A visit is not necessary. Next time please be sharper.",
        "Thanks, we'll pass on the call for now.",
    ]
    assert all(s.kind == KIND_QUOTE for s in segments if s.speaker == SPEAKER_CUSTOMER)
    # The rep quoting themselves stays the rep's.
    assert any("quarterly review" in s.text for s in segments if s.speaker == SPEAKER_REP)


def test_the_reps_own_offers_are_not_the_customer_wanting_advice(cues: Cues) -> None:
    j = journal(
        (dt.date(2026, 3, 2), Q_OFTEN, "Email is fine."),
        (
            dt.date(2026, 3, 2),
            NOTE,
            "Me: We could also do a planning session each quarter, I'd bring ideas for your "
            "range and a review of the year.\nTom: Just send the prices.\n"
            "Me: And I could visit the site, talk strategy with you.",
        ),
        (
            dt.date(2026, 4, 2),
            NOTE,
            "Offered a quarterly planning session and a site visit. Suggested an annual "
            "review of their range. Sent ideas for the spring range.",
        ),
    )
    result = classify(j, cues)
    assert result.label == LABEL_TRANSACTIONAL
    # The rep's prose is weak evidence; the rep's own lines in a transcript are none.
    assert max(r.weight for r in result.reasons) < 0.1, result.reasons
    assert not any("talk strategy" in r.quote for r in result.reasons)


# -- language read as a whole ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # negating verbs and refusals
        (
            "Cancel the QBRs, please — we'll just renew annually online, no calls needed.",
            Q_EXPECT,
            LABEL_TRANSACTIONAL,
        ),
        ("Please no.", Q_REVIEWS, LABEL_TRANSACTIONAL),
        ("Drop the monthly call.", Q_EXPECT, LABEL_TRANSACTIONAL),
        # sarcasm
        (
            "Oh sure, I'd LOVE a quarterly business review about paper cups.",
            Q_EXPECT,
            LABEL_TRANSACTIONAL,
        ),
        # double negation
        (
            "Honestly it isn't unimportant that you know our farmers by name.",
            Q_EXPECT,
            LABEL_RELATIONAL,
        ),
        # word sense
        ("What I like is that he calls me before a price increase.", Q_EXPECT, LABEL_RELATIONAL),
        ("I need help getting my team up to speed.", Q_EXPECT, LABEL_RELATIONAL),
        ("Switching vendors would be a nightmare.", Q_EXPECT, LABEL_RELATIONAL),
        # paraphrase with no cue word
        ("We want your people embedded with our scientists.", Q_EXPECT, LABEL_RELATIONAL),
        ("One partner for inverters, not three.", Q_EXPECT, LABEL_RELATIONAL),
        ("I want strategy conversations.", Q_EXPECT, LABEL_RELATIONAL),
        ("Help me with making the case to our board.", Q_EXPECT, LABEL_RELATIONAL),
        # contrast across sentences
        (
            "Our margins are thin. But what really kills us is surprises.",
            Q_EXPECT,
            LABEL_RELATIONAL,
        ),
    ],
)
def test_the_issues_sentences(cues: Cues, text: str, question: str, expected: str) -> None:
    result = classify(said(text, question), cues)
    assert result.label == expected, result.reasons
    assert all(r.quote in text for r in result.reasons), result.reasons


def test_invoicing_monthly_is_not_a_contact_cadence(cues: Cues) -> None:
    result = classify(said("Just invoice monthly, that's all.", Q_OFTEN), cues)
    assert not any(r.signal.endswith("cadence_regular") for r in result.reasons)
    assert result.label != LABEL_RELATIONAL


# -- stances change -------------------------------------------------------------------


def test_a_newer_clear_statement_supersedes_the_older_stance(cues: Cues) -> None:
    j = journal(
        (
            dt.date(2025, 2, 1),
            Q_OFTEN,
            "Quarterly business reviews, please, and a call every month.",
        ),
        (
            dt.date(2025, 5, 1),
            NOTE,
            'QBR done. Anna: "Good review, keep these coming every quarter."',
        ),
        (
            dt.date(2026, 3, 1),
            NOTE,
            "Anna emailed: \"Cancel the QBRs, please — we'll just renew annually online, "
            'no calls needed."',
        ),
    )
    result = classify(j, cues)
    assert result.label == LABEL_TRANSACTIONAL
    first = result.reasons[0]
    assert first.signal == "changed.contact" and is_headline(first.signal)
    assert first.date == dt.date(2026, 3, 1)
    assert first.quote.startswith("Cancel the QBRs")


def test_saying_they_have_not_decided_leaves_the_account_undetermined(cues: Cues) -> None:
    j = journal(
        (dt.date(2026, 2, 1), Q_EXPECT, "Three quotes, lowest wins."),
        (
            dt.date(2026, 4, 1),
            Q_EXPECT,
            "I might override, or might not. I honestly haven't decided.",
        ),
    )
    result = classify(j, cues)
    assert result.label == LABEL_UNDETERMINED
    assert result.reasons[0].signal == "rosen.undecided"
    assert result.reasons[0].quote == "I honestly haven't decided."


# -- confidence -----------------------------------------------------------------------


def test_one_call_is_never_high_confidence(cues: Cues) -> None:
    text = (
        "We want a long-term partner who knows our business, brings ideas and reviews the "
        "account with us every quarter. We trust you."
    )
    one = classify(said(text), cues)
    assert one.label == LABEL_RELATIONAL
    # At most 75 %: held out, labels from one day of the customer's words were right about
    # 95 % of the time on the development split, less on journals in new voices.
    assert one.confidence <= 0.75
    days = [dt.date(2025, 6, 1), dt.date(2025, 11, 1), dt.date(2026, 5, 1)]
    three = classify(journal(*((d, Q_EXPECT, text) for d in days)), cues)
    assert three.label == LABEL_RELATIONAL
    assert three.confidence > one.confidence + 0.1
