"""The frozen app: build it with ``build.spec``, check the bundle is lean and complete,
run its ``--self-check`` headless (with and without a keychain), and start it under Xvfb
until its main window appears.

Run with ``pytest -m frozen`` (``make test`` does, after the other tests). The bundle is
built once per session into ``build/frozen-test/`` (about a minute from scratch).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import reljournal
from tests.frozen import bundle_contents

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "frozen-test"
STEP_LINE = re.compile(r"^(OK|FAIL|SKIP)\s+(.+?) — (.*)$")
# Self-check steps that need code from other issues: when that code is in the source
# tree, the step must pass in the frozen app too (a SKIP would hide a missing module).
OPTIONAL_STEPS = {
    "demo": "reljournal/core/demo.py",
    "classify": "reljournal/store/classification.py",
    "pdf brief": "reljournal/store/brief_data.py",
    "main window": "reljournal/ui/main_window.py",
}

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(900)]


def _missing(what: str) -> None:
    """Skip on a developer's machine; fail in CI, where everything must be installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI (make test installs it)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        _missing("PyInstaller (pip install -e '.[build]')")
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(BUILD / "dist"), "--workpath", str(BUILD / "work"),
        str(ROOT / "build.spec"),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    exe = BUILD / "dist" / "RelJournal" / "RelJournal"
    assert exe.is_file(), f"no frozen app at {exe}"
    return exe


@pytest.fixture
def app_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A clean environment: no display, no Python paths, a throw-away data directory."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "QT_", "RELJOURNAL_", "PYTEST", "VIRTUAL_ENV"))
        and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env["RELJOURNAL_DATA_DIR"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["TMPDIR"] = str(tmp_path)
    yield env


def _run(
    exe: Path, *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as cwd:  # nothing may depend on the working directory
        return subprocess.run(
            [str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )


def _steps(output: str) -> dict[str, tuple[str, str]]:
    steps = {}
    for line in output.splitlines():
        match = STEP_LINE.match(line)
        if match:
            steps[match.group(2)] = (match.group(1), match.group(3))
    return steps


def _bundle_files(internal: Path) -> list[str]:
    return [str(p.relative_to(internal)) for p in internal.rglob("*")]


def _frozen_modules(exe: Path) -> set[str]:
    """The Python modules inside the app's archive."""
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    with tempfile.TemporaryDirectory() as folder:
        pyz = Path(folder) / "PYZ.pyz"
        pyz.write_bytes(CArchiveReader(str(exe)).extract("PYZ.pyz"))
        return set(ZlibArchiveReader(str(pyz)).toc)


def test_bundle_is_lean_and_complete(frozen_app: Path) -> None:
    folder = frozen_app.parent
    internal = folder / "_internal"
    # Everything in the bundle is on its list, with a reason, and the list is up to date.
    contents = bundle_contents.load()
    assert sys.platform.startswith(contents["platform"])
    problems = bundle_contents.differences(internal, contents)
    assert not problems, "\n".join(problems) + f"\n(see {bundle_contents.LIST})"
    size = bundle_contents.size(folder)
    assert size <= contents["max_bytes"], f"the bundle is {size / 1e6:.1f} MB"
    # Resources where reljournal.resources looks when frozen, without installer recipes.
    assert (internal / "resources" / "questions.json").is_file()
    assert (internal / "resources" / "icons" / "reljournal.svg").is_file()
    assert not (internal / "resources" / "installer").exists()
    files = "\n".join(_bundle_files(internal))
    for unused in (
        "opengl32sw",
        "qml",
        "Quick",
        "Qt/translations",
        "WebEngine",
        "Qt6Qml",
        "Qt6Quick",
        "Qt63D",
        "Qt6Multimedia",
        "Qt6Charts",
        "Qt6Pdf",
    ):
        assert unused not in files, f"{unused} is in the bundle"
    # Keyring finds its back-ends through metadata: it must travel with the app.
    for dist in ("keyring", "SecretStorage", "jeepney", "jaraco.classes"):
        normal = dist.replace(".", "_").lower()
        assert any(
            p.name.lower().replace(".", "_").startswith(normal + "-")
            for p in internal.glob("*.dist-info")
        ), f"no {dist} metadata in the bundle"
    modules = _frozen_modules(frozen_app)
    assert "reljournal.selfcheck" in modules and "reljournal.store.keys" in modules
    for dev in (
        "pytest",
        "_pytest",
        "hypothesis",
        "mypy",
        "ruff",
        "setuptools",
        "pip",
        "tests",
        "PyInstaller",
    ):
        assert dev not in modules, f"{dev} is in the bundle"
    assert not any(m.startswith("keyrings.") for m in modules), "a plaintext keyring is bundled"


def test_version_comes_from_the_package(frozen_app: Path, app_env: dict[str, str]) -> None:
    result = _run(frozen_app, "--version", env=app_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{reljournal.APP_NAME} {reljournal.__version__}"


def test_self_check_passes_headless(frozen_app: Path, app_env: dict[str, str]) -> None:
    result = _run(frozen_app, "--self-check", env=app_env)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = _steps(result.stdout)
    assert "frozen" in result.stdout.splitlines()[0]
    assert {"resources", "keyring", "keychain", "journal", "search"} <= set(steps)
    failed = {name: detail for name, (status, detail) in steps.items() if status == "FAIL"}
    assert not failed, result.stdout
    for name, source in OPTIONAL_STEPS.items():
        if (ROOT / source).exists():
            assert steps[name][0] == "OK", f"{name}: {steps[name]}"
    assert "_internal/resources" in steps["resources"][1]
    assert "SecretService" in steps["keyring"][1]  # back-ends found through metadata


def test_without_a_keychain_the_frozen_app_uses_a_passphrase(
    frozen_app: Path, app_env: dict[str, str]
) -> None:
    app_env["RELJOURNAL_NO_KEYCHAIN"] = "1"
    result = _run(frozen_app, "--self-check", env=app_env)
    assert result.returncode == 0, result.stdout + result.stderr
    status, detail = _steps(result.stdout)["keychain"]
    assert status == "OK" and "passphrase" in detail


def test_the_frozen_app_keeps_its_key_in_the_secret_service(
    frozen_app: Path, app_env: dict[str, str]
) -> None:
    """With GNOME Keyring on a private D-Bus session, the journal key goes to the keychain."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon (apt: dbus, gnome-keyring)")
    app_env["HOME"] = app_env["TMPDIR"]  # the keyring daemon keeps its files there
    script = (
        "echo -n selfcheck | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        'exec "$0" --self-check'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, str(frozen_app)],
        env=app_env, capture_output=True, text=True, timeout=180, cwd=app_env["TMPDIR"],
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    steps = _steps(result.stdout)
    assert "SecretService" in steps["keyring"][1].split("in use:")[1], steps["keyring"]
    status, detail = steps["keychain"]
    assert status == "OK" and "stored in the keychain" in detail, detail


def test_main_window_appears_under_xvfb(frozen_app: Path, app_env: dict[str, str]) -> None:
    """The real start-up path on a real X server: a new demo journal, then the window."""
    if not (ROOT / "reljournal" / "app.py").exists():
        pytest.skip("the GUI (reljournal/app.py) is not in this build yet")
    if shutil.which("xvfb-run") is None:
        _missing("xvfb-run (apt: xvfb)")
    app_env["QT_QPA_PLATFORM"] = "xcb"
    app_env["RELJOURNAL_PASSPHRASE"] = "frozen smoke test"  # no dialog for the new journal
    app_env["RELJOURNAL_EXIT_WHEN_SHOWN"] = "1"  # quit once the window is exposed
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", str(frozen_app), "--demo-if-new"],
        env=app_env, capture_output=True, text=True, timeout=240, cwd=app_env["TMPDIR"],
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    shown = re.search(r"^RELJOURNAL_MAIN_WINDOW_SHOWN (\d+)$", result.stdout, re.MULTILINE)
    assert shown, result.stdout + result.stderr
    assert int(shown.group(1)) > 0  # the demo's accounts are listed
    log = (Path(app_env["RELJOURNAL_DATA_DIR"]) / "logs" / "reljournal.log").read_text()
    assert "xcb platform" in log
