"""The resource helper finds ``resources/`` in all three layouts: a source checkout, an
installed wheel (``reljournal/_resources``) and the frozen app (``sys._MEIPASS/resources``);
and a real wheel build ships them there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal import resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    resources.resources_dir.cache_clear()
    yield
    resources.resources_dir.cache_clear()


def _fake_resources(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "questions.json").write_text("[]", encoding="utf-8")
    return folder


def test_source_checkout_finds_the_top_level_folder() -> None:
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.resource_path("questions.json").is_file()
    assert resources.resource_path("icons", "reljournal.svg").is_file()


def test_installed_wheel_finds_the_folder_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "reljournal"
    expected = _fake_resources(package / "_resources")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources.resources_dir() == expected


def test_frozen_app_finds_the_folder_in_the_bundle_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "RelJournal" / "_internal"
    expected = _fake_resources(bundle / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    # The real checkout is still there; the bundle's copy must win.
    assert resources.resources_dir() == expected


def test_missing_resources_name_every_place_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "nowhere" / "reljournal")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    with pytest.raises(FileNotFoundError) as info:
        resources.resources_dir()
    message = str(info.value)
    assert str(tmp_path / "bundle" / "resources") in message
    assert "_resources" in message


def test_build_spec_bundles_resources_where_the_helper_looks() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    # build.spec puts resources/ at the bundle's top level, i.e. sys._MEIPASS/resources.
    assert 'RESOURCES_DEST = "resources"' in spec
    assert "from reljournal import" in spec  # name and version come from the package


@pytest.mark.slow
def test_wheel_ships_resources_inside_the_package(tmp_path: Path) -> None:
    """Build a real wheel from a copy of the source and load resources from it."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "reljournal", source / "reljournal", ignore=ignore)
    shutil.copytree(ROOT / "resources", source / "resources", ignore=ignore)
    out = tmp_path / "wheel"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    if result.returncode != 0 and "No matching distribution" in result.stderr:
        pytest.skip("the build backend could not be installed (no package index)")
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("reljournal-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "reljournal/_resources/questions.json" in names
        assert "reljournal/_resources/icons/reljournal.svg" in names
        assert not any(n.startswith("reljournal/_resources/installer/") for n in names)
        site = tmp_path / "site"
        archive.extractall(site)
    # A pure wheel installs by unpacking; -S keeps the editable checkout off sys.path.
    probe = (
        f"import sys; sys.path.insert(0, {str(site)!r}); "
        "from reljournal.resources import resources_dir; print(resources_dir())"
    )
    found = subprocess.run(
        [sys.executable, "-S", "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert Path(found) == site / "reljournal" / "_resources"
