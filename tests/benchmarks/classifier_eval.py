"""Measure the account classifier on the hand-written classifier corpus.

    python tests/benchmarks/classifier_eval.py [--split dev|blind|blind_2|…|blind_17|all]
        [--voices] [--errors] [--explain NAME] [--json FILE]

The corpus is ``tests/data/classifier_corpus`` (see its README): the ``dev`` split may be
tuned on; the blind splits ``blind_17`` (written by other engineers at the start of the
eighteenth round, before any of its tuning, in voices no other split has), ``blind_16`` (the
same, for the seventeenth round), ``blind_15`` (the
same, for the sixteenth round), ``blind_14`` (the
same, for the fifteenth round), ``blind_13`` (the
same, for the fourteenth round), ``blind_12`` (the same, for the thirteenth round), ``blind_11`` (the same, for the twelfth round), ``blind_10`` (the same, for the eleventh round), ``blind_9`` (the same, for the tenth round), ``blind_8`` (the same, for the ninth round), ``blind_7`` (the same, for the eighth round), ``blind_6`` (the same,
for the seventh round), ``blind_5``
(written at the start of the sixth round, before any of its tuning), ``blind_4`` (written at the start of the
fifth round, before any of its tuning, in voices no other split has), ``blind_3``
(written before the fourth round of tuning), ``blind_2`` (before the second round) and
``blind`` are only ever measured. For each split (the newest blind split first, then the
older ones, then ``dev``) the script prints accuracy, per-class recall, coverage (share
of accounts given a committed label), precision when committing, accuracy on the
transactional and relational accounts, the confusion matrix and a reliability table
(committed labels by shown confidence: how often each band is right). ``--voices`` adds
the same figures per voice. ``--errors`` lists the misses (dev split only: never read the
blind split's failures).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reljournal.core.model import (  # noqa: E402
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    LABEL_UNDETERMINED,
    LABELS,
    Classification,
)
from tests.core.devset import Case, account_to_journal  # noqa: E402

CORPUS_DIR = ROOT / "tests" / "data" / "classifier_corpus"
SPLITS = (
    "blind_17",
    "blind_16",
    "blind_15",
    "blind_14",
    "blind_13",
    "blind_12",
    "blind_11",
    "blind_10",
    "blind_9",
    "blind_8",
    "blind_7",
    "blind_6",
    "blind_5",
    "blind_4",
    "blind_3",
    "blind_2",
    "blind",
    "dev",
)  # in the order they are reported
BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


@dataclass
class CorpusCase(Case):
    voice: str
    rationale: str


def _prefix(split: str) -> str:
    """A split's file name prefix: ``blind_9`` -> ``blind9``, ``blind`` and ``dev`` alike."""
    return split.replace("_", "") if split[-1].isdigit() else split


def load_corpus(split: str = "all", directory: Path = CORPUS_DIR) -> list[CorpusCase]:
    """The labelled accounts of one split ("dev", "blind", "blind_2" … "blind_17" or "all"),
    blind files first (newest first)."""
    import datetime as dt

    ids = itertools.count(1)
    cases = []
    paths = [p for name in SPLITS for p in sorted(directory.glob(f"{_prefix(name)}_*.json"))]
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        as_of = dt.date.fromisoformat(doc["as_of"])
        for item in doc["accounts"]:
            if split in ("all", item["split"]):
                cases.append(
                    CorpusCase(
                        account_to_journal(item, ids),
                        item["expected_label"],
                        item["split"],
                        as_of,
                        path.name,
                        item.get("voice", ""),
                        item.get("rationale", ""),
                    )
                )
    return cases


Classifier = Callable[[Case], Classification]


def default_classifier() -> Classifier:
    from reljournal.core.classify.classifier import classify_account
    from reljournal.core.classify.cues import load_cues

    cues = load_cues()
    return lambda case: classify_account(case.journal, cues, case.as_of)


def measure(cases: list[CorpusCase], results: list[Classification]) -> dict[str, Any]:
    """Every figure for a set of cases and their results."""
    matrix = {e: dict.fromkeys(LABELS, 0) for e in LABELS}
    bands = [[0, 0, 0.0] for _ in BANDS]  # count, right, sum of confidence
    for case, result in zip(cases, results, strict=True):
        matrix[case.expected][result.label] += 1
        if result.label != LABEL_UNDETERMINED:
            for n, (lo, hi) in enumerate(BANDS):
                if lo <= result.confidence < hi:
                    bands[n][0] += 1
                    bands[n][1] += result.label == case.expected
                    bands[n][2] += result.confidence
    total = len(cases)
    committed = sum(matrix[e][p] for e in LABELS for p in LABELS if p != LABEL_UNDETERMINED)
    committed_right = sum(matrix[p][p] for p in LABELS if p != LABEL_UNDETERMINED)
    decided = [LABEL_TRANSACTIONAL, LABEL_RELATIONAL]
    decided_n = sum(sum(matrix[e].values()) for e in decided)

    def ratio(a: float, b: float) -> float | None:
        return a / b if b else None

    return {
        "accounts": total,
        "accuracy": ratio(sum(matrix[c][c] for c in LABELS), total),
        "recall": {c: ratio(matrix[c][c], sum(matrix[c].values())) for c in LABELS},
        "tr_accuracy": ratio(sum(matrix[c][c] for c in decided), decided_n),
        "coverage": ratio(committed, total),
        "commit_precision": ratio(committed_right, committed),
        "confusion": matrix,
        "reliability": [
            {
                "band": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "count": n,
                "mean_confidence": ratio(conf, n),
                "accuracy": ratio(right, n),
            }
            for (lo, hi), (n, right, conf) in zip(BANDS, bands, strict=True)
        ],
    }


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:6.1%}"


def print_figures(title: str, f: dict[str, Any], *, full: bool = True) -> None:
    recall = f["recall"]
    print(
        f"{title:<28} n={f['accounts']:>3}  acc {_pct(f['accuracy'])}  "
        f"T/R acc {_pct(f['tr_accuracy'])}  coverage {_pct(f['coverage'])}  "
        f"commit precision {_pct(f['commit_precision'])}  recall T {_pct(recall['transactional'])}"
        f" R {_pct(recall['relational'])} U {_pct(recall['undetermined'])}"
    )
    if not full:
        return
    print("  confusion (rows expected, columns predicted):")
    print("  " + " " * 15 + "".join(f"{c[:5]:>7}" for c in LABELS))
    for label in LABELS:
        print(f"  {label:15}" + "".join(f"{f['confusion'][label][c]:>7}" for c in LABELS))
    print("  reliability of committed labels (confidence band: count, mean confidence, right):")
    for band in f["reliability"]:
        if band["count"]:
            print(
                f"    {band['band']}: {band['count']:>4}  {_pct(band['mean_confidence'])}"
                f"  {_pct(band['accuracy'])}"
            )


def evaluate(
    split: str, classify: Classifier | None = None
) -> tuple[list[CorpusCase], list[Classification]]:
    classify = classify or default_classifier()
    cases = load_corpus(split)
    return cases, [classify(c) for c in cases]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--voices", action="store_true", help="figures per voice as well")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the dev split's misses (never the blind splits')",
    )
    parser.add_argument("--explain", metavar="NAME", help="the reasons for one dev account")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    classify = default_classifier()
    cases, results = evaluate(args.split, classify)
    report: dict[str, Any] = {}
    for split in SPLITS:
        chosen = [(c, r) for c, r in zip(cases, results, strict=True) if c.split == split]
        if not chosen:
            continue
        figures = measure([c for c, _ in chosen], [r for _, r in chosen])
        report[split] = figures
        print_figures(f"split {split}", figures)
        if args.voices:
            for voice in sorted({c.voice for c, _ in chosen}):
                sub = [(c, r) for c, r in chosen if c.voice == voice]
                vf = measure([c for c, _ in sub], [r for _, r in sub])
                report[f"{split}/{voice}"] = vf
                print_figures(f"  {split}/{voice}", vf, full=False)
        print()
    dev = [(c, r) for c, r in zip(cases, results, strict=True) if c.split == "dev"]
    if args.errors:
        for case, result in dev:
            if result.label != case.expected:
                print(
                    f"WRONG {case.journal.account.name!r} [{case.voice}] expected "
                    f"{case.expected}, got {result.label} ({result.score:.2f}, "
                    f"conf {result.confidence:.2f}) - {case.rationale}"
                )
    if args.explain:
        for case, result in dev:
            if case.journal.account.name == args.explain:
                print(
                    f"{args.explain}: {result.label} score={result.score} "
                    f"conf={result.confidence} (expected {case.expected}: {case.rationale})"
                )
                for reason in result.reasons:
                    print(
                        f"  {reason.weight:+.3f} {reason.signal:32} {reason.date} {reason.quote!r}"
                    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
