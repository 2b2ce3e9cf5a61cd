"""A learned statement model: reads a whole sentence of the customer's and says how far
it leans relational or transactional.

A logistic regression over hashed features of the sentence - its words and word pairs,
with the words after a negation marked as negated ("no need for reviews" gives
``~reviews``), and its first word - trained in pure Python by the project on the
development corpus's customer statements (each labelled with its account's label; see
``tools/train_statement_model.py``) and shipped as ``resources/classifier/
statement_model.json`` (a few hundred kilobytes: no model is downloaded, nothing
needs numpy). It reads paraphrase the cue lexicon has no phrase for ("one partner for
inverters, not three", "embedded with our scientists"); the lexicon reads what it was
written for. The classifier uses both (see ``reading``): each customer sentence the
model is sure about becomes one more piece of evidence, quoting the sentence.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from reljournal.core.classify.phrases import (
    BETWEEN_NEGATIONS,
    TOKEN_RE,
    dictated,
    lower_text,
    split_dictated,
    split_run_on,
    tokens,
)

MODEL_FORMAT: Final = "reljournal-statement-model"
WEIGHT_SCALE: Final = 1000  # weights are stored in thousandths
SIGNAL: Final = "learned.statement"
SOURCE: Final = (
    "Learned statement model (logistic regression over the words of whole sentences, "
    "trained on the development corpus): Rosen's ask-them answers read as a whole"
)
_NEGATORS: Final = frozenset(
    "not no never nothing none nobody without don't doesn't didn't won't can't cannot "
    "isn't aren't wasn't weren't wouldn't shouldn't couldn't haven't hasn't nor neither "
    "dont doesnt didnt wont cant isnt arent stop stopped cancel cancelled canceled skip "
    "drop dropped".split()
)
_BREAKS: Final = frozenset('.,;:!?\n()"“”–—-')
_CONTRAST: Final = frozenset({"but", "however", "although", "though", "yet", "whereas"})
# A sentence, up to its end (a decimal point or a numbered field's is no end: "19.40").
_SENTENCES: Final = re.compile(r"(?:[^.!?;\n]|\.(?=\d))+(?:[.!?;]+|$)")
_DIGITS: Final = re.compile(r"\d")


def sentences(text: str) -> list[str]:
    """The sentences of a text, verbatim (so that a reason can quote them)."""
    out = []
    for match in _SENTENCES.finditer(text):
        whole = match.group()
        parts = split_dictated(whole) if dictated(whole) else [whole]
        for clause in (c for part in parts for c in split_run_on(part)):
            piece = clause.strip()
            if len(TOKEN_RE.findall(piece)) >= 3:
                out.append(piece)
    return out


def features(sentence: str) -> list[str]:
    """Words (negated ones marked ``~``), word pairs and the first word of a sentence."""
    return _read(sentence, False)[0]


def words_of(sentence: str) -> list[str]:
    """The words of a sentence as the model reads them (negated ones marked ``~``)."""
    return _read(sentence, True)[1]


def _read(sentence: str, with_words: bool) -> tuple[list[str], list[str]]:
    """``features`` and, ``with_words``, ``words_of`` in one pass."""
    out: list[str] = []
    words: list[str] = []
    negated = False
    previous = "<s>"
    count = 0
    gap, between = 2, False  # words since the last negation; "reason" right after it
    for tok in tokens(lower_text(sentence)):
        if tok in _BREAKS:
            negated, previous = False, "<p>"
            continue
        tok = _DIGITS.sub("0", tok)
        if tok in _CONTRAST:
            negated = False
        word = f"~{tok}" if negated else tok
        out.append(word)
        out.append(f"{previous} {word}")
        if count == 0:
            out.append(f"^{tok}")
        if with_words:
            words.append(word)
        previous = word
        count += 1
        if tok in _NEGATORS:
            # "wouldn't not want", "no reason not to keep": a negation right after another
            # cancels it.
            negated = not (negated and (gap == 0 or (gap == 1 and between)))
            gap, between = 0, False
        else:
            between = gap == 0 and tok in BETWEEN_NEGATIONS
            gap += 1
    return out, words


def _bucket(feature: str, bits: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


@dataclass(frozen=True)
class StatementModel:
    bits: int
    bias: float
    weights: dict[int, float]
    fingerprint: str
    # The embedding part (``train`` with ``vectors``): each word's lean, "word" and
    # "~word" (negated); a sentence adds the mean lean of its words found here. A linear
    # model over a sentence's mean word vector is the mean of its words' projections, so
    # the vectors themselves are not needed to read.
    words: Mapping[str, float] = field(default_factory=dict)

    def log_odds(self, sentence: str) -> float:
        """How far a sentence leans relational (> 0) or transactional (< 0)."""
        get, bits = self.weights.get, self.bits
        feats, words = _read(sentence, bool(self.words))
        seen = {_bucket(f, bits) for f in feats}
        z = self.bias + sum(get(b, 0.0) for b in seen)
        if self.words:
            lean = self.words.get
            known = [x for x in (lean(w) for w in words) if x is not None]
            if known:
                z += sum(known) / len(known)
        return z

    def probability(self, sentence: str) -> float:
        return _sigmoid(self.log_odds(sentence))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _dense(
    words: Sequence[str], vectors: Mapping[str, Sequence[float]], dims: int, flip: bool
) -> list[float] | None:
    """The mean vector of a sentence's known words: plain words in the first ``dims``
    numbers, negated ones in the next ``dims`` (or, ``flip``, subtracted from the first)."""
    x = [0.0] * (dims if flip else 2 * dims)
    known = 0
    for word in words:
        negated = word.startswith("~")
        vector = vectors.get(word[1:] if negated else word)
        if vector is None:
            continue
        known += 1
        if negated and flip:
            for j in range(dims):
                x[j] -= vector[j]
        else:
            at = dims if negated else 0
            for j in range(dims):
                x[at + j] += vector[j]
    if not known:
        return None
    return [v / known for v in x]


def train(
    examples: Sequence[tuple[str, float]],
    *,
    bits: int = 18,
    epochs: int = 12,
    rate: float = 0.2,
    l2: float = 1e-4,
    seed: int = 15,
    vectors: Mapping[str, Sequence[float]] | None = None,
    dense_l2: float | None = None,
    hashed: bool = True,
    flip: bool = False,
) -> StatementModel:
    """Logistic regression by stochastic gradient descent (labels: 1 relational, 0
    transactional, 0.5 neither), with lazily applied L2 shrinkage. Deterministic for a seed.

    ``vectors`` (word -> vector, all of one length): the model also reads the mean
    vector of each sentence's words (negated words with a projection of their own, or
    ``flip``: their vector subtracted), shrunk by ``dense_l2`` (default ``l2``); the
    trained projection is stored as one lean per word (``StatementModel.words``).
    ``hashed=False``: the embedding part alone."""
    dims = len(next(iter(vectors.values()))) if vectors else 0
    rows = []
    for text, label in examples:
        feats, words = _read(text, True)
        buckets = sorted({_bucket(f, bits) for f in feats}) if hashed else []
        x = _dense(words, vectors, dims, flip) if vectors else None
        rows.append((buckets, x, label))
    width = dims if flip else 2 * dims
    # Each dense number scaled to unit spread over the training sentences (folded back
    # into the projection at the end), so one step size suits both kinds of feature.
    spread = [1.0] * width
    dense = [x for _b, x, _l in rows if x is not None]
    if dense:
        for j in range(width):
            m = sum(x[j] for x in dense) / len(dense)
            sd = math.sqrt(sum((x[j] - m) ** 2 for x in dense) / len(dense))
            spread[j] = sd if sd > 1e-9 else 1.0
        rows = [
            (b, None if x is None else [v / s for v, s in zip(x, spread, strict=True)], lab)
            for b, x, lab in rows
        ]
    weights: dict[int, float] = {}
    w = [0.0] * width
    bias = 0.0
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1.0 + epoch)
        shrink = 1.0 - step * l2
        shrink_dense = 1.0 - step * (l2 if dense_l2 is None else dense_l2)
        for n in order:
            buckets, x, label = rows[n]
            z = bias + sum(weights.get(b, 0.0) for b in buckets)
            if x is not None:
                z += sum(a * b for a, b in zip(w, x, strict=True))
            grad = _sigmoid(z) - label
            bias -= step * grad
            for b in buckets:
                weights[b] = weights.get(b, 0.0) * shrink - step * grad
            if x is not None:
                g = step * grad
                w = [a * shrink_dense - g * b for a, b in zip(w, x, strict=True)]
    kept = {b: round(v, 4) for b, v in weights.items() if abs(v) >= 5e-4}
    leans: dict[str, float] = {}
    if vectors:
        plain = [a / s for a, s in zip(w[:dims], spread[:dims], strict=True)]
        if flip:
            negated = [-a for a in plain]
        else:
            negated = [a / s for a, s in zip(w[dims:], spread[dims:], strict=True)]
        for word, vector in vectors.items():
            leans[word] = round(sum(a * b for a, b in zip(plain, vector, strict=True)), 3)
            leans[f"~{word}"] = round(sum(a * b for a, b in zip(negated, vector, strict=True)), 3)
    return StatementModel(bits, round(bias, 4), kept, "", leans)


def save_model(model: StatementModel, path: Path, about: str) -> None:
    doc: dict[str, object] = {
        "format": MODEL_FORMAT,
        "version": 2 if model.words else 1,
        "about": about,
        "bits": model.bits,
        "bias": model.bias,
    }
    # The weights, compactly: the buckets in order as gaps from the one before, and each
    # weight in thousandths (the installer has a size budget; a thousandth is far below
    # what moves a sentence's reading).
    kept = [(b, round(w * WEIGHT_SCALE)) for b, w in sorted(model.weights.items())]
    kept = [(b, v) for b, v in kept if v]
    buckets = [b for b, _ in kept]
    doc["buckets"] = [b - a for a, b in zip([0, *buckets[:-1]], buckets, strict=True)]
    doc["values"] = [v for _, v in kept]
    if model.words:
        # One lean per word and per negated word, in thousandths, in the word list's order.
        vocab = sorted(w for w in model.words if not w.startswith("~"))
        doc["words"] = {
            "vocabulary": " ".join(vocab),
            "plain": [round(model.words[w] * 1000) for w in vocab],
            "negated": [round(model.words.get(f"~{w}", 0.0) * 1000) for w in vocab],
        }
    path.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")


def load_model(path: Path) -> StatementModel | None:
    """A model file, or None when there is none (the lexicon then reads alone)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_model(json.loads(raw), hashlib.sha256(raw).hexdigest()[:12])


def parse_model(doc: object, fingerprint: str = "") -> StatementModel:
    if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
        raise ValueError("not a statement model")
    if "weights" in doc:  # as first written: {"bucket": weight}
        weights = {int(b): float(w) for b, w in doc["weights"].items()}
    else:
        gaps, values = doc["buckets"], doc["values"]
        if len(gaps) != len(values):
            raise ValueError("the statement model's weights are inconsistent")
        buckets = itertools.accumulate(int(g) for g in gaps)
        weights = {b: int(v) / WEIGHT_SCALE for b, v in zip(buckets, values, strict=True)}
    leans: dict[str, float] = {}
    table = doc.get("words")
    if table is not None:
        vocab = str(table["vocabulary"]).split()
        plain, negated = table["plain"], table["negated"]
        if not len(vocab) == len(plain) == len(negated):
            raise ValueError("the statement model's word table is inconsistent")
        for word, p, q in zip(vocab, plain, negated, strict=True):
            leans[word] = int(p) / 1000
            leans[f"~{word}"] = int(q) / 1000
    if not fingerprint:
        text = json.dumps(doc, sort_keys=True, separators=(",", ":"))
        fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return StatementModel(int(doc["bits"]), float(doc["bias"]), weights, fingerprint, leans)


def examples_of(texts: Iterable[tuple[str, str]], neutral: bool = False) -> list[tuple[str, float]]:
    """Training pairs from (customer text, account label) pairs: every sentence of a
    transactional (0) or relational (1) account's customer texts; ``neutral``: also
    every sentence of an undetermined account's, as leaning neither way (0.5)."""
    out: list[tuple[str, float]] = []
    for text, label in texts:
        if label in ("transactional", "relational"):
            out += [(s, float(label == "relational")) for s in sentences(text)]
        elif neutral:
            out += [(s, 0.5) for s in sentences(text)]
    return out
