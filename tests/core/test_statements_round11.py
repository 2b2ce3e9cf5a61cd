"""Issue 15, eleventh round: who said it, as journals written by others name people -
titles and ranks before a name ("Inspector Rob Hale" is Rob), forms of address after
it ("Chopra saab"), and a non-decider's words reported with an aside between the name
and the verb ("Ben, on the other hand, says ..."). The notes are written for the test;
no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify import cue_matching as cm
from reljournal.core.classify import phrases as ph
from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import (
    DECIDER_SILENT,
    UNDECIDED,
    customer_names,
    read_answer,
    read_entry,
)
from reljournal.core.classify.statements import (
    KIND_REPORTED,
    SPEAKER_CUSTOMER,
    SPEAKER_REP,
    segment_notes,
)
from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)

TODAY = dt.date(2026, 11, 30)


# A decision maker and two of the customer's other people (ids as the store gives them,
# for the entries' recorded people).
TEAM = [
    Stakeholder("Carla Duff", title="Managing Director", role="decision maker", id=11),
    Stakeholder("Ben Attwood", title="Maintenance Supervisor", role="user", id=12),
    Stakeholder("Jo Kerr", title="Site Administrator", role="gatekeeper", id=13),
]


def _journal(notes: list[str], people: list[Stakeholder]) -> AccountJournal:
    entries = [
        Entry(at=dt.datetime(2026, 3 + 2 * k, 9, 11), kind="visit", notes=text, id=k + 1)
        for k, text in enumerate(notes)
    ]
    return AccountJournal(Account("Harrowgate Fleet Services", id=1), people, entries)


@pytest.mark.parametrize(
    ("name", "known", "not_known"),
    [
        ("Inspector Rob Hale", {"rob", "hale", "rob hale"}, {"inspector"}),
        ("Cllr. Maureen Pike", {"maureen", "pike"}, {"cllr"}),
        ("Engr. Bolaji Adeyemi", {"bolaji", "adeyemi"}, {"engr"}),
        ("Pak Budi Santoso", {"budi", "santoso"}, {"pak"}),
        ("Revd Alan Marsh", {"alan", "marsh"}, {"revd"}),
        ("Chopra saab", {"chopra"}, {"saab"}),
        # A first name that is also a form of address elsewhere stays a name.
        ("Dai Prosser", {"dai", "prosser"}, set()),
        ("Ji Hoon Park", {"ji", "park"}, set()),
    ],
)
def test_titles_and_forms_of_address_are_not_names(
    name: str, known: set[str], not_known: set[str]
) -> None:
    names = customer_names([name])
    assert known <= names
    assert not (not_known & names)


def test_a_decision_maker_with_a_rank_is_known_by_first_name(cues: Cues) -> None:
    # The decision maker speaks as "Rob"; his rank before his name in the stakeholder
    # list must not hide him, or his words would count as a non-decider's.
    people = [
        Stakeholder("Inspector Rob Hale", title="Fleet Manager", role="decision maker"),
        Stakeholder("Kerry Foulds", title="Fleet Administrator", role="user"),
    ]
    notes = [
        "Rob: 'You're on the framework, you fit the tyres, the portal tells me the rest. "
        "No need for visits.'",
        "Rob: 'Lowest unit rate on the framework gets the order, same as every year.'",
    ]
    result = classify_account(_journal(notes, people), cues, TODAY)
    assert result.label == LABEL_TRANSACTIONAL, result


@pytest.mark.parametrize(
    "sentence",
    [
        "Ben on the other hand says he wants us out every single month.",
        "Ben, for his part, wants the same fitter on every job from now on.",
        "Ben however reckons nobody else knows their old boilers like we do.",
    ],
)
def test_a_report_with_an_aside_is_the_named_persons(sentence: str) -> None:
    segments = segment_notes(
        "Site visit with both of them. " + sentence,
        customers=frozenset({"ben", "carla"}),
    )
    said = [s for s in segments if s.speaker == SPEAKER_CUSTOMER]
    assert [(s.kind, s.who) for s in said] == [(KIND_REPORTED, "Ben")]
    assert segments[0].speaker == SPEAKER_REP


def test_a_name_then_other_words_is_not_a_report() -> None:
    # "Ben" is the object of the rep's sentence; what follows is not his report.
    segments = segment_notes(
        "Sent Ben the quote yesterday and they want it signed this week.",
        customers=frozenset({"ben"}),
    )
    assert all(s.who != "Ben" for s in segments)


def test_only_a_reported_non_decider_leaves_the_account_undetermined(cues: Cues) -> None:
    notes = [
        "Walked the plant room. Carla was in meetings all day. Ben on the other hand says "
        "he wants the same engineer every visit and a proper yearly plan with us.",
        "Ben, for his part, says nobody else knows their old boilers like our lads do and "
        "he'd hate to start again with anyone else.",
    ]
    result = classify_account(_journal(notes, TEAM), cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result


@pytest.mark.parametrize(
    ("text", "signal", "reads"),
    [
        # Courtesies and open doors: not a wish for contact or advice.
        ("Thanks for checking in, all good here.", "rosen.wants_contact", False),
        ("Appreciate you reaching out.", "rosen.wants_contact", False),
        ("We're always open to good ideas.", "rosen.wants_advice", False),
        # The wishes themselves still read.
        ("Keep checking in every month, it helps.", "rosen.wants_contact", True),
        ("Send me your ideas for the spring range.", "rosen.wants_advice", True),
    ],
)
def test_courtesies_are_not_wishes(cues: Cues, text: str, signal: str, reads: bool) -> None:
    hits, _ = cm.analyse_text(text, cues, ph.SOURCE_ANSWER)
    assert (signal in {cues.groups[h.group].id for h in hits}) is reads


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("Appreciate you checking in.", False),
        ("Appreciate you reaching out to us.", False),
        ("Thanks for sorting the Friday drop.", False),
        ("Thanks for following up on the pallets.", False),
        # Thanks that carry a view stay read by the learned model.
        ("Thanks for looking after us all these years, nobody else would have.", True),
    ],
)
def test_the_learned_model_does_not_read_thanks(cues: Cues, text: str, leans: bool) -> None:
    answer = Answer("How are things with the deliveries?", text, dt.date(2026, 5, 6))
    learned = [ev for ev in read_answer(answer, cues) if ev.signal == "learned.statement"]
    assert bool(learned) is leans


def test_a_doubt_on_a_condition_is_read_by_the_learned_model_too(cues: Cues) -> None:
    # Since the tenth round the lexicon does not take "if ..., we will have to think"
    # for indecision; the learned model now uses the same test, so the sentence is read
    # as the threat it is rather than by neither.
    said = (
        "Should Maria ever leave you, we will have to think about staying, she knows every "
        "one of our sites."
    )
    evidence = read_answer(Answer("What keeps you with us?", said, dt.date(2026, 5, 6)), cues)
    assert [ev.signal for ev in evidence if ev.weight > 0] == ["learned.statement"]
    undecided = read_answer(
        Answer("What keeps you with us?", "Honestly we will have to think.", dt.date(2026, 5, 6)),
        cues,
    )
    assert [ev.signal for ev in undecided] == [UNDECIDED]


# Who took part in an entry, as the rep records it: words nobody is named for, said at a
# meeting the decision maker was not at, are not the decision maker's.
UNNAMED = [
    "Walked the plant room with the site team. Keen as ever: 'Nobody else knows our old "
    "boilers like your lads, we'd hate to start again with anyone.'",
    "Quick call. 'Keep the same engineer on every visit and plan next year's works with "
    "us, please.'",
]


def _present(people: list[int]) -> AccountJournal:
    journal = _journal(UNNAMED, TEAM)
    for entry in journal.entries:
        entry.stakeholder_ids = list(people)
    return journal


def test_unnamed_words_where_the_decision_maker_was_not_are_not_theirs(cues: Cues) -> None:
    result = classify_account(_present([12, 13]), cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result
    assert result.reasons[0].signal == DECIDER_SILENT
    assert result.reasons[0].quote == "Carla Duff"


@pytest.mark.parametrize("people", [[11, 12], []])
def test_unnamed_words_may_be_the_decision_makers_when_they_were_there_or_nobody_is_recorded(
    cues: Cues, people: list[int]
) -> None:
    # With Carla there, or nobody recorded, the unnamed words may be hers: they decide.
    result = classify_account(_present(people), cues, TODAY)
    assert result.label == LABEL_RELATIONAL, result


@pytest.mark.parametrize(
    ("said", "undecided"),
    [
        # Not knowing, deciding or saying yet, however it is put.
        ("At the same time I do not yet know how I will position myself.", True),
        ("I cannot answer you yet. I am here two months.", True),
        ("First I look how things work, then I decide.", True),
        ("Honestly I haven't decided on the supplier side yet.", True),
        ("Don't know what I'm doing yet, to be honest.", True),
        # Not yet knowing people or things is no indecision.
        ("I've got four parks and I don't know any of them yet.", False),
        ("I can't tell you the volumes yet, send the price list.", False),
    ],
)
def test_not_deciding_yet_however_it_is_put(cues: Cues, said: str, undecided: bool) -> None:
    evidence = read_answer(Answer("Where do you stand?", said, dt.date(2026, 5, 6)), cues)
    assert (UNDECIDED in {ev.signal for ev in evidence}) is undecided


@pytest.mark.parametrize(
    ("note", "carries"),
    [
        # The rep's own question names the rep's topic, not the customer's view.
        ("Asked Callum straight about next year's box tender.", False),
        ("I asked her whether they'd put the contract out to tender again.", False),
        # With no subject and no one asked, it may be the customer asking: still read.
        ("Then asked who else I'd heard was cheaper on the boxes.", True),
    ],
)
def test_the_reps_own_question_is_not_evidence(cues: Cues, note: str, carries: bool) -> None:
    entry = Entry(at=dt.datetime(2026, 10, 2, 9), kind="visit", notes=note, id=1)
    reading = read_entry(entry, cues, customers=frozenset({"callum"}))
    weighty = [ev for ev in reading.evidence if ev.weight]
    assert bool(weighty) is carries


def test_words_nobody_is_named_for_at_all_are_weighed_by_who_was_there(cues: Cues) -> None:
    # No statement names anyone, but each entry records who was there: the decision
    # maker was not, so these are the others' words and the account is held.
    notes = [
        "Walked the plant room. 'Nobody else knows our old boilers like your lads, we'd "
        "hate to start again with anyone.'",
        "Quick call. 'Keep the same engineer on every visit and plan next year's works with "
        "us, please.'",
    ]
    journal = _journal(notes, TEAM)
    for entry in journal.entries:
        entry.stakeholder_ids = [12, 13]
    result = classify_account(journal, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED, result
    assert result.reasons[0].signal == DECIDER_SILENT
    for entry in journal.entries:
        entry.stakeholder_ids = [11, 12]
    assert classify_account(journal, cues, TODAY).label == LABEL_RELATIONAL


@pytest.mark.parametrize(
    ("text", "signal", "sign"),
    [
        # Singling the supplier out is praise, not a lack.
        (
            "Nobody else knows our old boilers like your lads, we'd hate to start again.",
            "gronroos.values_expertise",
            1,
        ),
        # A plain negation still negates.
        ("We don't need anyone else to advise us.", "rosen.wants_advice", -1),
        ("Nobody else needs monthly reviews.", "rosen.wants_reviews", -1),
    ],
)
def test_nobody_else_like_you_is_praise(cues: Cues, text: str, signal: str, sign: int) -> None:
    hits, _ = cm.analyse_text(text, cues, ph.SOURCE_ANSWER)
    weights = [cues.groups[h.group].weight * h.factor for h in hits]
    found = [w for h, w in zip(hits, weights, strict=True) if cues.groups[h.group].id == signal]
    assert found and all(w * sign > 0 for w in found)


@pytest.mark.parametrize(
    ("name", "known"),
    [
        # A title leads a name; the same word later is the name itself.
        ("John Major", {"john", "major", "john major"}),
        ("Mike Judge", {"mike", "judge"}),
        # A title alone names nobody.
        ("Sister", set()),
    ],
)
def test_only_a_leading_title_is_dropped(name: str, known: set[str]) -> None:
    names = customer_names([name])
    assert known <= names
    assert bool(names) is bool(known)
