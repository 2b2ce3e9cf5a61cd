"""Lexicon, learned statement model, or both? A held-out comparison on the dev split.

    python tests/benchmarks/statement_model_eval.py [--folds 5] [--blind]

(a) the cue lexicon (the shipped classifier); (b) a learned statement model: a naive
Bayes model over the words and word pairs of each customer statement (negated words
marked), trained on the statements of the training accounts labelled with their
account's label, an account scored by the mean log-odds of its customer statements
(the latest day's counting double); (c) both: the lexicon's label, and where the
lexicon says undetermined, the model's when it is sure. Each is measured by k-fold
cross-validation over the dev accounts (thresholds chosen on the training folds only).
``--blind`` also measures the three, trained on all of dev, on the blind split (report
only: never choose on it). Pure Python: no model weights are downloaded or shipped.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reljournal.core.classify.classifier import classify_account  # noqa: E402
from reljournal.core.classify.cues import load_cues  # noqa: E402
from reljournal.core.classify.phrases import TOKEN_RE, lower_text  # noqa: E402
from reljournal.core.classify.reading import our_side_names  # noqa: E402
from reljournal.core.classify.statements import SPEAKER_CUSTOMER, segment_notes  # noqa: E402
from reljournal.core.model import (  # noqa: E402
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    Classification,
)
from tests.benchmarks.classifier_eval import CorpusCase, load_corpus, measure  # noqa: E402

_NEGATORS = frozenset("not no never don't doesn't didn't won't can't isn't aren't nothing".split())
_BREAK = frozenset(".,;:!?\n")


@dataclass
class Said:
    day: int  # ordinal
    features: list[str]


def features(text: str) -> list[str]:
    """Words and word pairs, a word after a negation marked (until punctuation)."""
    out: list[str] = []
    negated = False
    previous = ""
    for tok in TOKEN_RE.findall(lower_text(text)):
        if tok in _BREAK:
            negated, previous = False, ""
            continue
        word = f"not_{tok}" if negated else tok
        out.append(word)
        if previous:
            out.append(f"{previous}+{word}")
        previous = word
        if tok in _NEGATORS:
            negated = True
    return out


def customer_statements(case: CorpusCase) -> list[Said]:
    j = case.journal
    ours = our_side_names(j.stakeholders)
    said = [Said(a.said_on.toordinal(), features(a.answer)) for a in j.answers]
    for entry in j.entries:
        for seg in segment_notes(entry.notes, ours):
            if seg.speaker == SPEAKER_CUSTOMER:
                said.append(Said(entry.on.toordinal(), features(seg.text)))
    return said


class NaiveBayes:
    def __init__(self, cases: list[CorpusCase], said: dict[str, list[Said]]) -> None:
        counts = {LABEL_RELATIONAL: Counter[str](), LABEL_TRANSACTIONAL: Counter[str]()}
        for case in cases:
            if case.expected in counts:
                for s in said[case.journal.account.name]:
                    counts[case.expected].update(set(s.features))
        vocab = set(counts[LABEL_RELATIONAL]) | set(counts[LABEL_TRANSACTIONAL])
        total_r = sum(counts[LABEL_RELATIONAL].values()) + len(vocab)
        total_t = sum(counts[LABEL_TRANSACTIONAL].values()) + len(vocab)
        self.weights = {
            f: math.log((counts[LABEL_RELATIONAL][f] + 1) / total_r)
            - math.log((counts[LABEL_TRANSACTIONAL][f] + 1) / total_t)
            for f in vocab
        }

    def account_score(self, said: list[Said]) -> float:
        if not said:
            return 0.0
        last = max(s.day for s in said)
        num = den = 0.0
        for s in said:
            odds = sum(self.weights.get(f, 0.0) for f in set(s.features))
            weight = 2.0 if s.day == last else 1.0
            num += weight * max(-8.0, min(8.0, odds))
            den += weight
        return num / den


def label_of(score: float, threshold: float) -> str:
    if score >= threshold:
        return LABEL_RELATIONAL
    if score <= -threshold:
        return LABEL_TRANSACTIONAL
    return LABEL_UNDETERMINED


def _accuracy(cases: list[CorpusCase], labels: list[str]) -> float:
    return sum(c.expected == x for c, x in zip(cases, labels, strict=True)) / max(1, len(cases))


def _as_result(label: str) -> Classification:
    return Classification(0.5, label, 0.5 if label != LABEL_UNDETERMINED else 0.0, [])


def fit_thresholds(
    model: NaiveBayes,
    cases: list[CorpusCase],
    said: dict[str, list[Said]],
    lexicon: dict[str, Classification],
) -> tuple[float, float]:
    """The model's threshold alone, and its threshold where the lexicon is undetermined."""
    scores = [model.account_score(said[c.journal.account.name]) for c in cases]
    grid = [x / 10 for x in range(0, 60)]
    alone = max(grid, key=lambda t: _accuracy(cases, [label_of(s, t) for s in scores]))

    def combined(t: float) -> list[str]:
        out = []
        for case, score in zip(cases, scores, strict=True):
            lex = lexicon[case.journal.account.name].label
            out.append(lex if lex != LABEL_UNDETERMINED else label_of(score, t))
        return out

    both = max(grid, key=lambda t: _accuracy(cases, combined(t)))
    return alone, both


def run(folds: int, blind: bool) -> None:
    cues = load_cues()
    dev = load_corpus("dev")
    every = dev + (load_corpus("blind") if blind else [])
    said = {c.journal.account.name: customer_statements(c) for c in every}
    lexicon = {c.journal.account.name: classify_account(c.journal, cues, c.as_of) for c in every}
    results: dict[str, list[Classification]] = {"a": [], "b": [], "c": []}
    ordered: list[CorpusCase] = []
    for k in range(folds):
        test = [c for n, c in enumerate(dev) if n % folds == k]
        train = [c for n, c in enumerate(dev) if n % folds != k]
        model = NaiveBayes(train, said)
        alone, both = fit_thresholds(model, train, said, lexicon)
        for case in test:
            name = case.journal.account.name
            score = model.account_score(said[name])
            lex = lexicon[name]
            results["a"].append(lex)
            results["b"].append(_as_result(label_of(score, alone)))
            combined = lex.label if lex.label != LABEL_UNDETERMINED else label_of(score, both)
            results["c"].append(_as_result(combined))
            ordered.append(case)
    names = {"a": "(a) lexicon", "b": "(b) learned model", "c": "(c) lexicon + model"}
    print(f"dev split, {folds}-fold cross-validation ({len(ordered)} accounts):")
    for key, found in results.items():
        _print(names[key], measure(ordered, found))
    if blind:
        model = NaiveBayes(dev, said)
        alone, both = fit_thresholds(model, dev, said, lexicon)
        cases = [c for c in every if c.split == "blind"]
        scores = [model.account_score(said[c.journal.account.name]) for c in cases]
        lex = [lexicon[c.journal.account.name] for c in cases]
        print(f"blind split (trained on all of dev; report only): {len(cases)} accounts")
        _print(names["a"], measure(cases, lex))
        _print(names["b"], measure(cases, [_as_result(label_of(s, alone)) for s in scores]))
        both_labels = [
            r.label if r.label != LABEL_UNDETERMINED else label_of(s, both)
            for r, s in zip(lex, scores, strict=True)
        ]
        _print(names["c"], measure(cases, [_as_result(x) for x in both_labels]))


def _print(name: str, f: dict[str, object]) -> None:
    def pct(x: object) -> str:
        return "  n/a" if not isinstance(x, float) else f"{x:6.1%}"

    print(
        f"  {name:<22} acc {pct(f['accuracy'])}  T/R acc {pct(f['tr_accuracy'])}  "
        f"coverage {pct(f['coverage'])}  commit precision {pct(f['commit_precision'])}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--blind", action="store_true", help="also report on the blind split")
    args = parser.parse_args(argv)
    run(args.folds, args.blind)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
