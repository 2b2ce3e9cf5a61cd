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
import json
import math
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reljournal.core.classify.phrases import TOKEN_RE, lower_text, split_run_on, tokens

MODEL_FORMAT: Final = "reljournal-statement-model"
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
_SENTENCES: Final = re.compile(r"[^.!?;\n]+(?:[.!?;]+|$)")
_DIGITS: Final = re.compile(r"\d")


def sentences(text: str) -> list[str]:
    """The sentences of a text, verbatim (so that a reason can quote them)."""
    out = []
    for match in _SENTENCES.finditer(text):
        for clause in split_run_on(match.group()):
            piece = clause.strip()
            if len(TOKEN_RE.findall(piece)) >= 3:
                out.append(piece)
    return out


def features(sentence: str) -> list[str]:
    """Words (negated ones marked ``~``), word pairs and the first word of a sentence."""
    out: list[str] = []
    negated = False
    previous = "<s>"
    words = 0
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
        if words == 0:
            out.append(f"^{tok}")
        previous = word
        words += 1
        if tok in _NEGATORS:
            negated = True
    return out


def _bucket(feature: str, bits: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


@dataclass(frozen=True)
class StatementModel:
    bits: int
    bias: float
    weights: dict[int, float]
    fingerprint: str

    def log_odds(self, sentence: str) -> float:
        """How far a sentence leans relational (> 0) or transactional (< 0)."""
        get, bits = self.weights.get, self.bits
        seen = {_bucket(f, bits) for f in features(sentence)}
        return self.bias + sum(get(b, 0.0) for b in seen)

    def probability(self, sentence: str) -> float:
        return _sigmoid(self.log_odds(sentence))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def train(
    examples: Sequence[tuple[str, int]],
    *,
    bits: int = 18,
    epochs: int = 12,
    rate: float = 0.2,
    l2: float = 1e-4,
    seed: int = 15,
) -> StatementModel:
    """Logistic regression by stochastic gradient descent (labels: 1 relational, 0
    transactional), with lazily applied L2 shrinkage. Deterministic for a seed."""
    rows = [(sorted({_bucket(f, bits) for f in features(text)}), label) for text, label in examples]
    weights: dict[int, float] = {}
    bias = 0.0
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1.0 + epoch)
        shrink = 1.0 - step * l2
        for n in order:
            buckets, label = rows[n]
            z = bias + sum(weights.get(b, 0.0) for b in buckets)
            grad = _sigmoid(z) - label
            bias -= step * grad
            for b in buckets:
                weights[b] = weights.get(b, 0.0) * shrink - step * grad
    kept = {b: round(w, 4) for b, w in weights.items() if abs(w) >= 5e-4}
    return StatementModel(bits, round(bias, 4), kept, "")


def save_model(model: StatementModel, path: Path, about: str) -> None:
    doc = {
        "format": MODEL_FORMAT,
        "version": 1,
        "about": about,
        "bits": model.bits,
        "bias": model.bias,
        "weights": {str(b): w for b, w in sorted(model.weights.items())},
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
    weights = {int(b): float(w) for b, w in doc["weights"].items()}
    if not fingerprint:
        text = json.dumps(doc, sort_keys=True, separators=(",", ":"))
        fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return StatementModel(int(doc["bits"]), float(doc["bias"]), weights, fingerprint)


def examples_of(texts: Iterable[tuple[str, str]]) -> list[tuple[str, int]]:
    """Training pairs from (customer text, account label) pairs: every sentence of a
    transactional (0) or relational (1) account's customer texts."""
    out = []
    for text, label in texts:
        if label in ("transactional", "relational"):
            out += [(s, int(label == "relational")) for s in sentences(text)]
    return out
