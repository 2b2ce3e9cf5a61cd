"""The learned statement model's embedding part (issue 15, round 5): a linear model over a
sentence's mean word vector, trained with word vectors at development time and shipped
as one lean per word (and per negated word), read in pure Python. The vectors here are
small ones written for the tests: the point is what the model does with any vectors."""

from __future__ import annotations

import json
import math
import sys
from array import array
from pathlib import Path

import pytest

from reljournal.core.classify import statement_model as sm
from tools.train_statement_model import load_vectors

# Two directions: "relational" words near (1, 0), "transactional" words near (-1, 0),
# the rest near (0, 1). ``collaborate`` and ``haggle`` never occur in the training
# sentences: only their vectors can tell the model which way they lean.
VECTORS: dict[str, tuple[float, ...]] = {
    "partner": (1.0, 0.1),
    "together": (0.9, 0.0),
    "plan": (0.8, 0.2),
    "collaborate": (0.95, 0.05),
    "price": (-1.0, 0.1),
    "cheapest": (-0.9, 0.0),
    "quote": (-0.8, 0.2),
    "haggle": (-0.95, 0.05),
    "we": (0.0, 1.0),
    "want": (0.0, 0.9),
    "the": (0.05, 1.0),
    "a": (0.0, 1.0),
    "us": (0.0, 0.8),
    "with": (0.0, 0.9),
    "just": (0.0, 0.9),
    "send": (0.0, 0.8),
    "meetings": (0.6, 0.3),
    "no": (0.0, 0.7),
}

EXAMPLES = [
    ("we want a partner", 1),
    ("plan together with us", 1),
    ("a partner to plan with", 1),
    ("we want meetings together", 1),
    ("just send the cheapest quote", 0),
    ("the price and the quote", 0),
    ("cheapest price wins", 0),
    ("no meetings just the price", 0),
] * 4


def _embedding_model(**kw: object) -> sm.StatementModel:
    return sm.train(EXAMPLES, vectors=VECTORS, epochs=8, l2=0.01, **kw)  # type: ignore[arg-type]


def test_an_unseen_word_leans_the_way_its_vector_does() -> None:
    model = _embedding_model(hashed=False)
    assert not model.weights  # the embedding part alone
    assert model.words["collaborate"] > 0 > model.words["haggle"]
    assert model.log_odds("we collaborate") > 0 > model.log_odds("we haggle")
    # A word with no vector and no hashed weight adds nothing: only known words count.
    assert model.log_odds("we collaborate zzyzx") == pytest.approx(model.log_odds("we collaborate"))


def test_negated_words_have_leans_of_their_own() -> None:
    model = _embedding_model(hashed=False)
    assert set(model.words) == set(VECTORS) | {f"~{w}" for w in VECTORS}
    # Negated words are read through a projection of their own, learned from the
    # negated sentences ("no meetings just the price", said in transactional accounts).
    assert model.words["~price"] != model.words["price"]
    assert model.log_odds("no meetings just the price") < 0
    flipped = _embedding_model(hashed=False, flip=True)
    assert flipped.words["~partner"] == pytest.approx(-flipped.words["partner"], abs=2e-3)


def test_joint_training_is_deterministic_and_survives_saving(tmp_path: Path) -> None:
    first, second = _embedding_model(), _embedding_model()
    assert first.weights and first.words
    assert first.weights == second.weights and first.words == second.words
    path = tmp_path / "model.json"
    sm.save_model(first, path, "test")
    loaded = sm.load_model(path)
    assert loaded is not None and loaded.words == first.words
    for text in ("we collaborate together", "no haggle, just the cheapest quote", "partner"):
        # weights are stored in thousandths: a sentence's few features move by far less
        assert loaded.log_odds(text) == pytest.approx(first.log_odds(text), abs=0.01)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2


def test_a_model_without_an_embedding_part_reads_as_before(tmp_path: Path) -> None:
    model = sm.train(EXAMPLES, epochs=8)
    assert not model.words
    path = tmp_path / "model.json"
    sm.save_model(model, path, "test")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 1 and "words" not in doc
    loaded = sm.load_model(path)
    assert loaded is not None and loaded.log_odds("cheapest quote") == pytest.approx(
        model.log_odds("cheapest quote"), abs=0.01
    )


def test_an_inconsistent_word_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    sm.save_model(_embedding_model(), path, "test")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["words"]["plain"] = doc["words"]["plain"][:-1]
    with pytest.raises(ValueError, match="word table"):
        sm.parse_model(doc)


def test_word_vectors_are_read_as_exported(tmp_path: Path) -> None:
    words = ["partner", "price", "don't"]
    rows = [(1.0, 2.0, 3.0), (-1.0, 0.5, 0.25), (0.0, -2.0, 1.5)]
    base = tmp_path / "vectors"
    header = {"format": "reljournal-word-vectors", "source": "test", "dims": 3, "words": words}
    base.with_suffix(".json").write_text(json.dumps(header), encoding="utf-8")
    data = array("f", [x for row in rows for x in row])
    if sys.byteorder != "little":  # pragma: no cover - the file is little-endian
        data.byteswap()
    base.with_suffix(".f32").write_bytes(data.tobytes())
    full = load_vectors(base, 8)
    assert list(full) == words
    assert all(
        math.isclose(a, b)
        for w, row in zip(words, rows, strict=True)
        for a, b in zip(full[w], row, strict=True)
    )
    assert load_vectors(base, 2)["price"] == (-1.0, 0.5)
    base.with_suffix(".f32").write_bytes(data.tobytes()[:-4])
    with pytest.raises(SystemExit, match="does not hold"):
        load_vectors(base, 2)
