"""Issue 15, fifteenth round: whose words the customer's unnamed words are when the rep
recorded one of the customer's people present, and the readings the round's development
accounts taught. The notes are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import (
    DECIDER_SILENT,
    RETRACTED,
    UNDECIDED,
    read_answer,
    read_entry,
)
from reljournal.core.classify.statements import segment_notes
from reljournal.core.model import (
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)
from tests.core.test_statements import Q_EXPECT

TODAY = dt.date(2026, 11, 30)

TEAM = [
    Stakeholder("Moira Quinn", title="Owner", role="decision maker", id=31),
    Stakeholder("Tomasz Wolny", title="Workshop lead", role="user", id=32),
    Stakeholder("Derek Amos", title="Workshop manager (retired 2025)", role="influencer", id=33),
    Stakeholder("Fiona Quinn", title="Office manager", role="buyer", id=34),
]


def _journal(*entries: tuple[str, list[int]]) -> AccountJournal:
    """(notes, the customer's people the rep recorded present) per entry, a month apart."""
    return AccountJournal(
        Account("Quinn Coachworks", id=1),
        list(TEAM),
        [
            Entry(
                at=dt.datetime(2026, 3 + k, 10, 10),
                kind="visit",
                notes=notes,
                id=k + 1,
                stakeholder_ids=people,
            )
            for k, (notes, people) in enumerate(entries)
        ],
    )


def test_the_decision_makers_unnamed_words_outweigh_a_users(cues: Cues) -> None:
    # The owner was the only one of theirs there, so the unnamed quote is hers; the
    # workshop lead wants the visits, but she decides.
    j = _journal(
        (
            "Tomasz: 'I want your engineer in here every month and your advice on every "
            "new booth, we'd never manage without you.'",
            [32],
        ),
        ("Sat down in the office. 'The cheapest quote gets the order, every time.'", [31]),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_the_unnamed_words_of_someone_who_has_left_count_little(cues: Cues) -> None:
    # Only the retired workshop manager was there: his words are not the owner's.
    j = _journal(
        (
            "Walked the booths. 'Keep them close, they're the only ones who know our "
            "booths. We want you with us for years.'",
            [33],
        ),
        ("Farewell visit. 'Come every month and plan the refits with us, we trust you.'", [33]),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


def test_a_user_alone_leaves_the_decision_maker_silent(cues: Cues) -> None:
    j = _journal(
        (
            "Walked the shop floor. 'Come every month and train the lads, we trust you and "
            "want you for the long haul.'",
            [32],
        ),
        (
            "Coffee in the yard. 'Honestly, nobody knows these booths like your engineer.'",
            [32],
        ),
    )
    result = classify_account(j, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED
    assert result.reasons[0].signal == DECIDER_SILENT


@pytest.mark.parametrize(
    "relay",
    [
        "Mum says ring three of you and take whoever delivers cheapest, she doesn't want a "
        "rep calling.",
        "The boss said no rep visits, just the lowest price on the list.",
    ],
)
def test_someone_passing_on_the_owners_words_speaks_for_her(cues: Cues, relay: str) -> None:
    # Fiona was alone, but she passes on the owner's instruction: the words are not
    # only hers, so the owner is not silent.
    j = _journal((f"Fiona rang. '{relay}'", [34]))
    result = classify_account(j, cues, TODAY)
    assert all(r.signal != DECIDER_SILENT for r in result.reasons)


def _said(text: str, cues: Cues) -> list[tuple[str, float]]:
    answer = Answer(Q_EXPECT, text, dt.date(2026, 10, 1), "Dana Smith", id=1)
    return [(ev.signal, ev.weight) for ev in read_answer(answer, cues)]


@pytest.mark.parametrize(
    "text",
    [
        "You're a decent firm. Doesn't change that the cheapest carton gets the order.",
        "It doesn't change the fact that we buy on price alone.",
    ],
)
def test_what_does_not_change_a_fact_affirms_it(cues: Cues, text: str) -> None:
    assert sum(w for s, w in _said(text, cues) if s.startswith("rosen.price")) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Let's do this order and I'll decide how we buy after that.",
        "I can see it both ways, to be honest.",
        "Extend it six months while I make my mind up.",
    ],
)
def test_not_having_decided_yet_is_no_stance(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert any(s == UNDECIDED for s, _ in said)
    assert not any(w for s, w in said if s != UNDECIDED)


def test_unnamed_words_where_the_decision_maker_sat_settle_a_split(cues: Cues) -> None:
    # The workshop lead and the office manager pull opposite ways, each by name; the
    # owner sat in on the third meeting, where the words name nobody: they may be hers.
    j = _journal(
        (
            "Tomasz: 'I want your engineer here every month and his advice on every "
            "booth, we trust him.'",
            [32],
        ),
        ("Fiona: 'Honestly, for me it's the cheapest quote that gets the order.'", [34]),
        (
            "Round the table with the owner and Fiona, close to word for word: 'Lowest "
            "delivered price wins, every time. We don't need account reviews.'",
            [31, 34],
        ),
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


def _signals(text: str, cues: Cues) -> set[str]:
    return {s for s, w in _said(text, cues) if w}


def test_a_concession_set_aside_by_the_next_sentence_states_nothing(cues: Cues) -> None:
    text = (
        "It's not that I don't appreciate you coming by. I run three price sheets side by "
        "side and pick line by line."
    )
    assert not any(w > 0 for _, w in _said(text, cues))


def test_a_concession_on_its_own_still_counts(cues: Cues) -> None:
    assert "rosen.wants_contact" in _signals("It's not that I don't like you coming by.", cues)


def test_comparing_quotes_every_quarter_is_no_contact_cadence(cues: Cues) -> None:
    assert "rosen.regular_cadence" not in _signals("Every quarter I compare three quotes.", cues)
    assert "rosen.regular_cadence" in _signals("I'd like you to come every quarter.", cues)


@pytest.mark.parametrize(
    "text",
    ["We'd be lost without your advice.", "I couldn't manage without your engineer's visits."],
)
def test_being_lost_without_it_wants_it(cues: Cues, text: str) -> None:
    said = _said(text, cues)
    assert sum(w for s, w in said if s.startswith("rosen.wants")) > 0


def test_managing_without_it_still_turns_it_down(cues: Cues) -> None:
    assert sum(w for s, w in _said("We can manage without your advice.", cues) if w) < 0


@pytest.mark.parametrize(
    "text",
    [
        "The rest of it, the lunches, the newsletters, the visits, I can do without.",
        "Quarterly reviews and a monthly catch-up, honestly, we can live without them.",
    ],
)
def test_what_the_end_of_a_sentence_turns_down_is_refused(cues: Cues, text: str) -> None:
    said = [(s, w) for s, w in _said(text, cues) if w]
    assert said and all(w < 0 for _, w in said)


@pytest.mark.parametrize(
    "text",
    ["Please cancel the reviews, we don't need them.", "Your advice, I couldn't do without."],
)
def test_a_refusal_or_a_need_at_the_end_is_not_turned_round(cues: Cues, text: str) -> None:
    cancelled = text.startswith("Please")
    total = sum(w for _, w in _said(text, cues))
    assert (total < 0) if cancelled else (total > 0)


def test_an_offer_mocked_as_one_more_of_its_kind_is_turned_down(cues: Cues) -> None:
    said = _said("Oh marvellous, another supplier who wants to be our partner.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_partner") < 0


def test_what_part_of_them_says_is_a_hedge(cues: Cues) -> None:
    hedged = sum(w for _, w in _said("Part of me says stay with you.", cues))
    plain = sum(w for _, w in _said("Stay with you, I say.", cues))
    assert 0 <= hedged < plain


def test_costing_a_menu_is_not_price_focus(cues: Cues) -> None:
    assert "rosen.price_focus" not in _signals("Could you help me cost a menu?", cues)


def test_a_pasted_message_is_the_one_who_signs_it() -> None:
    notes = (
        "Pasted from Janet after my call with Kyle:\n"
        "\u201cHi, we don't need an account manager. Send the price list. Thanks, Janet\u201d"
    )
    people = frozenset({"janet", "morrow", "janet morrow", "kyle", "osei", "kyle osei"})
    quotes = [s for s in segment_notes(notes, customers=people) if s.speaker == "customer"]
    assert [s.who for s in quotes] == ["Janet"]


def test_a_quotation_signed_by_nobody_of_theirs_keeps_its_speaker() -> None:
    notes = "Kyle: \u201cSend the price list. Thanks, Bob\u201d"
    people = frozenset({"janet", "kyle"})
    quotes = [s for s in segment_notes(notes, customers=people) if s.speaker == "customer"]
    assert [s.who for s in quotes] == ["Kyle"]


def test_needing_nobody_to_come_round_turns_visits_down(cues: Cues) -> None:
    said = _said("But I don't need anybody to come to the workshop.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_contact") < 0


@pytest.mark.parametrize(
    ("notes", "who"),
    [
        # The name after "with" or "to" is whom the rep met or wrote to, not a speaker.
        (
            "Forwarded from Helena to Oliver, cc me:\n'Oliver - we don't care about price.'",
            "Helena",
        ),
        ('Notes after my call with Kyle:\n"We only want the price list."', ""),
        # Where the name is the source of the words, it still is the speaker's.
        ('Birdie forwarded this from Gwelf, his exact note:\n"No more visits."', "Gwelf"),
        ('Met Kyle and Janet. Kyle: "We want the cheapest."', "Kyle"),
    ],
)
def test_a_name_after_a_preposition_is_not_a_speakers_tag(notes: str, who: str) -> None:
    people = frozenset({"helena", "oliver", "kyle", "janet", "birdie", "gwelf"})
    quotes = [s for s in segment_notes(notes, customers=people) if s.speaker == "customer"]
    assert [s.who for s in quotes] == [who]


def test_a_long_request_for_a_brochure_and_a_price_is_an_errand(cues: Cues) -> None:
    text = "Can you email me a brochure on the four-gas monitors and a price on four of them?"
    assert "rosen.price_focus" not in _signals(text, cues)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("So, honesty first, price second.", "rosen.price_focus"),
        ("And I want to see you here, not only by email.", "rosen.leave_alone"),
        ("He needs long-term reliability data for the new grade.", "jackson.lost_for_good"),
    ],
)
def test_a_cue_word_in_another_sense_round15(cues: Cues, text: str, signal: str) -> None:
    assert signal not in _signals(text, cues)


def test_never_having_to_talk_to_a_human_wants_to_be_left_alone(cues: Cues) -> None:
    text = "If I never have to talk to a human being to get my parts, we're both winning."
    assert "rosen.leave_alone" in _signals(text, cues)


def test_a_polite_it_is_difficult_turns_the_offer_down(cues: Cues) -> None:
    said = _said("About the quarterly review meeting, it is a little difficult for us.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_reviews") < 0


def test_talking_once_something_else_is_done_is_not_deciding(cues: Cues) -> None:
    said = _said("Let me sit with my auditor after the festival, then we will talk.", cues)
    assert [s for s, w in said if w] == [] and any(s == UNDECIDED for s, _ in said)


@pytest.mark.parametrize(
    "text",
    [
        "Great, send it through, thanks.",
        "Abeg send your price list for mesh routers and the switches.",
    ],
)
def test_asking_for_something_to_be_sent_is_an_errand(cues: Cues, text: str) -> None:
    assert not [s for s, w in _said(text, cues) if w]


@pytest.mark.parametrize(
    "text",
    [
        "I'm three months in, I'm still mapping our suppliers.",
        "I'll know what I want from you after the supplier review in Q1.",
        "I am still reading everything, I will contact you.",
        "Honestly, nothing moves until the January board.",
    ],
)
def test_a_newcomer_still_finding_out_has_not_decided(cues: Cues, text: str) -> None:
    assert any(s == UNDECIDED for s, _ in _said(text, cues))
    # The owner who retired wanted us close; her successor has not said yet.
    j = AccountJournal(
        Account("Quinn Coachworks", id=1),
        [
            Stakeholder(
                "Moira Quinn", title="Owner (retired 2026)", role="former decision maker", id=31
            ),
            Stakeholder("Sean Quinn", title="Owner", role="decision maker", id=35),
        ],
        [
            Entry(
                at=dt.datetime(2025, 10, 1, 10),
                kind="visit",
                notes="Moira: 'Monthly visits, and plan the refits with us. We trust you.'",
                id=1,
                stakeholder_ids=[31],
            ),
            Entry(
                at=dt.datetime(2026, 10, 1, 10),
                kind="call",
                notes=f"Sean: '{text}'",
                id=2,
                stakeholder_ids=[35],
            ),
        ],
    )
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED


def test_the_reps_own_draft_of_a_partnership_weighs_little(cues: Cues) -> None:
    entry = Entry(
        at=dt.datetime(2026, 8, 19, 9),
        kind="note",
        notes="Drafted a three-year maintenance partnership with quarterly visits.",
        id=9,
    )
    weights = [abs(ev.weight) for ev in read_entry(entry, cues).evidence]
    assert weights and max(weights) < 0.3


def test_an_offer_asked_back_with_for_what_is_turned_down(cues: Cues) -> None:
    said = _said("You come every quarter for what? To drink my coffee?", cues)
    assert sum(w for s, w in said if s == "rosen.regular_cadence") < 0


def test_paying_a_bit_more_for_it_is_not_price_focus(cues: Cues) -> None:
    assert "rosen.price_focus" not in _signals("If that costs me a bit more, fine.", cues)


def test_learning_ones_lesson_takes_back_what_was_said(cues: Cues) -> None:
    answer = Answer(Q_EXPECT, "I've learned my lesson. I want one outfit.", TODAY, "Dana", id=3)
    assert any(ev.signal == RETRACTED for ev in read_answer(answer, cues))


@pytest.mark.parametrize(
    "text",
    [
        "We've been let down by cheap before.",
        "The cheapest fellow vanished during the foil shortage and we lost three weeks.",
    ],
)
def test_a_story_of_cheap_failing_is_no_price_focus(cues: Cues, text: str) -> None:
    assert "rosen.price_focus" not in _signals(text, cues)


@pytest.mark.parametrize(
    "text",
    [
        "Ruth and Mark are still at opposite ends on this one, sorry.",
        "We're weighing up whether we want a proper account or just a price.",
        "Honestly, they both appeal for different reasons.",
    ],
)
def test_deciders_pulling_apart_or_weighing_up_have_not_decided(cues: Cues, text: str) -> None:
    assert any(s == UNDECIDED for s, _ in _said(text, cues))


def test_talking_it_through_with_someone_is_no_rejection(cues: Cues) -> None:
    said = _said("I want to talk it through with someone who knows our kit.", cues)
    assert sum(w for s, w in said if s == "gronroos.values_expertise") > 0
    said = _said("We're through with the quarterly reviews.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_reviews") < 0


def test_how_they_will_answer_is_not_putting_off_a_decision(cues: Cues) -> None:
    said = _said("No visit required, kindly do not call, we will revert on email only.", cues)
    assert not any(s == UNDECIDED for s, _ in said)
    assert sum(w for _, w in said) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Our clients want a partner, not a supplier of posts.",
        "For our patients, the relationship is everything.",
        "We do relationship marketing, we sit with the brand every week.",
    ],
)
def test_what_their_own_clients_want_is_not_what_they_want(cues: Cues, text: str) -> None:
    assert not [s for s, w in _said(text, cues) if w and s != "learned.statement"]


def test_their_customers_trusting_the_supplier_still_counts(cues: Cues) -> None:
    assert "garbarino.trust_commitment" in _signals("My customers trust you, and so do I.", cues)


def test_forming_their_own_view_is_not_deciding(cues: Cues) -> None:
    text = "I'm reviewing all vendor contracts over the next six months and I'll form my own view."
    assert any(s == UNDECIDED for s, _ in _said(text, cues))


def test_an_offer_named_then_waved_off_as_of_no_interest_is_refused(cues: Cues) -> None:
    said = _said("Take the partnership thing off the quote, we're not interested.", cues)
    assert said and all(w < 0 for s, w in said if w)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Beta, you know how it is.", "gronroos.values_expertise"),
        ("I want you knowing my accounts and helping me bid new ones.", "jackson.always_a_share"),
        ("She needs help pricing a bid on a credit union HQ.", "rosen.price_focus"),
        (
            "We float the requirement to four vendors on WhatsApp every month.",
            "rosen.regular_cadence",
        ),
    ],
)
def test_a_cue_word_in_another_sense_round15_b(cues: Cues, text: str, signal: str) -> None:
    assert signal not in _signals(text, cues)


def test_not_wanting_to_shop_the_supplier_is_loyalty(cues: Cues) -> None:
    said = _said("But I don't want to shop you every month either.", cues)
    assert sum(w for s, w in said if s == "jackson.always_a_share") > 0


def test_asking_for_another_one_of_it_with_oh_please_is_sarcasm(cues: Cues) -> None:
    text = "Oh please, bring me another QBR deck, that's exactly what's been missing."
    assert sum(w for s, w in _said(text, cues) if s == "rosen.wants_reviews") < 0


def test_exactly_what_we_need_said_plainly_still_wants_it(cues: Cues) -> None:
    said = _said("A monthly visit is exactly what we need.", cues)
    assert sum(w for s, w in said if s == "rosen.wants_contact") > 0


def test_calling_the_rep_not_the_office_is_not_being_left_alone(cues: Cues) -> None:
    said = _said("When something is wrong, I will call you, not your office.", cues)
    assert "rosen.leave_alone" not in {s for s, w in said if w}
    assert "rosen.leave_alone" in _signals("I'll call you if I need anything.", cues)


def test_letting_the_rep_know_after_going_through_them_all_is_not_deciding(cues: Cues) -> None:
    text = "I'm going through all of them in the new year, I'll let you know then."
    assert any(s == UNDECIDED for s, _ in _said(text, cues))


def test_the_reps_translation_is_the_customers_words_and_replaces_the_original() -> None:
    notes = (
        "Sehr geehrter Herr Lindqvist,\n"
        "danke fuer Ihr Angebot, aber nein danke. Wir brauchen keine Quartalsgespraeche "
        "und auch kein Audit. Was wir brauchen: Draht und Gas puenktlich.\n"
        "Mit freundlichen Gruessen\nJ. Hartmann\n\n"
        "My translation: Thanks for your offer, but no thanks. We don't need quarterly "
        "meetings.\n\nWell, that's clear."
    )
    segments = segment_notes(notes, customers=frozenset({"hartmann"}))
    theirs = [s.text for s in segments if s.speaker == "customer"]
    assert theirs == ["Thanks for your offer, but no thanks. We don't need quarterly meetings."]
    assert [s.text for s in segments if s.speaker == "rep"] == ["Well, that's clear."]


@pytest.mark.parametrize(
    "notes",
    [
        "(Rough translation: Every quarter I ask three suppliers for a price.)",
        "[translation] Every quarter I ask three suppliers for a price.",
        "She wrote in Spanish; pasting only my translation: Every quarter I ask three "
        "suppliers for a price.",
    ],
)
def test_a_translation_marker_opens_the_customers_words(notes: str) -> None:
    theirs = [s.text for s in segment_notes(notes) if s.speaker == "customer"]
    assert theirs == ["Every quarter I ask three suppliers for a price."]


def test_the_rep_translating_something_is_the_reps_own_note() -> None:
    notes = "I translated the spec sheet for their engineers."
    assert [s.speaker for s in segment_notes(notes)] == ["rep"]


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        (
            "Next time you don't need to drive up for this, the courier knows the way.",
            "rosen.wants_contact",
        ),
        ("We've rather gone off the planning day idea, to be honest.", "rosen.wants_advice"),
    ],
)
def test_going_off_an_offer_or_not_needing_the_drive_turns_it_down(
    cues: Cues, text: str, signal: str
) -> None:
    assert sum(w for s, w in _said(text, cues) if s == signal) < 0


def test_trusting_the_equipment_not_the_salesman_is_no_trust_in_us(cues: Cues) -> None:
    text = "We trust the equipment, not the salesman, sorry!"
    assert "garbarino.trust_commitment" not in _signals(text, cues)
    assert "gronroos.values_expertise" not in _signals("The courier knows the way.", cues)
