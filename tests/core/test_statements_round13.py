"""Issue 15, thirteenth round: two negations that cancel ("I wouldn't not want the
visits", "no reason not to keep the reviews"), and prices as news the customer wants
from the supplier ("the steel price outlook", "tell me when prices are going up") rather
than a wish for a low price. The notes are written for the test; no corpus account is
copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify import statement_model as sm
from reljournal.core.classify.classifier import _score
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import (
    UNDECIDED,
    Evidence,
    customer_names,
    read_answer,
    read_entry,
)
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, segment_notes
from reljournal.core.model import (
    LABEL_RELATIONAL,
    Answer,
    Entry,
)

DAY = dt.date(2026, 10, 1)
EXPECTATIONS = "What are your expectations of the person you are going to buy from?"


def _read(text: str, cues: Cues, question: str = EXPECTATIONS) -> list[Evidence]:
    """All the evidence of the customer's answer ``text`` to ``question``."""
    return read_answer(Answer(question, text, DAY, "Dana Smith", id=1), cues)


def _said(text: str, cues: Cues, question: str = EXPECTATIONS) -> list[Evidence]:
    """The cue evidence (not the learned model's) of the customer's answer ``text``."""
    return [ev for ev in _read(text, cues, question) if ev.signal != sm.SIGNAL]


def _undecided(text: str, cues: Cues) -> bool:
    """Whether the customer's answer ``text`` says they have not decided."""
    return any(ev.signal == UNDECIDED for ev in _read(text, cues))


def _lean(evidence: list[Evidence], signal: str) -> float:
    return sum(ev.weight for ev in evidence if ev.signal == signal)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I wouldn't not want the visits, put it that way.", "rosen.wants_contact"),
        ("There's no reason not to keep the quarterly reviews.", "rosen.wants_reviews"),
        ("We'd never not want your advice on a new line.", "rosen.wants_advice"),
        ("Honestly, I can't not have the monthly visits now.", "rosen.wants_contact"),
    ],
)
def test_two_negations_in_a_row_cancel(cues: Cues, text: str, signal: str) -> None:
    assert _lean(_said(text, cues), signal) > 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I don't want the visits.", "rosen.wants_contact"),
        ("No need to keep the quarterly reviews.", "rosen.wants_reviews"),
        # One negation for each verb, with words in between: each stays negated.
        ("We don't do lunches and we don't want the visits.", "rosen.wants_contact"),
    ],
)
def test_a_single_negation_still_negates(cues: Cues, text: str, signal: str) -> None:
    assert _lean(_said(text, cues), signal) < 0


def test_the_learned_model_reads_two_negations_as_none() -> None:
    assert sm.words_of("No reason not to keep the reviews") == [
        "no",
        "~reason",
        "~not",
        "to",
        "keep",
        "the",
        "reviews",
    ]
    assert sm.words_of("I wouldn't not want visits") == ["i", "wouldn't", "~not", "want", "visits"]
    # A negation that is not right after another still negates what follows.
    assert sm.words_of("I don't want visits") == ["i", "don't", "~want", "~visits"]


@pytest.mark.parametrize(
    "text",
    [
        "I want the steel price outlook as the first item at every monthly.",
        "Someone who flags price moves before they hit us.",
        "Tell me when prices are going up so I can buy ahead.",
        "Keep me posted on price trends in the resin market.",
        "I need to know where prices are heading before I commit stock.",
    ],
)
def test_price_news_from_the_supplier_is_foresight_not_price_focus(cues: Cues, text: str) -> None:
    evidence = _said(text, cues)
    assert _lean(evidence, "rosen.wants_foresight") > 0
    assert _lean(evidence, "rosen.price_focus") == 0


@pytest.mark.parametrize(
    "text",
    [
        "Prices are going up everywhere, so I buy whatever's cheapest that week.",
        "Whoever has the lowest price gets the order.",
    ],
)
def test_a_wish_for_a_low_price_is_still_price_focus(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.price_focus") < 0


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        # "X is what ...", "X is why ...": X affirmed, not denied.
        ("The price is what I look at, nothing else.", "rosen.price_focus", -1),
        ("The face-to-face reviews are why we stay with you.", "rosen.wants_reviews", 1),
        # "X isn't what ..." still denies it.
        ("The price isn't what decides it for us.", "rosen.price_focus", 1),
    ],
)
def test_is_what_affirms_and_isnt_what_denies(
    cues: Cues, text: str, signal: str, sign: int
) -> None:
    assert _lean(_said(text, cues), signal) * sign > 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I don't want to lose the monthly visits.", "rosen.wants_contact"),
        ("I'd not want to lose these season reviews, not for a few pence.", "rosen.wants_reviews"),
        ("We'd hate to lose the reviews.", "rosen.wants_reviews"),
        ("We can't afford to lose your advice on the new lines.", "rosen.wants_advice"),
    ],
)
def test_a_loss_refused_is_a_wish_to_keep(cues: Cues, text: str, signal: str) -> None:
    assert _lean(_said(text, cues), signal) > 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I can't say I see the point of the season reviews.", "rosen.wants_reviews"),
        ("I see no point in the monthly visits.", "rosen.wants_contact"),
    ],
)
def test_seeing_no_point_turns_it_down(cues: Cues, text: str, signal: str) -> None:
    assert _lean(_said(text, cues), signal) < 0


def test_buying_off_the_price_list_asks_for_little(cues: Cues) -> None:
    evidence = _said("Decent people, your lot, but I just buy off the price list.", cues)
    assert _lean(evidence, "rosen.minimal") < 0


@pytest.mark.parametrize(
    "text",
    [
        # The supplier's price judged: neither a wish for a low price nor indifference to it
        # (relational customers say it of the supplier they keep, transactional ones of the
        # one they drop).
        "Your price isn't the lowest.",
        "You're not the cheapest, I'll say that.",
        "Your quote was not the lowest this time.",
    ],
)
def test_the_suppliers_price_judged_is_no_price_stance(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.price_focus") == 0


def test_not_the_cheapest_after_what_they_want_still_turns_price_down(cues: Cues) -> None:
    evidence = _said("I want one partner for the long haul, not the cheapest box.", cues)
    assert _lean(evidence, "rosen.price_focus") > 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        (
            "I wouldn't say we don't want someone who knows the theatre.",
            "gronroos.values_expertise",
        ),
        ("I'm not saying I don't value the advice.", "rosen.wants_advice"),
    ],
)
def test_saying_that_one_does_not_want_it_negated_is_wanting_it(
    cues: Cues, text: str, signal: str
) -> None:
    assert _lean(_said(text, cues), signal) > 0


@pytest.mark.parametrize(
    "text",
    [
        "Oh, a strategic business review. Lovely. Just what my diary was missing.",
        "Wow, a quarterly business review.",
        "Ah, the quarterly reviews.",
    ],
)
def test_an_offer_said_back_with_no_verb_is_no_wish(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.wants_reviews") <= 0


@pytest.mark.parametrize(
    "text",
    [
        "Oh, the quarterly reviews, yes please.",
        "Oh, the quarterly reviews would be great.",
    ],
)
def test_an_offer_taken_up_after_oh_is_a_wish(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.wants_reviews") > 0


def test_the_order_following_the_number_is_price_driven(cues: Cues) -> None:
    text = "You come by for coffee any time you like, but the order follows the number."
    assert _lean(_said(text, cues), "rosen.price_driven") < 0


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Help me with a planogram for the paint aisle.", 1),
        ("I don't need planograms, I need your price on sundries.", -1),
    ],
)
def test_a_planogram_is_advice(cues: Cues, text: str, sign: int) -> None:
    assert _lean(_said(text, cues), "rosen.wants_advice") * sign > 0


def test_not_saying_yes_is_not_deciding(cues: Cues) -> None:
    text = "I'm not saying no. I'm not saying yes. Not before Christmas."
    assert _undecided(text, cues)


PIZZERIA = ["Luca Ferraro", "Marco Bellini"]


def _whose(notes: str, people: list[str] = PIZZERIA) -> dict[str, str]:
    """The customer's quoted words in ``notes`` and whom each is put down to."""
    return {
        s.text: s.who
        for s in segment_notes(notes, customers=customer_names(people))
        if s.speaker == SPEAKER_CUSTOMER
    }


def test_words_after_then_are_the_one_the_sentence_before_opens_with() -> None:
    notes = (
        'Luca poured espresso and showed me the new wood oven. Then: "I sign the cheques, '
        'and I sign them for the cheapest mozzarella that melts right."'
    )
    assert set(_whose(notes).values()) == {"Luca"}


@pytest.mark.parametrize(
    "notes",
    [
        # "Then" is nobody's name, and a sentence naming two of theirs names nobody.
        'Luca and Marco showed me photos of Caserta. Then: "We buy on price, full stop."',
        'Showed them the new oven from Naples. Then: "We buy on price, full stop."',
    ],
)
def test_words_after_then_are_nobodys_when_the_sentence_before_names_no_one(notes: str) -> None:
    assert set(_whose(notes).values()) == {""}


def test_a_liking_the_speaker_gives_another_of_their_people_is_that_persons(cues: Cues) -> None:
    entry = Entry(
        at=dt.datetime(2026, 5, 6, 11),
        kind="visit",
        id=7,
        notes='Luca: "Marco likes your training, that\'s nice for Marco. I sign the cheques."',
    )
    reading = read_entry(entry, cues, customers=customer_names(PIZZERIA))
    liked = [ev for ev in reading.evidence if ev.signal == "gronroos.values_expertise"]
    assert liked and {ev.who for ev in liked} == {"Marco"}
    # The speaker's own liking stays theirs.
    entry.notes = 'Luca: "I like your training, the boys learn a lot."'
    reading = read_entry(entry, cues, customers=customer_names(PIZZERIA))
    assert {ev.who for ev in reading.evidence if ev.signal != sm.SIGNAL} <= {"Luca"}


def test_a_negation_reaches_across_a_longer_noun_phrase(cues: Cues) -> None:
    # Seven words from "don't" to the cue, no clause between.
    text = "I don't want an apology call from an account manager."
    assert _lean(_said(text, cues), "rosen.wants_meetings") < 0


def test_what_the_rep_says_was_not_said_is_not_the_customers() -> None:
    notes = "Told her yes. Nothing said about how she wants to work with us."
    assert _whose(notes, ["Olivia Sutcliffe"]) == {}
    notes = "Polite. She said she wants the cheapest price every time."
    assert list(_whose(notes, ["Olivia Sutcliffe"])) == [
        "She said she wants the cheapest price every time."
    ]


def test_could_end_up_is_a_possibility_not_an_ending(cues: Cues) -> None:
    evidence = _said("Could end up a proper partnership, could end up the lowest bidder.", cues)
    assert _lean(evidence, "rosen.wants_partner") > 0  # not "end the partnership"
    assert abs(_lean(evidence, "rosen.wants_partner")) < 1.0  # hedged
    assert _lean(_said("We could end the reviews, honestly.", cues), "rosen.wants_reviews") < 0


def test_genuinely_not_knowing_is_not_deciding(cues: Cues) -> None:
    text = "I genuinely don't know, and I've been told not to commit either way."
    assert _undecided(text, cues)


@pytest.mark.parametrize(
    "text",
    [
        "I honestly can't tell you how we'll want to work with you until then.",
        "I couldn't tell you which way the board will go.",
        "Genuinely, I can't tell you yet.",
    ],
)
def test_cannot_tell_you_how_is_not_deciding(cues: Cues, text: str) -> None:
    assert _undecided(text, cues)


def test_what_does_not_pay_the_bills_matters_less(cues: Cues) -> None:
    evidence = _said("Advice is nice, but advice doesn't pay the rates.", cues)
    assert _lean(evidence, "rosen.wants_advice") < 0
    assert _lean(evidence, "rosen.price_focus") == 0  # the rates are a tax here, not a price


def test_a_cost_breakdown_asked_for_is_an_errand(cues: Cues) -> None:
    text = "Paul asked for the annual cost breakdown for the board pack."
    assert _lean(_said(text, cues), "rosen.price_focus") == 0


@pytest.mark.parametrize(
    "text",
    [
        "Eggs and dairy stay with you because you were under.",
        "You keep the cleaning lines as long as you're the cheapest.",
        "If they cannae get to the price they cannae have the order.",
    ],
)
def test_staying_for_the_price_is_price_driven(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.price_driven") < 0


def test_the_customers_own_loyalty_scheme_is_no_trust(cues: Cues) -> None:
    text = "Her punch card is the only loyalty program I'm running this year."
    assert _lean(_said(text, cues), "garbarino.trust_commitment") == 0


def test_someone_else_who_cannot_tell_you_is_no_indecision(cues: Cues) -> None:
    text = "Half the owners can't tell you what's on their bottom, so keep the records."
    assert not _undecided(text, cues)


def test_an_answer_opening_with_please_and_another_request_is_no_yes(cues: Cues) -> None:
    question = "How valuable do you find our quarterly business reviews?"
    text = "Oh, enormously. Please, I beg you, just make the reorder button work."
    evidence = _said(text, cues, question)
    assert _lean(evidence, "q.reviews_yes") <= 0
    assert _lean(_said("Please.", cues, "Would you like regular reviews?"), "q.reviews_yes") > 0


def test_the_reps_gut_is_not_the_customers_words() -> None:
    notes = "No time for bigger questions. Gut says he likes things simple, but that's me guessing."
    assert _whose(notes, ["Kenji Mori"]) == {}


def test_changing_the_delivery_day_is_an_errand(cues: Cues) -> None:
    text = "Please change delivery to Tuesdays, we are closed on Mondays from July."
    assert not [ev for ev in _read(text, cues) if ev.signal == sm.SIGNAL]


@pytest.mark.parametrize(
    "text",
    [
        "Please send me a copy of the current supply agreement and your 2027 pricing.",
        "Could you send the new prices when you have them?",
    ],
)
def test_next_years_prices_asked_for_are_an_errand(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.price_focus") == 0


def test_buying_off_the_website_asks_for_little(cues: Cues) -> None:
    assert _lean(_said("I just buy off the website.", cues), "rosen.minimal") < 0


def test_a_negation_stops_at_until(cues: Cues) -> None:
    # "No more questions" says nothing about tenders; "until tender" is a stage.
    text = "Please, no more questions until tender is published."
    assert _lean(_said(text, cues), "jackson.always_a_share") == 0


@pytest.mark.parametrize(
    "text",
    [
        "Maybe it will be only price, maybe also service. Is not decided, really.",
        "Dear Mr. Kolar, we still did not agree internally how we want to work with suppliers.",
    ],
)
def test_not_decided_in_other_words(cues: Cues, text: str) -> None:
    assert _undecided(text, cues)


def test_the_question_the_rep_asked_is_not_the_customers_report() -> None:
    notes = "Asked Rolf straight out what he wants from a stockholder."
    assert _whose(notes, ["Rolf Keller"]) == {}
    notes = "Asked Rolf what he wants; he said he wants someone who knows steel."
    assert list(_whose(notes, ["Rolf Keller"])) == ["he said he wants someone who knows steel."]


def test_the_rep_reporting_that_the_customer_did_not_know_is_not_deciding(cues: Cues) -> None:
    entry = Entry(
        at=dt.datetime(2026, 9, 16, 10),
        kind="call",
        id=3,
        notes="He thought about it and admitted he honestly didn't know; some weeks it's price.",
    )
    reading = read_entry(entry, cues, customers=customer_names(["Rolf Keller"]))
    assert any(ev.signal == UNDECIDED for ev in reading.evidence)


def test_a_price_per_drum_asked_for_is_an_errand(cues: Cues) -> None:
    text = "Wanted a price per 200L drum of alkaline foam and the SDS for it."
    assert _lean(_said(text, cues), "rosen.price_focus") == 0


def test_a_price_list_every_quarter_is_no_contact_cadence(cues: Cues) -> None:
    text = "Send me the trade list every quarter, I'll line it up against the other two."
    assert _lean(_said(text, cues), "rosen.regular_cadence") == 0
    assert _lean(_said("Come by every quarter.", cues), "rosen.regular_cadence") > 0


def test_the_cheap_lot_letting_them_down_is_no_price_focus(cues: Cues) -> None:
    text = (
        "Then the cheap lot didn't deliver over Christmas and my cooks drove to the cash and carry."
    )
    assert _lean(_said(text, cues), "rosen.price_focus") >= 0


def test_tender_season_is_a_time_not_tendering(cues: Cues) -> None:
    text = "Declan would rather you came in before tender season than after it."
    assert _lean(_said(text, cues), "jackson.always_a_share") == 0
    assert _lean(_said("We tender everything every year.", cues), "jackson.always_a_share") < 0


def test_a_brochure_and_prices_asked_for_are_an_errand(cues: Cues) -> None:
    text = "Can you send me your keyway brochure and trade prices for 20 cylinders? Thanks, N."
    assert _lean(_said(text, cues), "rosen.price_focus") == 0
    text = "Send me your prices, the cheapest gets it."
    assert _lean(_said(text, cues), "rosen.price_focus") < 0


@pytest.mark.parametrize(
    "text",
    [
        "She's not leaning either way yet, so please send both.",
        "I'll hear the pair of them out and decide. Not today.",
    ],
)
def test_not_leaning_either_way_is_not_deciding(cues: Cues, text: str) -> None:
    assert _undecided(text, cues)


@pytest.mark.parametrize(
    "text",
    [
        "Please send your price for 500 units.",
        "Can you just send me the updated tote bag rates and lead times?",
        "Kindly share the renewal pricing.",
    ],
)
def test_asking_for_prices_to_be_sent_is_an_errand(cues: Cues, text: str) -> None:
    assert _lean(_said(text, cues), "rosen.price_focus") == 0


@pytest.mark.parametrize(
    "text",
    [
        # A verdict after the request still counts, and haggling is no errand.
        "Please send the price list, whoever is cheapest gets the order.",
        "Can you match their price?",
        "Please just send best price for 2000 pcs and shipping time.",
    ],
)
def test_a_price_verdict_after_a_request_still_counts(cues: Cues, text: str) -> None:
    evidence = _said(text, cues)
    assert _lean(evidence, "rosen.price_focus") + _lean(evidence, "rosen.price_driven") < 0


def _weighed(signal: str, cues: Cues) -> tuple[str, float]:
    """The label and confidence of three statements of the customer's, a week apart, all
    read one way by ``signal``."""
    days = [dt.date(2026, 11, 10) + dt.timedelta(days=7 * k) for k in range(3)]
    evidence = [
        Evidence(signal, f"said {k}", day, 1.0, "test", k + 1, None, SPEAKER_CUSTOMER, "Claire")
        for k, day in enumerate(days)
    ]
    weighing = _score(evidence, cues, dt.date(2026, 11, 30), days[-1])
    return weighing.label, weighing.confidence


def test_a_label_only_the_learned_model_reads_shows_at_most_80_percent(cues: Cues) -> None:
    # The same evidence, once from cue phrases and once only from the learned model: the
    # label is the same, the confidence shown for the learned one is capped.
    assert _weighed("garbarino.trust_commitment", cues) == (
        LABEL_RELATIONAL,
        pytest.approx(0.97, abs=0.03),
    )
    label, confidence = _weighed(sm.SIGNAL, cues)
    assert label == LABEL_RELATIONAL
    assert confidence == pytest.approx(0.8)
