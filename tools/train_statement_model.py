"""Train the learned statement model on the development corpus and write it to
``resources/classifier/statement_model.json``.

    python tools/train_statement_model.py [--out FILE]
    python tools/train_statement_model.py --vectors /tmp/word_vectors [--out FILE]

``--vectors``: also train an embedding part over the sentence's mean word vector (word
vectors exported by ``tools/export_word_vectors.py``, in a scratch environment; see
there), stored in the model file as one lean per word and per negated word, so that the
app reads it in pure Python. Measured against the plain model by
``tests/benchmarks/voice_holdout_eval.py --models hashed joint --vectors ...``.

Only the ``dev`` split of ``tests/data/classifier_corpus`` is read: the blind splits are
never trained on. Every sentence the customer's people said in a transactional or
relational account (as the reader attributes speakers) is one example, labelled with
its account's label. Deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from array import array
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
# The embedding part (``--vectors``, not shipped: see the README, "Whole sentences,
# learned"): how many of the vectors' dimensions it reads, and its shrinkage - the best
# on leave-one-voice-out at the shipped strength and margin (--models joint --dims 16 32
# 64 --dense-l2 0.3 1 3); a weaker shrinkage (0.03) reads better alone, worse with the
# lexicon.
DIMS = 64
DENSE_L2 = 3.0


def load_vectors(path: Path, dims: int) -> dict[str, tuple[float, ...]]:
    """Word vectors exported by ``tools/export_word_vectors.py`` (``path`` without its
    extension, or either of its two files), the first ``dims`` numbers of each."""
    base = path.with_suffix("")
    header = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    if header.get("format") != "reljournal-word-vectors":
        raise SystemExit(f"{base}.json: not a word-vector file of tools/export_word_vectors.py")
    width = int(header["dims"])
    numbers = array("f")
    numbers.frombytes(base.with_suffix(".f32").read_bytes())
    if sys.byteorder != "little":
        numbers.byteswap()
    words = header["words"]
    if len(numbers) != width * len(words):
        raise SystemExit(f"{base}.f32 does not hold {len(words)} vectors of {width} numbers")
    keep = min(dims, width)
    return {w: tuple(numbers[n * width : n * width + keep]) for n, w in enumerate(words)}


def training_examples(split: str = "dev") -> list[tuple[str, float]]:
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
    parser.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="word vectors from tools/export_word_vectors.py: train the embedding part too",
    )
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--dense-l2", type=float, default=DENSE_L2)
    args = parser.parse_args(argv)
    examples = training_examples("dev")
    if args.vectors is None:
        model = sm.train(examples, l2=args.l2)
        about = (
            "Logistic regression over hashed words and word pairs of whole sentences; trained "
            f"by tools/train_statement_model.py (l2={args.l2:g}) on {len(examples)} customer "
            "sentences of the classifier corpus's dev split (tests/data/classifier_corpus)."
        )
    else:
        vectors = load_vectors(args.vectors, args.dims)
        model = sm.train(examples, l2=args.l2, vectors=vectors, dense_l2=args.dense_l2)
        header = json.loads(args.vectors.with_suffix(".json").read_text(encoding="utf-8"))
        about = (
            "Logistic regression over hashed words and word pairs of whole sentences and over "
            f"their mean word vector (first {args.dims} dimensions of {header['source']}), the "
            "latter shipped as one lean per word and per negated word; trained by "
            f"tools/train_statement_model.py (l2={args.l2:g}, dense l2={args.dense_l2:g}) on "
            f"{len(examples)} customer sentences of the classifier corpus's dev split "
            "(tests/data/classifier_corpus)."
        )
    sm.save_model(model, args.out, about)
    size = args.out.stat().st_size
    print(
        f"{args.out}: {len(examples)} sentences, {len(model.weights)} weights, "
        f"{len(model.words)} word leans, {size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
