"""The classifier's sixth round (issue 15): questions that repeat an offer back, inch
marks, subjects that negate, and more ways people say what they want without the
textbook words. Examples are written for these tests, in the shapes the development
split's new voices showed (never taken from the blind splits)."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import UNDECIDED, read_answer
from reljournal.core.classify.statements import KIND_QUOTE, SPEAKER_CUSTOMER, segment_notes
from reljournal.core.model import (
    LABEL_UNDETERMINED,
    Answer,
)
from tests.helpers.statements import Q_WORK
from tests.helpers.statements import journal as _journal
from tests.helpers.statements import note as _note
from tests.helpers.statements import weights as _weights

TODAY = dt.date(2026, 6, 1)


def _quoted(notes: str, *customers: str) -> list[str]:
    """The customer's words the notes quote."""
    return [
        s.text
        for s in segment_notes(notes, frozenset(), frozenset(customers))
        if s.speaker == SPEAKER_CUSTOMER and s.kind == KIND_QUOTE
    ]


# -- questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A quarterly review? For paper cups?",
        "Monthly visits? I run a chip shop.",
        "You want to come by every month? We're four people and a van.",
        "A meeting every three months for a café of twelve seats? No thank you.",
    ],
)
def test_an_offer_repeated_back_as_a_question_is_no_wish_for_it(cues: Cues, text: str) -> None:
    assert not any(w > 0 for w in _weights(text, cues).values()), _weights(text, cues)


def test_a_rhetorical_why_refuses_what_it_names(cues: Cues) -> None:
    assert _weights("Why would I pay for a quarterly review?", cues)["rosen.wants_reviews"] < 0


@pytest.mark.parametrize(
    "text",
    [
        "Can you come by every month?",
        "Maybe quarterly reviews would be useful?",
        "How about a quarterly review?",
        "We want someone who knows our business, you know?",
    ],
)
def test_a_request_or_a_hedged_wish_asked_as_a_question_still_counts(cues: Cues, text: str) -> None:
    assert any(w > 0 for w in _weights(text, cues).values()), _weights(text, cues)


# -- quotation marks and negation ------------------------------------------------------


def test_an_inch_mark_opens_no_quotation() -> None:
    notes = (
        'She needs the 10" boards on the day she orders them. '
        'She said "just email me the price list and I will order off it."'
    )
    assert _quoted(notes, "dana") == ["just email me the price list and I will order off it."]


def test_nobody_negates_what_follows(cues: Cues) -> None:
    assert _weights("Nobody's getting a three-year deal off me.", cues)["jackson.lost_for_good"] < 0


# -- knowing, guessing, deferring --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Someone in a warehouse doesn't know what tilt-in-space means.",
        "The last lot didn't understand my customers at all.",
        "Three firms in two years and nobody knew the plant.",
    ],
)
def test_a_supplier_that_did_not_know_them_shows_they_value_knowing(cues: Cues, text: str) -> None:
    assert _weights(text, cues)["gronroos.values_expertise"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "We don't need you to know our business, just ship it.",
        "You do not need to understand our business.",
    ],
)
def test_not_needing_them_to_know_is_still_no_wish_for_it(cues: Cues, text: str) -> None:
    assert _weights(text, cues).get("gronroos.values_expertise", 0.0) <= 0


@pytest.mark.parametrize(
    "text", ["I don't know how we'll decide.", "I have my menu, I know my menu."]
)
def test_the_customers_own_knowing_is_no_wish_for_ours(cues: Cues, text: str) -> None:
    assert _weights(text, cues).get("gronroos.values_expertise", 0.0) <= 0


def test_the_reps_hopes_and_plans_are_not_the_customers_view(cues: Cues) -> None:
    j = _journal()
    _note(
        j,
        dt.date(2026, 3, 2),
        "Lovely shop. I honestly think they'd love a quarterly review of their volumes. "
        "Feels like a real partnership opportunity! My plan: bring samples in April.",
    )
    result = classify_account(j, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED
    assert result.score == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "We'll figure it out after harvest. Ask me in December.",
        "Sorry for slow reply, family still not decide. Will let you know.",
        "We will discuss in family first, then inform.",
        "It's the board's call in the new year.",
        "Bring me both options costed properly, I'll decide in Q1. Not before.",
        "Give us till spring.",
    ],
)
def test_more_ways_of_putting_the_decision_off(cues: Cues, text: str) -> None:
    evidence = read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)
    assert any(ev.signal == UNDECIDED for ev in evidence)


def test_a_decider_who_puts_it_off_leaves_a_split_team_undetermined(cues: Cues) -> None:
    j = _journal(("Nadia Q", "decision maker"), ("Rob T", "influencer"), ("Jules P", "influencer"))
    _note(
        j,
        dt.date(2026, 10, 7),
        'Rob: "I want the proactive tier, monthly reviews, a named engineer." '
        'Jules: "I want the cheapest tier, we never have incidents." '
        'Nadia: "Fair points both. Bring me both options costed, I\'ll decide in Q1."',
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


# -- word senses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Can you send me your case cost on the rapeseed oil?", "rosen.price_focus"),
        ("pricing?", "rosen.price_focus"),
        ("Had to do the whole job again at my own cost.", "rosen.price_focus"),
        ("We want the annual inspection built into the price.", "rosen.price_focus"),
        ("Please don't send him a hamper, it won't change the numbers.", "jackson.lost_for_good"),
        ("Prices change every month in this market.", "rosen.regular_cadence"),
        ("Send it by mail please, I have no time now.", "rosen.leave_alone"),
        ("Thank you for the offer of a strategic partnership.", "rosen.wants_partner"),
    ],
)
def test_words_that_look_like_a_stance_but_are_not(cues: Cues, text: str, signal: str) -> None:
    assert _weights(text, cues).get(signal, 0.0) == 0.0, _weights(text, cues)


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        ("I'm not retendering the fish, you saved our Christmas.", "jackson.always_a_share", 1),
        ("Every order compare. Why we lock in?", "jackson.always_a_share", -1),
        ("I want your manager at the quarterly menu review.", "rosen.wants_reviews", 1),
    ],
)
def test_stances_said_in_their_own_words(cues: Cues, text: str, signal: str, sign: int) -> None:
    assert _weights(text, cues)[signal] * sign > 0


def test_a_word_that_opens_a_sentence_is_not_a_speaker() -> None:
    segments = segment_notes(
        'Tanvir called. Then: "Price is important, I will not lie to you."',
        frozenset(),
        frozenset({"tanvir"}),
    )
    assert all(s.who != "Then" for s in segments)


def test_no_need_to_negates_what_follows_not_what_came_before(cues: Cues) -> None:
    weights = _weights("just email the invoice, no need to ring me every time", cues)
    assert weights["rosen.leave_alone"] < 0
    assert _weights("Reports, no need.", cues)["rosen.wants_reports"] < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I just want the same person every time, I'm tired of new reps.", "rosen.leave_alone"),
        ("I'd like this every quarter, and Aidan on speed dial.", "garbarino.satisfaction"),
    ],
)
def test_more_words_that_are_not_the_stance_they_look_like(
    cues: Cues, text: str, signal: str
) -> None:
    assert _weights(text, cues).get(signal, 0.0) == 0.0, _weights(text, cues)


def test_a_colleagues_initials_are_not_a_customer_speaking() -> None:
    customers = frozenset({"carys", "carys pugh", "cp", "pugh"})
    notes = "RD: Agree with Hannah, probably relational. Carys said she wants a monthly call."
    said = [
        (s.who, s.text)
        for s in segment_notes(notes, frozenset(), customers)
        if s.speaker == SPEAKER_CUSTOMER
    ]
    assert said == [("Carys", "Carys said she wants a monthly call.")]
    # the customer's own initials, and a role on their side, still speak for them
    for line in ("CP: We want a monthly call.", "CFO: We want a monthly call."):
        assert segment_notes(line, frozenset(), customers)[0].speaker == SPEAKER_CUSTOMER


def test_a_colleagues_classification_of_the_account_is_no_evidence(cues: Cues) -> None:
    j = _journal()
    _note(
        j,
        dt.date(2026, 3, 2),
        "From my onboarding calls I would say they love us. "
        "Would put them down as a partnership account.",
    )
    assert classify_account(j, cues, TODAY).score == 0.5


def test_not_having_made_ones_mind_up_is_a_deferral(cues: Cues) -> None:
    text = "I haven't made my mind up, and I won't until we've seen the Q1 numbers."
    evidence = read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)
    assert any(ev.signal == UNDECIDED for ev in evidence)


def test_a_quotation_over_several_lines_is_the_customers() -> None:
    notes = (
        "Reply to my request for a visit:\n\n"
        '"Dear Tom,\n'
        "Thank you but this is not needed. The starches go to tender every September.\n"
        "You can stop calling, we will send you the RFQ.\n"
        'Kind regards, An Peeters"\n'
        "Lost it on price."
    )
    segments = segment_notes(notes, frozenset(), frozenset({"an", "peeters"}))
    assert [s.text for s in segments if s.speaker == SPEAKER_CUSTOMER] == [
        "Thank you but this is not needed. The starches go to tender every September.",
        "You can stop calling, we will send you the RFQ.",
    ]
    mine = 'I wrote:\n"Hi Dana,\nwe would love to set up quarterly reviews."\nNo answer.'
    assert all(s.speaker != SPEAKER_CUSTOMER for s in segment_notes(mine, frozenset(), frozenset()))


def test_a_quoted_phrase_used_as_a_noun_is_not_speech() -> None:
    notes = (
        'My comment: the "long-term partnership" bit is the tool making things up, '
        "he never said that."
    )
    assert _quoted(notes, "kelvin") == []
    assert _quoted('Direct quote: "Your QBR decks are useless."', "kelvin") == [
        "Your QBR decks are useless."
    ]


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        ("We just reorder on the website when we're low.", "rosen.leave_alone", -1),
        ("Keep doing the walkthroughs.", "rosen.wants_contact", 1),
    ],
)
def test_everyday_ways_of_saying_how_they_buy(
    cues: Cues, text: str, signal: str, sign: int
) -> None:
    assert _weights(text, cues)[signal] * sign > 0


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        (
            "I cannae be phoning round four suppliers on a Thursday night.",
            "jackson.always_a_share",
            1,
        ),
        (
            "Every shipment I ask three forwarders. You are one of three.",
            "jackson.always_a_share",
            -1,
        ),
        ("Rate first. Then space. Then the rest.", "rosen.price_focus", -1),
        ("You come every spring, we taste together.", "rosen.regular_cadence", 1),
        ("Come yourself, don't send a junior.", "rosen.wants_contact", 1),
        ("That's why I keep you around.", "jackson.lost_for_good", 1),
        ("We will not be renewing the partnering arrangement.", "rosen.wants_partner", -1),
    ],
)
def test_regional_and_plain_ways_of_saying_it(
    cues: Cues, text: str, signal: str, sign: int
) -> None:
    assert _weights(text, cues)[signal] * sign > 0


def test_not_knowing_asked_about_is_no_deferral(cues: Cues) -> None:
    evidence = read_answer(Answer(Q_WORK, "Tell me what I don't know.", dt.date(2026, 5, 1)), cues)
    assert not any(ev.signal == UNDECIDED for ev in evidence)
    for text in ("The yard's full until March, so not before.",):
        evidence = read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)
        assert not any(ev.signal == UNDECIDED for ev in evidence)


def _account(cues: Cues, text: str) -> float:
    j = _journal()
    j.answers.append(Answer(Q_WORK, text, dt.date(2026, 5, 1), speaker="Pat Doyle"))
    return classify_account(j, cues, TODAY).score


@pytest.mark.parametrize(
    "text",
    [
        "A fella came in last month with a price list a bit cheaper. "
        "I told him I'm not interested, I'd have to explain myself all over again.",
        "We had a cheaper quote in March. I said no.",
        "Other paint guy came by again with a rebate deal. Told him no thanks, we got Dale.",
    ],
)
def test_another_suppliers_offer_turned_away_is_loyalty(cues: Cues, text: str) -> None:
    assert _account(cues, text) > 0.5


def test_saying_no_to_our_offer_is_still_declining_it(cues: Cues) -> None:
    assert _account(cues, "I said no to the quarterly review.") < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Brother and I still not agree. I will write when we know.",
        "We decide the two together. We are not there yet, come back after the holidays.",
        "Owner's away this week. He'll decide, he always does.",
    ],
)
def test_people_who_have_not_agreed_or_wait_for_the_owner_have_not_decided(
    cues: Cues, text: str
) -> None:
    evidence = read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)
    assert any(ev.signal == UNDECIDED for ev in evidence)


# -- helpdesk threads --------------------------------------------------------------------

_CUSTOMERS = frozenset({"nadia", "nadia blake", "blake", "fiona", "fiona achebe", "achebe"})


def _speakers(notes: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in segment_notes(notes, frozenset(), _CUSTOMERS)]


def test_a_pasted_helpdesk_thread_gives_each_message_to_its_author() -> None:
    notes = (
        "Pasting the support thread.\n\n"
        "Ticket #48213 — Re: late delivery\nStatus: Solved\n\n"
        "Customer replied — 14 Mar 2025 09:12\n"
        "I don't need a call about it and I don't need an account manager.\n\n"
        "Agent replied (Sam, Support) — 14 Mar 10:02\n"
        "Our account team would love to set up a short call to review your events.\n\n"
        "Customer replied — 14 Mar 2025 10:40\nNo thanks. Tuesday AM is all I need."
    )
    said = [text for speaker, text in _speakers(notes) if speaker == SPEAKER_CUSTOMER]
    assert said == [
        "I don't need a call about it and I don't need an account manager.",
        "No thanks. Tuesday AM is all I need.",
    ]


def test_a_case_log_names_its_authors_customer_or_ours() -> None:
    notes = (
        "Case CS0048812\nCaller: Martin Pryce\nState: Closed Complete\n\n"
        "Work notes — 2024-09-10 08:15:44 — Kwame Asante\n"
        "Customer wants a named engineer, I reckon.\n\n"
        "Additional comments (Customer Visible) — 2024-09-10 11:30:02 — Dr. Fiona Achebe\n"
        "It matters to us that it's you or Jess who comes.\n\n"
        "Nadia Blake (Public) — 20/05/2025 10:14\n"
        "Please stop sending the partnership deck."
    )
    said = [text for speaker, text in _speakers(notes) if speaker == SPEAKER_CUSTOMER]
    assert said == [
        "It matters to us that it's you or Jess who comes.",
        "Please stop sending the partnership deck.",
    ]


@pytest.mark.parametrize(
    "line", ["Dana — 3 pallets by Friday", "She replied that she wants monthly calls"]
)
def test_a_note_with_a_dash_or_a_reply_is_not_a_message_header(line: str) -> None:
    customers = frozenset({"dana"})
    texts = [s.text for s in segment_notes(line + "\nNext line.", frozenset(), customers)]
    assert any(line in text for text in texts)


@pytest.mark.parametrize(
    "text",
    [
        "Can you send the invoice to accounts@ please.",
        "Hi, can you send pricing on fitted sheets and bath towels, 600 of each?",
        "Can't make it, we're slammed. Next month.",
        "Please send me catalogue and prices in PLN, I will look.",
        "hi do you price match on nitrile gloves? we get them for 8.",
        "I'll pass it on to whoever does the kitchen.",
    ],
)
def test_an_errand_leans_nowhere(cues: Cues, text: str) -> None:
    assert _account(cues, text) == 0.5


def test_an_errand_beside_a_stance_keeps_the_stance(cues: Cues) -> None:
    assert _account(cues, "Send me the price, I buy from whoever is cheapest.") < 0.5
