"""Export word vectors for training the statement model's embedding part (development
time only: the app never reads this file, nor needs numpy, a tokenizer or a model).

    python -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install wordllama==0.4.0.post1
    /tmp/embvenv/bin/python tools/export_word_vectors.py --out /tmp/word_vectors

Where the vectors come from: the 256-dimension "l2_supercat" WordLlama model that ships
inside the ``wordllama`` wheel (``wordllama/weights/l2_supercat_256.safetensors``, 16 MB,
with its tokenizer ``wordllama/tokenizers/l2_supercat_tokenizer_config.json``); nothing is
downloaded. The package is MIT-licensed; its weights were trained by its author from the
token-embedding codebooks of LLaMA 2 70B and Phi-3 medium (see the package's README), so
their own licence is not stated beyond the package's MIT licence. Only a projection of
them is shipped (one number per word, learned by ``tools/train_statement_model.py``).

The vocabulary (``--max-words`` in all): every word of the dev split of
``tests/data/classifier_corpus`` (never the blind splits), read as the classifier reads
words (``reljournal.core.classify.phrases.tokens``); then the most frequent English words
of ``wordfreq`` (``pip install wordfreq==3.1.1``; code Apache-2.0, its word lists
CC-BY-SA 4.0: only which words are common is used); then the tokenizer's whole-word
tokens (lower case, letters only). A word's
vector is the mean of its tokens' vectors (as WordLlama pools a text), the vectors then
centred and rotated onto their principal axes (so the first dimensions carry the most
variance; the trainer may keep only the first few).

Output: ``OUT.json`` (header and word list) and ``OUT.f32`` (little-endian float32, one
row of ``dims`` numbers per word, in the word list's order).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reljournal.core.classify.phrases import lower_text, tokens  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "classifier_corpus"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
PACKAGE = "wordllama"
MODEL = "l2_supercat_256"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def corpus_words() -> Counter[str]:
    """Words of the dev split's texts (file names dev_*.json), as the classifier reads them."""
    counts: Counter[str] = Counter()
    for path in sorted(CORPUS.glob("dev_*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for text in _strings(doc):
            counts.update(t for t in tokens(lower_text(text)) if WORD.fullmatch(t))
    return counts


def main(argv: list[str] | None = None) -> int:
    from importlib.metadata import version

    import numpy as np  # development-time only (the scratch environment)
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordfreq import top_n_list

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="path without extension")
    parser.add_argument("--max-words", type=int, default=40_000)
    args = parser.parse_args(argv)

    here = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(here / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(here / "weights" / f"{MODEL}.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight").astype(np.float64)

    words: dict[str, None] = dict.fromkeys(w for w, _n in corpus_words().most_common())
    for word in top_n_list("en", 3 * args.max_words):
        if WORD.fullmatch(word) and len(word) > 1:
            words.setdefault(word, None)
    for piece, _id in sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1]):
        if re.fullmatch(r"▁[A-Za-z]+", piece) and len(piece) > 2:
            words.setdefault(piece[1:].lower(), None)
    vocab = list(words)[: args.max_words]

    rows = np.empty((len(vocab), table.shape[1]))
    for n, word in enumerate(vocab):
        ids = tokenizer.encode(word, add_special_tokens=False).ids
        rows[n] = table[ids].mean(axis=0)
    rows -= rows.mean(axis=0)
    _u, _s, axes = np.linalg.svd(rows, full_matrices=False)
    rows = rows @ axes.T
    rows /= rows[:, 0].std()  # numbers of order one for the trainer
    header = {
        "format": "reljournal-word-vectors",
        "source": (
            f"{PACKAGE} {version(PACKAGE)}: {MODEL} (shipped in the wheel), word = mean of its "
            "tokens, centred, rotated onto principal axes; words: the dev corpus's, then "
            f"wordfreq {version('wordfreq')}'s most frequent English words, then the "
            "tokenizer's whole words"
        ),
        "dims": int(rows.shape[1]),
        "words": vocab,
    }
    args.out.with_suffix(".json").write_text(json.dumps(header) + "\n", encoding="utf-8")
    rows.astype("<f4").tofile(args.out.with_suffix(".f32"))
    print(f"{args.out}: {len(vocab)} words x {rows.shape[1]} dims")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
