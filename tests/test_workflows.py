"""The GitHub Actions workflows (.github/workflows): actionlint finds nothing wrong, and
the release workflow builds and self-checks the app on Linux, Windows and macOS."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
RELEASE = WORKFLOWS / "release.yml"


def _actionlint() -> str:
    """The actionlint beside this Python (the test extra installs it), else on PATH."""
    name = "actionlint.exe" if os.name == "nt" else "actionlint"
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: pip install -e '.[test]'")
    return found


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_actionlint(), "-no-color", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_the_workflows_pass_actionlint() -> None:
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    assert RELEASE in workflows
    result = _lint(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The check can fail: an unknown runner label and a typo in an expression."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    broken = folder / "broken.yml"
    broken.write_text(
        RELEASE.read_text(encoding="utf-8")
        .replace("runs-on: windows-2022", "runs-on: windows-20222")
        .replace("${{ env.PYTHON_VERSION }}", "${{ env.PYTHON_VERSION }", 1),
        encoding="utf-8",
    )
    result = _lint(broken)
    assert result.returncode == 1
    assert "windows-20222" in result.stdout


def test_the_release_builds_and_checks_every_platform() -> None:
    text = RELEASE.read_text(encoding="utf-8")
    for runner in ("runs-on: ubuntu-", "runs-on: windows-", "runs-on: macos-"):
        assert runner in text, runner
    for recipe in (
        "pyinstaller --noconfirm build.spec",
        "resources/installer/linux/build-packages.sh",
        "resources\\installer\\windows\\reljournal.iss",
        "resources/installer/macos/build-dmg.sh",
        "pytest -q -m frozen",
    ):
        assert recipe in text, recipe
    assert text.count("--self-check") + text.count("self-check.ps1") >= 6
    for path in (
        "resources/installer/windows/reljournal.iss",
        "resources/installer/windows/self-check.ps1",
        "resources/installer/macos/build-dmg.sh",
        "resources/installer/linux/build-packages.sh",
    ):
        assert (ROOT / path).is_file(), path
