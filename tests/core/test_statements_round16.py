"""Issue 15, sixteenth round: the readings the round's development accounts taught. The
sentences are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, segment_notes
from reljournal.core.model import (
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Entry,
    Stakeholder,
)
from tests.core.test_statements_round15 import _said

TODAY = dt.date(2026, 11, 30)
ROOT = Path(__file__).resolve().parents[2]


def _cued(text: str, cues: Cues) -> list[tuple[str, float]]:
    """What the cue lexicon reads, the learned model left out."""
    return [(s, w) for s, w in _said(text, cues) if w and s != "learned.statement"]


@pytest.mark.parametrize(
    "text",
    [
        "Your pricing was fine, but that isn't the point.",
        "Price matters, but it's not the main thing for us.",
        "Cheap is nice but that's not what we're after.",
    ],
)
def test_a_clause_waved_aside_by_its_own_but_states_nothing(cues: Cues, text: str) -> None:
    assert not any(w < 0 for _, w in _cued(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        # After a dash only the last clause is waved aside: the planning day stands.
        "I want a planning day with you every year — price matters, but it's not the point.",
        # What does matter, said after the wave, is read.
        "Price is fine, but that's not why we stay, we stay because you know our plant.",
    ],
)
def test_a_wave_aside_keeps_what_else_the_sentence_says(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _cued(text, cues)) > 0


def test_a_price_that_is_not_waved_aside_still_counts(cues: Cues) -> None:
    assert sum(w for _, w in _cued("Your pricing was fine, and that's the point.", cues)) < 0


@pytest.mark.parametrize(
    "text",
    [
        "The last supplier treated us like an order number.",
        "Every one of them treated us like a number.",
        "Please don't treat us like a number.",
        "You never treated us like just another number.",
    ],
)
def test_being_treated_like_a_number_is_a_complaint(cues: Cues, text: str) -> None:
    said = _cued(text, cues)
    assert said and sum(w for _, w in said) > 0


def test_being_content_as_an_order_number_is_still_transactional(cues: Cues) -> None:
    assert (
        sum(w for _, w in _cued("Honestly, to you we're an order number, and that suits us.", cues))
        < 0
    )


def test_a_possessive_before_a_reply_tag_names_the_writer() -> None:
    notes = "Offered the class. Mark's reply by email: 'Trevor knows the kit.' OK then."
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in quoted] == ["Mark"]


def _team_journal(*notes: str, tanvi: str = "user") -> AccountJournal:
    team = [
        Stakeholder("Kabir Malhotra", title="Co-founder", role="decision maker", id=1),
        Stakeholder("Tanvi Shah", title="Supply chain lead", role=tanvi, id=2),
        Stakeholder("Arjun Rao", title="Plant manager", role="user", id=3),
    ]
    return AccountJournal(
        Account("Nutri Jar Co", id=1),
        team,
        [
            Entry(at=dt.datetime(2026, 4 + k, 10, 10), kind="email", notes=text, id=k + 1)
            for k, text in enumerate(notes)
        ],
    )


def test_two_peoples_words_passed_on_at_once_are_neither_alone(cues: Cues) -> None:
    # Two who decide together and disagree; their buyer passes both views on in one
    # sentence, one of them under a short name: the sentence is not the first one's.
    team = [
        Stakeholder("Pia Montenegro", title="EVP Operations", role="co-decision maker", id=1),
        Stakeholder("Arturo Velasco", title="CFO", role="co-decision maker", id=2),
        Stakeholder("Weng Abrenica", title="Procurement officer", role="buyer", id=3),
    ]
    notes = [
        "Pia: 'A supplier who sits with us before every product launch and designs the "
        "forms with us.'",
        "Arturo: 'Lowest total cost for the year, on a portal, and no meetings billed in.'",
        "Weng: 'Ma'am Pia wants the full-service one, Sir Art wants the cheapest bid. "
        "Both have to sign, so stuck kami.'",
    ]
    j = AccountJournal(
        Account("Bayan Savings", id=1),
        team,
        [
            Entry(at=dt.datetime(2026, 4 + k, 10, 10), kind="meeting", notes=text, id=k + 1)
            for k, text in enumerate(notes)
        ],
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Trevor knows how to commission a Powerwall.", "gronroos.values_expertise"),
        ("They reorder jars and caps from you every six weeks.", "rosen.regular_cadence"),
        ("Talk is cheap and so is a quote.", "rosen.price_focus"),
        ("The real price of a bad inverter is a truck roll in August.", "rosen.price_focus"),
    ],
)
def test_a_cue_word_in_another_sense_round16(cues: Cues, text: str, signal: str) -> None:
    assert signal not in {s for s, _ in _cued(text, cues)}


def test_not_needing_a_buddy_wants_no_relationship(cues: Cues) -> None:
    assert sum(w for _, w in _cued("I don't need a buddy, I need a warehouse.", cues)) < 0


def test_nobody_having_a_lock_on_them_is_always_a_share(cues: Cues) -> None:
    said = _cued("Nobody has a lock on me, and I've never once picked a vendor for lunch.", cues)
    assert said and sum(w for _, w in said) < 0


def test_a_sentence_of_the_reps_ending_in_a_colon_is_no_speaker_tag() -> None:
    notes = (
        "Out of the blue. Pasting it because I want to remember it:\n"
        "'I'm not after the cheapest part in Devon. Can you come over? AM'"
    )
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert len(quoted) == 1 and quoted[0].text.startswith("I'm not after")


@pytest.mark.parametrize("tag", ["Me:", "I said:", "Me again:"])
def test_the_reps_own_tag_still_keeps_the_reps_words(tag: str) -> None:
    notes = f"Visited.\n{tag} 'We could come every month and review the fleet.'"
    assert not [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I've had suppliers who just turn up when I ring. I won't go back to that.", 1),
        ("The old lot held a review every quarter with us. Never again.", -1),
    ],
)
def test_what_they_will_not_have_again_is_turned_round(cues: Cues, text: str, sign: int) -> None:
    first = text.split(". ")[0] + "."
    said = [(s, w) for s, w in _cued(text, cues) if s != "learned.statement"]
    assert said and sign * sum(w for _, w in said) > 0
    assert sign * sum(w for _, w in _cued(first, cues)) <= 0


def test_a_plan_first_and_then_a_price_is_no_price_focus(cues: Cues) -> None:
    assert "rosen.price_focus" not in {
        s for s, _ in _cued("Give me a plan first, then a price.", cues)
    }


def test_a_pronoun_before_a_quotation_names_nobody() -> None:
    notes = "Got as far as goods-in.\nHe was short with me: 'Just quote it. We buy on price.'"
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in quoted] == [""]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Price isn't really the thing, if I'm honest.", 1),
        ("Price is a conversation for later, not for today.", 1),
        ("We've had three suppliers in two years and every time we start from zero.", 1),
        ("That job cost me more in damages than I'd saved in a decade of haggling.", 0),
        ("And I want one firm, not three.", 1),
        ("They've used the same chemicals supplier since 1994.", 1),
        ("When we choose someone, we keep them.", 1),
    ],
)
def test_price_set_aside_and_loyalty_said_plainly(cues: Cues, text: str, sign: int) -> None:
    total = sum(w for _, w in _cued(text, cues))
    assert (total > 0) if sign else (total >= 0)


def test_a_chat_the_rep_says_they_sent_is_the_reps() -> None:
    notes = (
        "Pasting what I sent, no reply so far:\n\nSofia Brandt 09:15\nHi Gregor, would a "
        "site visit in October suit?\n\nSofia Brandt 09:16\nHappy to put together a "
        "three-year proposal with a quarterly review built in"
    )
    customers = frozenset({"gregor", "gregor lindahl", "lindahl"})
    assert not [
        s for s in segment_notes(notes, customers=customers) if s.speaker == SPEAKER_CUSTOMER
    ]


def test_a_chat_pasted_without_saying_whose_stays_theirs() -> None:
    notes = "Pasting the chat:\n\nSofia Brandt 09:15\nWe only buy on price, send the list."
    assert [s.who for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER] == [
        "Sofia Brandt"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I'll know what I need from a stockholder when I know what I've bought.",
        "He says he'll look at how we buy steel once the new unit's open, not before.",
    ],
)
def test_not_knowing_until_later_is_undecided(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert "rosen.undecided" in {s for s, _ in said}
    assert not any(w > 0 for s, w in said if s != "learned.statement")


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Said Alun had put his foot down about the site meetings.", -1),
        ("If she needs advice she can ring the engineer.", 0),
        ("The one with the smallest figure at the bottom gets the order before lunch.", -1),
        ("I don't remember names, I remember figures.", -1),
    ],
)
def test_turned_down_deflected_or_priced_round16(cues: Cues, text: str, sign: int) -> None:
    said = _cued(text, cues)
    total = sum(w for _, w in said)
    assert (total < 0) if sign else not said
    assert "rosen.social" not in {s for s, _ in said}


def test_see_what_you_can_do_is_an_errand(cues: Cues) -> None:
    assert not _said("See what you can do and send me something to look at.", cues)


@pytest.mark.parametrize(
    ("notes", "theirs"),
    [
        ("Stopped by. Mentioned we're doing year-end reviews with growers this winter.", False),
        ("Stopped by. Wants our best number by Friday.", True),
    ],
)
def test_a_subjectless_report_followed_by_we_is_the_reps(notes: str, theirs: bool) -> None:
    said = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert bool(said) is theirs


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Because with the inspection due, what I'm really short of is meetings.", -1),
        ("That is exactly why I don't need you coming here.", -1),
        ("Free advice, Marcy. Sharpen your pencil.", 0),
    ],
)
def test_mockery_and_refusals_round16(cues: Cues, text: str, sign: int) -> None:
    said = _cued(text, cues)
    assert (sum(w for _, w in said) < 0) if sign else not said


@pytest.mark.parametrize(
    "text",
    [
        "An email would have done the job.",
        "We're not unhappy with you at all - we just don't want more than the part and the invoice.",
        "Exactly what I was missing, one more supplier sitting in my office every quarter.",
        "If you ship on time, I will never need to see your face.",
        "Dear Sir, we have enough friends in Baku, we are not looking for more.",
        "Quarterly review please remove from offer, we will not pay for this.",
    ],
)
def test_turned_down_politely_or_with_a_smile(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _cued(text, cues)) < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Long term means payment, what else will it mean?", "jackson.lost_for_good"),
        ("Forty slides about partnership journey, I am very touched.", "rosen.wants_partner"),
        ("This is whole partnership I need.", "rosen.wants_partner"),
        ("Every month you just send the material.", "rosen.regular_cadence"),
    ],
)
def test_a_cue_word_mocked_or_in_another_sense(cues: Cues, text: str, signal: str) -> None:
    assert not any(w > 0 for s, w in _cued(text, cues) if s == signal)


def test_a_reply_pasted_as_bullets_under_its_writers_name_is_theirs() -> None:
    notes = (
        "Helen's email, pasted:\n\n- lovely lunch, thank you, but no need to do it again\n"
        "- price matters most to us\n\nSent the quote the same day."
    )
    customers = frozenset({"helen", "helen ferris", "ferris"})
    segments = segment_notes(notes, customers=customers)
    theirs = [s.text for s in segments if s.speaker == SPEAKER_CUSTOMER and s.who == "Helen"]
    assert theirs == [
        "lovely lunch, thank you, but no need to do it again",
        "price matters most to us",
    ]
    assert segments[-1].speaker != SPEAKER_CUSTOMER


def test_an_intro_naming_nobody_of_theirs_pastes_nothing_of_theirs() -> None:
    notes = "Jamie's notes, pasted:\n- price matters most to us"
    assert not [s for s in segment_notes(notes, customers=frozenset({"helen"})) if s.who == "Jamie"]


@pytest.mark.parametrize(
    "text", ["So visits are not something we'd miss.", "The visits wouldn't be missed."]
)
def test_what_would_not_be_missed_is_not_wanted(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _cued(text, cues)) < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Changing inserts is fast here, that's not where I need you.", "garbarino.satisfaction"),
        ("And the transactional part, the orders, SAP does by itself.", "rosen.no_relationship"),
        ("The price will come out of the work, not the other way round.", "rosen.price_focus"),
        ("Keep your advice notes accurate so goods-in can match them.", "rosen.wants_advice"),
    ],
)
def test_waved_aside_or_in_another_sense_round16(cues: Cues, text: str, signal: str) -> None:
    assert signal not in {s for s, _ in _cued(text, cues)}


def test_a_different_answer_from_last_year_takes_the_old_one_back(cues: Cues) -> None:
    said = _said("Different answer from last year. I'm finished chasing the cheapest reel.", cues)
    assert "retracted" in {s for s, _ in said}
    assert sum(w for s, w in said if s == "rosen.price_focus") > 0


def test_what_they_told_you_last_year_weighs_less(cues: Cues) -> None:
    then = sum(w for _, w in _cued("Last year I told you I didn't need a relationship.", cues))
    now = sum(w for _, w in _cued("I don't need a relationship.", cues))
    assert now < then <= 0


def test_remake_rates_are_no_price(cues: Cues) -> None:
    said = _cued("A call every month, a proper look at our remake rates.", cues)
    assert "rosen.price_focus" not in {s for s, _ in said}


def test_a_topic_before_a_colon_is_no_speaker() -> None:
    notes = "Called Hans.\nFor lashing gear and spares: 'I want what I order, when I order it.'"
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in quoted] == [""]


@pytest.mark.parametrize(
    "text",
    [
        "You didn't have to drive here, an email does the job.",
        "If your engineer knows our design, you become a single point of failure, and I don't want that.",
        "I wouldn't call it a bad idea. I'd call it one we don't need.",
        "Not looking for anything more, either.",
        "Save the trust-me-I'm-your-advisor talk for the big boys.",
    ],
)
def test_declined_in_so_many_words_round16(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _cued(text, cues)) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Continuity for us means never relying on any one distributor.",
        "If you're within a few quid we'll stay with you for the convenience.",
    ],
)
def test_staying_on_conditions_is_no_loyalty(cues: Cues, text: str) -> None:
    assert not any(w > 0 for s, w in _cued(text, cues) if s == "jackson.lost_for_good")


@pytest.mark.parametrize(
    "text",
    [
        "Not unhappy with the price, wouldn't be unhappy if it dropped either.",
        "I just wouldn't be heartbroken if the next time I saw you was, you know, never.",
        "Every month I put three papers next to each other. The one with the smaller number "
        "at the bottom gets the order.",
        "Your colleague before you thought a dinner would change the paper. It did not.",
    ],
)
def test_understated_price_buyers_round16(cues: Cues, text: str) -> None:
    said = _cued(text, cues)
    assert said and sum(w for _, w in said) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Ask me again after the partners' meeting in December.",
        "Jerome and I still haven't landed on it. We won't sign anything exclusive until we do.",
    ],
)
def test_putting_it_off_is_undecided_round16(cues: Cues, text: str) -> None:
    assert "rosen.undecided" in {s for s, _ in _said(text, cues)}


def test_a_quotation_from_their_website_is_nobodys_answer() -> None:
    notes = "Found them on the show list. Their website says 'family values, long-term clients'."
    assert not [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]


def test_being_at_an_auction_is_no_tendering(cues: Cues) -> None:
    assert not _cued("Barry was at an auction in town all week.", cues)


def test_the_undecided_list_holds_plain_words_only(cues: Cues) -> None:
    # The undecided list is matched as plain words: a wildcard or an end mark in it
    # would never match, so none may be written there.
    raw = json.loads((ROOT / "resources" / "classifier" / "cues.json").read_text(encoding="utf-8"))
    odd = [p for p in raw["undecided"]["phrases"] if re.search(r"[*<>{}|]|\s/|/\s", p)]
    assert not odd


@pytest.mark.parametrize(
    "notes",
    [
        "He laughed: « Brother or not, if the other one is cheaper, I buy from him. » No deal.",
        "He laughed: «Brother or not, if the other one is cheaper, I buy from him.» No deal.",
    ],
)
def test_french_quotation_marks_quote_the_customer(notes: str) -> None:
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.text for s in quoted] == [
        "Brother or not, if the other one is cheaper, I buy from him."
    ]


def test_trusting_the_scale_not_the_smile_is_no_trust_in_us(cues: Cues) -> None:
    said = _cued("I trust the scale, not the smile.", cues)
    assert "garbarino.trust_commitment" not in {s for s, _ in said}


@pytest.mark.parametrize(
    "text",
    [
        "Oh brilliant. Another strategic partnership review.",
        "Oh lovely. A quarterly review, just for us.",
        "Wow, fabulous. More quarterly reviews.",
    ],
)
def test_mockery_on_its_own_turns_the_echoed_offer_down(cues: Cues, text: str) -> None:
    said = _cued(text, cues)
    assert said and sum(w for _, w in said) < 0


def test_a_sincere_oh_good_before_a_wish_keeps_it(cues: Cues) -> None:
    said = _cued("Oh good. We'd like you to visit every month and review the fleet.", cues)
    assert sum(w for _, w in said) > 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Darren saves me pennies and costs me afternoons.", "rosen.price_focus"),
        (
            "Tell me what's coming - new films, price rises, what the trade is moving to.",
            "rosen.price_focus",
        ),
        ("She said Craig just wants the price for ten of the new rowers.", "rosen.price_focus"),
    ],
)
def test_price_in_other_senses_round16(cues: Cues, text: str, signal: str) -> None:
    assert signal not in {s for s, _ in _cued(text, cues)}


def test_no_opinion_yet_and_a_review_of_all_providers_is_undecided(cues: Cues) -> None:
    text = "I will review all the providers, then I tell you how we continue. For the moment I don't have an opinion."
    assert "rosen.undecided" in {s for s, _ in _said(text, cues)}


def test_a_quote_come_in_high_and_more_quotes_wanted_are_price_buying(cues: Cues) -> None:
    text = "Your unit came in a little high vs the other house. Keep the quotes coming."
    assert sum(w for _, w in _cued(text, cues)) < 0


def test_costing_him_the_sale_is_no_price_focus(cues: Cues) -> None:
    said = _cued("Tell me the truth about a product, even if it costs him the sale.", cues)
    assert "rosen.price_focus" not in {s for s, _ in said}


def test_an_unpunctuated_fronted_refusal_turns_it_down(cues: Cues) -> None:
    assert sum(w for _, w in _cued("That monthly meeting we don't need any more.", cues)) < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Could you send a brochure and an idea of price for a 4-gas unit?", "rosen.wants_advice"),
        ("I just need the numbers to stand up in front of my MD.", "rosen.leave_alone"),
    ],
)
def test_a_request_or_a_need_in_another_sense_round16(cues: Cues, text: str, signal: str) -> None:
    assert signal not in {s for s, _ in _cued(text, cues)}


def test_ignoring_the_tender_language_turns_it_down(cues: Cues) -> None:
    said = _cued("Please ignore the tender language in Gavin's RFQ.", cues)
    assert sum(w for s, w in said if s == "jackson.always_a_share") > 0


@pytest.mark.parametrize(
    "text",
    [
        "I never have to talk to a human about it.",
        "Doesn't have to be you.",
    ],
)
def test_no_human_and_no_loyalty_round16(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _cued(text, cues)) < 0


def test_learning_what_their_own_man_knows_is_no_expertise_wanted(cues: Cues) -> None:
    said = _cued("That's a four-hour round trip to learn what Marcus already knows.", cues)
    assert "gronroos.values_expertise" not in {s for s, _ in said}


@pytest.mark.parametrize(
    "text", ["Still chewing on it.", "Price matters. Partner matters. Don't push me."]
)
def test_still_thinking_is_undecided_round16(cues: Cues, text: str) -> None:
    assert "rosen.undecided" in {s for s, _ in _said(text, cues)}


def test_an_order_not_to_be_read_into_is_no_indecision(cues: Cues) -> None:
    said = _said("Don't read anything into it, cheapest gets the job.", cues)
    assert "rosen.undecided" not in {s for s, _ in said}


@pytest.mark.parametrize(
    "notes",
    [
        "She joined on speaker: „Send three options, the cheapest one, and a date.” Fine.",
        "She joined on speaker: „Send three options, the cheapest one, and a date.“ Fine.",
    ],
)
def test_low_high_quotation_marks_quote_the_customer(notes: str) -> None:
    quoted = [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.text for s in quoted] == ["Send three options, the cheapest one, and a date."]


def test_an_unclosed_low_quotation_mark_quotes_nothing() -> None:
    notes = "Wrote „maybe later. Then „no. Nothing else."
    assert not [s for s in segment_notes(notes) if s.speaker == SPEAKER_CUSTOMER]


def test_asking_three_offers_is_always_a_share(cues: Cues) -> None:
    said = _cued("Our budget is cut, I will ask three offers for each thing, like always.", cues)
    assert sum(w for s, w in said if s == "jackson.always_a_share") < 0


@pytest.mark.parametrize(
    "text",
    [
        "Maybe we do yearly review, maybe not, depends on money.",
        "I don't want to promise you anything.",
    ],
)
def test_not_promising_is_undecided(cues: Cues, text: str) -> None:
    assert "rosen.undecided" in {s for s, _ in _said(text, cues)}


@pytest.mark.parametrize(
    "text",
    [
        "He'd turn in his grave if I started doing account reviews.",
        "Only advice I need from you is the ship date.",
        "You're fine, you just weren't cheapest this time.",
    ],
)
def test_price_buyers_in_their_own_words_round16(cues: Cues, text: str) -> None:
    said = _cued(text, cues)
    assert said and sum(w for _, w in said) < 0


def test_a_trust_that_owns_the_company_is_no_trust_in_us(cues: Cues) -> None:
    said = _cued("The landowner trust owns half the company.", cues)
    assert "garbarino.trust_commitment" not in {s for s, _ in said}
