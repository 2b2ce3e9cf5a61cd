"""Issue 15, seventeenth round: the readings the round's development accounts taught. The
sentences are written for the test; no corpus account is copied."""

from __future__ import annotations

import pytest

from reljournal.core.classify.cues import Cues
from tests.core.test_statements_round15 import _said


@pytest.mark.parametrize(
    "text",
    [
        # A greeting, then a request for a price: how every customer buys.
        "Good afternoon, please give us the price of 60 tyres 315/80 R22.5 and the lead time.",
        "Good morning, please can you send me the price of the drill bits and your catalogue.",
        # A calque of the Spanish "colaborarnos con": still only a request.
        "Buenas, please colaborate us with the price of 12 pallets of film.",
        "Can I get a price on 40 rolls of the 20mm rope?",
    ],
)
def test_a_request_for_a_price_is_an_errand_and_no_stance(cues: Cues, text: str) -> None:
    assert not any(w for _, w in _said(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        "Good afternoon, please give us your best price, we only buy on price.",
        "Can you get the price down on the 40 rolls?",
        "Please send me a better price than last time.",
    ],
)
def test_a_bargain_asked_for_still_counts(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _said(text, cues)) < 0


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, regards, Santiago Henao",
        "Thank you and best regards, Ana Ruiz.",
        "Thanks for the quote, kind regards, Clare Whitcombe.",
    ],
)
def test_a_chain_of_sign_offs_leans_nowhere(cues: Cues, text: str) -> None:
    assert not any(w for _, w in _said(text, cues))


def test_wanting_to_know_what_a_thing_costs_is_no_wish_to_be_known(cues: Cues) -> None:
    said = _said("He wanted to know what you charge per coil of rope.", cues)
    assert not any(s == "gronroos.values_expertise" for s, w in said if w)


def test_a_supplier_who_knows_how_they_work_is_still_wanted(cues: Cues) -> None:
    text = "We want a supplier who takes the time to know how our kitchens run."
    assert sum(w for _, w in _said(text, cues)) > 0
