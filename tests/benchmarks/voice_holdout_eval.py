"""Leave-one-voice-out: how the classifier does on a voice it was not trained on.

    python tests/benchmarks/voice_holdout_eval.py [--l2 1e-4 1e-3 ...] [--voices]
        [--files dev_01.json ...] [--folds 8] [--neutral]

The dev split of ``tests/data/classifier_corpus`` has many voices (industries, roles,
CRM shorthand, transcripts, dictated memos, non-native English...). For each voice, the
learned statement model is trained on the dev accounts of every OTHER voice and the
held-out voice's accounts are classified with it; the results of all voices are pooled
and measured as ``classifier_eval`` measures a split. This is the honest proxy for
journals written in a voice nobody has seen (the blind splits stay for reporting only).
A grid of the model's regularization (``--l2``), the strength of its evidence and the
margin it must clear is measured, so that these are chosen on held-out voices. The cue
lexicon itself was written on dev, so its figures here are still partly in-sample.
``--folds K`` holds the voices out in K groups instead of one at a time (with 300
voices, one at a time trains 300 models); ``--neutral`` also compares models that learn
from the undetermined accounts' sentences too, as leaning neither way.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reljournal.core.classify import statement_model as sm  # noqa: E402
from reljournal.core.classify.cues import load_cues, with_model  # noqa: E402
from reljournal.core.classify.reading import customer_texts  # noqa: E402
from reljournal.core.model import Classification  # noqa: E402
from tests.benchmarks.classifier_eval import (  # noqa: E402
    CorpusCase,
    load_corpus,
    measure,
    print_figures,
)
from tests.benchmarks.statement_model_eval import _classify, _cues  # noqa: E402
from tools.train_statement_model import L2, load_vectors  # noqa: E402

# The learned model's kinds (``--models``): the shipped hashed words and word pairs; the
# embedding part alone (a linear model over the sentence's mean word vector, shipped as
# one lean per word); both trained jointly. The last two need ``--vectors``.
KINDS = ("hashed", "embedding", "joint")


@dataclasses.dataclass(frozen=True)
class Embedding:
    vectors: dict[str, tuple[float, ...]]
    dense_l2: float | None = None
    flip: bool = False


def train_on(
    cases: list[CorpusCase],
    l2: float,
    kind: str = "hashed",
    emb: Embedding | None = None,
    neutral: bool = False,
) -> sm.StatementModel:
    examples = sm.examples_of(
        ((t, c.expected) for c in cases for t in customer_texts(c.journal)), neutral
    )
    if kind == "hashed":
        return sm.train(examples, l2=l2)
    if emb is None:
        raise SystemExit(f"--models {kind} needs --vectors")
    return sm.train(
        examples,
        l2=l2,
        vectors=emb.vectors,
        dense_l2=emb.dense_l2,
        flip=emb.flip,
        hashed=kind == "joint",
    )


def run(
    l2s: list[float],
    strengths: list[float],
    margins: list[float],
    voices: bool,
    gates: list[float] | None = None,
    balances: list[float] | None = None,
    files: list[str] | None = None,
    kinds: list[str] | None = None,
    embeddings: list[Embedding] | None = None,
    model_only: bool = False,
    folds: int = 0,
    neutrals: tuple[bool, ...] = (False,),
) -> None:
    kinds = kinds or ["hashed"]
    embeddings = embeddings or [Embedding({})]
    shipped = load_cues()
    base = with_model(shipped, None)
    gates = gates or [shipped.scoring.min_customer_evidence]
    balances = balances or [shipped.scoring.balanced_at]
    dev = load_corpus("dev")
    names = sorted({c.voice for c in dev})
    measured = [c for c in dev if not files or c.source_file in files]
    # ``folds``: the voices dealt into that many groups, each held out in turn (each
    # group's voices are unseen by its model); 0: one voice at a time.
    group = {v: zlib.crc32(v.encode()) % folds if folds else k for k, v in enumerate(names)}
    print(
        f"dev split, leave-one-voice-out ({len(measured)} of {len(dev)} accounts measured, "
        f"{len(names)} voices" + (f" in {folds} groups)" if folds else ")")
    )
    ordered: list[CorpusCase] = []
    found: dict[str, list[Classification]] = {}
    for held in sorted(set(group.values())):
        # ``files``: measure only these files' accounts (the model still learns from
        # every other voice), e.g. a batch of new accounts, or last round's accounts.
        test = [c for c in dev if group[c.voice] == held and (not files or c.source_file in files)]
        train = [c for c in dev if group[c.voice] != held]
        if not test:
            continue
        ordered += test
        found.setdefault("lexicon only", []).extend(_classify(test, base, False))
        for kind, l2, neutral in itertools.product(kinds, l2s, neutrals):
            for emb in embeddings if kind != "hashed" else embeddings[:1]:
                model = train_on(train, l2, kind, emb, neutral)
                label = "" if kind == "hashed" else f"{kind} {_emb_name(emb)} "
                label += "neutral " if neutral else ""
                for strength in strengths:
                    for margin, gate, bal in itertools.product(margins, gates, balances):
                        cues = _cues(base, model, strength, margin)
                        cues = dataclasses.replace(
                            cues,
                            scoring=dataclasses.replace(
                                cues.scoring, min_customer_evidence=gate, balanced_at=bal
                            ),
                        )
                        name = (
                            f"{label}l2={l2:g} w={strength:g} m={margin:g} gate={gate:g} "
                            f"bal={bal:g}"
                        )
                        found.setdefault(name, []).extend(_classify(test, cues, False))
                        if model_only:
                            found.setdefault(f"model only: {name}", []).extend(
                                _classify(test, cues, True)
                            )
    best: tuple[float, str] | None = None
    for name, results in found.items():
        figures = measure(ordered, results)
        print_figures(name, figures, full=False)
        key = (figures["tr_accuracy"] or 0) + (figures["commit_precision"] or 0)
        if best is None or key > best[0]:
            best = (key, name)
    assert best is not None
    print(f"\nbest (T/R accuracy + commit precision): {best[1]}")
    shipped_name = (
        f"l2={l2s[0]:g} w={shipped.sources.learned:g} m={shipped.scoring.learned_margin:g}"
        f" gate={shipped.scoring.min_customer_evidence:g} bal={shipped.scoring.balanced_at:g}"
    )
    for name in dict.fromkeys([best[1], shipped_name]):
        if name not in found:
            continue
        results = found[name]
        print()
        print_figures(f"{name}", measure(ordered, results))
        if voices:
            for voice in names:
                sub = [(c, r) for c, r in zip(ordered, results, strict=True) if c.voice == voice]
                if not sub:
                    continue
                print_figures(
                    f"  {voice}",
                    measure([c for c, _ in sub], [r for _, r in sub]),
                    full=False,
                )


def _emb_name(emb: Embedding) -> str:
    dims = len(next(iter(emb.vectors.values()))) if emb.vectors else 0
    l2 = "" if emb.dense_l2 is None else f" dl2={emb.dense_l2:g}"
    return f"d={dims}{l2}{' flip' if emb.flip else ''}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--l2", type=float, nargs="+", default=[L2])
    parser.add_argument("--strength", type=float, nargs="+", default=None)
    parser.add_argument("--margin", type=float, nargs="+", default=None)
    parser.add_argument(
        "--gate",
        type=float,
        nargs="+",
        default=None,
        help="how much the customer's own words must weigh before a label is committed",
    )
    parser.add_argument(
        "--balanced",
        type=float,
        nargs="+",
        default=None,
        help="the customer's words against over those for a label that make it undetermined",
    )
    parser.add_argument("--voices", action="store_true", help="figures per held-out voice")
    parser.add_argument(
        "--files",
        nargs="+",
        default=None,
        help="measure only the accounts of these corpus files (e.g. dev_18.json)",
    )
    parser.add_argument(
        "--models",
        nargs="+",
        choices=KINDS,
        default=["hashed"],
        help="which learned models to compare (embedding, joint: need --vectors)",
    )
    parser.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="word vectors from tools/export_word_vectors.py (the path given as its --out)",
    )
    parser.add_argument("--dims", type=int, nargs="+", default=[64])
    parser.add_argument(
        "--dense-l2", type=float, nargs="+", default=None, help="shrinkage of the embedding part"
    )
    parser.add_argument("--flip", action="store_true", help="negated words: vector subtracted")
    parser.add_argument(
        "--model-only", action="store_true", help="also each learned model without the lexicon"
    )
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="hold out the voices in this many groups (faster than one voice at a time)",
    )
    parser.add_argument(
        "--neutral",
        action="store_true",
        help="also train each model with undetermined accounts' sentences as leaning neither way",
    )
    args = parser.parse_args(argv)
    shipped = load_cues()
    embeddings = None
    if args.vectors is not None:
        embeddings = [
            Embedding(load_vectors(args.vectors, dims), dense_l2, args.flip)
            for dims in args.dims
            for dense_l2 in args.dense_l2 or [None]
        ]
    run(
        args.l2,
        args.strength or [shipped.sources.learned],
        args.margin or [shipped.scoring.learned_margin],
        args.voices,
        args.gate,
        args.balanced,
        args.files,
        args.models,
        embeddings,
        args.model_only,
        args.folds,
        (False, True) if args.neutral else (False,),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
