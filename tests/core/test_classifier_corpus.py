"""The classifier on the hand-written classifier corpus (tests/data/classifier_corpus).

The floors are the figures measured when a round of issue 15 was finished (``blind_11``: set
before the twelfth round's tuning, just under its first reading; see ``python
tests/benchmarks/classifier_eval.py``), less a margin: a change that lowers them reads
customers worse. The blind splits are measured here and never tuned on; their floors act
as a regression guard (pass or fail), which is all a tuning round may learn from them.
"""

from __future__ import annotations

import pytest

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import Cues
from tests.benchmarks.classifier_eval import CorpusCase, load_corpus, measure

# split: (accuracy, transactional+relational accuracy, commit precision)
FLOORS = {
    # Read first with the eighteenth round's starting classifier (3738d5a): accuracy 95.0%,
    # T/R 96.6%, precision 95.5%.
    "blind_17": (0.94, 0.96, 0.95),
    # Read first with the seventeenth round's starting classifier (1e03294): accuracy 90.0%,
    # T/R 89.8%, precision 95.2%.
    "blind_16": (0.89, 0.89, 0.94),
    # Read first with the sixteenth round's starting classifier (fbfdb3f): accuracy 89.2%,
    # T/R 90.9%, precision 92.0%.
    "blind_15": (0.89, 0.90, 0.91),
    # Read first with the fifteenth round's starting classifier (abefd29): accuracy 84.2%,
    # T/R 88.6%, precision 87.6%.
    "blind_14": (0.84, 0.88, 0.87),
    # Read first with the fourteenth round's starting classifier (e116c43): accuracy 87.5%,
    # T/R 88.6%, precision 92.9%.
    "blind_13": (0.87, 0.88, 0.92),
    # Read first with the thirteenth round's starting classifier (b1add8a): accuracy 90.0%,
    # T/R 89.8%, precision 95.2%.
    "blind_12": (0.89, 0.89, 0.95),
    # Read first with the twelfth round's starting classifier (e37857a): accuracy 80.8%,
    # T/R 83.0%, precision 88.0%. The lowest first reading of any blind split.
    "blind_11": (0.80, 0.82, 0.87),
    "blind_10": (0.90, 0.94, 0.92),
    # The eleventh round takes the people the rep records on an entry into account: words
    # nobody is named for, said where no decision maker was, are not the decision
    # maker's (development: 20 accounts fixed, 2 broken). One of blind_9's transactional
    # or relational accounts went to undetermined (T/R 84.1% -> 83.0%), hence 0.82.
    "blind_9": (0.84, 0.82, 0.89),
    "blind_8": (0.90, 0.88, 0.91),
    "blind_7": (0.86, 0.87, 0.92),
    "blind_6": (0.87, 0.92, 0.89),
    "blind_5": (0.84, 0.87, 0.88),
    "blind_4": (0.86, 0.90, 0.88),
    # The tenth round holds an account undetermined while only people who do not decide
    # have spoken: one transactional account of blind_3 went to undetermined (T/R 94.3% ->
    # 93.3%), while dev gained 16 accounts and lost 1, hence 0.93.
    "blind_3": (0.91, 0.93, 0.93),
    "blind_2": (0.90, 0.90, 0.94),
    "blind": (0.93, 0.95, 0.95),
    # The ninth round added 576 development accounts (its held-out journals among them)
    # without retraining the statement model on them (retrained, it failed blind_8's floor):
    # in-sample accuracy fell from 95.3% to 94.8%, hence 0.94. The eleventh round added
    # 276 (96 of them held out, never tuned on): with its starting classifier the 4,983
    # read T/R 97.0%, precision 95.3%; at its end 96.9% and 96.7% (57 accounts fixed, 5
    # broken), hence 0.96 and 0.96.
    # The eighteenth round added 1,746 development accounts from 70 new writers (first
    # read at 86-95% T/R): with them the split reads T/R 95.9%, while the accounts it
    # started with lost none, hence 0.95.
    "dev": (0.94, 0.95, 0.96),
}


# How many accounts each split holds (the corpus README says the same).
SIZES = {
    "blind_17": 120,
    "blind_16": 120,
    "blind_15": 120,
    "blind_14": 120,
    "blind_13": 120,
    "blind_12": 120,
    "blind_11": 120,
    "blind_10": 120,
    "blind_9": 120,
    "blind_8": 120,
    "blind_7": 120,
    "blind_6": 120,
    "blind_5": 120,
    "blind_4": 116,
    "blind_3": 138,
    "blind_2": 136,
    "blind": 130,
    "dev": 12915,
}


@pytest.fixture(scope="module")
def corpus() -> list[CorpusCase]:
    return load_corpus("all")


@pytest.mark.parametrize("split", list(FLOORS))
def test_the_corpus_stays_above_its_floor(cues: Cues, corpus: list[CorpusCase], split: str) -> None:
    cases = [c for c in corpus if c.split == split]
    figures = measure(cases, [classify_account(c.journal, cues, c.as_of) for c in cases])
    accuracy, decided, precision = FLOORS[split]
    assert figures["accuracy"] >= accuracy, figures["confusion"]
    assert figures["tr_accuracy"] >= decided, figures["confusion"]
    assert figures["commit_precision"] >= precision, figures["confusion"]


def test_the_corpus_has_its_documented_size(corpus: list[CorpusCase]) -> None:
    sizes = {split: sum(1 for c in corpus if c.split == split) for split in SIZES}
    assert sizes == SIZES
    assert len({c.voice for c in corpus if c.split == "dev"}) >= 5


def test_every_reason_quotes_the_accounts_own_text(cues: Cues, corpus: list[CorpusCase]) -> None:
    for case in corpus:
        j = case.journal
        texts = [e.notes for e in j.entries] + [e.title for e in j.entries]
        texts += [a.answer for a in j.answers] + [s.stage for s in j.stages]
        texts.append(", ".join(s.name for s in j.stakeholders))
        for reason in classify_account(j, cues, case.as_of).reasons:
            assert reason.date is not None, reason
            assert reason.quote.strip() and any(reason.quote in t for t in texts), (
                j.account.name,
                reason,
            )
