"""Plurals: every string with a number goes through Qt's plural-aware ``tr(text, "", n)``
and the English catalogue shipped in ``resources/translations`` gives "1 day", "2 days";
no "(s)" reaches the user."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from reljournal.core.brief.words import BriefWords
from reljournal.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = resource_path("translations", "reljournal_en.ts")


def _messages() -> list[tuple[str, str, list[str]]]:
    out = []
    for context in ET.parse(CATALOGUE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            forms = [f.text or "" for f in m.iter("numerusform")]
            out.append((name, m.findtext("source") or "", forms))
    return out


def test_the_english_catalogue_is_shipped_compiled_and_current() -> None:
    assert CATALOGUE.is_file() and CATALOGUE.with_suffix(".qm").is_file()
    assert CATALOGUE.with_suffix(".qm").stat().st_size > 100
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("context", "source", "forms"), _messages())
def test_one_gives_the_singular_and_no_s_in_brackets_is_shown(
    qapp: Any, context: str, source: str, forms: list[str]
) -> None:
    assert len(forms) == 2 and all(forms)
    one = QCoreApplication.translate(context, source, "", 1)
    three = QCoreApplication.translate(context, source, "", 3)
    assert "(s)" not in one and "(s)" not in three, (one, three)
    assert "1" in one and "3" in three
    if "(s)" in source:
        assert one.replace("1", "") != three.replace("3", ""), (one, three)


def _tr_calls() -> list[tuple[str, int, str, bool]]:
    """Every literal string given to tr()/translate() in the package: (file, line, text,
    whether a number argument goes with it)."""
    found = []
    for path in sorted((ROOT / "reljournal").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name not in ("tr", "translate", "_tr"):
                continue
            texts = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            text = texts[1] if name == "translate" and len(texts) > 1 else (texts or [""])[0]
            numbered = len(node.args) >= (4 if name == "translate" else 3)
            found.append((str(path.relative_to(ROOT)), node.lineno, text, numbered))
    return found


def test_every_s_in_brackets_is_a_numbered_message_in_the_catalogue() -> None:
    sources = {source for _c, source, _f in _messages()}
    calls = _tr_calls()
    assert len(calls) > 300
    wrong = [
        (f, line, text)
        for f, line, text, numbered in calls
        if "(s)" in text and (not numbered or text not in sources)
    ]
    assert not wrong, wrong


def test_no_plural_in_brackets_elsewhere_in_the_user_interface() -> None:
    """Literal strings outside tr() (f-strings, labels) never carry "(s)" either."""
    bad = []
    for folder in ("ui", "printing", "core/brief"):
        for path in sorted((ROOT / "reljournal" / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if "(s)" in node.value and "%n" not in node.value:
                        bad.append((str(path), node.lineno, node.value))
    assert not bad, bad


def test_the_brief_words_count_in_the_singular() -> None:
    w = BriefWords()
    assert w.count("entries", 1) == "1 entry" and w.count("entries", 4) == "4 entries"
    assert w.count("contacts", 1) == "1 contact"
    assert w.count("meetings", 1) == "1 unrequested meeting"
    assert w.count("since", 1) == "last contact 1 day ago"
    assert w.count("contacts", "2–4") == "2–4 contacts"


def test_the_window_says_1_entry_and_1_account(window: Any, seeded: Any) -> None:
    from reljournal.ui.windows.account_view import AccountView

    view: AccountView = window.account_view
    window.show_team()
    assert "1 entry" in view.facts.text() and "entries" not in view.facts.text()
    text = window.accounts.count.text()
    assert "(s)" not in text and "accounts" in text  # two accounts in the seed


def test_the_due_list_says_1_day_late(qtbot: Any, journal: Any, seeded: Any) -> None:
    from reljournal.ui.views.due_view import DueView
    from tests.helpers.facade import facade

    # seeded promises are due on 2025-03-03 and 2025-03-07
    view = DueView(facade(journal), today=lambda: dt.date(2025, 3, 8))
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() > 0)
    texts = [
        view.tree.topLevelItem(i).text(c)
        for i in range(view.tree.topLevelItemCount())
        for c in range(3)
    ]
    assert any("(1 day late)" in t for t in texts), texts
    assert any("(5 days late)" in t for t in texts), texts
    assert not any("(s)" in t for t in texts)
    assert "(s)" not in view.summary.text()
