"""Train the learned statement model on the development corpus and write it to
``resources/classifier/statement_model.json``.

    python tools/train_statement_model.py [--out FILE]

Only the ``dev`` split of ``tests/data/classifier_corpus`` is read: the blind splits are
never trained on. Every sentence the customer's people said in a transactional or
relational account (as the reader attributes speakers) is one example, labelled with
its account's label. Deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reljournal.core.classify import statement_model as sm  # noqa: E402
from reljournal.core.classify.reading import customer_texts  # noqa: E402
from tests.benchmarks.classifier_eval import load_corpus  # noqa: E402

OUT = ROOT / "resources" / "classifier" / "statement_model.json"
# Chosen by leave-one-voice-out on dev (tests/benchmarks/voice_holdout_eval.py --l2 ...):
# stronger shrinkage generalizes better to a voice the model was not trained on.
L2 = 0.1


def training_examples(split: str = "dev") -> list[tuple[str, int]]:
    cases = load_corpus(split)
    return sm.examples_of(
        (text, case.expected) for case in cases for text in customer_texts(case.journal)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--l2",
        type=float,
        default=L2,
        help="regularization (chosen by tests/benchmarks/voice_holdout_eval.py)",
    )
    args = parser.parse_args(argv)
    examples = training_examples("dev")
    model = sm.train(examples, l2=args.l2)
    sm.save_model(
        model,
        args.out,
        f"Logistic regression over hashed words and word pairs of whole sentences; trained by "
        f"tools/train_statement_model.py (l2={args.l2:g}) on {len(examples)} customer "
        "sentences of the "
        "classifier corpus's dev split (tests/data/classifier_corpus).",
    )
    size = args.out.stat().st_size
    print(f"{args.out}: {len(examples)} sentences, {len(model.weights)} weights, {size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
