"""The classifier's second round (issue 15): who is speaking in pasted emails, machine
transcripts and dictated memos; who among the customer's people said it (a contact who
left, the decision maker against the others); questions that state no stance; and the
learned statement model next to the cue lexicon. Examples are written for these tests
or taken from the development split of the classifier corpus (never the blind splits)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from reljournal.core.classify import statement_model as sm
from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues, with_model
from reljournal.core.classify.reading import customer_names
from reljournal.core.classify.statements import (
    KIND_EMAIL,
    KIND_REPORTED,
    KIND_TURN,
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

TODAY = dt.date(2026, 6, 1)
Q_DECIDE = "How do you decide on a supplier?"
_ids = itertools.count(90_000)


def _said(segments: list, speaker: str) -> list[str]:  # type: ignore[type-arg]
    return [s.text for s in segments if s.speaker == speaker]


def test_a_pasted_email_belongs_to_its_sender_and_its_signature_to_nobody() -> None:
    notes = (
        "From: Kirsty Hale\n"
        "Sent: 07 April 2025 09:12\n"
        "Subject: RE: Quarterly check-in?\n"
        "Hi, thanks but we won't need a quarterly check-in. We buy toner wherever it's cheapest.\n"
        "Kind regards\n"
        "Kirsty Hale | Office Manager\n"
        "This email and any attachments are confidential.\n"
        "-----Original Message-----\n"
        "From: me\n"
        "Would a quarterly check-in on your print costs be useful?"
    )
    segments = segment_notes(notes, customers=customer_names(["Kirsty Hale"]))
    assert _said(segments, SPEAKER_CUSTOMER) == [
        "Hi, thanks but we won't need a quarterly check-in. We buy toner wherever it's cheapest."
    ]
    assert segments[0].kind == KIND_EMAIL and segments[0].who == "Kirsty Hale"
    assert _said(segments, SPEAKER_REP) == [
        "Would a quarterly check-in on your print costs be useful?"
    ]


def test_a_reply_under_the_reps_quoted_email_is_the_customers() -> None:
    notes = (
        "> On 10 Jun 2025, at 16:40, me wrote:\n"
        "> I'd love to set up a relationship manager and monthly reviews for you.\n"
        "Thanks. We've gone with the other quote, it was a good bit lower.\n"
        "Graham\n"
        "--\n"
        "Graham Brook, Practice Manager"
    )
    segments = segment_notes(notes, their_email=True)
    assert _said(segments, SPEAKER_CUSTOMER) == [
        "Thanks. We've gone with the other quote, it was a good bit lower."
    ]
    assert _said(segments, SPEAKER_REP) == [
        "I'd love to set up a relationship manager and monthly reviews for you."
    ]
    # Without knowing the customer started the email, the same prose stays the rep's.
    assert "Thanks." not in " ".join(_said(segment_notes(notes), SPEAKER_CUSTOMER))


def test_a_machine_transcripts_times_do_not_hide_its_speakers() -> None:
    notes = (
        "[00:00:04] Me: Would a quarterly review of your headsets help?\n"
        "[00:00:09] Dana Whitlock: Uh, no. We buy them by unit price when they break.\n"
        "00:01:12 - Dana Whitlock: Just send me a quote."
    )
    segments = segment_notes(notes)
    assert [(s.speaker, s.kind) for s in segments] == [
        (SPEAKER_REP, "note"),
        (SPEAKER_CUSTOMER, KIND_TURN),
        (SPEAKER_CUSTOMER, KIND_TURN),
    ]


def test_a_dictated_memo_reports_the_customers_words() -> None:
    notes = (
        "ok just left the yard ed says he wants me out every couple of weeks and he doesnt "
        "want a catalogue. need to order brochures"
    )
    segments = segment_notes(notes, customers=customer_names(["Ed Hollowell"]))
    reported = [s for s in segments if s.kind == KIND_REPORTED]
    assert len(reported) == 1 and reported[0].text.startswith("ed says he wants me out")
    assert reported[0].who == "ed" and reported[0].speaker == SPEAKER_CUSTOMER
    # The rep's own doings stay the rep's; so does "I told her ...".
    mine = segment_notes("Sent the price list. I told her we can deliver on Friday.")
    assert _said(mine, SPEAKER_CUSTOMER) == []


def _account(*people: tuple[str, str, str]) -> AccountJournal:
    j = AccountJournal(account=Account(name="People test", id=next(_ids)))
    for name, title, role in people:
        j.stakeholders.append(Stakeholder(name, title=title, role=role, id=next(_ids)))
    return j


def _answer(j: AccountJournal, day: dt.date, speaker: str, text: str) -> None:
    entry = Entry(at=dt.datetime.combine(day, dt.time(9)), kind="meeting", id=next(_ids))
    answer = Answer(Q_DECIDE, text, day, speaker=speaker, entry_id=entry.id, id=next(_ids))
    entry.answers.append(answer)
    j.answers.append(answer)
    j.entries.append(entry)


def test_a_contact_who_left_no_longer_settles_the_account(cues: Cues) -> None:
    j = _account(("Hugh Penrose", "Estate Manager (left)", "former decision maker"))
    j.stakeholders.append(Stakeholder("Claire Dobson", title="Estate Manager", id=next(_ids)))
    words = (
        "We want one partner for the long term who plans the equipment with us every year; "
        "we never shop around on price."
    )
    _answer(j, dt.date(2025, 3, 10), "Hugh Penrose", words)
    _answer(j, dt.date(2025, 9, 10), "Hugh Penrose", words)
    assert classify_account(j, cues, TODAY).label == LABEL_UNDETERMINED
    # The same words from someone still there decide it.
    j.stakeholders[0] = Stakeholder(
        "Hugh Penrose", title="Estate Manager", role="decision maker", id=j.stakeholders[0].id
    )
    assert classify_account(j, cues, TODAY).label == LABEL_RELATIONAL


def test_the_decision_maker_wins_a_disagreement_and_without_one_it_is_split(
    cues: Cues,
) -> None:
    partner = "I want one partner who plans the maintenance with us for years, not the cheapest."
    price = "Lowest price wins every order, we get three quotes and switch suppliers freely."
    j = _account(("Ann Lee", "Director", "decision maker"), ("Bo Kim", "Buyer", "influencer"))
    _answer(j, dt.date(2026, 2, 1), "Ann Lee", partner)
    _answer(j, dt.date(2026, 2, 1), "Bo Kim", price)
    _answer(j, dt.date(2026, 3, 1), "Ann Lee", partner)
    assert classify_account(j, cues, TODAY).label == LABEL_RELATIONAL
    k = _account(("Ann Lee", "Co-owner", "influencer"), ("Bo Kim", "Co-owner", "influencer"))
    _answer(k, dt.date(2026, 2, 1), "Ann Lee", partner)
    _answer(k, dt.date(2026, 2, 1), "Bo Kim", price)
    _answer(k, dt.date(2026, 3, 1), "Ann Lee", partner)
    _answer(k, dt.date(2026, 3, 1), "Bo Kim", price)
    assert classify_account(k, cues, TODAY).label == LABEL_UNDETERMINED


def test_asking_a_price_is_not_a_stance_on_price(cues: Cues) -> None:
    j = _account(("Omar Said", "Operations", "contact"))
    _answer(j, dt.date(2026, 5, 1), "Omar Said", "What's the price for 50 headsets?")
    result = classify_account(j, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED
    k = _account(("Omar Said", "Operations", "decision maker"))
    _answer(k, dt.date(2026, 4, 1), "Omar Said", "Price is all that matters, the cheapest wins.")
    _answer(k, dt.date(2026, 5, 1), "Omar Said", "Just the cheapest, every order, no calls.")
    assert classify_account(k, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_the_shipped_model_reads_whole_sentences_and_its_reasons_quote_them(
    cues: Cues,
) -> None:
    model = cues.model
    assert model is not None, "the learned statement model ships with the cues"
    # Paraphrase with no cue word either way (from the dev split's voices).
    assert model.log_odds("Sit with the crews and design it with the people who use it.") > 0
    assert model.log_odds("Whoever's cheapest that week gets the order.") < 0
    j = _account(("Tess Ng", "Owner", "decision maker"))
    _answer(j, dt.date(2026, 1, 5), "Tess Ng", "Whoever's cheapest that week gets the order.")
    _answer(j, dt.date(2026, 4, 5), "Tess Ng", "Just text me the price, no visits needed.")
    result = classify_account(j, cues, TODAY)
    texts = [a.answer for a in j.answers]
    learned = [r for r in result.reasons if r.signal == sm.SIGNAL]
    assert learned and all(any(r.quote in t for t in texts) for r in learned)
    assert result.label == LABEL_TRANSACTIONAL
    # Without the model the lexicon reads alone, and statements read with another model
    # are stale (the fingerprint moves).
    alone = with_model(cues, None)
    assert alone.model is None and alone.fingerprint != cues.fingerprint
    assert all(r.signal != sm.SIGNAL for r in classify_account(j, alone, TODAY).reasons)


def test_training_is_deterministic_and_learns_both_directions(tmp_path: Path) -> None:
    examples = [
        ("we want a partner who plans with us", 1),
        ("come to our planning meetings every month", 1),
        ("lowest price wins every time", 0),
        ("just send the cheapest quote", 0),
    ] * 5
    first, second = sm.train(examples, epochs=5), sm.train(examples, epochs=5)
    assert first.weights == second.weights
    assert first.log_odds("a partner who plans with us") > 0 > first.log_odds("the cheapest quote")
    path = tmp_path / "model.json"
    sm.save_model(first, path, "test")
    loaded = sm.load_model(path)
    # stored in thousandths (the file is shipped in the installer, which has a size budget)
    stored = {b: round(w, 3) for b, w in first.weights.items() if round(w * 1000)}
    assert loaded is not None and loaded.weights == pytest.approx(stored, abs=1e-9)
    assert sm.load_model(tmp_path / "missing.json") is None


def test_hedged_and_undecided_sentences_state_no_stance_to_the_model(cues: Cues) -> None:
    # A call that only hedges ("I guess it varies", "I'll ask") leans nowhere, whatever
    # the learned model makes of the words: no committed label, no learned reason.
    j = _account(("Sam Weller", "Principal", "decision maker"))
    _answer(
        j,
        dt.date(2026, 5, 1),
        "Sam Weller",
        "I guess it varies. I'll ask. I guess it varies? I genuinely don't know.",
    )
    result = classify_account(j, cues, TODAY)
    assert result.label == LABEL_UNDETERMINED
    assert all(r.signal != sm.SIGNAL or abs(r.weight) < 0.3 for r in result.reasons)
    # The same words said plainly still count.
    k = _account(("Sam Weller", "Principal", "decision maker"))
    _answer(k, dt.date(2026, 4, 1), "Sam Weller", "Whoever's cheapest that week gets the order.")
    _answer(k, dt.date(2026, 5, 1), "Sam Weller", "Just send the price list, no visits needed.")
    assert classify_account(k, cues, TODAY).label == LABEL_TRANSACTIONAL


def test_a_memo_without_punctuation_is_read_clause_by_clause(cues: Cues) -> None:
    memo = (
        "um yeah so she said we don't need the monthly call anymore so we just want someone "
        "who knows our lines and comes out before every shutdown to plan it with us"
    )
    clauses = sm.sentences(memo)
    assert len(clauses) >= 2 and all(c in memo for c in clauses)  # verbatim, quotable
    assert any(c.startswith("so we just want someone") for c in clauses)
    # A short sentence is left whole.
    assert sm.sentences("No calls, just the price list.") == ["No calls, just the price list."]
    j = _account(("Maria Ruiz", "Plant manager", "decision maker"))
    _answer(j, dt.date(2026, 4, 1), "Maria Ruiz", memo)
    result = classify_account(j, cues, TODAY)
    learned = [r for r in result.reasons if r.signal == sm.SIGNAL]
    assert learned and all(r.quote in memo and r.quote != memo for r in learned)


def test_a_business_partner_is_a_person_not_a_wish_for_partnership(cues: Cues) -> None:
    from reljournal.core.classify.reading import read_answer

    def signals(text: str) -> set[str]:
        answer = Answer(Q_DECIDE, text, dt.date(2026, 5, 1))
        return {e.signal for e in read_answer(answer, cues) if e.weight > 0.5}

    assert "rosen.wants_partner" not in signals(
        "My business partner Jim handles the ordering, send the quotes to him."
    )
    assert "rosen.wants_partner" in signals("We need a strategic business partner, not a vendor.")


def test_a_memo_is_cut_where_the_rep_starts_reporting_again() -> None:
    memo = (
        "ed says he wants me by every couple weeks in season and wants to plan the irrigation "
        "together he said he doesnt want a catalogue he wants somebody who knows his ground"
    )
    clauses = sm.sentences(memo)
    # Cut where he is reported again, and where a new subject starts ("he wants ..."), so
    # the "doesnt" of one clause does not reach into the next; "he said he ..." stays whole.
    assert clauses[-2:] == [
        "he said he doesnt want a catalogue",
        "he wants somebody who knows his ground",
    ]


def test_loyalty_that_means_nothing_is_not_loyalty(cues: Cues) -> None:
    from reljournal.core.classify.reading import read_answer

    def trust(text: str) -> float:
        answer = Answer(Q_DECIDE, text, dt.date(2026, 5, 1))
        return sum(e.weight for e in read_answer(answer, cues) if e.signal.startswith("garbarino"))

    assert trust("Loyalty don't mean nothing to me in this business.") < 0  # negative concord
    assert trust("Loyalty is overrated.") < 0
    assert trust("Loyalty means a lot to us.") > 0
