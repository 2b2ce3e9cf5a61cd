"""Lexicon, learned statement model, or both? A held-out comparison.

    python tests/benchmarks/statement_model_eval.py [--folds 5] [--blind]

(a) the cue lexicon alone (the classifier without the learned model); (b) the learned
statement model alone (``reljournal/core/classify/statement_model.py``: a logistic
regression over the words and word pairs of whole customer sentences; the classifier's
weighing, behaviour and speakers as in (a), but no lexicon cue); (c) both, as shipped:
each customer sentence the model is sure about is one more piece of evidence next to
the lexicon's. Each is measured by k-fold cross-validation over the dev accounts (the
model trained on the other folds only), for a few strengths of the model's evidence.
``--blind`` also measures the three with the model trained on all of dev, on the blind
splits (report only: never choose on them). Pure Python: no model weights are
downloaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reljournal.core.classify import statement_model as sm  # noqa: E402
from reljournal.core.classify.classifier import classify_readings, read_journal  # noqa: E402
from reljournal.core.classify.cues import Cues, load_cues, with_model  # noqa: E402
from reljournal.core.classify.reading import (  # noqa: E402
    UNDECIDED,
    EntryReading,
    customer_texts,
)
from reljournal.core.model import Classification  # noqa: E402
from tests.benchmarks.classifier_eval import SPLITS, CorpusCase, load_corpus, measure  # noqa: E402
from tools.train_statement_model import L2, load_vectors  # noqa: E402

STRENGTHS = (0.4, 0.6, 0.8)  # the weight of a sentence the model is sure about
MARGINS = (0.3, 0.5)


def _cues(base: Cues, model: sm.StatementModel | None, strength: float, margin: float) -> Cues:
    cues = with_model(base, model)
    return dataclasses.replace(
        cues,
        sources=dataclasses.replace(cues.sources, learned=strength if model else 0.0),
        scoring=dataclasses.replace(cues.scoring, learned_margin=margin),
    )


def _model_only(readings: list[EntryReading]) -> list[EntryReading]:
    keep = (sm.SIGNAL, UNDECIDED)
    return [
        EntryReading(r.entry_id, [e for e in r.evidence if e.signal in keep], r.purchase)
        for r in readings
    ]


def _classify(cases: list[CorpusCase], cues: Cues, only_model: bool) -> list[Classification]:
    out = []
    for case in cases:
        readings = read_journal(case.journal, cues)
        if only_model:
            readings = _model_only(readings)
        out.append(classify_readings(case.journal, readings, cues, case.as_of))
    return out


def train_on(cases: list[CorpusCase], **kw: Any) -> sm.StatementModel:
    return sm.train(
        sm.examples_of((t, c.expected) for c in cases for t in customer_texts(c.journal)), **kw
    )


def _variants(
    vectors: dict[str, tuple[float, ...]] | None, dense_l2: float | None
) -> dict[str, dict[str, Any]]:
    """The learned models compared (``train`` keywords): the shipped hashed model as it has
    always been measured here, and with word vectors the embedding part alone and both."""
    out: dict[str, dict[str, Any]] = {"": {}}
    if vectors:
        out[f"hashed l2={L2:g} "] = {"l2": L2}
        out["embedding "] = {"vectors": vectors, "dense_l2": dense_l2, "l2": L2, "hashed": False}
        out["joint "] = {"vectors": vectors, "dense_l2": dense_l2, "l2": L2}
    return out


def run(
    folds: int,
    blind: bool,
    vectors: dict[str, tuple[float, ...]] | None = None,
    dense_l2: float | None = None,
    strengths: tuple[float, ...] = STRENGTHS,
    margins: tuple[float, ...] = MARGINS,
) -> None:
    base = with_model(load_cues(), None)
    variants = _variants(vectors, dense_l2)
    dev = load_corpus("dev")
    lexicon = _cues(base, None, 0.0, 0.5)
    print(f"dev split, {folds}-fold cross-validation ({len(dev)} accounts):")
    found: dict[str, list[Classification]] = {}
    ordered: list[CorpusCase] = []
    for k in range(folds):
        test = [c for n, c in enumerate(dev) if n % folds == k]
        train = [c for n, c in enumerate(dev) if n % folds != k]
        ordered += test
        found.setdefault("(a) lexicon", []).extend(_classify(test, lexicon, False))
        for kind, kw in variants.items():
            model = train_on(train, **kw)
            for strength in strengths:
                for margin in margins:
                    cues = _cues(base, model, strength, margin)
                    name = f"{kind}w={strength} m={margin}"
                    found.setdefault(f"(b) model {name}", []).extend(_classify(test, cues, True))
                    found.setdefault(f"(c) both {name}", []).extend(_classify(test, cues, False))
    for name, results in found.items():
        _print(name, measure(ordered, results))
    if blind:
        shipped = load_cues()
        model = train_on(dev)
        s, m = shipped.sources.learned, shipped.scoring.learned_margin
        for split in SPLITS[:-1]:
            cases = load_corpus(split)
            print(f"{split} (model trained on all of dev, w={s} m={m}; report only):")
            _print("(a) lexicon", measure(cases, _classify(cases, lexicon, False)))
            cues = _cues(base, model, s or STRENGTHS[0], m)
            _print("(b) model", measure(cases, _classify(cases, cues, True)))
            _print("(c) both", measure(cases, _classify(cases, cues, False)))


def _print(name: str, f: dict[str, Any]) -> None:
    def pct(x: object) -> str:
        return "  n/a" if not isinstance(x, float) else f"{x:6.1%}"

    print(
        f"  {name:<40} acc {pct(f['accuracy'])}  T/R acc {pct(f['tr_accuracy'])}  "
        f"coverage {pct(f['coverage'])}  commit precision {pct(f['commit_precision'])}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--blind", action="store_true", help="also report on the blind splits")
    parser.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="word vectors from tools/export_word_vectors.py: also compare the embedding "
        "model and the joint model (dev only)",
    )
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--dense-l2", type=float, default=None)
    parser.add_argument("--strength", type=float, nargs="+", default=list(STRENGTHS))
    parser.add_argument("--margin", type=float, nargs="+", default=list(MARGINS))
    args = parser.parse_args(argv)
    if args.blind and args.vectors:
        parser.error("--vectors compares on dev only")
    vectors = load_vectors(args.vectors, args.dims) if args.vectors else None
    run(
        args.folds,
        args.blind,
        vectors,
        args.dense_l2,
        tuple(args.strength),
        tuple(args.margin),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
