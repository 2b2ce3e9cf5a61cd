"""The classifier's seventh round (issue 15): forms the customer filled in and the rep
pasted, stops the customer fears, "that's all" summing up a wish, asking to keep the same
person, and words that only look like cues. Examples are written for these tests, in the
shapes the development split's new voices showed (never taken from the blind splits)."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import UNDECIDED, read_answer
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, SPEAKER_REP, segment_notes
from reljournal.core.model import LABEL_RELATIONAL, LABEL_TRANSACTIONAL, Answer
from tests.helpers.statements import Q_WORK
from tests.helpers.statements import journal as _journal
from tests.helpers.statements import note as _note
from tests.helpers.statements import weights as _weights

TODAY = dt.date(2026, 6, 1)


def _speakers(notes: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in segment_notes(notes, frozenset(), frozenset())]


# -- forms the customer filled in --------------------------------------------------------

QUESTIONNAIRE = """Mirela sent back our supplier questionnaire, her answers pasted as-is:

1.2 Number of current suppliers for this category: 3
3.1 Preferred contact frequency: none, email only
3.2 Would you like a dedicated account manager? No. A shared inbox is fine.

My note: at least she's honest.
Sent the price file anyway."""


def test_a_pasted_questionnaire_is_the_customers_and_the_reps_remark_after_it_is_not() -> None:
    segments = _speakers(QUESTIONNAIRE)
    theirs = [text for who, text in segments if who == SPEAKER_CUSTOMER]
    assert theirs == [
        "1.2 Number of current suppliers for this category: 3",
        "3.1 Preferred contact frequency: none, email only",
        "3.2 Would you like a dedicated account manager? No. A shared inbox is fine.",
    ]
    ours = " ".join(text for who, text in segments if who == SPEAKER_REP)
    assert "at least she's honest" in ours and "Sent the price file" in ours


def test_a_blank_line_then_prose_ends_the_form() -> None:
    notes = "Web form submission:\nWhat matters most? cheapest per litre\n\nRang him, no answer."
    segments = _speakers(notes)
    assert (SPEAKER_CUSTOMER, "What matters most? cheapest per litre") in segments
    assert (SPEAKER_REP, "Rang him, no answer.") in segments


def test_a_box_left_empty_on_a_form_is_not_chosen() -> None:
    notes = "Account opening form (Odile, 2 shops):\nContact preference: [x] Email  [ ] Phone  [ ] Visits"
    theirs = [text for who, text in _speakers(notes) if who == SPEAKER_CUSTOMER]
    assert theirs == ["Contact preference: [x] Email"]


def test_our_own_questions_introduced_with_a_colon_are_not_a_form() -> None:
    notes = "My questions for the visit:\nHow often do you want reviews?\nWho decides?"
    assert all(who == SPEAKER_REP for who, _ in _speakers(notes))


def test_a_returned_questionnaire_decides_the_account(cues: Cues) -> None:
    j = _journal(("Mirela Voss", "decision maker"))
    _note(
        j, dt.date(2026, 3, 2), QUESTIONNAIRE.replace("3.1", "2.4 Main criteria: price per kg\n3.1")
    )
    assert classify_account(j, cues, TODAY).label == LABEL_TRANSACTIONAL


# -- a field answered "No" at the very end of a text --------------------------------------


@pytest.mark.parametrize(
    "text", ["Interest in quarterly business reviews: No", "Quarterly reviews no"]
)
def test_a_refusal_that_ends_the_text_is_read_and_does_not_fail(cues: Cues, text: str) -> None:
    # This once raised IndexError: a negation after the cue, as the text's last word.
    assert _weights(text, cues)["rosen.wants_reviews"] < 0


# -- stops the customer fears ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "If he stops coming out here I'm in real trouble.",
        "The day you stop coming by is the day we look elsewhere.",
    ],
)
def test_a_stop_the_customer_fears_is_a_wish(cues: Cues, text: str) -> None:
    assert _weights(text, cues)["rosen.wants_contact"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "If you could stop calling me every week that would be great.",
        "Please stop the visits.",
        "If you can just stop the monthly visits, fine.",
    ],
)
def test_a_stop_asked_for_is_still_a_refusal(cues: Cues, text: str) -> None:
    assert sum(_weights(text, cues).values()) < 0


# -- "that's all" and keeping the same person ---------------------------------------------


def test_thats_all_after_a_wish_sums_it_up(cues: Cues) -> None:
    w = _weights("Same man, same days. Don't rotate him. That's it, that's all I want.", cues)
    assert "rosen.minimal" not in w and w["garbarino.trust_commitment"] > 0


def test_thats_it_after_something_transactional_is_still_nothing_more(cues: Cues) -> None:
    assert _weights("Whoever is cheapest gets the order. That's it.", cues)["rosen.minimal"] < 0


@pytest.mark.parametrize(
    "text",
    [
        "I want Jory, every quarter, not whoever's free.",
        "Don't send me a stranger in March.",
        "Every time it's a different engineer every time and I'm sick of explaining.",
    ],
)
def test_asking_to_keep_the_same_person_is_trust(cues: Cues, text: str) -> None:
    assert _weights(text, cues).get("garbarino.trust_commitment", 0) > 0


def test_not_needing_the_same_person_is_not(cues: Cues) -> None:
    assert (
        _weights("I don't need the same engineer every time.", cues)["garbarino.trust_commitment"]
        < 0
    )


# -- words that only look like cues ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Screws come in a box with a number on it.", "rosen.wants_contact"),
        ("It comes in three sizes.", "rosen.wants_contact"),
        ("Thanks for coming over, lot to think about.", "rosen.wants_contact"),
        (
            "Thanks for the offer of a meeting but it won't change anything.",
            "jackson.lost_for_good",
        ),
        (
            "She's in budget meetings all of October and will pass on the message.",
            "rosen.wants_meetings",
        ),
        (
            "She's in budget meetings all of October and will pass on the message.",
            "behaviour.declined",
        ),
        ("The manufacturer sends whoever is nearest.", "jackson.always_a_share"),
        ("Nothing else filled in.", "rosen.minimal"),
    ],
)
def test_a_word_in_another_sense_is_no_cue(cues: Cues, text: str, signal: str) -> None:
    assert signal not in _weights(text, cues)


def test_the_real_senses_still_count(cues: Cues) -> None:
    assert _weights("Come in and see us every month.", cues)["rosen.wants_contact"] > 0
    assert _weights("We won't change supplier.", cues)["jackson.lost_for_good"] > 0
    assert (
        _weights("I want that you come in the cellar and we decide together.", cues)[
            "rosen.wants_contact"
        ]
        > 0
    )


def test_a_feared_stop_in_an_answer_makes_the_account_relational(cues: Cues) -> None:
    j = _journal()
    for day in (dt.date(2026, 2, 3), dt.date(2026, 4, 7)):
        j.answers.append(
            Answer(
                Q_WORK,
                "If Dariusz stops coming out here I'm in real trouble. Same man, same days.",
                day,
            )
        )
    assert classify_account(j, cues, TODAY).label == LABEL_RELATIONAL


# -- emails pasted into the notes, in any language ----------------------------------------

REPLY_ON_TOP = """my email offering an account review, her reply on top:

Gentile Sig. Moretti,

La ringrazio, but a call will not be necessary. We order through your web shop.

Cordiali saluti,
Elvira Cantagalli
Le informazioni contenute in questo messaggio sono riservate e confidenziali.

> On 30 May 2025, at 11:20, Moretti wrote:
> I would like to propose a short account review call."""


def _segments(notes: str, *customers: str, **kind: bool) -> list[tuple[str, str]]:
    names = frozenset(c.casefold() for c in customers)
    return [(s.speaker, s.text) for s in segment_notes(notes, frozenset(), names, **kind)]


def test_a_reply_in_another_language_greeting_the_rep_is_the_customers() -> None:
    segments = _segments(REPLY_ON_TOP, "Elvira Cantagalli", "Elvira", "Cantagalli")
    theirs = [text for who, text in segments if who == SPEAKER_CUSTOMER]
    assert theirs == [
        "La ringrazio, but a call will not be necessary. We order through your web shop."
    ]
    # the quoted message they answer is the rep's, the signature and footer nobody's
    assert (SPEAKER_REP, "I would like to propose a short account review call.") in segments
    assert not any("riservate" in text for _, text in segments)


@pytest.mark.parametrize(
    "greeting",
    [
        "Vážený pane Dvořáku,",
        "Geachte heer Verbeek,",
        "Sehr geehrter Herr Bauer,",
        "Dear Mr. Khanna,",
    ],
)
def test_an_email_pasted_below_a_line_that_greets_the_rep_is_the_customers(greeting: str) -> None:
    notes = f"Pasted, read to the end.\n\n{greeting}\n\nWe have built our process around your filters.\n"
    assert (SPEAKER_CUSTOMER, "We have built our process around your filters.") in _segments(
        notes, "Radomila Stastna", "Radomila"
    )


def test_an_email_that_greets_the_customers_person_is_ours() -> None:
    notes = "Sent this after the call.\n\nDear Radomila,\n\nWe can offer a quarterly review.\n"
    assert (SPEAKER_REP, "We can offer a quarterly review.") in _segments(
        notes, "Radomila Stastna", "Radomila"
    )


def test_the_reps_own_email_to_a_manager_is_ours() -> None:
    notes = "Hi Dana,\nAcme: renewal 100%. I think they'd love a QBR.\nCheers"
    assert all(who == SPEAKER_REP for who, _ in _segments(notes, our_email=True))


def test_a_refusal_of_switching_said_as_no_option_keeps_us(cues: Cues) -> None:
    w = _weights("Changing supplier is not a realistic option and I have no wish to.", cues)
    assert w["jackson.always_a_share"] > 0


def test_a_vendor_as_the_subject_of_praise_is_no_wish_for_a_vendor(cues: Cues) -> None:
    text = "This is the first time a vendor has actually read our data policy."
    assert "rosen.no_relationship" not in _weights(text, cues)
    assert _weights("We just want a vendor.", cues)["rosen.no_relationship"] < 0


# -- transcripts: more ways of naming the speakers ----------------------------------------


def test_a_meeting_tools_surname_comma_first_name_is_a_speaker() -> None:
    notes = (
        "Brockhagen-Sauer, Ulrike: Please, no visits.\n"
        "Me (Fraser): Understood.\n"
        "Tiedemann, Jens (Ops): Ja, okay."
    )
    assert _speakers(notes) == [
        (SPEAKER_CUSTOMER, "Please, no visits."),
        (SPEAKER_REP, "Understood."),
        (SPEAKER_CUSTOMER, "Ja, okay."),
    ]


def test_speakers_keyed_by_letters_follow_the_key() -> None:
    notes = (
        "Speakerphone. A = Anilkumar, B = Bindu, R = me.\n\n"
        "A: Whoever is lowest that day, we take.\n"
        "R: We can do 168 per kg.\n"
        "B: Kottayam gives thirty days."
    )
    segments = _speakers(notes)
    assert (SPEAKER_CUSTOMER, "Whoever is lowest that day, we take.") in segments
    assert (SPEAKER_REP, "We can do 168 per kg.") in segments
    assert (SPEAKER_CUSTOMER, "Kottayam gives thirty days.") in segments


def test_a_greeting_leans_nowhere(cues: Cues) -> None:
    j = _journal(("Jonalyn Cruz", "gatekeeper"))
    _note(j, dt.date(2026, 3, 2), "Jonalyn: Ah yes sir, good morning po. Thank you so much sir.")
    assert not classify_account(j, cues, TODAY).reasons


def test_a_customers_email_that_opens_with_a_bare_hiya_is_theirs() -> None:
    notes = (
        "hiya\n\ncan u do the strong white cheaper than the mill?\n\ntam x\n\nSent from my iPhone"
    )
    segments = [
        (s.speaker, s.text)
        for s in segment_notes(notes, frozenset(), frozenset(), their_email=True)
    ]
    assert (SPEAKER_CUSTOMER, "can u do the strong white cheaper than the mill?") in segments
    assert not any("iPhone" in text for _, text in segments)


# -- not decided yet, and questions ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Both. Ask me in six months.",
        "I'm not deciding anything about chemistry suppliers until the audit is done.",
        "I am new here, three weeks. Call me after Easter, please.",
        "I'm reviewing all the suppliers this year.",
    ],
)
def test_the_decision_maker_has_not_decided(cues: Cues, text: str) -> None:
    signals = {ev.signal for ev in read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)}
    assert UNDECIDED in signals


def test_a_question_for_information_after_and_leans_nowhere(cues: Cues) -> None:
    text = "And is the 2027 crop going to be any later than this year's?"
    evidence = read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues)
    assert not any(abs(ev.weight) >= 0.5 for ev in evidence)


def test_asking_us_to_set_something_up_is_no_wish_for_expertise(cues: Cues) -> None:
    text = "pls set up the snow foam on auto every month, card on file is fine"
    assert "gronroos.values_expertise" not in _weights(text, cues)


def test_a_reply_signed_by_the_customers_person_is_theirs_even_in_our_thread() -> None:
    notes = (
        "Hola Javier,\n\nYes, please keep coming to the committee every month.\n\n"
        "Bendiciones,\nNilda\n\n"
        "On Mon, 2 Mar 2026, Javier Ocasio wrote:\n> Should I skip the March committee?"
    )
    segments = _segments(notes, "Nilda Rosario", "Nilda", our_email=True)
    assert (SPEAKER_CUSTOMER, "Yes, please keep coming to the committee every month.") in segments
    assert (SPEAKER_REP, "Should I skip the March committee?") in segments


@pytest.mark.parametrize("greeting", ["Kia ora Hemi,", "Xin chào anh Minh,", "Salam Omar,"])
def test_greetings_from_more_languages_open_the_customers_email(greeting: str) -> None:
    notes = f"{greeting}\n\nWe want to stay with you.\n\nNgā mihi,\nAroha"
    segments = _segments(notes, "Aroha Tane", "Aroha", their_email=True)
    assert (SPEAKER_CUSTOMER, "We want to stay with you.") in segments


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Didn't cost me a thought.", "rosen.price_focus"),
        ("That's worth more to me than what the pads cost.", "rosen.price_focus"),
        ("He doesn't know how she'll weigh it.", "gronroos.values_expertise"),
    ],
)
def test_more_words_in_another_sense(cues: Cues, text: str, signal: str) -> None:
    assert signal not in _weights(text, cues)


def test_worth_more_than_what_it_costs_is_value_over_price(cues: Cues) -> None:
    w = _weights("That's worth more to me than what the pads cost.", cues)
    assert w["gronroos.value_over_price"] > 0


def test_a_teams_transcripts_surname_comma_first_name_header_is_a_speaker() -> None:
    notes = (
        "Transcript:\n\nQuigley-Hart, Rasmus  02:10\nEvery month I split it on price.\n\n"
        "Me  02:20\nOkay.\n\nQuigley-Hart, Rasmus  02:34\nOnce a year like this is fine."
    )
    assert _speakers(notes) == [
        (SPEAKER_CUSTOMER, "Every month I split it on price."),
        (SPEAKER_REP, "Okay."),
        (SPEAKER_CUSTOMER, "Once a year like this is fine."),
    ]


@pytest.mark.parametrize(
    ("greeting", "sign_off"),
    [
        ("Kedves Gábor,", "Üdvözlettel,"),
        ("Grüezi Herr Tanner,", "Liebe Grüsse"),
        ("Dag Lieve,", "Met vriendelijke groeten,"),
    ],
)
def test_central_european_greetings_and_sign_offs(greeting: str, sign_off: str) -> None:
    notes = f"{greeting}\n\nThe monthly visits can stop.\n\n{sign_off}\nWim Lambrechts"
    segments = _segments(notes, "Wim Lambrechts", "Wim", their_email=True)
    assert (SPEAKER_CUSTOMER, "The monthly visits can stop.") in segments
    assert not any(text == "Wim Lambrechts" for _, text in segments)


# -- dictated notes and phone exports ------------------------------------------------------


def test_a_dictated_quote_unquote_is_the_customers() -> None:
    notes = (
        "sent the quote full stop he said quote no I want a spreadsheet on the first "
        "of the quarter unquote full stop action tender price"
    )
    assert (SPEAKER_CUSTOMER, "no I want a spreadsheet on the first of the quarter") in _speakers(
        notes
    )


def test_a_dictated_full_stop_ends_a_sentence(cues: Cues) -> None:
    # the refusal in the first sentence does not reach the reviews in the second
    w = _weights("no I don't need the catalogue full stop I want quarterly reviews", cues)
    assert w["rosen.wants_reviews"] > 0


def test_a_phone_exports_name_and_bracketed_date_header_names_the_sender() -> None:
    notes = (
        "Tamsin Vellacott, [4/3/2025 8:02 AM]\nsame as last time.\n\n"
        "Me, [4/3/2025 8:10 AM]\nwant me to come do a tasting day?\n\n"
        "Tamsin Vellacott, [4/3/2025 8:31 AM]\nno ta. just the order."
    )
    assert _speakers(notes) == [
        (SPEAKER_CUSTOMER, "same as last time."),
        (SPEAKER_REP, "want me to come do a tasting day?"),
        (SPEAKER_CUSTOMER, "no ta. just the order."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Lexfold quoted us 30% less for the same content.",
        "If you match, you stay.",
        "Another provider will do them at £3 a handset less.",
    ],
)
def test_a_rivals_lower_number_is_price_focus(cues: Cues, text: str) -> None:
    assert _weights(text, cues)["rosen.price_focus"] < 0


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Whatever the discount is, we're extending.", "rosen.price_focus"),
        ("We've got a long-term partner for the security side.", "rosen.wants_partner"),
        ("They meet after the Christmas dinner.", "rosen.social"),
    ],
)
def test_still_more_words_in_another_sense(cues: Cues, text: str, signal: str) -> None:
    assert signal not in _weights(text, cues)


def test_not_retraining_the_staff_is_a_switching_cost(cues: Cues) -> None:
    w = _weights("I'm not re-training six painters to save three percent.", cues)
    assert w["jackson.lost_for_good"] > 0
    assert "gronroos.values_expertise" not in w


def test_a_price_match_that_keeps_us_is_price_focus_not_loyalty(cues: Cues) -> None:
    w = _weights("Match the red ones and the composites stay with you.", cues)
    assert w["rosen.price_focus"] < 0 and "jackson.lost_for_good" not in w


def test_asking_for_the_price_list_is_an_errand(cues: Cues) -> None:
    assert "rosen.price_focus" not in _weights("She asked for updated pricing for the file.", cues)
    assert _weights("He asked for a lower price.", cues)["rosen.price_focus"] < 0


def test_the_reps_own_email_still_quotes_the_customer() -> None:
    notes = (
        'Hi Dana,\nAcme: renewal done. She said: "I need someone who understands our '
        'confidentiality work."\nPiet asked for a monthly call.\nCheers'
    )
    assert (
        SPEAKER_CUSTOMER,
        "I need someone who understands our confidentiality work.",
    ) in _segments(notes, our_email=True)


def test_our_own_message_quoted_under_their_reply_is_no_evidence(cues: Cues) -> None:
    j = _journal(("Elvira Cantagalli", "decision maker"))
    _note(
        j,
        dt.date(2026, 3, 2),
        "Dear Mr Moretti,\n\nThank you.\n\nRegards,\nElvira Cantagalli\n\n"
        "> On 30 May 2025, Moretti wrote:\n> I would like to propose a quarterly account review.",
    )
    reasons = classify_account(j, cues, TODAY).reasons
    assert not any("propose" in r.quote for r in reasons)


# -- whose words settle the account --------------------------------------------------------


def test_a_speaker_with_an_accented_capital_is_a_speaker() -> None:
    assert _speakers("Ōtsuki: We would like your advice every season.\nMe: Of course.") == [
        (SPEAKER_CUSTOMER, "We would like your advice every season."),
        (SPEAKER_REP, "Of course."),
    ]


def test_a_lettered_speaker_named_like_an_answer_label_follows_the_key() -> None:
    notes = "A = Anilkumar, R = me.\n\nA: Whoever is lowest that day, we take.\nR: Okay sir."
    segments = segment_notes(notes, frozenset(), frozenset({"anilkumar"}))
    assert [(s.speaker, s.who) for s in segments[1:]] == [
        (SPEAKER_CUSTOMER, "Anilkumar"),
        (SPEAKER_REP, "Me"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I don't care if someone's a few percent cheaper.",
        "Cheap feed and bad growth is expensive feed.",
        "Buy cheap, buy twice.",
    ],
)
def test_cheap_said_against_itself_is_value_over_price(cues: Cues, text: str) -> None:
    w = _weights(text, cues)
    assert w["gronroos.value_over_price"] > 0 and "rosen.price_focus" not in w


def test_a_numbered_fields_point_is_no_sentence_end(cues: Cues) -> None:
    evidence = read_answer(
        Answer(Q_WORK, "3.1 Preferred contact frequency: none, email only", dt.date(2026, 5, 1)),
        cues,
    )
    assert evidence and all(ev.quote.startswith("3.1 Preferred") for ev in evidence)


def test_requoting_on_a_schedule_is_no_wish_for_contact(cues: Cues) -> None:
    assert "rosen.regular_cadence" not in _weights(
        "We re-quote this category every six months.", cues
    )
