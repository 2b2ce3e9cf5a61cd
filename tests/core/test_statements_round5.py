"""The classifier's fifth round (issue 15): who is speaking in more shapes of notes
(headings, chat messages under a header line, Q:/A: notes, single quotes, a speaker's
quotation followed by the rep's remark), the rep's guesses and reported questions are
no stance, a refused refusal is a wish, a price request is not a price focus, silence
is weak and never settles a rep-only account, and a deferral is lifted only by a clear
statement. Examples are written for these tests, in the shapes the development split's
new voices showed (never taken from the blind splits)."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import UNDECIDED, read_answer
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, SPEAKER_REP, segment_notes
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    AccountJournal,
    Answer,
    Entry,
)
from tests.helpers.statements import Q_WORK, ids
from tests.helpers.statements import journal as _journal
from tests.helpers.statements import note as _note
from tests.helpers.statements import weights as _weights

TODAY = dt.date(2026, 6, 1)


def _answer(j: AccountJournal, day: dt.date, text: str, speaker: str = "") -> None:
    entry = Entry(at=dt.datetime.combine(day, dt.time(9)), kind="meeting", id=next(ids))
    who = speaker or j.stakeholders[0].name
    answer = Answer(Q_WORK, text, day, speaker=who, entry_id=entry.id, id=next(ids))
    entry.answers.append(answer)
    j.answers.append(answer)
    j.entries.append(entry)


def _said(notes: str, *customers: str) -> list[tuple[str, str, str]]:
    """(speaker, who, text) of each segment the customer's side said."""
    return [
        (s.speaker, s.who, s.text)
        for s in segment_notes(notes, frozenset(), frozenset(customers))
        if s.speaker == SPEAKER_CUSTOMER
    ]


# -- who is speaking ---------------------------------------------------------------------


def test_the_headings_of_an_account_plan_or_a_crm_record_are_not_speakers() -> None:
    notes = (
        "Situation: 11 years with them.\n"
        "Plan: build the relationship with Sophie the way we had it with Margaret.\n"
        "CUSTOMER GOALS: not stated.\n"
        "Amount: $39,000\n"
        "Close Date: 2026-12-15\n"
        "Description: proposal plus quarterly check-ins."
    )
    assert _said(notes, "sophie", "margaret") == []


def test_chat_messages_under_a_header_line_are_their_senders() -> None:
    slack = (
        "Pinged him in Slack:\n"
        "Me  3:14 PM\n"
        "want to set up a quarterly business review?\n"
        "Jonah Feld  3:31 PM\n"
        'we\'re not looking for a "strategic partner", just the best price by friday'
    )
    assert _said(slack, "jonah") == [
        (
            SPEAKER_CUSTOMER,
            "Jonah Feld",
            'we\'re not looking for a "strategic partner", just the best price by friday',
        )
    ]
    teams = "[11:20] Aisling Grady\nI want one firm that knows our estate.\n[11:24] Rob Penhaligon\nLowest compliant price wins."
    assert [who for _, who, _ in _said(teams, "aisling", "rob")] == [
        "Aisling Grady",
        "Rob Penhaligon",
    ]


def test_a_chat_header_needs_a_person_not_any_word_and_a_time() -> None:
    assert _said("Lunch 12:30\nbrought sandwiches for the team", "dana") == []


def test_the_answers_of_qa_notes_are_the_customers_and_the_questions_the_reps() -> None:
    notes = "Q: could you do without the sessions?\nA: Not without losing something, no."
    segments = segment_notes(notes, frozenset(), frozenset())
    assert [(s.speaker, s.text) for s in segments] == [
        (SPEAKER_REP, "could you do without the sessions?"),
        (SPEAKER_CUSTOMER, "Not without losing something, no."),
    ]


def test_a_speakers_quotation_then_the_reps_remark_on_one_line() -> None:
    notes = (
        'Rupert: "Please send the loss runs by Friday." Nothing on whether he wants it marketed.\n'
        'Miriam: "I want someone we can rely on for years." Oliver: "I want the cheapest."'
    )
    assert _said(notes, "rupert", "miriam", "oliver") == [
        (SPEAKER_CUSTOMER, "Rupert", "Please send the loss runs by Friday."),
        (SPEAKER_CUSTOMER, "Miriam", "I want someone we can rely on for years."),
        (SPEAKER_CUSTOMER, "Oliver", "I want the cheapest."),
    ]


def test_single_quotes_are_speech_but_the_reps_scare_quotes_are_not() -> None:
    assert _said("Neil: 'Don't you dare move Samir. The guards know the site.'", "neil") == [
        (SPEAKER_CUSTOMER, "Neil", "Don't you dare move Samir. The guards know the site.")
    ]
    assert _said("Visited. Shirley, for herself: 'I does like when you come by.'", "shirley") == [
        (SPEAKER_CUSTOMER, "Shirley", "I does like when you come by.")
    ]
    assert _said("Rep has them down as 'strategic, wants a partner'. The lab's owner's view?") == []


@pytest.mark.parametrize(
    "notes",
    [
        "My feeling is they want a partner after the war damage to their workshop.",
        "I think he wants the cheapest, but who knows.",
        "Push back: no evidence they want anything yet.",
        "Until Priya says something, it's open.",
    ],
)
def test_the_reps_guess_is_not_the_customers_reported_words(notes: str) -> None:
    assert _said(notes, "priya") == []


def test_a_reported_question_states_no_stance(cues: Cues) -> None:
    text = "That's Owen's call, and he's never said whether he wants a fix-and-forget or someone advising."
    assert _weights(text, cues).get("rosen.wants_advice", 0.0) == 0.0
    assert _weights("We want someone advising us every quarter.", cues)["rosen.wants_advice"] > 0


# -- what it means -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please don't stop the visits each month.",
        "Don't you dare stop coming out.",
        "uh don't go stopping the visits just cause we've been quiet",
        "Please never cancel our quarterly review.",
    ],
)
def test_a_refused_refusal_is_a_wish(cues: Cues, text: str) -> None:
    weights = _weights(text, cues)
    assert sum(weights.values()) > 0, weights


def test_a_refusal_is_still_a_refusal(cues: Cues) -> None:
    assert sum(_weights("Stop the visits, please.", cues).values()) < 0
    assert sum(_weights("We'd prefer to cut vendor meetings.", cues).values()) < 0


def test_asking_for_a_price_is_not_a_focus_on_price(cues: Cues) -> None:
    assert "rosen.price_focus" not in _weights("Can you send me a price for 40 bags?", cues)
    assert "rosen.price_focus" not in _weights("Revised pricing schedule attached.", cues)
    assert _weights("Just send me the price.", cues)["rosen.price_focus"] < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("No need to follow up, all good on our side.", "rosen.wants_partner"),
        ("To be straight with you, we're not looking for a partner.", "garbarino.trust_commitment"),
        ("Account's set up, first order went through this morning.", "gronroos.values_expertise"),
        ("Partnership meeting's in the summer.", "rosen.wants_partner"),
        ("Liam, we're bidding the rail depot next spring.", "jackson.always_a_share"),
        ("Summer is very busy with the yachts.", "rosen.leave_alone"),
    ],
)
def test_idioms_and_senses_that_are_not_a_stance(cues: Cues, text: str, signal: str) -> None:
    assert signal not in _weights(text, cues)


@pytest.mark.parametrize(
    "text",
    [
        "I can get pipe anywhere. I can't get someone who knows my jobs.",
        "I'm not swapping that for a penny.",
        "The cheaper lot couldn't tell us a thing about our herd.",
        "We're staying with you, and I'd like Jenny back on our account.",
        "I don't want to shop it any more.",
    ],
)
def test_loyalty_said_without_textbook_words(cues: Cues, text: str) -> None:
    assert sum(_weights(text, cues).values()) > 0, _weights(text, cues)


# -- thin evidence, deferrals ---------------------------------------------------------------


def test_silence_and_the_reps_own_doing_never_settle_a_rep_only_account(cues: Cues) -> None:
    j = _journal()
    _note(j, dt.date(2026, 3, 1), "Sent samples and a proposal for a design partnership.")
    _note(j, dt.date(2026, 4, 1), "Chased. No reply. They clearly need a partner here.")
    _note(j, dt.date(2026, 5, 1), "Still no reply.")
    result = classify_account(j, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED
    assert any(r.signal == "behaviour.silence" for r in result.reasons)


def test_a_deferral_is_lifted_by_a_clear_statement_not_by_a_request(cues: Cues) -> None:
    j = _journal(("Nadia Farrow", "influencer"), ("Rupert Thornbury", "decision maker"))
    _answer(
        j,
        dt.date(2026, 3, 1),
        "Personally I'd stay with you. But it's not my call, it's Rupert's.",
        "Nadia Farrow",
    )
    _note(j, dt.date(2026, 4, 1), 'Rupert: "Please send three years\' loss runs by Friday."')
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED
    _answer(
        j,
        dt.date(2026, 5, 1),
        "Market it, as always. Cheapest premium wins, I don't mind who.",
        "Rupert Thornbury",
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_not_my_call_does_not_reopen_what_the_decision_maker_said(cues: Cues) -> None:
    j = _journal(("Imran Qureshi", "decision maker"), ("Sarah Whitcombe", "influencer"))
    _answer(
        j,
        dt.date(2026, 1, 10),
        "From April everything goes through our broker's reverse auction, lowest rate wins. "
        "Please drop the monthly market call.",
        "Imran Qureshi",
    )
    _answer(j, dt.date(2026, 4, 2), "Sorry. Not my call any more.", "Sarah Whitcombe")
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


@pytest.mark.parametrize(
    "text",
    [
        "Give me some time, I will call you when I have looked at all the contracts.",
        "Joint decision, no date yet.",
        "We will consider and reply after our internal discussion.",
        "Soon come, man, soon come.",
        "After the board meeting in December we will check and revert.",
    ],
)
def test_more_ways_of_not_having_decided(cues: Cues, text: str) -> None:
    evidence = read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)
    assert any(ev.signal == UNDECIDED for ev in evidence)


def test_the_decision_being_with_the_price_is_not_a_deferral(cues: Cues) -> None:
    evidence = read_answer(
        Answer(Q_WORK, "The decision is with the price. Send offers by mail.", TODAY), cues
    )
    assert not any(ev.signal == UNDECIDED for ev in evidence)


def test_a_grumpy_customer_who_refuses_to_lose_the_visits_is_relational(cues: Cues) -> None:
    j = _journal()
    _answer(
        j,
        dt.date(2026, 2, 1),
        "You lot are a pain. But you're the only ones who turn up on site. "
        "Don't you dare stop coming out.",
    )
    _answer(
        j,
        dt.date(2026, 5, 1),
        "Keep coming out. I can get pipe anywhere. I can't get someone who knows my jobs.",
    )
    assert classify_account(j, cues, TODAY).label == LABEL_RELATIONAL


def test_the_reps_guesses_alone_leave_an_account_undetermined(cues: Cues) -> None:
    j = _journal()
    _note(j, dt.date(2026, 3, 1), "My feeling is they want a partner. Sent the partnership deck.")
    _note(j, dt.date(2026, 4, 1), "My gut says she'll want the same partnership. No reply.")
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


# -- late in the round ---------------------------------------------------------------------


def test_a_refusal_that_spares_something_keeps_it(cues: Cues) -> None:
    assert (
        _weights("Cut the price rise if you like, not the reviews.", cues)["rosen.wants_reviews"]
        > 0
    )
    assert _weights("I want people, not reviews.", cues)["rosen.wants_reviews"] < 0


def test_tenders_for_strangers_and_staying_every_time_are_loyalty(cues: Cues) -> None:
    assert _weights("No. Tenders are for strangers.", cues)["jackson.lost_for_good"] > 0
    assert "jackson.always_a_share" not in _weights("No. Tenders are for strangers.", cues)
    weights = _weights(
        "Your price is too high, I tell you every time. And every time I stay.", cues
    )
    assert weights["jackson.lost_for_good"] > 0


def test_a_sentence_opening_with_the_reporting_verb_reports_the_customer() -> None:
    notes = "Good laugh as always. Said straight up he'll buy off whoever's cheapest that week."
    assert _said(notes) == [
        (SPEAKER_CUSTOMER, "", "Said straight up he'll buy off whoever's cheapest that week.")
    ]
    assert _said("Said I'd call back on Tuesday with the stock figures.") == []


def test_a_short_acknowledgement_leans_nowhere(cues: Cues) -> None:
    evidence = read_answer(Answer(Q_WORK, "Thanks, received.", TODAY), cues)
    assert not [ev for ev in evidence if ev.signal == "learned.statement"]


def test_a_courtesy_sign_off_is_not_a_long_term_wish(cues: Cues) -> None:
    assert "jackson.lost_for_good" not in _weights("Long-term cooperation!", cues)
    assert (
        _weights("We want long-term cooperation with one supplier.", cues)["jackson.lost_for_good"]
        > 0
    )


# -- note formats: text threads, numbered speakers, minutes ----------------------------------


def test_text_threads_name_their_senders() -> None:
    notes = (
        "Tue 9:14 AM  Ray: price on the clear coat gallons?\n"
        "Tue 9:31 AM  Me: 138 ea, 131 if u take 6\n"
        "Wed 2:41 PM  Ray: whoevers cheaper that week gets it. nothing personal"
    )
    assert [(who, text) for _, who, text in _said(notes, "ray")] == [
        ("Ray", "price on the clear coat gallons?"),
        ("Ray", "whoevers cheaper that week gets it. nothing personal"),
    ]
    thread = "Tom Fenwick – 17:48\ncancel the monthly call pls mate\nMe – 18:02\nno problem Tom"
    assert _said(thread, "tom") == [
        (SPEAKER_CUSTOMER, "Tom Fenwick", "cancel the monthly call pls mate")
    ]


def test_numbered_speakers_are_who_the_notes_say_they_are() -> None:
    mapped = (
        "S1 = me, S2 = Dolores\n"
        "00:00:03 S1: We work with forty credit unions, a real partnership.\n"
        "00:04:15 S2: Okay. Send me something."
    )
    assert _said(mapped, "dolores") == [(SPEAKER_CUSTOMER, "Dolores", "Okay. Send me something.")]
    # Only the customer's speaker named: the other one is the rep.
    half = (
        "Speaker 2 = Priya (ops director)\n"
        "Speaker 1: we do quarterly planning.\n"
        "Speaker 2: we want someone who knows our sites."
    )
    assert _said(half, "priya") == [
        (SPEAKER_CUSTOMER, "Priya", "we want someone who knows our sites.")
    ]


def test_minutes_report_people_by_their_initials(cues: Cues) -> None:
    j = _journal(("Jonathan Mortimer", "decision maker"))
    _note(
        j,
        dt.date(2026, 3, 1),
        "Present: JM (Director of Estates, Chair), AP (our Regional Manager), me.\n"
        "2.1 JM stated that the university did not require an account manager and asked "
        "that the monthly visits not be scheduled.\n"
        "2.2 JM noted that the lowest compliant price would be taken on each occasion.",
    )
    _note(
        j,
        dt.date(2026, 5, 1),
        "1.1 JM reiterated that price and availability on the portal were the only criteria.",
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL
