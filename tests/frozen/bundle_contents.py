"""The bundle against its list (resources/installer/bundle-contents.json): what is in the
bundle that the list does not name, and what the list names that is no longer there."""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "resources" / "installer" / "bundle-contents.json"
# section of the list -> (folder inside _internal, how an entry is named)
SECTIONS = {
    "top_level": ".",
    "qt_bindings": "PySide6",
    "qt_libraries": "PySide6/Qt/lib",
    "qt_plugins": "PySide6/Qt/plugins",
    "python_extensions": "python3.11/lib-dynload",
}


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LIST.read_text(encoding="utf-8"))
    return data


def entries(internal: Path, section: str) -> list[str]:
    """The names the list's ``section`` speaks of, as they are in the bundle."""
    folder = internal / SECTIONS[section]
    if section == "qt_plugins":  # kind/file
        return sorted(str(p.relative_to(folder)) for p in folder.glob("*/*"))
    if section == "python_extensions":  # module names
        return sorted(p.name.split(".")[0] for p in folder.iterdir())
    if section == "qt_bindings":  # the files beside the Qt folder
        return sorted(p.name for p in folder.iterdir() if p.name != "Qt")
    return sorted(p.name for p in folder.iterdir())


def differences(internal: Path, contents: dict[str, Any] | None = None) -> list[str]:
    """Every way the bundle at ``internal`` (its ``_internal`` folder) and the list differ:
    an entry no pattern names, a pattern that names nothing."""
    contents = load() if contents is None else contents
    problems = []
    for section in SECTIONS:
        patterns: dict[str, str] = contents[section]
        found = entries(internal, section)
        for name in found:
            if not any(fnmatch(name, pattern) for pattern in patterns):
                problems.append(f"{section}: {name} is in the bundle but not in the list")
        for pattern in patterns:
            if not any(fnmatch(name, pattern) for name in found):
                problems.append(f"{section}: {pattern} is in the list but not in the bundle")
    return problems


def size(folder: Path) -> int:
    """The bundle's size in bytes: its files, not counting symbolic links twice."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
