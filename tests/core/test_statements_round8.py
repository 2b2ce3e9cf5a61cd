"""Issue 15, eighth round: the reading rules written from this round's development
accounts, each with the case it came from (the corpus accounts themselves are not
copied: these sentences are written for the test)."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cue_matching import disowns
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import customer_texts, read_entry
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, is_guess, segment_notes
from reljournal.core.model import (
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Entry,
    Stakeholder,
)

TODAY = dt.date(2026, 11, 30)


def _journal(name: str, notes: list[str], people: list[Stakeholder]) -> AccountJournal:
    entries = [
        Entry(at=dt.datetime(2026, 3 + k, 2, 10), kind="visit", notes=text, id=k + 1)
        for k, text in enumerate(notes)
    ]
    return AccountJournal(Account(name, id=1), people, entries)


# --- A line headed by the account's own name is the rep's note about the account.


def test_a_line_headed_by_the_accounts_name_is_not_someone_speaking() -> None:
    notes = "Fenwick: family joinery, took over from his mother. Plan: pitch monthly visits."
    segments = segment_notes(
        notes, customers=frozenset({"iris", "calder", "iris calder"}), account="Fenwick Joinery Ltd"
    )
    assert segments
    assert all(s.speaker != SPEAKER_CUSTOMER for s in segments)


def test_a_possessive_heading_is_not_someone_speaking() -> None:
    segments = segment_notes("Calder's: new yard, busy, think they'd love a partner.")
    assert all(s.speaker != SPEAKER_CUSTOMER for s in segments)


def test_a_person_named_like_the_account_still_speaks() -> None:
    # The owner shares the firm's name: "Fenwick:" is her line.
    segments = segment_notes(
        "Fenwick: just send the price, I buy wherever is cheapest.",
        customers=frozenset({"fenwick", "alma", "alma fenwick"}),
        account="Fenwick Joinery Ltd",
    )
    assert [s.speaker for s in segments] == [SPEAKER_CUSTOMER]


def test_without_the_account_an_unknown_heading_still_reads_as_a_turn() -> None:
    segments = segment_notes("Marisol: we want someone who knows our lines.")
    assert [s.speaker for s in segments] == [SPEAKER_CUSTOMER]


def test_an_account_of_only_rep_notes_headed_by_its_name_is_undetermined(cues: Cues) -> None:
    journal = _journal(
        "Ostler Print Works",
        [
            "Ostler: small print shop, two presses. My read: they'll want a long-term partner "
            "for planning. Going to propose a quarterly review.",
            "Ostler: proposal sent, nothing back yet.",
        ],
        [Stakeholder("Nadia Brook", title="Owner", role="decision maker")],
    )
    assert classify_account(journal, cues, TODAY).label == LABEL_UNDETERMINED
    assert customer_texts(journal) == []


# --- The rep's plans said without "I".


@pytest.mark.parametrize(
    "sentence",
    [
        "Plan: propose monthly planning sessions and a quarterly review.",
        "Going to propose monthly visits.",
        "Think they'd be perfect for a long-term service agreement.",
        "Will pitch the managed service next time.",
        "Next step: offer a quarterly business review.",
        "When I said I hoped we'd become their long-term supplier she smiled.",
    ],
)
def test_the_reps_plans_are_guesses(sentence: str) -> None:
    assert is_guess(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wants monthly visits and a named engineer.",
        "Asked for the cheapest price on 40 pallets.",
        "She said they plan everything with us for the year.",
    ],
)
def test_what_the_customer_wants_is_not_a_guess(sentence: str) -> None:
    assert not is_guess(sentence)


# --- Someone saying the choice is not theirs states no stance.


@pytest.mark.parametrize(
    "sentence",
    [
        "It's not really me, the partners do all that at the quarterly meeting.",
        "Honestly I couldn't tell you what he'd want, he changes his mind every week.",
        "I'd have you in every month if it was up to me, but Frank signs the POs.",
        "Gwen decides anything like changing supplier, I just do what I'm told.",
        "The owners sort all the contracts, I just use what turns up.",
        "Not my call any more, everything goes past the new manager.",
        "If it was me I'd keep you forever.",
        "Speaking personally your rates are high, but the panel meets in May.",
        "The panel meets in May and it's Victor's decision.",
        "I can't tell you which way he'll go.",
    ],
)
def test_disowning_the_decision(sentence: str) -> None:
    assert disowns(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I decide, and I want the cheapest every time.",
        "It's not me who wants the visits, it's my whole team.",
        "We just use whoever is cheapest on the day.",
        "Not my favourite supplier, but they know our kit.",
    ],
)
def test_owning_the_decision_is_not_disowning_it(sentence: str) -> None:
    assert not disowns(sentence)


def test_a_gatekeeper_who_defers_gives_the_account_no_label(cues: Cues) -> None:
    journal = _journal(
        "Ridgeway Surgery",
        [
            "Spoke to Pam on reception. \"It's not really me, love, Dr Oyelaran does all the "
            "ordering at the partners' meeting every month and I just do what I'm told.\""
        ],
        [
            Stakeholder("Pam Hollis", title="Receptionist", role="gatekeeper"),
            Stakeholder("Dr Femi Oyelaran", title="Senior partner", role="decision maker"),
        ],
    )
    result = classify_account(journal, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result


def test_a_disowning_sentence_gives_no_evidence(cues: Cues) -> None:
    entry = Entry(
        at=dt.datetime(2026, 4, 1, 9),
        kind="call",
        notes='Lena: "I couldn\'t tell you what the owner wants, he changes his mind every week."',
        id=1,
    )
    reading = read_entry(entry, cues, customers=frozenset({"lena"}))
    assert not [ev for ev in reading.evidence if ev.weight]


# --- While the decision maker has said nothing, the others speak for themselves.


def _buyer_account(decider_speaks: bool) -> AccountJournal:
    notes = ['Tomasz (buyer): "We look at the unit price first, to be honest."']
    if decider_speaks:
        notes.append('Irena: "Price first. Send the quote and we order."')
    return _journal(
        "Kowal Fittings",
        notes,
        [
            Stakeholder("Tomasz Nowak", title="Buyer", role="buyer"),
            Stakeholder("Irena Kowal", title="Owner", role="decision maker"),
        ],
    )


def test_a_buyer_alone_while_the_owner_is_silent_counts_less(cues: Cues) -> None:
    silent = classify_account(_buyer_account(False), cues, TODAY)
    spoken = classify_account(_buyer_account(True), cues, TODAY)
    assert cues.scoring.silent_decider_factor < 1.0
    assert silent.label == LABEL_UNDETERMINED, silent
    assert spoken.label == "transactional", spoken


def test_without_a_decision_maker_on_the_list_the_buyer_counts_in_full(cues: Cues) -> None:
    journal = _buyer_account(False)
    journal.stakeholders = journal.stakeholders[:1]
    full = classify_account(journal, cues, TODAY)
    silent = classify_account(_buyer_account(False), cues, TODAY)
    assert abs(full.score - 0.5) > abs(silent.score - 0.5)


# --- A voice note's transcript pasted in single quotes is the customer's words.


def test_a_whole_line_in_single_quotes_is_a_quotation() -> None:
    notes = (
        "Transcript:\n'hiya it's dee um the last lot of felt was spot on so just keep "
        "sending the same every month we're not shopping around'"
    )
    segments = segment_notes(notes)
    said = [s for s in segments if s.speaker == SPEAKER_CUSTOMER]
    assert said and "not shopping around" in said[0].text


def test_short_scare_quotes_stay_the_reps_words() -> None:
    segments = segment_notes("Put them down as 'strategic, wants a partner' for now.")
    assert all(s.speaker != SPEAKER_CUSTOMER for s in segments)


# --- "Name: <the rep's note about them> "<their words>"".


def test_a_note_headed_by_a_name_with_quotes_inside_is_about_that_person() -> None:
    notes = (
        "Ingrid: twelve pallets arrived damaged, the receiving team refused two of them. "
        "Very calm about it. “I want the credit on this month's invoice.” I offered her a "
        "quarterly service review by way of apology. “Thanks, but no. Just get it right.”"
    )
    segments = segment_notes(notes, customers=frozenset({"ingrid"}))
    offer = [s for s in segments if "offered her" in s.text]
    assert offer and all(s.speaker != SPEAKER_CUSTOMER for s in offer)
    quoted = [s for s in segments if s.text.startswith("Thanks, but no")]
    assert quoted and quoted[0].speaker == SPEAKER_CUSTOMER and quoted[0].who == "Ingrid"
    # What the note says without "I" is what she said or did, reported.
    damaged = [s for s in segments if "arrived damaged" in s.text]
    assert damaged and damaged[0].speaker == SPEAKER_CUSTOMER


def test_a_turn_in_which_the_speaker_quotes_stays_theirs() -> None:
    for notes in (
        'Priya: my boss said "cheapest wins" and I agree',
        'Priya: we want someone who knows our kit, not a "partner in name only"',
    ):
        segments = segment_notes(notes, customers=frozenset({"priya"}))
        assert [s.speaker for s in segments] == [SPEAKER_CUSTOMER], notes


def test_a_huge_name_headed_line_is_read_quickly() -> None:
    import time

    started = time.perf_counter()
    segment_notes("Priya: " + "word " * 20000 + ' "one two three"')
    segment_notes("Priya: " + "word. " * 20000)
    assert time.perf_counter() - started < 2.0
