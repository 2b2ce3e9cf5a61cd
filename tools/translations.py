"""Update the translation catalogues from the code, then compile them.

    .venv/bin/python tools/translations.py          # update the .ts files and build the .qm files
    .venv/bin/python tools/translations.py --check  # exit 1 if the English catalogue is stale

Runs ``pyside6-lupdate`` (from PySide6-Essentials) over ``reljournal/`` and writes
``resources/translations/reljournal_en.ts``: English is the source language, so this
catalogue holds only the messages with a number (``%n``), each with its two English plural
forms made from the source text ("%n day(s)" → "%n day" / "%n days"; "entry(s)" →
"entry" / "entries"). Other languages' ``reljournal_<lang>.ts`` files are updated in
place for translators (Qt Linguist). ``pyside6-lrelease`` then builds each ``.qm``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
ENGLISH = FOLDER / "reljournal_en.ts"
IRREGULAR = {"person": ("person", "people")}
_PLURAL = re.compile(r"(\w*?)([^aeiou\W])y\(s\)|\(s\)")


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural English forms of a source text with "(s)" marks."""

    def one(m: re.Match[str]) -> str:
        return f"{m.group(1)}{m.group(2)}y" if m.group(2) else ""

    def many(m: re.Match[str]) -> str:
        return f"{m.group(1)}{m.group(2)}ies" if m.group(2) else "s"

    for word, (singular, plural) in IRREGULAR.items():
        source = source.replace(f"{word}(s)", f"\0{singular}|{plural}\0")
    text_one, text_many = _PLURAL.sub(one, source), _PLURAL.sub(many, source)
    pick = re.compile("\0([^|]*)\\|([^\0]*)\0")
    return pick.sub(r"\1", text_one), pick.sub(r"\2", text_many)


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (pip install -e .)")
    return found


def extract() -> ET.ElementTree:
    sources = sorted(str(p) for p in (ROOT / "reljournal").rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "all.ts"
        subprocess.run(
            [_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
             "-ts", str(raw)],
            check=True, capture_output=True,
        )  # fmt: skip
        return ET.parse(raw)


def english_catalogue(tree: ET.ElementTree) -> str:
    root = ET.Element("TS", version="2.1", language="en", sourcelanguage="en")
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        if "." in name:  # lupdate's mistake for translate() beside self.tr on one line
            name = name.split(".", 1)[0]
        messages = []
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if "%n" not in source:
                continue
            out = ET.Element("message", numerus="yes")
            ET.SubElement(out, "source").text = source
            comment = message.findtext("comment")
            if comment:
                ET.SubElement(out, "comment").text = comment
            translation = ET.SubElement(out, "translation")
            for form in english_forms(source):
                ET.SubElement(translation, "numerusform").text = form
            messages.append(out)
        if messages:
            ctx = next((c for c in root if c.findtext("name") == name), None)
            if ctx is None:
                ctx = ET.SubElement(root, "context")
                ET.SubElement(ctx, "name").text = name
            seen = {m.findtext("source") for m in ctx.iter("message")}
            ctx.extend(m for m in messages if m.findtext("source") not in seen)
    for ctx in root:
        ctx[1:] = sorted(ctx[1:], key=lambda m: m.findtext("source") or "")
    root[:] = sorted(root, key=lambda c: c.findtext("name") or "")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'


def main() -> int:
    check = "--check" in sys.argv[1:]
    text = english_catalogue(extract())
    if check:
        stale = not ENGLISH.exists() or ENGLISH.read_text(encoding="utf-8") != text
        print("the English catalogue is stale" if stale else "the English catalogue is current")
        return 1 if stale else 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    ENGLISH.write_text(text, encoding="utf-8")
    for ts in sorted(FOLDER.glob("reljournal_*.ts")):
        if ts != ENGLISH:
            sources = sorted(str(p) for p in (ROOT / "reljournal").rglob("*.py"))
            subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(ts)], check=True)
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )
    print(f"catalogues in {FOLDER}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
