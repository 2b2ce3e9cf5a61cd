"""Issue 15, ninth round: the reading rules written from this round's development
accounts, each with the case it came from (the corpus accounts themselves are not
copied: these sentences are written for the test)."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cue_matching import analyse_text
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.phrases import SOURCE_ANSWER
from reljournal.core.classify.reading import read_entry
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, SPEAKER_REP, segment_notes
from reljournal.core.model import (
    LABEL_TRANSACTIONAL,
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)

TODAY = dt.date(2026, 11, 30)


def _entry(notes: str, kind: str = "note") -> Entry:
    return Entry(at=dt.datetime(2026, 4, 1, 9), kind=kind, notes=notes, id=1)


# --- A message pasted in single quotes over several lines is one quotation.

_THEIR_MESSAGE = """Her answer to my intro message:

'Hi Nils,

Thanks for reaching out. We order on the portal and take whichever listing is cheapest that day.
We don't do supplier days or account reviews, there are nine of us.

Best,
Agata'

Seen. Started the supplier onboarding."""


def test_a_message_in_single_quotes_over_several_lines_is_the_customers() -> None:
    segments = segment_notes(_THEIR_MESSAGE, customers=frozenset({"agata", "agata lind"}))
    theirs = [s.text for s in segments if s.speaker == SPEAKER_CUSTOMER]
    assert any("cheapest that day" in t for t in theirs)
    assert any("account reviews" in t for t in theirs)
    # The greeting, the sign-off and the signature say nothing; the rep's lines stay theirs.
    assert not any(t.startswith(("Hi Nils", "Best", "Agata")) for t in theirs)
    assert any(s.text.startswith("Seen.") and s.speaker == SPEAKER_REP for s in segments)


def test_such_a_message_reads_as_the_customers_stance(cues: Cues) -> None:
    journal = AccountJournal(
        Account("Lindholm Assay", id=1),
        [Stakeholder("Agata Lind", title="Lab manager", role="decision maker")],
        [_entry(_THEIR_MESSAGE)],
    )
    assert classify_account(journal, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_our_own_message_in_single_quotes_stays_ours() -> None:
    notes = """Sent Harriet a message after her post:

'Hi Harriet, hope you're well! We plan check-in with a few multi-site operators.
Would a monthly review with your team be useful?

Best,
Owen'

Delivered, unread."""
    segments = segment_notes(notes, customers=frozenset({"harriet", "harriet blom"}))
    assert segments
    assert all(s.speaker != SPEAKER_CUSTOMER for s in segments)


@pytest.mark.parametrize(
    "notes",
    [
        "'Don't take it personally' she said, and ordered from the cheapest.",
        "'Tis the season. Rang about the Christmas order.",
        "'Em lot at the depot want the cheapest.",
    ],
)
def test_a_short_quote_or_an_apostrophe_opens_no_long_quotation(notes: str) -> None:
    lines = notes + "\nSecond line of my own notes.\nThird, and the partners' fridges'"
    segments = segment_notes(lines)
    assert any(s.speaker == SPEAKER_REP and "Second line" in s.text for s in segments)


# --- Courtesy is no stance: the learned model does not read greetings and sign-offs.


@pytest.mark.parametrize(
    "sentence",
    [
        "Dear Rachel, Thank you for the revised proposal.",
        "Kind regards, Clare Whitcombe.",
        "Thank you for your patience.",
        "Many thanks for sending that over!",
        "God bless, Grace",
    ],
)
def test_courtesy_gives_no_evidence(cues: Cues, sentence: str) -> None:
    reading = read_entry(_entry(f'Tamsin: "{sentence}"'), cues, customers=frozenset({"tamsin"}))
    assert not [ev for ev in reading.evidence if ev.weight]


@pytest.mark.parametrize(
    "sentence",
    [
        "Thanks for the quote, far too expensive, we will go with the cheaper one.",
        "Thanks for the quote. Far too expensive, we will go with the cheaper one.",
    ],
)
def test_thanks_with_a_view_in_it_is_still_read(cues: Cues, sentence: str) -> None:
    reading = read_entry(_entry(f'Tamsin: "{sentence}"'), cues, customers=frozenset({"tamsin"}))
    assert sum(ev.weight for ev in reading.evidence) < 0


def test_asking_for_an_invoice_laid_out_differently_is_an_errand(cues: Cues) -> None:
    notes = (
        'Graham: "Please could the July monthly invoice show the cricket items on separate '
        'lines, the club pays us back for those."'
    )
    reading = read_entry(_entry(notes, "email"), cues, customers=frozenset({"graham"}))
    assert not [ev for ev in reading.evidence if ev.weight]


# --- Word senses from this round's accounts.


def _lean(text: str, cues: Cues) -> float:
    hits, _ = analyse_text(text, cues, SOURCE_ANSWER)
    return sum(cues.groups[h.group].weight * h.factor for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "The nurses count on a Friday and the order goes on the portal.",
        "I'm doing staff reviews for all three sites this fortnight.",
        "Ha, I'm an account manager myself, so I know that line.",
        "Keep the connector running and don't surprise me on the invoice.",
        "You want the order, you know what to do.",
        "Fixed? Nah, rather keep you all honest every month.",
        "I need the cheapest part that lasts the season.",
    ],
)
def test_words_in_another_sense_are_not_relational(cues: Cues, text: str) -> None:
    assert _lean(text, cues) <= 0


@pytest.mark.parametrize(
    "text",
    [
        "Just so you know, we benchmark every six months.",
        "All our colocation contracts will be benchmarked in the spring.",
        "We can buy the cameras online for half that.",
        "The licence is a little expensive for us.",
        "Can't wait. Just tell me the deals.",
        "Is the 5-litre still three-for-two?",
    ],
)
def test_benchmarking_us_and_cheaper_elsewhere_are_transactional(cues: Cues, text: str) -> None:
    assert _lean(text, cues) < 0


def test_turning_down_the_cheaper_option_is_not_a_transactional_answer(cues: Cues) -> None:
    entry = _entry("Asked about the tooling.")
    entry.answers.append(
        Answer(
            "Should we keep sending your buyer the economy options when they come up?",
            "No. Spend the time on our parts instead.",
            dt.date(2026, 4, 1),
            speaker="Kieran Hale",
            id=7,
        )
    )
    reading = read_entry(entry, cues, customers=frozenset({"kieran", "kieran hale"}))
    assert sum(ev.weight for ev in reading.evidence) > 0


@pytest.mark.parametrize(
    "sentence",
    [
        "The Pastor and I are still not of one mind on this.",
        "That's something the members will want to sit with.",
        "Still being considered, these things take the time they take.",
        "We didn't agree yet, me and my brother.",
        "Genuinely haven't landed anywhere, I'll make my own mind up.",
        "The committee will discuss it in due course.",
        "Oh, I'm sure there's merit in both.",
        "She says she's still looking at everything.",
        "I'll be in touch once I've got my feet under the table.",
        "He will consider internally after his return.",
    ],
)
def test_not_deciding_yet(cues: Cues, sentence: str) -> None:
    assert cues.undecided is not None
    assert cues.undecided.search(sentence.lower())


def test_keeping_us_out_of_the_tender_is_lost_for_good(cues: Cues) -> None:
    assert (
        _lean("He told purchasing to keep us out of the open tender list for kiln parts.", cues) > 0
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "If it was up to us fitters we'd have your tech out here every week.",
        "But I am sorry, I am not the person to decide.",
    ],
)
def test_saying_it_is_someone_elses_decision_takes_no_stance(sentence: str) -> None:
    from reljournal.core.classify.cue_matching import disowns

    assert disowns(sentence)


def test_the_customer_knowing_their_own_figures_is_not_valuing_our_expertise(cues: Cues) -> None:
    text = "Compliance first, then I'll look at the rest once I know what we spend."
    assert _lean(text, cues) <= 0


def test_many_unclosed_single_quotes_are_read_quickly() -> None:
    """A huge paste of lines that each open a single quote and never close it: every
    line finds (or misses) its end at once, not by scanning the lines after it."""
    import time

    started = time.perf_counter()
    segments = segment_notes("'hello there, just the cheapest please\n" * 20000)
    assert time.perf_counter() - started < 2.0
    assert segments
