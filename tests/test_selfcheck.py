"""``reljournal --self-check`` from source: every step passes here, a module that is not in
the build is a SKIP (never an OK), and a failing step makes the exit code 1."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from reljournal import selfcheck

LINE = re.compile(r"^(OK|FAIL|SKIP)\s+(.+?) — (.*)$")


def _report(capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[str, str]]:
    lines = capsys.readouterr().out.splitlines()
    steps = {}
    for line in lines:
        match = LINE.match(line)
        if match:
            steps[match.group(2)] = (match.group(1), match.group(3))
    assert len(steps) == len(selfcheck.STEPS), lines
    return steps


def test_every_step_passes_from_source(qapp: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert selfcheck.run_self_check() == 0
    steps = _report(capsys)
    assert {name: status for name, (status, _) in steps.items()} == {
        name: "OK" for name, _ in selfcheck.STEPS
    }
    assert "stored in the keychain" in steps["keychain"][1]  # the in-memory test keychain
    assert "accounts" in steps["main window"][1]


def test_no_keychain_means_a_passphrase(
    qapp: Any, no_keychain: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert selfcheck.run_self_check() == 0
    status, detail = _report(capsys)["keychain"]
    assert status == "OK" and "passphrase" in detail


def test_a_module_missing_from_the_build_is_skipped(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.import_module

    def without_demo(name: str, package: str | None = None) -> Any:
        if name == "reljournal.demo.generator":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_demo)
    assert selfcheck.run_self_check() == 0
    steps = _report(capsys)
    assert steps["demo"] == ("SKIP", "not in this build: reljournal.demo.generator")
    for later in ("classify", "search", "pdf brief"):
        assert steps[later][0] == "SKIP", steps[later]


def test_a_failing_step_fails_the_check_and_the_rest_still_run(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("reljournal.store.search.search", lambda db, text, **kw: [])
    assert selfcheck.run_self_check() == 1
    steps = _report(capsys)
    assert steps["search"][0] == "FAIL" and "did not find" in steps["search"][1]
    assert steps["pdf brief"][0] == "OK"
