"""The one way to find files under ``resources/``.

Works from a source checkout (``resources/`` beside the package), from an
installed wheel (``reljournal/_resources`` inside the package, see
``pyproject.toml``) and from the frozen app (PyInstaller's ``sys._MEIPASS``,
where ``build.spec`` puts ``resources/`` at the bundle's top level).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """The folder that holds the app's resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")  # source checkout
    candidates.append(_PACKAGE_DIR / "_resources")  # installed wheel
    for candidate in candidates:
        if (candidate / "questions.json").is_file():
            return candidate
    raise FileNotFoundError(
        "RelJournal's resources folder is missing; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/``, e.g. ``resource_path("questions.json")``."""
    return resources_dir().joinpath(*parts)


def load_json_resource(*parts: str) -> Any:
    """Parse a JSON file under ``resources/``."""
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
