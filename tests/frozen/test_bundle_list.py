"""The bundle's list (resources/installer/bundle-contents.json) and the ICU trimming, without
building the bundle (the frozen test checks the real one against the list)."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.frozen import bundle_contents

sys.path.insert(0, str(bundle_contents.ROOT / "resources" / "installer"))
import trim_icu  # noqa: E402


def test_every_entry_of_the_list_has_a_reason() -> None:
    contents = bundle_contents.load()
    assert 0 < contents["max_bytes"] <= 120_000_000  # issue 18: the onedir at most 120 MB
    for section in bundle_contents.SECTIONS:
        assert contents[section], f"{section} is empty"
        for pattern, reason in contents[section].items():
            assert len(reason.split()) >= 2, f"{section}: {pattern} has no reason"


def _fake_bundle(root: Path, contents: dict[str, dict[str, str]]) -> Path:
    """A folder shaped like ``_internal`` holding one file per literal name in ``contents``."""
    for folder in bundle_contents.SECTIONS.values():
        (root / folder).mkdir(parents=True, exist_ok=True)
    for section, folder in bundle_contents.SECTIONS.items():
        for pattern in contents[section]:
            name = pattern.replace("*", "x")
            if section == "python_extensions":
                name += ".cpython-311-x86_64-linux-gnu.so"
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_bytes(b"")
    return root


def test_the_check_names_what_grew_and_what_went(tmp_path: Path) -> None:
    contents = bundle_contents.load()
    internal = _fake_bundle(tmp_path / "_internal", contents)
    assert bundle_contents.differences(internal, contents) == []
    (internal / "PySide6" / "Qt" / "lib" / "libQt6Quick.so.6").write_bytes(b"")
    (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").unlink()
    assert bundle_contents.differences(internal, contents) == [
        "qt_libraries: libQt6Quick.so.6 is in the bundle but not in the list",
        "qt_plugins: platforms/libqxcb.so is in the list but not in the bundle",
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ICU is bundled on Linux")
def test_the_trimmed_icu_data_keeps_collation_and_locales(tmp_path: Path) -> None:
    icupkg = shutil.which("icupkg")
    if not icupkg or not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("needs icupkg (apt: icu-devtools) and a C compiler")
    import PySide6

    source = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    small = trim_icu.trim(source, tmp_path / source.name)
    assert small is not None
    assert small.stat().st_size < source.stat().st_size / 3
    symbol, offset, size = trim_icu._data_symbol(small.read_bytes())
    assert symbol == trim_icu._data_symbol(source.read_bytes())[0]
    data = tmp_path / "check" / (symbol.removesuffix("_dat") + "l.dat")
    data.parent.mkdir()
    data.write_bytes(small.read_bytes()[offset : offset + size])
    items = subprocess.run(
        [icupkg, "-l", str(data)], capture_output=True, text=True, check=True
    ).stdout.split()
    for kept in ("coll/root.res", "coll/ucadata.icu", "de.res", "root.res", "zoneinfo64.res"):
        assert any(i == kept or i.endswith("/" + kept) for i in items), kept
    assert not any("/brkitr/" in i or i.endswith(".cnv") for i in items)
    assert not any(i.endswith("coll/sv.res") or i.endswith("coll/zh.res") for i in items)
    ctypes.CDLL(str(small))  # a loadable shared library
    # Qt collates with it: a language whose tailoring was left out falls back to the root
    # collation (Unicode's order), never to a failure or a crash
    probe = (
        "from functools import cmp_to_key\n"
        "from PySide6.QtCore import QCollator, QLocale\n"
        "for name in ('sv_SE', 'zh_CN', 'en_US'):\n"
        "    c = QCollator(QLocale(name))\n"
        "    words = ['zebra', 'Ångström', 'apple', 'Apple', 'öl']\n"
        "    print(name, sorted(words, key=cmp_to_key(c.compare)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LD_PRELOAD": str(small), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, run.stderr
    for line in run.stdout.splitlines():
        assert line.split(" ", 1)[1] == "['Ångström', 'apple', 'Apple', 'öl', 'zebra']", line
