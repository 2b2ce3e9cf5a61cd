"""Issue 15, twelfth round: whose words an unnamed quotation is, from the sentence before
it ("Asked Clare whether Anders wants to meet. 'He's not engaged.'"); a bare yes or no to
the rep's question or offer written in the notes; someone else reporting that the decision
makers have not agreed; and a few readings of whole phrases ("it costs what it costs").
The notes are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify import cue_matching as cm
from reljournal.core.classify import phrases as ph
from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import UNDECIDED, customer_names, read_answer, read_entry
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, question_before, segment_notes
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)

TODAY = dt.date(2026, 11, 30)
PEOPLE = ["Clare Whitcombe", "Anders Holm", "Femi Adeyemi", "Anna Berg"]


def _quotes(notes: str) -> dict[str, str]:
    """The customer's quoted words in ``notes`` and whom each is put down to."""
    return {
        s.text: s.who
        for s in segment_notes(notes, customers=customer_names(PEOPLE))
        if s.speaker == SPEAKER_CUSTOMER
    }


@pytest.mark.parametrize(
    ("notes", "quote", "who"),
    [
        # The person the rep asked answers, even when the question names someone else.
        (
            "Asked Clare twice whether Anders wants to meet. 'He's not engaged at this stage.'",
            "He's not engaged at this stage.",
            "Clare",
        ),
        ("Rang Mrs Berg about the renewal. 'Send it over and we'll sign.'", None, "Berg"),
        ('Spoke to Femi at the depot. "Your lads are the best bit of this place."', None, "Femi"),
        # The one the sentence says is speaking.
        ('Then Anna said, "We only buy on price these days."', None, "Anna"),
        ('Anna Berg just laughed and said "not a chance, the board decides".', None, "Anna"),
        ("Later, Femi's verdict. \"Best supplier we've ever had, honestly.\"", None, "Femi"),
        # Two people in that place, or nobody: nobody is named.
        ("Met Anna and Clare in the canteen. 'Price is all that counts here.'", None, ""),
        ("Walked the site after lunch. 'Price is all that counts here.'", None, ""),
        # Someone who is not the customer's: not one of theirs.
        ("Asked Bob from our credit team. 'Price is all that counts here.'", None, ""),
    ],
)
def test_an_unnamed_quotation_is_the_person_the_sentence_before_names(
    notes: str, quote: str | None, who: str
) -> None:
    quotes = _quotes(notes)
    assert len(quotes) == 1, quotes
    said, whose = next(iter(quotes.items()))
    if quote is not None:
        assert said == quote
    assert whose == who


def _journal(entries: list[tuple[str, list[int]]], team: list[Stakeholder]) -> AccountJournal:
    return AccountJournal(
        Account("Tideway Colocation Ltd", id=1),
        team,
        [
            Entry(
                at=dt.datetime(2026, 3 + 2 * k, 9, 11),
                kind="meeting",
                notes=notes,
                id=k + 1,
                stakeholder_ids=people,
            )
            for k, (notes, people) in enumerate(entries)
        ],
    )


DATA_CENTRE = [
    Stakeholder("Anders Holm", title="Chief Information Officer", role="decision maker", id=21),
    Stakeholder("Femi Adeyemi", title="NOC Engineer", role="user", id=22),
]


def test_the_answer_of_someone_the_rep_asked_is_not_the_decision_makers(cues: Cues) -> None:
    # Nobody recorded as present: only the sentence before says whose the words are.
    entries = [
        (
            "Asked Femi how they rate us. 'Your lads are the best part of this place, I'd "
            "chain myself to the rack before anyone moved us, we want you for years.'",
            [],
        ),
        (
            "Spoke to Femi again about the move. 'Keep the same engineers, we trust them "
            "and want a long-term partner.'",
            [],
        ),
    ]
    assert classify_account(_journal(entries, DATA_CENTRE), cues, TODAY).label == (
        LABEL_UNDETERMINED
    )
    # Anders saying the same is Anders's view.
    said = [(notes.replace("Femi", "Anders"), people) for notes, people in entries]
    assert classify_account(_journal(said, DATA_CENTRE), cues, TODAY).label == LABEL_RELATIONAL


OWNERS = [
    Stakeholder("Rob Pennyfold", title="Co-owner", role="decision maker", id=31),
    Stakeholder("Alison Hart", title="Co-owner", role="decision maker", id=32),
    Stakeholder("Mel Ashby", title="Buyer", role="buyer", id=33),
]


def test_someone_else_reporting_that_the_deciders_have_not_agreed_counts(cues: Cues) -> None:
    first = (
        "Season wash-up with both owners.\nAlison: 'One grower doing our plan for three "
        "years, a partner who knows our benches, and I'd pay for it.'\nRob: 'A list every "
        "Monday with prices on, I buy wherever it's cheapest that week.'",
        [31, 32],
    )
    later = (
        "Asked Mel if they'd got anywhere on the three-year plan. 'Rob and Alison still "
        "haven't agreed, they've parked it till after Christmas.'",
        [33],
    )
    journal = _journal([first, later], OWNERS)
    result = classify_account(journal, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result
    assert any(r.signal == UNDECIDED for r in result.reasons), result.reasons
    # Mel not deciding about something else does not hold the owners' words back.
    mine = (later[0].replace("Rob and Alison still haven't agreed", "I still haven't decided"),)
    journal = _journal([first, (mine[0], [33])], OWNERS)
    assert not any(r.signal == UNDECIDED for r in classify_account(journal, cues, TODAY).reasons)


@pytest.mark.parametrize(
    ("notes", "signal", "sign"),
    [
        ("Offered a quarterly review. 'Not for me, thanks.'", "rosen.wants_reviews", -1),
        ("Asked if he'd like monthly visits? 'Yes, please do.'", "rosen.wants_contact", 1),
        (
            "Offered to pull three quotes so he could compare. 'No. Just tell me which one.'",
            "jackson.always_a_share",
            1,
        ),
        # Not what a no turns against: offering to stop by is no rejection of visits.
        (
            "Offered to stop by once a quarter. 'Nah, you don't need to drive out here.'",
            "rosen.regular_cadence",
            0,
        ),
        # Turning a price deal down is no view of price.
        (
            "Offered a fixed price for 12 months. 'No, we do not commit to anyone.'",
            "rosen.price_focus",
            0,
        ),
    ],
)
def test_a_bare_yes_or_no_answers_the_reps_question_in_the_notes(
    cues: Cues, notes: str, signal: str, sign: int
) -> None:
    entry = Entry(at=dt.datetime(2026, 5, 4, 10), kind="visit", notes=notes, id=1)
    weight = sum(
        ev.weight
        for ev in read_entry(entry, cues).evidence
        if ev.signal == signal and ev.speaker == SPEAKER_CUSTOMER
    )
    assert (weight > 0) - (weight < 0) == sign, read_entry(entry, cues).evidence


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Walked the yard. Asked if he wanted to roll it on another three years.",
            "Asked if he wanted to roll it on another three years.",
        ),
        ("Went through the invoices. Want us in from the start?", "Want us in from the start?"),
        ("Offered a six-monthly review:", "Offered a six-monthly review"),
        # A sentence that asks nothing, or a question asked before another sentence.
        ("Went through the invoices.", ""),
        ("Asked if he wanted reviews. He went quiet for a bit.", ""),
    ],
)
def test_the_question_a_quotation_answers_ends_the_reps_words(text: str, question: str) -> None:
    assert question_before(text) == question


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        # Price taken as it comes: value over price, not a price focus.
        ("It costs what it costs, if it's right.", "gronroos.value_over_price", 1),
        ("It costs what it costs, if it's right.", "rosen.price_focus", 0),
        # Being set up on the ordering portal is no wish for expertise.
        (
            "Graham's asked me to get us set up on your online ordering.",
            "gronroos.values_expertise",
            0,
        ),
    ],
)
def test_whole_phrases(cues: Cues, text: str, signal: str, sign: int) -> None:
    hits, _ = cm.analyse_text(text, cues, ph.SOURCE_ANSWER)
    weight = sum(
        cues.groups[h.group].weight * h.factor for h in hits if cues.groups[h.group].id == signal
    )
    assert (weight > 0) - (weight < 0) == sign, hits


@pytest.mark.parametrize(
    "said",
    [
        "I need time to know all the suppliers and how they work.",
        "I will write you after the summer vacations, in February.",
    ],
)
def test_needing_time_to_know_the_suppliers_is_not_deciding_yet(cues: Cues, said: str) -> None:
    answer = Answer("What do you expect from a supplier?", said, TODAY, id=1, entry_id=1)
    assert any(ev.signal == UNDECIDED for ev in read_answer(answer, cues))


def test_a_pronoun_report_is_the_one_person_the_sentence_names() -> None:
    names = customer_names(["Priya Nand", "Tom Achebe"])
    one = segment_notes(
        "Priya was on the till when I called in, she said she misses the old reviews.",
        customers=names,
    )
    assert [s.who for s in one if s.speaker == SPEAKER_CUSTOMER] == ["Priya"]
    two = segment_notes("Met Tom and Priya, she said she misses the old reviews.", customers=names)
    assert [s.who for s in two if s.speaker == SPEAKER_CUSTOMER] == [""]


CLUB = [
    Stakeholder("Peter Lindqvist", title="Board Chair", role="decision maker", id=41),
    Stakeholder("Carla Bettini", title="Course Superintendent", role="champion", id=42),
]


@pytest.mark.parametrize(
    "relay",
    [
        "Peter asked me to pass this on word for word:",
        "I put it to the board. His answer:",
        "Peter's reply, read out at the meeting:",
    ],
)
def test_the_decision_makers_words_passed_on_are_not_a_silent_decider(
    cues: Cues, relay: str
) -> None:
    said = (
        f"{relay} 'We want a ten-year master plan with them, no open tender. We would "
        "sooner stick with people who know this course than chase the cheapest pump.'"
    )
    assert classify_account(_club(said), cues, TODAY).label == LABEL_RELATIONAL
    # Carla's own view, passed on by nobody, leaves the board chair silent.
    own = said.replace(relay, "Speaking for myself:")
    assert classify_account(_club(own), cues, TODAY).label == LABEL_UNDETERMINED


def _club(said: str) -> AccountJournal:
    """The golf club, where only the superintendent answered the rep's question."""
    answer = Answer(
        "Is the board going to tender the pump?",
        said,
        dt.date(2026, 3, 6),
        "Carla Bettini",
        entry_id=1,
        id=1,
    )
    entry = Entry(
        at=dt.datetime(2026, 3, 6, 9), kind="call", id=1, stakeholder_ids=[42], answers=[answer]
    )
    return AccountJournal(Account("Narrow Hill Golf Club", id=1), CLUB, [entry], [answer])


def test_a_double_surname_has_its_initials() -> None:
    names = customer_names(["Carolina Ostrowski-Bell"])
    assert {"cob", "co", "carolina", "ostrowski-bell"} <= names
    notes = (
        "Conference line, my notes:\n\nCOB: Everyone bids, lowest compliant bid wins, every "
        "six months.\nME: Understood.\nCOB: Bid on the platform, ship to spec. I don't want "
        "side meetings."
    )
    said = [s for s in segment_notes(notes, customers=names) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in said] == ["COB", "COB"]


@pytest.mark.parametrize(
    ("said", "undecided"),
    [
        ("Let me check with the boss.", True),
        ("I honestly don't know which way we'll go.", True),
        ("I can't decide between you and the Dutch offer.", True),
        # A reply promised within the day is an errand.
        ("Let me check with the boss, back to you today.", False),
        ("Need to think about it, call me back in an hour.", False),
        # Praise, and someone else's lack of say.
        ("I honestly don't know what I'd do without you on this.", False),
        ("Ask Tomas by all means, but he cannot decide it.", False),
    ],
)
def test_what_is_not_indecision(cues: Cues, said: str, undecided: bool) -> None:
    answer = Answer("What do you expect from a supplier?", said, TODAY, id=1, entry_id=1)
    assert any(ev.signal == UNDECIDED for ev in read_answer(answer, cues)) is undecided


ESTATES = [
    Stakeholder(
        "Horatio Finch", title="Head of Estates (until 2024)", role="decision maker", id=51
    ),
    Stakeholder("Nkechi Harrowby", title="Director of Estates", role="decision maker", id=52),
]


def test_a_decision_maker_until_a_past_year_has_left(cues: Cues) -> None:
    entries = [
        ("Horatio: 'You were the cheapest compliant bid, don't expect more than that.'", [51]),
        (
            "Nkechi: 'I don't want the cheapest fixer. I want a long-term partner who sits "
            "with us every month and helps us plan the next ten years.'",
            [52],
        ),
    ]
    result = classify_account(_journal(entries, ESTATES), cues, TODAY)
    assert result.label == LABEL_RELATIONAL, result


def test_the_answer_to_a_question_about_someone_is_the_one_asked() -> None:
    names = customer_names(["Guy Ashworth", "Hattie Lusk"])
    notes = (
        "Asked Hattie what Guy would want: 'No idea. He's never said, he signs whatever "
        "lands on the desk.' Rang the office later. Guy: 'Fine by me, send it over.'"
    )
    said = [s for s in segment_notes(notes, customers=names) if s.speaker == SPEAKER_CUSTOMER]
    assert [s.who for s in said] == ["Hattie", "Guy"]


@pytest.mark.parametrize(
    ("notes", "who"),
    [
        ("Handover: 'Pete rings me about everything, treats us as part of the team.'", ""),
        ("Pasted: 'Pete rings me about everything, treats us as part of the team.'", ""),
    ],
)
def test_what_the_rep_pasted_is_no_ones_name(notes: str, who: str) -> None:
    said = [s for s in segment_notes(notes, customers=customer_names(["Pete Varley"]))]
    assert [s.who for s in said if s.speaker == SPEAKER_CUSTOMER] == [who]


@pytest.mark.parametrize(
    "said",
    [
        "I'm three weeks in, I haven't looked at any of the suppliers yet.",
        "Let me get through the autumn and I'll see who I need.",
        "I'm still working out what's even in the cold store.",
    ],
)
def test_a_newcomer_finding_their_way_has_not_decided(cues: Cues, said: str) -> None:
    answer = Answer("How do you want to work with us?", said, TODAY, id=1, entry_id=1)
    assert any(ev.signal == UNDECIDED for ev in read_answer(answer, cues))


FLOUR = [
    Stakeholder("Bolat Amanzholov", title="Financial Director", role="decision maker", id=61),
    Stakeholder("Rimma Kim", title="Chief Accountant", role="user", id=62),
]


@pytest.mark.parametrize(
    ("relay", "label"),
    [
        # A question the decision maker asked passes on no view of theirs.
        (
            "She mentioned Bolat asked her how many support hours we gave this year, she "
            "does not know why.",
            LABEL_UNDETERMINED,
        ),
        # An instruction of theirs does.
        (
            "Bolat asked her to tell us he wants the support contract for five more years.",
            LABEL_RELATIONAL,
        ),
    ],
)
def test_a_question_the_decision_maker_asked_is_no_relay(
    cues: Cues, relay: str, label: str
) -> None:
    entries = [
        (
            "Rimma: 'Three years we suffered with the other program, now we trust you "
            "completely and want you with us for the long term. I tell everybody about you.'",
            [62],
        ),
        (f"Rang Rimma. {relay}", [62]),
    ]
    assert classify_account(_journal(entries, FLOUR), cues, TODAY).label == label


def test_an_order_after_a_greeting_is_an_errand(cues: Cues) -> None:
    answer = Answer(
        "Anything else?",
        "Hi Ciara, can you send the usual, 6 couch roll, 2 boxes of the blue tape, 5L gel.",
        TODAY,
        id=1,
        entry_id=1,
    )
    assert not [ev for ev in read_answer(answer, cues) if ev.weight]


@pytest.mark.parametrize(
    "said", ["I cannot tell you now.", "The board will sit in October, then we shall see."]
)
def test_not_saying_now_is_not_deciding_yet(cues: Cues, said: str) -> None:
    answer = Answer("Which way will you go?", said, TODAY, id=1, entry_id=1)
    assert any(ev.signal == UNDECIDED for ev in read_answer(answer, cues))
