"""Evaluate the classifier on the labelled development set.

    python tests/core/devset_eval.py [--split dev|holdout|all] [--errors] [--explain NAME]

Prints accuracy, per-class recall and the confusion matrix (rows: expected,
columns: predicted).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reljournal.core.classify.classifier import classify_account  # noqa: E402
from reljournal.core.classify.cues import load_cues  # noqa: E402
from reljournal.core.model import LABELS  # noqa: E402
from tests.core.devset import Case, load_devset  # noqa: E402


def evaluate(
    cases: list[Case],
) -> tuple[float, dict[str, float], dict[str, dict[str, int]], list[tuple[Case, str, float]]]:
    cues = load_cues()
    matrix = {e: dict.fromkeys(LABELS, 0) for e in LABELS}
    wrong = []
    for case in cases:
        result = classify_account(case.journal, cues, case.as_of)
        matrix[case.expected][result.label] += 1
        if result.label != case.expected:
            wrong.append((case, result.label, result.score))
    correct = sum(matrix[c][c] for c in LABELS)
    accuracy = correct / len(cases) if cases else 0.0
    recall = {
        c: (matrix[c][c] / sum(matrix[c].values()) if sum(matrix[c].values()) else 0.0)
        for c in LABELS
    }
    return accuracy, recall, matrix, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="dev")
    parser.add_argument("--errors", action="store_true", help="list the misclassified accounts")
    parser.add_argument("--explain", metavar="NAME", help="print the reasons for one account")
    args = parser.parse_args(argv)
    cases = load_devset(args.split)
    if args.explain:
        cues = load_cues()
        for case in cases:
            if case.journal.account.name == args.explain:
                r = classify_account(case.journal, cues, case.as_of)
                print(
                    f"{case.journal.account.name}: {r.label} score={r.score} conf={r.confidence} (expected {case.expected})"
                )
                for reason in r.reasons:
                    print(
                        f"  {reason.weight:+.3f} {reason.signal:32} {reason.date} {reason.quote!r}"
                    )
        return 0
    accuracy, recall, matrix, wrong = evaluate(cases)
    print(f"split={args.split} accounts={len(cases)} accuracy={accuracy:.1%}")
    for label in LABELS:
        print(f"  recall {label:14} {recall[label]:.1%}")
    print("  confusion (rows expected, columns predicted):")
    print("  " + " " * 15 + "".join(f"{c[:5]:>7}" for c in LABELS))
    for label in LABELS:
        print(f"  {label:15}" + "".join(f"{matrix[label][c]:>7}" for c in LABELS))
    if args.errors:
        for case, got, score in wrong:
            print(
                f"  WRONG {case.journal.account.name!r}: expected {case.expected}, got {got} ({score:.2f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
