"""The cue file: loading, validation with clear messages, and the phrase syntax."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.classify import phrases as cm
from reljournal.core.classify.cues import Cues, _Reader, load_cues, parse_cues
from reljournal.core.errors import ValidationError
from reljournal.resources import load_json_resource

SOURCES = ("Rosen", "Jackson", "Grönroos", "Garbarino", "Carew", "ATD", "Goerger")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = load_json_resource("classifier", "cues.json")
    return data


def test_the_shipped_cue_file_loads(cues: Cues) -> None:
    assert len(cues.groups) >= 20
    assert len({g.id for g in cues.groups}) == len(cues.groups)
    assert cues.scoring.transactional_at < 0.5 < cues.scoring.relational_at
    assert cues.scoring.half_life_days > 0


def test_every_group_names_its_literature(cues: Cues) -> None:
    for group in cues.groups:
        assert any(name in group.source for name in SOURCES), group.id
    assert any(name in cues.stage.source for name in SOURCES)
    for signal in cues.behaviour.values():
        assert any(name in signal.source for name in SOURCES)


def test_both_directions_are_covered(cues: Cues) -> None:
    assert sum(g.weight > 0 for g in cues.groups) >= 8
    assert sum(g.weight < 0 for g in cues.groups) >= 8


def test_loading_from_a_path(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert [g.id for g in load_cues(path).groups] == [g["id"] for g in raw["groups"]]


def _phrase_text(tokens: tuple[str, ...]) -> str:
    words = [t for t in tokens if t != cm.ANCHOR]
    words = ["thing" if t == cm.WILDCARD else "." if t == cm.END else t for t in words]
    return " ".join(words)


def test_every_cue_phrase_can_be_found(cues: Cues) -> None:
    """Each phrase, written out as text, is found again: its words survive the
    tokeniser (a phrase like "'d like" or "e-mail" would silently never match)."""
    reader = _Reader("test")
    missing = []
    for index, group in enumerate(cues.groups):
        for phrase in group.phrases:
            tokens = reader.expand(phrase, group.id)[0]
            toks = cm.tokens(cm.lower_text(_phrase_text(tokens))) + ["\n"]
            found = {
                cues.matcher.groups[p]
                for _, _, p in cues.matcher.find_cues(toks, anchored=True)
                if cues.matcher.kinds[p] == cm.CUE
            }
            if index not in found:
                missing.append(f"{group.id}: {phrase}")
    assert not missing


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("review(s)", [("review",), ("reviews",)]),
        ("a/b c", [("a", "c"), ("b", "c")]),
        (
            "keep me/us? posted",
            [("keep", "me", "posted"), ("keep", "us", "posted"), ("keep", "posted")],
        ),
        ("{is not|isn't} everything", [("is", "not", "everything"), ("isn't", "everything")]),
        ("^ no <end>", [("^", "no", "<end>")]),
        ("lowest *? wins", [("lowest", "*", "wins"), ("lowest", "wins")]),
    ],
)
def test_phrase_syntax(phrase: str, expected: list[tuple[str, ...]]) -> None:
    assert _Reader("test").expand(phrase, "here") == expected


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("{is not|isn't everything", "unbalanced braces"),
        ("we ^ want", "may only stand alone"),
        ("* partner", "must start with a word"),
        ("price$", "is not a word"),
        ("{|a} b", "empty alternative"),
    ],
)
def test_bad_phrases_are_refused(phrase: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _Reader("test").expand(phrase, "here")


def _broken(raw: dict[str, Any], change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), '"format" must be "reljournal-cues"'),
        (lambda d: d.update(version=99), "not supported"),
        (lambda d: d.update(colour="blue"), 'unknown key "colour"'),
        (lambda d: d.pop("scoring"), 'missing "scoring"'),
        (lambda d: d["scoring"].update(half_life_days=0), "half_life_days"),
        (lambda d: d["scoring"].update(relational_at=0.4), "relational_at"),
        (
            lambda d: d["scoring"].update(transactional_at=0.45, relational_at=0.5),
            "transactional_at < 0.5",
        ),
        (lambda d: d["sources"].update(answer="high"), '"answer" must be a number'),
        (lambda d: d["modifiers"].pop("hedge"), 'missing "hedge"'),
        (lambda d: d["modifiers"]["hedge"].update(phrases=[]), "non-empty list of phrases"),
        (lambda d: d["groups"][0].update(weight=0), '"weight" must not be 0'),
        (lambda d: d["groups"][0].update(id="Bad Id"), "lower case, dotted"),
        (lambda d: d["groups"][0].pop("source"), 'missing "source"'),
        (lambda d: d["groups"][1].update(id=d["groups"][0]["id"]), "duplicate id"),
        (lambda d: d["groups"][0].update(topic="yes"), '"topic" must be true or false'),
        (lambda d: d["groups"][0].update(phrases=["fine", 3]), "empty or non-text phrase"),
        (lambda d: d["groups"][0].update(question="how often"), "list of words"),
        (lambda d: d.update(groups=[]), "non-empty list"),
        (lambda d: d["behaviour"]["stage"]["weights"].pop("dependent"), 'missing "dependent"'),
        (lambda d: d["behaviour"]["one_sided"].pop("min_entries"), 'missing "min_entries"'),
        # issue 15: stance topics, undecided words, the new scoring and source keys
        (lambda d: d.update(topics=["contact"]), "topic names and lists of group ids"),
        (lambda d: d["topics"].update(extra=["no.such_group"]), "unknown group id"),
        (
            lambda d: d["topics"].update(again=[d["topics"]["contact"][0]]),
            "is already in topic",
        ),
        (lambda d: d["undecided"].update(phrases="not sure"), "must be a list of texts"),
        (lambda d: d["undecided"].pop("source"), 'missing "source"'),
        (lambda d: d["scoring"].update(one_day_ceiling=1.5), "one_day_ceiling"),
        (lambda d: d["sources"].pop("rep_line"), 'missing "rep_line"'),
        (lambda d: d["modifiers"].pop("sarcasm"), 'missing "sarcasm"'),
    ],
)
def test_malformed_cue_files_say_what_is_wrong(
    raw: dict[str, Any], change: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        parse_cues(_broken(raw, change), "cues.json")
    assert str(err.value).startswith("Cue file cues.json")


def test_a_cue_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "cues.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_cues(path)
    with pytest.raises(ValidationError, match="Cannot read"):
        load_cues(tmp_path / "missing.json")
    with pytest.raises(ValidationError, match="must be an object"):
        parse_cues([], "x")


def test_question_scoped_groups_and_complaints(cues: Cues) -> None:
    scoped = cues.scoped_groups_for("How often would you like to hear from me, and about what?")
    assert "q.cadence_regular" in {cues.groups[i].id for i in scoped}
    assert not cues.scoped_groups_for("What are your expectations of the person you buy from?")
    assert cues.is_complaint("What went wrong with suppliers you have used before?")
    assert not cues.is_complaint("How long do you expect to work with the supplier you choose?")


def test_the_core_stays_free_of_qt_and_sqlite() -> None:
    code = (
        "import sys, reljournal.core.classify.classifier, reljournal.core.effort.plans;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlite3', 'sqlcipher3'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
