"""Issue 15, seventeenth round: the readings the round's development accounts taught. The
sentences are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues, load_cues
from reljournal.core.classify.reading import RETRACTED, Evidence, read_answer
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, segment_notes
from reljournal.core.model import (
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)
from tests.core.test_statements_round15 import _said

TODAY = dt.date(2026, 11, 30)


def _read(text: str) -> list[Evidence]:
    """Everything read in an answer, markers included."""
    answer = Answer("What are your expectations?", text, dt.date(2026, 10, 1), "Dana Smith", id=1)
    return read_answer(answer, load_cues())


@pytest.mark.parametrize(
    "text",
    [
        # A greeting, then a request for a price: how every customer buys.
        "Good afternoon, please give us the price of 60 tyres 315/80 R22.5 and the lead time.",
        "Good morning, please can you send me the price of the drill bits and your catalogue.",
        # A calque of the Spanish "colaborarnos con": still only a request.
        "Buenas, please colaborate us with the price of 12 pallets of film.",
        "Can I get a price on 40 rolls of the 20mm rope?",
    ],
)
def test_a_request_for_a_price_is_an_errand_and_no_stance(cues: Cues, text: str) -> None:
    assert not any(w for _, w in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "Good afternoon, please give us your best price, we only buy on price.",
        "Can you get the price down on the 40 rolls?",
        "Please send me a better price than last time.",
    ],
)
def test_a_bargain_asked_for_still_counts(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _said(text, cues)) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, regards, Santiago Henao",
        "Thank you and best regards, Ana Ruiz.",
        "Thanks for the quote, kind regards, Clare Whitcombe.",
    ],
)
def test_a_chain_of_sign_offs_leans_nowhere(cues: Cues, text: str) -> None:
    assert not any(w for _, w in _said(text, cues))


def test_wanting_to_know_what_a_thing_costs_is_no_wish_to_be_known(cues: Cues) -> None:
    said = _said("He wanted to know what you charge per coil of rope.", cues)
    assert not any(s == "gronroos.values_expertise" for s, w in said if w)


def test_a_supplier_who_knows_how_they_work_is_still_wanted(cues: Cues) -> None:
    text = "We want a supplier who takes the time to know how our kitchens run."
    assert sum(w for _, w in _said(text, cues)) > 0


def _plant(*notes: tuple[str, list[int]]) -> AccountJournal:
    """A mill where the general manager decides; a plant chief and a buyer speak."""
    team = [
        Stakeholder("Alonso Herrera", title="General manager", role="decision maker", id=1),
        Stakeholder("Tomas Vidal", title="Plant chief", role="influencer", id=2),
        Stakeholder("Irene Soto", title="Purchasing coordinator", role="buyer", id=3),
    ]
    return monthly_meetings(Account("Hilados del Norte", id=1), team, notes)


def monthly_meetings(
    account: Account, team: list[Stakeholder], notes: tuple[tuple[str, list[int]], ...]
) -> AccountJournal:
    """A journal of one meeting a month from April: each its notes and the people present."""
    return AccountJournal(
        account,
        team,
        [
            Entry(
                at=dt.datetime(2026, 4 + k, 10, 10),
                kind="meeting",
                notes=text,
                id=k + 1,
                stakeholder_ids=people,
            )
            for k, (text, people) in enumerate(notes)
        ],
    )


def test_a_buyers_request_for_prices_does_not_speak_for_a_silent_decider(cues: Cues) -> None:
    j = _plant(
        ("Tomas: 'I want your engineer here every month and to plan the retrofit with us.'", [2]),
        ("Irene: 'Please send pricing only for the 40 bearings. We'll take it from there.'", [3]),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


def test_a_buyer_who_says_the_decider_decides_does_not_speak_for_them(cues: Cues) -> None:
    j = _plant(
        (
            "Irene: 'For purchasing only the price matters, we buy on price alone. "
            "Alonso will decide, I send him the comparison.'",
            [3],
        ),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


def test_a_buyers_clear_view_still_speaks_for_the_firm(cues: Cues) -> None:
    j = _plant(
        ("Irene: 'We buy on price alone, just send the quotes, we don't need visits.'", [3]),
        ("Irene: 'Cheapest landed price wins, every time, that is our policy.'", [3]),
    )
    assert classify_account(j, cues, TODAY).label == "transactional"


def test_being_lost_if_left_alone_is_no_wish_to_be_left_alone(cues: Cues) -> None:
    said = _said("If you leave us alone, we are lost.", cues)
    assert not any(s == "rosen.leave_alone" for s, w in said if w)


@pytest.mark.parametrize(
    "text",
    [
        "Ruth pays the bills and she hasn't said what she wants.",
        "Thanks for the samples, I'll have a look once harvest is done.",
    ],
)
def test_a_view_not_given_yet_is_undecided(cues: Cues, text: str) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "I'm not unhappy paying a bit more, so long as someone goes through the numbers with me.",
        "The co-op in town is cheaper, I know.",
        "To be straight with you, the price is the easy bit, everyone's within a few quid.",
        "We're not unwilling to pay for it.",
    ],
)
def test_price_set_aside_said_sideways_is_relational(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


def test_not_being_able_to_justify_the_cost_is_price_focus(cues: Cues) -> None:
    said = _said("We can't justify the time or the cost any more.", cues)
    assert sum(w for s, w in said if s.startswith("rosen.price")) < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Ringing round for whoever was free nearly cost us a wedding.", "rosen.price_focus"),
        ("Just make sure the Tuesday drop arrives before check-in.", "rosen.wants_contact"),
    ],
)
def test_a_cue_word_in_another_sense_round17(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


def test_what_ranks_above_the_sentence_before_outweighs_it(cues: Cues) -> None:
    text = (
        "Price matters, obviously. More than that, though, we need somebody who keeps "
        "coming back every month until the scrap rate is down."
    )
    plain = text.replace("More than that, though, we", "We")
    price = [sum(w for s, w in _said(t, cues) if s == "rosen.price_focus") for t in (text, plain)]
    assert price[1] < 0
    assert price[0] > price[1] / 2  # demoted, as a "but" would


@pytest.mark.parametrize("after", ["Gosh, I can hardly wait.", "Be still my heart.", "Riveting."])
def test_mockery_said_right_after_an_offer_turns_it_down(cues: Cues, after: str) -> None:
    said = _said(f"A quarterly review of our pillowcases. {after}", cues)
    assert sum(w for s, w in said if s == "rosen.wants_reviews") < 0


def test_a_wish_followed_by_plain_words_stays_a_wish(cues: Cues) -> None:
    said = _said("We'd like a quarterly review. That would help us plan.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_reviews") > 0


def test_a_time_word_before_a_quotation_is_no_speaker() -> None:
    notes = "Owen rang about malt. Before he rang off: 'The price is the easy bit.'"
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert quoted and all(s.who != "Before" for s in quoted)


def test_deciding_who_they_work_with_is_no_indecision(cues: Cues) -> None:
    said = _said("I decide who we work with, and I want someone who trains my carers.", cues)
    assert not any(s == "rosen.undecided" for s, _ in said)


def test_what_a_customer_wrote_reported_without_quotation_marks_is_theirs() -> None:
    notes = "email from Priya she wrote please take us off the review schedule for good"
    said = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert any("take us off the review schedule" in s.text for s in said)


@pytest.mark.parametrize(
    "text",
    [
        "Too early for me to say how I want to run suppliers, I'm still learning the site.",
        "The partners are still split, it's back on the agenda in January.",
        "They've asked me to hold both quotes until after the away day.",
    ],
)
def test_a_view_not_formed_yet_is_undecided_round17(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert any(s == "rosen.undecided" for s, _ in said)
    assert not any(w for s, w in said if s == "learned.statement")


def test_advice_they_would_get_elsewhere_is_no_wish_for_advice(cues: Cues) -> None:
    said = _said("If I want advice, I've an engineer on the payroll.", cues)
    assert not any(w > 0 for s, w in said if s == "rosen.wants_advice")


def test_a_because_what_we_need_is_more_sneer_turns_the_offer_down(cues: Cues) -> None:
    text = (
        "Site visits from the supplier. Because what every site is crying out for is more "
        "people in hi-vis standing about with a clipboard."
    )
    said = _said(text, cues)
    assert sum(w for _, w in said) < 0
    assert not any(w for s, w in said if s == "learned.statement")


def test_a_seat_in_their_planning_is_wanted(cues: Cues) -> None:
    text = "We want someone on your side who sits in our planning twice a year."
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


@pytest.mark.parametrize(
    "text",
    [
        "Just the needles. Don't go booking any visit.",
        "We will not take the line review.",
        "We'll sort training ourselves.",
    ],
)
def test_a_visit_review_or_training_turned_down_round17(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") < 0


def test_booking_a_visit_is_still_wanted(cues: Cues) -> None:
    assert sum(w for _, w in _said("Please book a visit for March.", cues)) > 0


def test_an_offer_said_back_bare_and_mocked_is_turned_down(cues: Cues) -> None:
    text = (
        "Oh, quarterly business reviews. Wonderful. Exactly what I've been missing in my "
        "life, another meeting with graphs of my own knives."
    )
    said = _said(text, cues)
    assert not any(w > 0 for s, w in said if s == "rosen.wants_reviews")
    assert sum(w for _, w in said) <= 0


def test_an_offer_welcomed_after_an_interjection_stays_wanted(cues: Cues) -> None:
    assert sum(w for _, w in _said("Oh, monthly visits, yes please.", cues)) > 0


def test_pasting_a_reply_names_nobody() -> None:
    notes = 'Pasting his reply: "We will not take the line review." Fine.'
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert quoted and all(s.who != "Pasting" for s in quoted)


def test_a_message_passed_on_from_a_silent_decider_is_no_buyers_view(cues: Cues) -> None:
    j = _plant(
        ("Tomas: 'I want your engineer here every month and to plan the retrofit with us.'", [2]),
        ("Irene: 'Mr Herrera is in Lima until July, he'll come back to you.'", [3]),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


_MILL = frozenset({"gudrun", "gudrun olsen", "asta", "asta berg", "kevin", "rab"})


def test_a_sentence_leading_into_a_quotation_is_its_subjects() -> None:
    notes = "Teams call. Gudrun heard Asta out, then: 'We are not paying for training days.'"
    quoted = [s for s in segment_notes(notes, customers=_MILL) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in quoted] == ["Gudrun"]


def test_a_note_forwarded_is_not_the_forwarders() -> None:
    notes = "Kevin forwarded Rab's note: 'Cheapest wins, no visits.'"
    quoted = [s for s in segment_notes(notes, customers=_MILL) if s.speaker == SPEAKER_CUSTOMER]
    assert all(s.who != "Kevin" for s in quoted)


def test_the_one_who_picks_suppliers_decides(cues: Cues) -> None:
    j = _plant(
        ("Irene: 'Cheapest landed price wins, every time, that is our policy.'", [3]),
        ("Irene: 'Alonso is the one who picks suppliers, I only run the tenders.'", [3]),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Cheap bearings I can buy on any website.", 1),
        ("But planogram space goes to whoever funds it.", 0),
        ("If brands want to train our staff they can do it for free or not at all.", 0),
    ],
)
def test_retail_and_cheap_goods_read_in_their_sense(cues: Cues, text: str, sign: int) -> None:
    total = sum(w for s, w in _said(text, cues) if s != "learned.statement")
    assert (total > 0) if sign > 0 else total <= 0


def test_on_hold_on_the_phone_is_no_indecision(cues: Cues) -> None:
    said = _said("Forty minutes on hold to be told the boat isn't covered.", cues)
    assert not any(s == "rosen.undecided" for s, _ in said)


def test_a_deal_on_hold_is_still_undecided(cues: Cues) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said("The new deal is on hold.", cues))


@pytest.mark.parametrize(
    "text",
    [
        "You don't need to know us. You need to know the boat.",
        "Don't come down, don't phone, I'll see the bill in the mail.",
        "The middle one is the same as the top one but less money, so the middle one.",
    ],
)
def test_no_visits_no_calls_and_less_money_are_transactional(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") < 0


def test_asking_what_the_price_is_is_an_errand(cues: Cues) -> None:
    text = "Yeah, hi, what's your price on the eight mil shackles, if I took two hundred"
    assert not any(w for s, w in _said(text, cues) if s.startswith("rosen.price"))


@pytest.mark.parametrize(
    "text",
    [
        "What I want from you is the price per tonne by text on the first of the month.",
        "Send me the quote and if it is the best price I buy.",
    ],
)
def test_a_price_wanted_is_no_price_asked(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s.startswith("rosen.price")) < 0


def test_sarcastic_by_all_means_turns_the_cheapest_round(cues: Cues) -> None:
    said = _said("Oh, by all means let's go with the cheapest again.", cues)
    assert sum(w for s, w in said if s.startswith("rosen.price")) > 0


def test_being_honest_is_a_manner_of_speaking(cues: Cues) -> None:
    said = _said("Being honest, the price is what matters.", cues)
    assert not any(s == "garbarino.trust_commitment" for s, w in said if w)


def test_advice_they_already_pay_for_is_not_wanted_from_us(cues: Cues) -> None:
    said = _said("I already pay an agronomist for advice.", cues)
    assert not any(w > 0 for s, w in said if s == "rosen.wants_advice")


def test_what_they_said_in_another_mood_is_taken_back() -> None:
    text = "Being honest, when I said termly reviews in July I was in summer mode."
    assert any(ev.signal == RETRACTED for ev in _read(text))


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Honestly not for us, we'll stay on the standard list.", -1),
        ("Stop being cheapest and I'm at the other merchant.", -1),
        ("I'd pay the old price for that, honestly.", 1),
        ("My view: I want one ink supplier for the next five years.", 1),
    ],
)
def test_loyal_squeezers_and_warm_price_buyers(cues: Cues, text: str, sign: int) -> None:
    total = sum(w for s, w in _said(text, cues) if s != "learned.statement")
    assert total * sign > 0


def test_their_own_view_is_no_wish_for_ours(cues: Cues) -> None:
    said = _said("Hi Ollie, my view: malt goes out to three suppliers this year.", cues)
    assert not any(w > 0 for s, w in said if s == "rosen.wants_advice")


@pytest.mark.parametrize(
    "text",
    [
        "Jess disagrees, obviously, so we'll settle it at the board in March.",
        "The two of them are still at loggerheads.",
        "I'll take a few months to understand the mill before I decide how we buy.",
    ],
)
def test_a_decision_put_off_round17(cues: Cues, text: str) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "Still learning where the light switches are, I'll get back to you once the dust settles.",
        "First I need to understand the whole thing. I'll call you when I know what I want.",
        "Depende of my sister. I still say the cheapest, she still says the other thing.",
        "The panel couldn't agree and the award has been paused.",
        "Helen and Rob are still not on the same page about how they want to do this.",
        "Speaking for me, not Ruth: cheapest is fine. But Ruth has her own ideas.",
        "She says she hasn't made up her mind how she wants to work with anybody.",
    ],
)
def test_no_view_yet_round17(cues: Cues, text: str) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said(text, cues))


def test_a_call_that_is_theirs_to_make_is_no_indecision(cues: Cues) -> None:
    # "It's her call" says who decides, not that she has not decided.
    said = _said("It's her call, and she wants the cheapest every time.", cues)
    assert not any(s == "rosen.undecided" for s, _ in said)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("A nickel is a nickel. You match him, you got me.", -1),
        ("Don't need no visit, just keep the trucks coming early.", -1),
        ("I'll compare you with two others every spring and I won't feel bad about it.", -1),
    ],
)
def test_price_buyers_in_their_own_words_round17(cues: Cues, text: str, sign: int) -> None:
    total = sum(w for s, w in _said(text, cues) if s != "learned.statement")
    assert total * sign > 0


def test_boats_coming_in_are_no_visit(cues: Cues) -> None:
    said = _said("Keep the trucks coming early, before the boats come in.", cues)
    assert not any(s == "rosen.wants_contact" for s, w in said if w)


def test_what_the_last_supplier_did_counts_less(cues: Cues) -> None:
    story = sum(w for s, w in _said("Last factor we used sent a lad round every month.", cues))
    wish = sum(w for s, w in _said("We want a lad round every month.", cues))
    assert 0 <= story < wish / 2


def test_asking_for_prices_in_the_meantime_is_an_errand(cues: Cues) -> None:
    said = _said("Asked for current ink cartridge prices in the meantime.", cues)
    assert not any(w for s, w in said if s.startswith("rosen.price"))


@pytest.mark.parametrize(
    "text",
    [
        "The cheap charger is why I've got three customers mad at me this month.",
        "Fast shipping is nice but I'd trade it any day for you knowing these hills.",
        "It's worth more than the two dollars I'd save somewheres else.",
    ],
)
def test_value_over_price_in_plain_words(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


def test_a_legal_trust_is_no_trust_in_us(cues: Cues) -> None:
    said = _said("The trust looks at one number: spend per cow against the benchmark.", cues)
    assert not any(s == "garbarino.trust_commitment" for s, w in said if w)


def test_not_having_made_up_his_mind_in_dialect(cues: Cues) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said("I ain't made my mind up.", cues))


@pytest.mark.parametrize(
    "text",
    [
        "Let's stop the quarterlies.",
        "Your order screen tells me everything I need; I'd rather my techs were at the bench "
        "than sat in a meeting with you.",
        "For fertiliser I'd buy off a vending machine if it was a euro a tonne cheaper.",
        "If you send the price list, I think we'll manage perfectly well from there.",
    ],
)
def test_turned_down_politely_or_plainly_round17(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") < 0


def test_thanks_for_the_offer_of_a_visit_is_no_wish_for_one(cues: Cues) -> None:
    said = _said("Thanks for the kind offer of a site visit and a stock review.", cues)
    assert not any(w > 0 for s, w in said if s != "learned.statement")


def test_a_sentence_whose_last_speaker_is_someone_else_is_not_the_first_names() -> None:
    notes = "Asta was comparing prices when he cut in: 'We buy on price, full stop.'"
    quoted = [s for s in segment_notes(notes, customers=_MILL) if s.speaker == SPEAKER_CUSTOMER]
    assert quoted and all(s.who != "Asta" for s in quoted)


def test_not_interested_in_saving_a_little_is_value_over_price(cues: Cues) -> None:
    text = "I'm not interested in saving two rand a container if the thing dies in a berth window."
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


def test_a_decider_tagged_with_a_longer_aside_is_named() -> None:
    notes = "Carl did most of it. Gudrun, one sentence near the end: 'Not the cheapest, please.'"
    quoted = [s for s in segment_notes(notes, customers=_MILL) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in quoted] == ["Gudrun"]


def test_someone_cut_off_is_not_the_speaker() -> None:
    notes = "Gudrun cut Asta off a couple of minutes in: 'I want the same kind of broker.'"
    quoted = [s for s in segment_notes(notes, customers=_MILL) if s.speaker == SPEAKER_CUSTOMER]
    assert quoted and all(s.who != "Asta" for s in quoted)


def test_unnamed_words_where_no_decider_was_are_outvoted_too(cues: Cues) -> None:
    j = _plant(
        (
            "Tomas and Irene in. Wants it cheaper and quicker: 'Just get it on the shelf, "
            "no range reviews, the cheapest price wins, we buy on price alone.'",
            [2, 3],
        ),
        ("Tomas: 'Just the cheapest, please, and no visits.'", [2]),
        (
            "Alonso: 'I'd rather have one supplier who understands what we are building "
            "and plans the retrofit with us every quarter than five who are cheaper.'",
            [1, 2],
        ),
    )
    assert classify_account(j, cues, TODAY).label == "relational"


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("When I ring, I already know what I need.", "gronroos.values_expertise"),
        (
            "The online place is cheaper, so you know what you've got to do.",
            "gronroos.values_expertise",
        ),
        ("Gareth has grumbled about the price, which is rather his job.", "rosen.price_focus"),
    ],
)
def test_knowing_and_grumbling_in_other_senses(cues: Cues, text: str, signal: str) -> None:
    assert not any(
        w > 0 if signal.startswith("gronroos") else w < 0
        for s, w in _said(text, cues)
        if s == signal
    )


def test_mockery_two_sentences_on_still_turns_the_offer_down(cues: Cues) -> None:
    said = _said("Quarterly review. Super. Exactly this was missing in my life.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_reviews") < 0


@pytest.mark.parametrize(
    "text",
    [
        "It isn't as though we don't value somebody coming round twice a year.",
        "I'd rather not start from scratch with someone new every time a curtain fades.",
    ],
)
def test_double_negatives_that_want_the_relationship(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


@pytest.mark.parametrize(
    "text",
    [
        "The cheapest brush set cost me a fortnight of generation.",
        "Fine. Still cheaper than the vet bills I had before you.",
        "Ah'm not teaching another one what a Shap winter does to cows.",
        "I'll no be looking elsewhere while you keep doing this.",
    ],
)
def test_relational_customers_who_talk_about_cost(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


def test_changing_ones_tune_takes_back_what_was_said() -> None:
    assert any(ev.signal == RETRACTED for ev in _read("I've changed my tune. I want planning."))


@pytest.mark.parametrize(
    "text",
    [
        "Ooh, a strategic partnership day, how thrilling, I can barely wait.",
        "Wonderful. Another monthly meeting. Exactly what my calendar was missing.",
    ],
)
def test_mockery_inside_the_sentence_or_after_praise(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") < 0


def test_an_eager_wish_is_not_taken_for_mockery(cues: Cues) -> None:
    text = "We'd love a monthly meeting, how thrilling, I can barely wait to start."
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


def test_a_dryer_that_wont_switch_on_is_no_loyalty(cues: Cues) -> None:
    said = _said("The hood dryer you sold us won't switch on and it's four months old.", cues)
    assert not any(s == "jackson.lost_for_good" for s, w in said if w)


@pytest.mark.parametrize(
    "text",
    [
        "Let me save you the quarterly review: we move boxes.",
        "A quarterly business review. Wonderful. With the tax inspectors in, I was just hoping "
        "someone would come and give me one more presentation.",
        "Monthly visits I will not pay for, and if they are free they are hidden in the price.",
    ],
)
def test_offers_turned_down_with_a_straight_face(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") < 0


def test_all_the_partnership_they_need_is_no_partnership(cues: Cues) -> None:
    said = _said("Beat Ferris by 3p a roll. That's all the partnership I need.", cues)
    assert not any(w > 0 for s, w in said if s != "learned.statement")


def test_trusting_the_numbers_is_no_trust_in_us(cues: Cues) -> None:
    said = _said("I trust the numbers: price, delivery, warranty on paper.", cues)
    assert not any(s == "garbarino.trust_commitment" for s, w in said if w)


def test_a_request_with_a_spec_after_a_comma_is_still_an_errand(cues: Cues) -> None:
    text = "Hello, can you give me a price for 2 boxes of 6 mm carbide drills, 140°?"
    assert not any(w for _, w in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "Still the same, maybe a partnership, maybe not, let me see the budget.",
        "Dr Whitcombe will advise after the November finance committee.",
    ],
)
def test_a_view_left_for_later_round17(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert any(s == "rosen.undecided" for s, _ in said)
    assert not any(w > 0 for s, w in said if s == "rosen.wants_advice")


def test_the_reps_opinion_is_a_guess() -> None:
    notes = "My opinion: they will need a partner, they want consulting, not only equipment."
    said = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert not said


def test_forgetting_about_us_until_next_year_is_transactional(cues: Cues) -> None:
    said = _said("And then I forget about you until next September.", cues)
    assert sum(w for s, w in said if s != "learned.statement") < 0


@pytest.mark.parametrize(
    "text",
    [
        "First I study all contracts and costs, then we will talk.",
        "Kate and I don't agree on this yet, as you saw.",
        "I'm taking stock of all supplier contracts. I'll be in touch once I've been through them.",
    ],
)
def test_a_view_not_formed_yet_later_in_the_round(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert any(s == "rosen.undecided" for s, _ in said)
    assert not any(w for s, w in said if s.startswith("rosen.price"))


@pytest.mark.parametrize(
    "text", ["Brackenfield's had enough of cheap.", "Would love your eye on the decoction."]
)
def test_plain_wants_of_relational_customers_round17(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s != "learned.statement") > 0


def test_a_price_question_after_a_greeting_asks_for_information(cues: Cues) -> None:
    said = _said("Hi, how much for 200 pairs of safety boots, mixed sizes?", cues)
    assert not any(w for _, w in said)


def test_from_the_other_partner_names_nobody() -> None:
    notes = "From the other partner: 'I'd like someone to help us plan the refit.'"
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert quoted and all(s.who != "From" for s in quoted)


@pytest.mark.parametrize(
    "text",
    [
        "Keep the orders coming and leave the rest until they've talked.",
        "Send me both options, the full service and the simple price list, and I will see.",
    ],
)
def test_both_ways_left_open(cues: Cues, text: str) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "Chale, how much for 500 pieces of the type-C cable, the braided one?",
        "Prezado, please confirm the material of the screw flights and the lead time to port.",
    ],
)
def test_questions_and_confirmations_after_a_vocative_state_nothing(cues: Cues, text: str) -> None:
    assert not any(w for _, w in _said(text, cues))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Jesse's got big ideas and that's fine, he's young.", "rosen.wants_advice"),
        ("Do your training if it's free and after hours.", "gronroos.values_expertise"),
    ],
)
def test_ideas_and_training_in_passing(cues: Cues, text: str, signal: str) -> None:
    assert not any(w > 0 for s, w in _said(text, cues) if s == signal)
