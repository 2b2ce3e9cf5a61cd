"""Issue 15, fourteenth round: the customer taking back what they said ("I was wrong
about the food", "I've changed my mind about visits"). What they say from then on
supersedes what they said before that pointed the other way, whatever its topic. The
notes are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import RETRACTED, is_headline, read_answer, read_entry
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    Answer,
    Entry,
)
from tests.core.test_statements import NOTE, Q_EXPECT, classify, journal

DAY = dt.date(2026, 10, 1)


def _retracts(text: str, cues: Cues) -> bool:
    """Whether the customer's answer ``text`` takes back what they said before."""
    answer = Answer(Q_EXPECT, text, DAY, "Dana Smith", id=1)
    return any(ev.signal == RETRACTED for ev in read_answer(answer, cues))


def _rep_reports_it(notes: str, cues: Cues) -> bool:
    """Whether the rep's own notes report that the customer took back what they said."""
    entry = Entry(at=dt.datetime.combine(DAY, dt.time(9)), kind="visit", notes=notes, id=7)
    return any(ev.signal == RETRACTED for ev in read_entry(entry, cues).evidence)


@pytest.mark.parametrize(
    "text",
    [
        "I was wrong about the food.",
        "We were wrong to treat you like a quote shop.",
        "I've changed my mind about the visits.",
        "Honestly, I've come round to it.",
        "I take that back.",
        "OK, I stand corrected.",
    ],
)
def test_taking_back_what_was_said_is_marked(cues: Cues, text: str) -> None:
    assert _retracts(text, cues)


@pytest.mark.parametrize(
    "text",
    [
        "I haven't changed my mind: the cheapest quote wins.",
        "If I was wrong about you, I'd tell you.",
        "I'll take it back to the office and let you know.",
        "Nothing you've said has changed my mind.",
    ],
)
def test_what_takes_nothing_back_is_not_marked(cues: Cues, text: str) -> None:
    assert not _retracts(text, cues)


@pytest.mark.parametrize(
    "notes",
    [
        "Ray admitted he was wrong about us.",
        "Good visit. She's changed her mind on the reviews.",
    ],
)
def test_the_rep_reporting_it_is_marked(cues: Cues, notes: str) -> None:
    assert _rep_reports_it(notes, cues)


def test_a_guess_of_the_reps_is_not_marked(cues: Cues) -> None:
    assert not _rep_reports_it("I think I was wrong about their budget.", cues)


def test_what_is_said_after_taking_it_back_decides(cues: Cues) -> None:
    j = journal(
        (dt.date(2026, 1, 10), Q_EXPECT, "Price is everything for us. The cheapest one wins."),
        (
            dt.date(2026, 4, 2),
            NOTE,
            '"I was wrong about the food. I want you in here once a month going through '
            'the diets with the girls, and I want your advice on the old dogs."',
        ),
    )
    result = classify(j, cues)
    assert result.label == LABEL_RELATIONAL
    first = result.reasons[0]
    assert first.signal == "changed.mind" and is_headline(first.signal)
    assert first.date == dt.date(2026, 4, 2)
    assert first.quote.startswith("I was wrong about the food")


def test_taking_it_back_turns_the_other_way_too(cues: Cues) -> None:
    j = journal(
        (
            dt.date(2026, 1, 10),
            Q_EXPECT,
            "I want a partner who knows our business and visits every month.",
        ),
        (
            dt.date(2026, 5, 2),
            NOTE,
            '"We were wrong to pay for the hand-holding. From now on the lowest quote gets '
            'the order."',
        ),
    )
    result = classify(j, cues)
    assert result.label == LABEL_TRANSACTIONAL
    assert result.reasons[0].signal == "changed.mind"


def test_taking_it_back_with_nothing_said_since_changes_nothing(cues: Cues) -> None:
    j = journal(
        (dt.date(2026, 1, 10), Q_EXPECT, "Price is everything for us. The cheapest one wins."),
        (dt.date(2026, 4, 2), NOTE, '"I was wrong about the date."'),
    )
    assert all(r.signal != "changed.mind" for r in classify(j, cues).reasons)


# -- errands and word sense -------------------------------------------------------------


def _evidence(text: str, cues: Cues) -> list[tuple[str, float]]:
    answer = Answer(Q_EXPECT, text, DAY, "Dana Smith", id=1)
    return [(ev.signal, ev.weight) for ev in read_answer(answer, cues) if ev.weight]


@pytest.mark.parametrize(
    "text",
    [
        "Hello, could you let me know your price for 50 chair screws, galvanised?",
        "Hi Sarah, could you tell me your price for 40 drums of the blue?",
        "Lovely, send it over.",
        "Great, please send the price list for the spring range.",
    ],
)
def test_a_request_after_a_greeting_is_an_errand(cues: Cues, text: str) -> None:
    assert _evidence(text, cues) == []


def test_a_bargain_after_a_greeting_still_counts(cues: Cues) -> None:
    signals = _evidence("Hello, could you let me know your best price? Cheapest wins.", cues)
    assert sum(w for _, w in signals) < 0


def test_speed_itself_is_still_a_wish_for_speed(cues: Cues) -> None:
    signals = _evidence("Speed is all I care about, and the invoices right.", cues)
    assert any(signal == "garbarino.satisfaction" for signal, _ in signals)


# -- what they used to want ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Two years ago I'd have said the monthly reviews.",
        "Years ago we wanted the visits and the lunches.",
    ],
)
def test_a_view_they_used_to_hold_leans_little(cues: Cues, text: str) -> None:
    now = _evidence(
        text.replace("Two years ago I'd have said", "I want").replace(
            "Years ago we wanted", "We want"
        ),
        cues,
    )
    then = _evidence(text, cues)
    assert sum(w for _, w in then) < 0.5 * sum(w for _, w in now)


@pytest.mark.parametrize(
    "text", ["Got it, will look.", "Received, will look into it.", "Got it, will do."]
)
def test_an_acknowledgement_leans_nowhere(cues: Cues, text: str) -> None:
    assert _evidence(text, cues) == []


@pytest.mark.parametrize(
    "text",
    [
        "Please can all deliveries come to the side gate on Orchard Lane from now on.",
        "Could future orders arrive before 8, the caretaker leaves at 9.",
    ],
)
def test_where_and_when_deliveries_come_is_an_errand(cues: Cues, text: str) -> None:
    assert _evidence(text, cues) == []


# -- word sense: horizons, cadences, sitting down ---------------------------------------


def _lean_of(text: str, cues: Cues) -> float:
    return sum(w for signal, w in _evidence(text, cues) if not signal.startswith("learned"))


@pytest.mark.parametrize(
    "text",
    [
        "I've changed three in five years and I'd change again tomorrow for five percent.",
        "They'll email you a tender every spring, and that's the relationship from here on.",
        "Send me the price in WhatsApp every week and the truck Thursday.",
    ],
)
def test_switching_and_prices_on_a_calendar_lean_transactional(cues: Cues, text: str) -> None:
    assert _lean_of(text, cues) < 0


def test_tired_of_training_new_suppliers_is_a_switching_cost(cues: Cues) -> None:
    text = "Honestly I'm sick of training new reps every time we move."
    assert any(signal == "jackson.lost_for_good" for signal, _ in _evidence(text, cues))


def test_sitting_down_to_think_is_not_deciding_not_a_meeting(cues: Cues) -> None:
    entry = Entry(
        at=dt.datetime.combine(DAY, dt.time(9)),
        kind="call",
        notes="Said he'll sit down and think about suppliers in the new year.",
        id=8,
    )
    evidence = read_entry(entry, cues).evidence
    assert any(ev.signal == "rosen.undecided" for ev in evidence)
    assert all(ev.signal != "rosen.wants_contact" for ev in evidence)


# -- a sentence waved aside by the next ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Price is a conversation we'll always have, that's business. It isn't why we stay.",
        "Cheapest quote wins is how the form reads. It's not how we'll choose.",
        "We'll argue about pricing, we always will. That's not the point.",
        "Sure, the lunches are nice. None of that decides it.",
    ],
)
def test_a_sentence_waved_aside_by_the_next_states_nothing(cues: Cues, text: str) -> None:
    assert _evidence(text, cues) == []


def test_a_sentence_said_again_by_the_next_still_counts(cues: Cues) -> None:
    assert _lean_of("I want the visits. That's why we stay with you.", cues) > 0


# -- words that sound like a stance and are not -----------------------------------------


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Let me be straight with you.", "garbarino.trust_commitment"),
        (
            "Trust me, the doctor won't read a brochure longer than a page.",
            "garbarino.trust_commitment",
        ),
        ("We've got a long-term relationship with our patients.", "jackson.lost_for_good"),
        (
            "The only reviews I worry about are the bride's mother's on Google.",
            "rosen.wants_reviews",
        ),
        (
            "Cheapest compliant supplier per category, re-run every six months.",
            "rosen.regular_cadence",
        ),
        ("Send me what you have and I'll go through everything in time.", "garbarino.satisfaction"),
        ("Send me the catalogue anyway, for ideas.", "rosen.wants_advice"),
        ("We need six of the variable speed pumps for the new pool.", "garbarino.satisfaction"),
        ("Is the speed controller included with the 40L pump?", "garbarino.satisfaction"),
        ("Loyal? I'm loyal to whoever's got the tyres on the shelf.", "garbarino.trust_commitment"),
        ("We're loyal to whichever wholesaler has it that morning.", "garbarino.trust_commitment"),
        ("We're a trust, so the regulations say three quotes.", "garbarino.trust_commitment"),
        (
            "The academy trust signs off on everything over five grand.",
            "garbarino.trust_commitment",
        ),
        ("If y'all can come in $15 a drum lower next time I'll double it.", "rosen.wants_contact"),
        ("Run the injection rates, tell me where we're overtreating.", "rosen.price_focus"),
        (
            "It's just that it wouldn't change a single line of what we order.",
            "jackson.lost_for_good",
        ),
        ("I'll be honest, the lids are the only thing I'd miss.", "garbarino.trust_commitment"),
        ("It's a fifty-fifty partnership, so both partners sign.", "rosen.wants_partner"),
        ("I'd recommend them to anyone who likes being rung every week.", "rosen.wants_advice"),
    ],
)
def test_a_stance_word_in_another_sense_is_no_stance(cues: Cues, text: str, signal: str) -> None:
    assert all(s != signal for s, _ in _evidence(text, cues))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I trust you.", "garbarino.trust_commitment"),
        ("We want a long-term relationship with you.", "jackson.lost_for_good"),
        ("We want the quarterly reviews, with the numbers.", "rosen.wants_reviews"),
        ("I'd like your recommendation on the new line.", "rosen.wants_advice"),
    ],
)
def test_the_stance_itself_still_counts(cues: Cues, text: str, signal: str) -> None:
    assert any(s == signal for s, _ in _evidence(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "We have a good relationship with our local farmers.",
        "The reviews from our guests are what we live on.",
        "It's all about the loyalty of my regulars.",
    ],
)
def test_a_relationship_with_their_own_customers_is_not_with_us(cues: Cues, text: str) -> None:
    assert _lean_of(text, cues) <= 0


def test_a_relationship_for_their_own_team_still_counts(cues: Cues) -> None:
    assert _lean_of("We want the reviews for our team.", cues) > 0


# -- litotes, acceptance of a higher price, courtesy ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We wouldn't be averse to someone who'd come round before the big bookings.",
        "I wouldn't object to a monthly visit.",
        "Price is higher, I know. I'd rather pay it and sleep.",
    ],
)
def test_understated_yes_leans_relational(cues: Cues, text: str) -> None:
    assert _lean_of(text, cues) > 0


def test_being_averse_still_turns_it_down(cues: Cues) -> None:
    assert _lean_of("I'm averse to visits, frankly.", cues) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Good day, please send catalog and price list for rubber rollers.",
        "Regards, Damir Lukic, Grafoprint.",
    ],
)
def test_a_formal_request_and_signature_lean_nowhere(cues: Cues, text: str) -> None:
    assert _evidence(text, cues) == []


def test_quitting_a_transactional_habit_leans_relational(cues: Cues) -> None:
    assert _lean_of("Best call I made this year was quitting the spot buys.", cues) > 0


def test_sarcasm_after_oh_and_a_comma_turns_it_down(cues: Cues) -> None:
    assert _lean_of("Oh, absolutely, come on down and give us a visit about wax.", cues) <= 0


def test_starting_from_zero_with_each_new_supplier_is_a_switching_cost(cues: Cues) -> None:
    assert _lean_of("Every time we change, we start from zero with the new lot.", cues) > 0


def test_accepting_that_it_costs_more_values_more_than_price(cues: Cues) -> None:
    assert _lean_of("Then it costs more.", cues) > 0
    assert _lean_of("It costs more, that's the problem.", cues) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Why would I sign for a year?",
        "Oh good, a strategic partnership kickoff.",
        "Please take us off the monthly newsletter.",
    ],
)
def test_scorn_and_refusals_lean_transactional_or_nowhere(cues: Cues, text: str) -> None:
    assert _lean_of(text, cues) <= 0
    assert all(w <= 0 for s, w in _evidence(text, cues) if s.startswith("learned"))


def test_rather_argue_than_start_again_is_a_switching_cost(cues: Cues) -> None:
    text = "I'd rather argue price with you every year than start again with someone new."
    assert any(s == "jackson.lost_for_good" for s, _ in _evidence(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "Nothing changes until they tell us the rules.",
        "I will look at how things were done before I change or keep anything.",
        "I'm six weeks in and I don't have an answer for you yet.",
    ],
)
def test_more_ways_of_not_deciding(cues: Cues, text: str) -> None:
    answer = Answer(Q_EXPECT, text, DAY, "Dana Smith", id=1)
    assert any(ev.signal == "rosen.undecided" for ev in read_answer(answer, cues))
