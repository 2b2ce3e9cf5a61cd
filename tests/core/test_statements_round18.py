"""Issue 15, eighteenth round: the readings the round's development accounts taught. The
sentences are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import read_answer
from reljournal.core.classify.statements import segment_notes
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)
from tests.core.test_statements_round15 import _said
from tests.core.test_statements_round17 import monthly_meetings

TODAY = dt.date(2026, 11, 30)


def _net(text: str, cues: Cues) -> float:
    return sum(w for _, w in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        'Your "partnership" cost us a whole weekend of deliveries.',
        "Our last 'strategic partner' went quiet the minute the contract was signed.",
        'We are done with this so-called "partnership" of yours.',
        "Another 'value-add' meeting is the last thing the kitchen needs.",
    ],
)
def test_relationship_words_in_scare_quotes_are_turned_down(cues: Cues, text: str) -> None:
    assert _net(text, cues) < 0


@pytest.mark.parametrize(
    "text",
    [
        'We want a "proper partner" this time, somebody who plans with us.',
        "What I want is a partner who knows the trade.",
    ],
)
def test_relationship_words_quoted_as_a_wish_stay_a_wish(cues: Cues, text: str) -> None:
    assert _net(text, cues) > 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("The late delivery cost us two clients.", "rosen.price_focus"),
        ("Monthly calls dropped at her request.", "rosen.wants_contact"),
        ("He has a long-term plan to open two more depots by 2028.", "jackson.lost_for_good"),
        ("I trust the physics and the curves, nothing else.", "garbarino.trust_commitment"),
    ],
)
def test_a_cue_word_in_another_sense_round18(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    "text",
    [
        "A supplier that won't come out is worth nothing to me, no matter how cheap.",
        "A dealer who never answers the phone is no use to us, however cheap.",
        "I'd rather have one firm that knows us than save forty quid a day.",
    ],
)
def test_price_set_aside_round18(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert any(s == "gronroos.value_over_price" and w > 0 for s, w in said)
    assert not any(s == "rosen.price_focus" for s, w in said if w)


@pytest.mark.parametrize(
    "text",
    [
        "That's a no from us, but thanks for thinking of us.",
        "The monthly visits? That is a no from me.",
    ],
)
def test_a_plain_no_declines(cues: Cues, text: str) -> None:
    assert any(s == "behaviour.declined" and w < 0 for s, w in _said(text, cues))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I want somebody that kens this estate and the hill tracks.", "gronroos.values_expertise"),
        ("Someone who comes out twice a year to look at the kit.", "rosen.wants_contact"),
        ("A rep who comes round a couple of times a year, that's enough.", "rosen.wants_contact"),
    ],
)
def test_knowing_the_place_and_coming_out_are_wanted(cues: Cues, text: str, signal: str) -> None:
    assert any(s == signal and w > 0 for s, w in _said(text, cues))


def test_what_they_would_have_said_a_year_ago_counts_less(cues: Cues) -> None:
    then = _net("A year ago I'd have told you price and delivery and away you go.", cues)
    now = _net("I'll tell you now: price and delivery and away you go.", cues)
    assert now < then <= 0


def _depot(*notes: tuple[str, list[int]]) -> AccountJournal:
    """A depot where the general manager decides and the yard engineer advises."""
    team = [
        Stakeholder("Ruth Wanjiru", title="General manager", role="decision maker", id=1),
        Stakeholder("Francis Otieno", title="Yard engineer", role="influencer", id=2),
    ]
    return monthly_meetings(Account("Port Reitz Depot", id=1), team, notes)


_ENGINEER = (
    "Francis walked me round the yard. 'I want someone who tells me before the locks fail, "
    "and a yearly inspection together with you.'",
    [2],
)


def test_words_about_one_of_two_present_are_the_others(cues: Cues) -> None:
    j = _depot(
        _ENGINEER,
        (
            "Put the inspection idea to Ruth with Francis there. 'Francis likes his visitors. "
            "I pay for locks, not for inspections and tea. Lowest price for 200 delivered by "
            "Friday and we are fine.'",
            [1, 2],
        ),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_signed_words_are_not_given_to_the_other_of_two(cues: Cues) -> None:
    # The words name Ruth only as their signature: they are hers, and the account is hers.
    j = _depot(
        _ENGINEER,
        (
            "Pasted: 'Lowest price for the 200 locks delivered by Friday, no inspections "
            "needed, we buy on price. Ruth.'",
            [1, 2],
        ),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_a_decider_named_in_the_lead_in_keeps_the_words(cues: Cues) -> None:
    j = _depot(
        (
            "Francis and Ruth in the office. Ruth at the end: 'Francis is right, I want you "
            "here every quarter to plan the replacements with us, and a yearly inspection.'",
            [1, 2],
        ),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_RELATIONAL


@pytest.mark.parametrize(
    "text",
    [
        "Our clients stay with us for decades, and I intend to keep it that way.",
        "Some have been with us since my father's time.",
        "Most of her regulars have been coming to her for years.",
    ],
)
def test_their_own_customers_loyalty_says_nothing_of_ours(cues: Cues, text: str) -> None:
    assert not any(s == "jackson.lost_for_good" for s, w in _said(text, cues) if w)


def test_a_supplier_who_stays_with_them_is_still_loyalty(cues: Cues) -> None:
    said = _said("We stay with you as long as you keep turning up.", cues)
    assert any(s == "jackson.lost_for_good" and w > 0 for s, w in said)


@pytest.mark.parametrize(
    "text",
    [
        "I can get the same valve online for two-thirds of what you charge.",
        "I'm sick of paying for your reps' lunches.",
    ],
)
def test_what_you_charge_compared_is_price_focus(cues: Cues, text: str) -> None:
    assert any(s == "rosen.price_focus" and w < 0 for s, w in _said(text, cues))


@pytest.mark.parametrize(
    "notes",
    [
        "Homework: two kilns, a new line in 2027. My read is they want a partner. Pure guess.",
        "Kwame signs too. Different tune: 'My brother likes visitors. I want the cheapest.'",
    ],
)
def test_a_reps_aside_before_a_colon_is_no_speaker(notes: str) -> None:
    names = frozenset({"kwame", "kofi", "kwame mensah", "kofi mensah"})
    assert not any(
        s.who in {"Homework", "Different tune", "Different"}
        for s in segment_notes(notes, frozenset(), names)
    )


def test_a_new_decider_still_learning_the_company_has_no_view(cues: Cues) -> None:
    said = _said("I'm still learning the company. I'll call you after I settle in.", cues)
    assert any(s == "rosen.undecided" for s, _ in said)


def test_a_buyer_and_a_colleague_pulling_opposite_ways_do_not_speak_for_a_silent_decider(
    cues: Cues,
) -> None:
    team = [
        Stakeholder("Grace Mbeki", title="Laboratory director", role="decision maker", id=1),
        Stakeholder("Tane Walker", title="Senior scientist", role="influencer", id=2),
        Stakeholder("Joy Hart", title="Supply coordinator", role="buyer", id=3),
    ]
    j = AccountJournal(
        Account("Valley Lab", id=1),
        team,
        [
            Entry(
                at=dt.datetime(2026, 4, 10, 10),
                kind="visit",
                notes="Tane: 'We need a supplier who comes in and helps us validate the "
                "new media, someone who knows a small lab.'",
                id=1,
                stakeholder_ids=[2],
            ),
            Entry(
                at=dt.datetime(2026, 4, 11, 10),
                kind="call",
                notes="Joy: 'Whatever Tane said, just give me your best price for the "
                "plates. Visits aren't in my budget.'",
                id=2,
                stakeholder_ids=[3],
            ),
        ],
    )
    assert classify_account(j, cues, TODAY).label == "undetermined"


@pytest.mark.parametrize(
    "text",
    [
        "Keep quoting on the monthly tender until we decide.",
        "My partner and I haven't landed it yet.",
        "Leave both offers open, we'll talk at harvest.",
        "The new manager is still finding his feet.",
    ],
)
def test_a_decision_not_reached_yet_is_undecided_round18(cues: Cues, text: str) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said(text, cues))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Send both, the price offer and the yearly plan.", "rosen.price_focus"),
        ("I just want a fair shake on the commodity stuff.", "rosen.no_relationship"),
        ("Oh, they were very cheap, the last lot.", "rosen.price_focus"),
        ("I know my site better than anybody.", "gronroos.values_expertise"),
    ],
)
def test_a_cue_word_in_another_sense_round18b(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        ("We need someone who plans with us.", "rosen.wants_advice", 1),
        ("Visits aren't in my budget.", "rosen.leave_alone", -1),
        (
            "They were cheap until the buyer charged us for the recall.",
            "gronroos.value_over_price",
            1,
        ),
    ],
)
def test_what_is_said_plainly_round18(cues: Cues, text: str, signal: str, sign: int) -> None:
    assert any(s == signal and w * sign > 0 for s, w in _said(text, cues))


def test_saying_what_they_told_you_before_counts_less(cues: Cues) -> None:
    def lexicon(text: str) -> float:
        return sum(w for s, w in _said(text, cues) if s != "learned.statement")

    then = lexicon("I told you I didn't want a relationship.")
    now = lexicon("I don't want a relationship.")
    assert now < 2 * then < 0


def test_not_being_the_only_ones_who_know_wants_you_to_know(cues: Cues) -> None:
    text = "My team can't be the only people who know this site."
    assert _net(text, cues) > 0


@pytest.mark.parametrize(
    "text",
    [
        "Come every month and drink coffee with me, and my pallets will build themselves.",
        "He wants to understand our business. Isn't that lovely.",
    ],
)
def test_an_offer_mocked_in_plain_words_is_turned_down(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if w and s != "learned.statement"]
    assert said and all(w < 0 for _, w in said)


def test_a_plain_no_to_an_offer_of_planning_turns_it_down(cues: Cues) -> None:
    answer = Answer(
        "Would it help if I came down before the season to plan what you'll need?",
        "No, hon.",
        dt.date(2026, 5, 1),
        "Clara Moss",
        id=1,
    )
    assert sum(ev.weight for ev in read_answer(answer, cues)) < 0


def test_a_lead_in_verb_before_a_colon_is_no_speaker() -> None:
    notes = "Kayla went and asked him. Came back: 'He says thanks, he has his own guy.'"
    segs = segment_notes(notes, frozenset(), frozenset({"kayla", "rick"}))
    assert not any(s.who == "Came" for s in segs)


def test_someone_elses_claim_asked_back_and_denied_is_no_wish(cues: Cues) -> None:
    said = _said("Ravi told you we want monthly visits? Not from me he didn't.", cues)
    assert not any(w > 0 for s, w in said if s != "learned.statement")


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("You are in the bid with me now.", "jackson.always_a_share"),
        ("Price the whole job with me before we bid the hospital.", "jackson.always_a_share"),
        ("Customers don't shop around for a funeral director.", "jackson.always_a_share"),
        ("He says trust is the only thing he really sells.", "garbarino.trust_commitment"),
    ],
)
def test_a_cue_word_in_another_sense_round18c(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    "text",
    [
        "I'm nae needing ye to come up every month.",
        "Mi noh want yuh fi visit every month.",
        "I wouldna want a visit every month.",
    ],
)
def test_dialect_negation_turns_a_wish_down(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and all(w < 0 for _, w in said)


@pytest.mark.parametrize(
    "text",
    [
        "Di price matter, yes, but di price noh di problem.",
        "I don't have time to teach somebody new every season.",
    ],
)
def test_relational_in_other_words_round18(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and sum(w for _, w in said) > 0


@pytest.mark.parametrize(
    "text",
    [
        "The supplier question I'll look at after the summer, I've not got there yet.",
        "Honestly? I'm in twa minds about it.",
        "Half of me says cheap and on time, the other half says I need someone to call.",
    ],
)
def test_not_decided_yet_round18c(cues: Cues, text: str) -> None:
    assert any(s == "rosen.undecided" for s, _ in _said(text, cues))


def test_a_quotation_that_speaks_of_the_person_named_before_it_is_not_theirs() -> None:
    notes = "Asked if he'd talked to Alan about us. 'Alan hasn't said a word either way.'"
    names = frozenset({"alan", "alan treloar", "shane", "shane kowalczyk"})
    quotes = [s for s in segment_notes(notes, frozenset(), names) if s.kind == "quote"]
    assert quotes and all(s.who != "Alan" for s in quotes)


def test_a_from_line_names_its_sender() -> None:
    notes = "From Luca: 'More important: I want your name in the bid as our partner.'"
    names = frozenset({"luca", "luca ferraro"})
    assert [s.who for s in segment_notes(notes, frozenset(), names)] == ["Luca"]


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        (
            "I want to put your name in the bid as our consumables partner.",
            "jackson.always_a_share",
        ),
        ("Thanks, I'm just shopping around right now.", "jackson.always_a_share"),
        ("Come and help us cost the hardfacing for the job.", "rosen.price_focus"),
        ("We won't need you now, Stephen knows what to do now.", "gronroos.values_expertise"),
        ("Buy commodity bearings wherever you like, Trent.", "rosen.no_relationship"),
        ("I know what the web price is. We're keeping you.", "rosen.price_focus"),
    ],
)
def test_a_cue_word_in_another_sense_round18d(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    "text",
    [
        "What would we review, whether the screws are still threaded?",
        "But who pays more for the same bolt because the rep's good company?",
        "For printer paper? Do we look like we need one?",
        "Is there any reason I'd ever need to speak to anyone but your order desk?",
    ],
)
def test_a_rhetorical_question_states_a_transactional_view(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and all(w < 0 for _, w in said)


def test_a_price_sheet_each_season_is_no_regular_contact(cues: Cues) -> None:
    answer = Answer(
        "How would you like us to keep in touch?",
        "Email the price sheet at the start of each season. That's us.",
        dt.date(2026, 5, 1),
        "Shona Mack",
        id=1,
    )
    said = read_answer(answer, cues)
    assert not any(ev.signal == "q.cadence_regular" and ev.weight > 0 for ev in said)


def _takes_back(text: str, cues: Cues) -> bool:
    """Whether an answer of the customer's is read as taking back what they said."""
    answer = Answer("What are your expectations?", text, dt.date(2026, 9, 1), "Pat Nolan", id=2)
    return any(ev.signal == "retracted" for ev in read_answer(answer, cues))


def test_forgetting_what_they_said_takes_it_back(cues: Cues) -> None:
    assert _takes_back(
        "We hired our own engineer in March. So forget what I said about advice, "
        "I want the parts on time and priced right, and that's about it.",
        cues,
    )


@pytest.mark.parametrize(
    "text",
    [
        "That our customer reviews matter more than anything, we're 4.9 on Google.",
        "Our reviews on Google are what keep us busy.",
    ],
)
def test_their_own_customer_reviews_are_no_wish_for_reviews(cues: Cues, text: str) -> None:
    assert not any(s == "rosen.wants_reviews" for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("He's in Calgary meetings until the investment decision.", "rosen.wants_meetings"),
        ("She compares our list with two other growers every week.", "rosen.regular_cadence"),
    ],
)
def test_a_cue_word_in_another_sense_round18e(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        ("She compares our list with two other growers every week.", "jackson.always_a_share", -1),
        ("I want the monthly maintenance visit, not the cheap boards.", "rosen.wants_contact", 1),
        ("And I want you at our quarterly planning from now on.", "rosen.wants_advice", 1),
        ("She'll get back to me once she's found her feet.", "rosen.undecided", 0),
    ],
)
def test_what_is_said_plainly_round18e(cues: Cues, text: str, signal: str, sign: int) -> None:
    said = _said(text, cues)
    if sign:
        assert any(s == signal and w * sign > 0 for s, w in said)
    else:
        assert any(s == signal for s, _ in said)


def test_the_reps_verdict_on_the_account_is_a_guess() -> None:
    from reljournal.core.classify.statements import is_guess

    assert is_guess("Clearly a partnership account in the making.")
    assert is_guess("This is the long-term partner account I've been after.")
    assert not is_guess("She asked for a partner who plans the season with her.")


@pytest.mark.parametrize(
    "text",
    [
        "The lunches, the five-year plans, all that, that's for the big companies down south.",
        "A quarterly business review. I've been lying awake at night hoping someone would give me one.",
        "My partnership with you is this: steel on site the day I ask, at the price you quoted.",
    ],
)
def test_an_offer_waved_off_in_plain_words_round18(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and sum(w for _, w in said) < 0


def test_taking_it_back_in_the_present_tense_is_a_retraction(cues: Cues) -> None:
    assert _takes_back("I said price, full stop, in February. I'm taking that back.", cues)


def test_knowing_it_costs_more_sets_price_aside(cues: Cues) -> None:
    said = _said(
        "I want someone to plan the rotation with us. And yes, I know that costs more.", cues
    )
    assert any(s == "gronroos.value_over_price" and w > 0 for s, w in said)
    assert not any(s == "rosen.price_focus" for s, w in said if w)


def test_wondering_about_an_offer_is_weaker_than_wanting_it(cues: Cues) -> None:
    def lexicon(text: str) -> float:
        return sum(w for s, w in _said(text, cues) if s != "learned.statement")

    wondered = lexicon("I did wonder about having you come by each season.")
    wanted = lexicon("I want you to come by each season.")
    assert 0 < wondered < wanted


@pytest.mark.parametrize(
    "text",
    [
        "Price and availability on 20 x UCP211 pillow blocks and 4 x 22216 bearings.",
        "Prices for 40 x 20mm rope, please.",
        "Wetin una price fo 2.5mm cable, hundred metre roll?",
    ],
)
def test_a_price_asked_for_without_a_verb_is_an_errand(cues: Cues, text: str) -> None:
    assert not any(w for _, w in _said(text, cues))


def test_a_price_that_decides_still_counts_round18(cues: Cues) -> None:
    assert _net("Price for 20 years has been the only thing that decides it here.", cues) < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Gavin sent us a quarterly business review, forty slides.", "rosen.wants_reviews"),
        ("Long-term arrangements suit the supplier, not us.", "jackson.lost_for_good"),
    ],
)
def test_a_cue_word_in_another_sense_round18f(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


@pytest.mark.parametrize(
    "text",
    [
        "I like you, but I'd drop yous tomorrow for a couple of quid a week less.",
        "Haway, I can count me own vans, ta.",
        "Give us a shout next June when it's due again, and not before.",
    ],
)
def test_transactional_in_plain_words_round18f(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and sum(w for _, w in said) < 0


@pytest.mark.parametrize(
    ("text", "taken_back"),
    [
        ("I'll hold my hand up, I got that wrong. From January we buy spot.", True),
        ("I want someone who tells us where we got it wrong last time.", False),
    ],
)
def test_owning_up_to_a_mistake_retracts(cues: Cues, text: str, taken_back: bool) -> None:
    assert _takes_back(text, cues) is taken_back


def test_please_no_before_an_offer_turns_it_down(cues: Cues) -> None:
    said = _said("Please no visits for the moment, we know where to find you.", cues)
    lexicon = [(s, w) for s, w in said if s != "learned.statement" and w]
    assert lexicon and all(w < 0 for _, w in lexicon)


def test_a_colleagues_handover_note_is_not_the_customers_words() -> None:
    notes = "Martin's handover: 'Lovely family business, great relationship, very loyal.'"
    segs = segment_notes(notes, frozenset(), frozenset({"pauline", "martin"}))
    assert all(s.speaker != "customer" for s in segs)


def test_a_forwarded_customer_note_stays_theirs() -> None:
    notes = "Priya forwarded Owen's note: 'Put it through the web account, no need to visit.'"
    segs = segment_notes(notes, frozenset(), frozenset({"priya", "owen"}))
    assert any(s.speaker == "customer" for s in segs)


@pytest.mark.parametrize(
    "text",
    [
        "So don't think we're married to you.",
        "That we are not short of suppliers.",
        "It's not as if we can't get these desks from ten other people in town.",
        "Just get us the resin when we ring and don't muck the price around.",
    ],
)
def test_transactional_in_plain_words_round18g(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and sum(w for _, w in said) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Oh mate, a quarterly business review. That's exactly what a two-man shed has been "
        "crying out for.",
        "Yeah, I'll get right onto that, straight after my five-year plan.",
    ],
)
def test_mockery_round18g(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert not any(w > 0 for _, w in said)


@pytest.mark.parametrize(
    "notes",
    [
        "Alan's CRM field reads 'Relationship buyer, big on loyalty, do the planning day.'",
        "Handover from Steve: 'Quarterly e-auction, lowest wins, they want the partnership day.'",
    ],
)
def test_a_colleagues_old_opinion_is_no_evidence(cues: Cues, notes: str) -> None:
    journal = AccountJournal(
        Account("Pellow Gardens", id=1),
        [Stakeholder("Jen Pellow", title="Buying manager", role="decision maker", id=1)],
        [Entry(at=dt.datetime(2026, 10, 20, 9), kind="note", notes=notes, id=1)],
    )
    assert classify_account(journal, cues, TODAY).label == "undetermined"


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Okay, I'll call you back.", "rosen.leave_alone"),
        (
            "Come back every May to do this with whoever is on the committee.",
            "jackson.always_a_share",
        ),
        ("I'm still getting up to speed with everything here.", "rosen.wants_advice"),
        ("I'll still argue you down on price, that's just me.", "rosen.price_focus"),
    ],
)
def test_a_cue_word_in_another_sense_round18h(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


def test_ringing_back_with_a_yes_or_no_still_leaves_them_alone(cues: Cues) -> None:
    said = _said("Ring me with a number, I'll ring back with a yes or a no.", cues)
    assert any(s == "rosen.leave_alone" and w < 0 for s, w in said)


@pytest.mark.parametrize(
    "text",
    [
        "Claire won. I'm big enough to admit it.",
        "Anjali says I told you so, and annoyingly she's right.",
    ],
)
def test_a_co_decider_conceding_takes_their_view_back(cues: Cues, text: str) -> None:
    assert _takes_back(text, cues)


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        ("I'll call you first for everything, just remember the boat.", "jackson.lost_for_good", 1),
        (
            "The pumps and the hydraulics, I want the same people every year.",
            "jackson.lost_for_good",
            1,
        ),
        ("I don't want anybody coming here to check on me.", "rosen.leave_alone", -1),
        (
            "I've changed dealers four times in ten years and never lost sleep.",
            "jackson.always_a_share",
            -1,
        ),
    ],
)
def test_what_is_said_plainly_round18i(cues: Cues, text: str, signal: str, sign: int) -> None:
    assert any(s == signal and w * sign > 0 for s, w in _said(text, cues))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I'll call you first for everything.", "rosen.leave_alone"),
        ("Hydraulics have been removed from the bid and go to you.", "jackson.always_a_share"),
        ("I've changed dealers four times in ten years.", "jackson.lost_for_good"),
    ],
)
def test_a_cue_word_in_another_sense_round18i(cues: Cues, text: str, signal: str) -> None:
    assert not any(s == signal for s, w in _said(text, cues) if w)


def test_praise_in_another_english_before_a_bare_offer_mocks_it(cues: Cues) -> None:
    said = _said("Oh, beauty. A partnership.", cues)
    assert not any(w > 0 for s, w in said if s != "learned.statement")


@pytest.mark.parametrize(
    "text",
    [
        "No need to come and meet every time, nakko all this partnership talk.",
        "I'm going to stop these, I haven't got an hour to spare.",
    ],
)
def test_a_no_in_other_words_round18(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if s != "learned.statement" and w]
    assert said and all(w < 0 for _, w in said)


def test_one_firm_rather_than_a_fresh_tender_is_no_tendering(cues: Cues) -> None:
    text = "I'd rather have one firm that remembers last time than run a fresh tender every year."
    assert not any(s == "jackson.always_a_share" for s, w in _said(text, cues) if w)
