"""The demo-journal generator: shape, counts, content, determinism, variety."""

from __future__ import annotations

import collections
import datetime as dt
import json
import random
import re
import subprocess
import sys
from typing import Any

import pytest

from reljournal.core.errors import CancelledError, ValidationError
from reljournal.core.model import (
    COMMITMENT_STATES,
    ENTRY_KINDS,
    EXPECTATION_TAGS,
    HEALTH_AREAS,
    STAGES,
)
from reljournal.demo.generator import (
    build_demo_document,
    demo_expected_labels,
    plan_demo_accounts,
)
from reljournal.demo.text import Writer, WriterContext, load_banks
from reljournal.resources import load_json_resource

TODAY = dt.date(2026, 11, 23)
ROLES = {"decision maker", "influencer", "user", "gatekeeper", "champion"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
BANK_QUESTIONS = [q["text"] for q in load_json_resource("questions.json")["questions"]]


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return build_demo_document(today=TODAY)


@pytest.fixture(scope="module")
def big() -> dict[str, Any]:
    return build_demo_document(accounts=2000, entries=100_000, seed=7, today=TODAY)


def all_entries(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for a in document["accounts"] for e in a["entries"]]


def check_entry(entry: dict[str, Any], known_people: set[str], team: bool = False) -> None:
    assert DATE.match(entry["date"])
    assert dt.date.fromisoformat(entry["date"]) < TODAY
    assert TIME.match(entry["time"])
    assert entry["kind"] in ENTRY_KINDS
    assert isinstance(entry["minutes"], int) and entry["minutes"] > 0
    assert isinstance(entry.get("title", ""), str)
    assert isinstance(entry["notes"], str) and entry["notes"].strip()
    assert "{" not in entry["notes"] and "the the " not in entry["notes"].lower()
    assert entry.get("initiated_by", "me") in ("me", "them")
    for name in entry.get("people", []):
        assert name in known_people, name
    for answer in entry.get("answers", []):
        assert not team
        assert answer["question"].strip() and answer["answer"].strip()
        assert answer["speaker"] in entry["people"]
        assert set(answer.get("tags", [])) <= set(EXPECTATION_TAGS)
    for promise in entry.get("commitments", []):
        assert promise["text"] and "{" not in promise["text"]
        assert promise["owner"] in ("me", "them")
        assert promise["state"] in COMMITMENT_STATES
        assert dt.date.fromisoformat(promise["due"]) > dt.date.fromisoformat(entry["date"])
        if promise["state"] == "done":
            done = dt.date.fromisoformat(promise["done"])
            assert dt.date.fromisoformat(entry["date"]) <= done <= TODAY
        else:
            assert "done" not in promise
    if "health" in entry:
        assert set(entry["health"]) == set(HEALTH_AREAS)
        assert all(1 <= v <= 5 for v in entry["health"].values())
    if "stage" in entry:
        assert entry["stage"] in STAGES


def test_shape_and_fields(doc: dict[str, Any]) -> None:
    assert doc["format"] == "reljournal" and doc["version"] == 1
    assert json.loads(json.dumps(doc)) == doc
    team_names = {m["name"] for m in doc["team"]}
    for member in doc["team"]:
        assert member["group"] in ("internal", "partner")
        assert member["title"] and member["role"] and "@" in member["email"]
    names = [a["name"] for a in doc["accounts"]]
    assert len(set(n.casefold() for n in names)) == len(names)
    for account in doc["accounts"]:
        assert account["name"] and account["industry"] and account["notes"]
        assert re.match(r"^[a-z0-9-]+(\.[a-z]+)+$", account["website"])
        people = [s["name"] for s in account["stakeholders"]]
        assert people and len(set(people)) == len(people)
        assert not set(people) & team_names
        for person in account["stakeholders"]:
            assert person["group"] == "customer" and person["role"] in ROLES
            assert person["title"] and "@" in person["email"] and person["phone"].startswith("+")
        keys = [(e["date"], e["time"]) for e in account["entries"]]
        assert keys == sorted(keys)
        for entry in account["entries"]:
            check_entry(entry, set(people) | team_names)
    keys = [(e["date"], e["time"]) for e in doc["team_entries"]]
    assert keys and keys == sorted(keys)
    for entry in doc["team_entries"]:
        check_entry(entry, team_names, team=True)


def test_natural_amount(doc: dict[str, Any]) -> None:
    assert len(doc["accounts"]) == 30
    counts = [len(a["entries"]) for a in doc["accounts"]]
    assert min(counts) >= 1 and max(counts) >= 40
    assert 6 <= sum(counts) / len(counts) <= 15
    first = min(e["date"] for e in all_entries(doc))
    assert (TODAY - dt.date.fromisoformat(first)).days <= 300


@pytest.mark.parametrize(
    ("accounts", "entries"),
    [(0, 0), (1, 0), (1, 7), (5, 3), (5, 5), (3, 100), (30, 1000), (250, 4321)],
)
def test_counts_are_exact(accounts: int, entries: int) -> None:
    document = build_demo_document(accounts=accounts, entries=entries, seed=3, today=TODAY)
    assert len(document["accounts"]) == accounts
    assert len(all_entries(document)) == entries
    if entries >= accounts:
        assert all(a["entries"] for a in document["accounts"])


def test_bad_counts() -> None:
    with pytest.raises(ValidationError):
        build_demo_document(accounts=-1)
    with pytest.raises(ValidationError):
        build_demo_document(accounts=3, entries=-5)
    with pytest.raises(ValidationError):
        build_demo_document(accounts=0, entries=4)


def test_three_groups(doc: dict[str, Any]) -> None:
    groups = {m["group"] for m in doc["team"]}
    groups |= {s["group"] for a in doc["accounts"] for s in a["stakeholders"]}
    assert groups == {"customer", "internal", "partner"}
    roles = {m["role"] for m in doc["team"]}
    assert {"pre-sales", "support", "finance", "manager"} <= roles
    assert {"reseller", "integrator", "lender"} <= roles
    internal = {m["name"] for m in doc["team"] if m["group"] == "internal"}
    in_accounts = {p for e in all_entries(doc) for p in e.get("people", [])}
    assert in_accounts & internal


def test_team_entries(big: dict[str, Any]) -> None:
    team = {m["name"] for m in big["team"]}
    assert {p for e in big["team_entries"] for p in e["people"]} == team
    assert 2000 <= len(big["team_entries"]) <= 4000


def test_stances_and_their_evidence(doc: dict[str, Any]) -> None:
    labels = demo_expected_labels(30, None, 7)
    assert list(labels) == [a["name"] for a in doc["accounts"]]
    assert collections.Counter(labels.values()) == {
        "transactional": 12,
        "relational": 12,
        "undetermined": 6,
    }
    by_name = {a["name"]: a for a in doc["accounts"]}
    for name, label in labels.items():
        answers = [x for e in by_name[name]["entries"] for x in e.get("answers", [])]
        if label == "undetermined":
            assert all(not x.get("tags") for x in answers)
        else:
            assert answers, name
    tags = collections.Counter(
        t for e in all_entries(doc) for x in e.get("answers", []) for t in x.get("tags", [])
    )
    assert tags["price"] and tags["speed"] and tags["advice"] and tags["reviews"]


def test_questions(doc: dict[str, Any]) -> None:
    asked = collections.Counter(
        x["question"] for e in all_entries(doc) for x in e.get("answers", [])
    )
    top_two = [q for q, _ in asked.most_common(2)]
    assert sorted(top_two) == sorted(BANK_QUESTIONS[:2])
    banks = load_banks()
    assert set(banks.questions.values()) == set(BANK_QUESTIONS)


def test_commitments_and_ratings(big: dict[str, Any]) -> None:
    entries = all_entries(big)
    promises = [c for e in entries for c in e.get("commitments", [])]
    states = collections.Counter(c["state"] for c in promises)
    assert states["done"] > states["open"] > states["dropped"] > 0
    overdue = [c for c in promises if c["state"] == "open" and c["due"] < TODAY.isoformat()]
    future = [c for c in promises if c["due"] > TODAY.isoformat()]
    assert overdue and future
    assert {o for c in promises for o in [c["owner"]]} == {"me", "them"}
    assert sum("health" in e for e in entries) > 1000
    assert {e["stage"] for e in entries if "stage" in e} == set(STAGES)


def test_realistic_mess(big: dict[str, Any]) -> None:
    text = [x["answer"] for e in all_entries(big) for x in e.get("answers", [])]
    joined = "\n".join(text)
    assert "I'm not looking for a partner" in joined
    assert "but more than that" in joined
    assert "I'm not after the cheapest quote" in joined
    notes = "\n".join(e["notes"] for e in all_entries(big))
    assert "tender" in notes and "procurement" in notes
    plans = plan_demo_accounts(2000, 100_000, 7)
    assert {p.flavour for p in plans} == {"plain", "changed", "overserved", "neglected"}
    names = " ".join(a["name"] for a in big["accounts"])
    assert "Müller GmbH" in names and "Żabka" in names and "Société Générale de Bureau" in names
    assert re.search(r"[\u4e00-\u9fff]", names)


def test_big_accounts(big: dict[str, Any]) -> None:
    counts = sorted((len(a["entries"]) for a in big["accounts"]), reverse=True)
    assert len(all_entries(big)) == 100_000
    assert counts[0] >= 1000
    assert counts[1] >= 300


@pytest.mark.slow
def test_text_variety(big: dict[str, Any]) -> None:
    notes = [e["notes"] for e in all_entries(big)]
    assert len(set(notes)) / len(notes) > 0.9
    sentences = collections.Counter(s for n in notes for s in n.split(". "))
    most = sentences.most_common(1)[0][1]
    assert most < len(notes) * 0.02  # no one sentence everywhere
    lengths = collections.Counter(n.count(". ") + 1 for n in notes)
    assert set(lengths) >= {1, 2, 3, 4, 5}


def test_deterministic() -> None:
    one = build_demo_document(accounts=40, entries=600, seed=11, today=TODAY)
    two = build_demo_document(accounts=40, entries=600, seed=11, today=TODAY)
    assert json.dumps(one) == json.dumps(two)
    other = build_demo_document(accounts=40, entries=600, seed=12, today=TODAY)
    assert other != one
    later = build_demo_document(accounts=40, entries=600, seed=11, today=TODAY + dt.timedelta(1))
    assert [a["name"] for a in later["accounts"]] == [a["name"] for a in one["accounts"]]


def test_progress_and_cancel() -> None:
    calls: list[tuple[int, int]] = []
    build_demo_document(
        accounts=20, entries=200, today=TODAY, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    asked = 0

    def cancel_third() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 3

    with pytest.raises(CancelledError):
        build_demo_document(accounts=20, entries=200, today=TODAY, should_cancel=cancel_third)


def test_every_template_fills() -> None:
    banks = load_banks()
    culture = banks.cultures["en"]
    ctx = WriterContext(
        contacts=["Dana", "Lee"],
        products=banks.catalogue[:3],
        culture=culture,
        industry=banks.industries[0],
        colleagues=["Sam Okoye"],
        partners=[m for m in banks.team if m.group == "partner"],
        accounts=["Acme"],
        newcomer="Pat Doe",
    )
    writer = Writer(banks, random.Random(1), ctx, 2026)
    templates = [t for group in banks.notes.values() for t in group]
    templates += [t for group in banks.lead.values() for t in group]
    templates += [t for group in banks.entry_titles.values() for t in group]
    templates += [t for group in banks.promises.values() for t in group]
    templates += [*banks.hedges_before, *banks.hedges_after]
    templates += [i.about[0] for i in banks.industries]
    phrases = [p for q in banks.answers.values() for group in q.values() for p in group]
    phrases += [p for _, q in banks.adhoc for group in q.values() for p in group]
    phrases += [p for group in banks.needs.values() for p in group]
    for phrase in phrases:
        assert set(phrase.tags) <= set(EXPECTATION_TAGS), phrase
        templates.append(phrase.text)
    for template in templates:
        assert "{" not in writer.fill(template), template


def test_core_stays_pure() -> None:
    code = (
        "import sys, reljournal.demo.generator as d; d.build_demo_document(3);"
        "bad = [m for m in ('PySide6', 'sqlite3', 'sqlite_utils') if m in sys.modules];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
