"""A smaller ICU data library for the Linux bundle (build.spec calls it).

PySide6's Linux wheels link Qt Core against ICU 73, whose data library
(``libicudata.so.73``) is 32 MB: collation, break-iterator dictionaries, transliterators,
code-page tables and the display names of every language, region, currency, unit and time
zone in every locale. Qt Core asks ICU for case mapping (built into ``libicuuc``),
collation (``QCollator``: the file dialog sorts names with it), calendars and time-zone
ids, and code-page converters (``QStringConverter`` for encodings beyond UTF and Latin-1,
which RelJournal never asks for: its CSV and vCard readers decode in Python). So the
bundle keeps the locale data, the root collation and the time-zone tables, and leaves
out the rest (``LEFT_OUT``); an item ICU cannot find is an error code to its caller (Qt
then falls back to its own tables), never a crash.

    python resources/installer/trim_icu.py SOURCE.so DEST.so   # prints the sizes

Needs ``icupkg`` (Debian/Ubuntu: icu-devtools) and a C compiler driver (``cc``/``gcc``)
with the GNU assembler. ``trim`` returns None when they are missing, and the caller keeps
the full library (the frozen test then fails on the bundle's size).
"""

from __future__ import annotations

import fnmatch
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# Item names inside the data (after the "icudt73l/" prefix), fnmatch patterns.
LEFT_OUT = (
    "brkitr/*",  # word/line break rules and CJK/Thai/Khmer dictionaries: Qt has its own
    "translit/*",  # transliterators: Qt never calls utrans
    "curr/*",  # currency names: Qt's QLocale has its own CLDR tables
    "lang/*",  # language names: idem
    "region/*",  # region names: idem
    "unit/*",  # unit names: idem
    "zone/*",  # time-zone display names (QTimeZone::displayName: RelJournal shows none)
    "rbnf/*",  # spelled-out numbers: Qt never calls unum with RBNF
    "*.cnv",  # code-page tables (QStringConverter beyond UTF/Latin-1: unused)
    "unames.icu",  # Unicode character names (u_charName: unused)
    "confusables*.cfu",  # spoof checking (uspoof: unused)
    "*.spp",  # StringPrep profiles (IDNA 2003 and others: QUrl has its own IDNA)
    "uts46.nrm",  # UTS #46 IDNA: idem
    # Collation tailorings of single languages (Chinese, Korean, Japanese and ~100 more,
    # 2.4 MB): a QCollator for such a locale falls back to the root collation (the Unicode
    # Collation Algorithm's order, kept below); RelJournal sorts nothing with QCollator.
    "coll/*",
)
# Items kept although a LEFT_OUT pattern names them.
KEPT = (
    "coll/root.res",  # the root collation (UCA order)
    "coll/ucadata.icu",  # its data
    "coll/res_index.res",  # the index of the collation tree
)


def _data_symbol(elf: bytes) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol of a 64-bit little-endian
    ELF shared library."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)
    ]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link]
        for at in range(offset, offset + size, entsize):
            st_name, _st_info, _other, shndx, value, st_size = struct.unpack_from(
                "<IBBHQQ", elf, at
            )
            start = strtab[4] + st_name
            name = elf[start : elf.index(b"\0", start)].decode("ascii")
            if name.startswith("icudt") and name.endswith("_dat") and shndx:
                home = sections[shndx]  # file offset = value - section address + offset
                return name, value - home[3] + home[4], st_size
    raise ValueError("no icudtNN_dat symbol")


def _run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")
    return result.stdout


def trim(source: Path, dest: Path) -> Path | None:
    """Write ``source`` (libicudataNN.so) without the LEFT_OUT items to ``dest``; None
    (and nothing written) when the tools are missing."""
    icupkg = shutil.which("icupkg")
    cc = shutil.which("cc") or shutil.which("gcc")
    if not (icupkg and cc):
        print("trim_icu: icupkg or a C compiler is missing; the full ICU data is bundled")
        return None
    elf = source.read_bytes()
    symbol, offset, size = _data_symbol(elf)
    soname = source.name
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        package = symbol.removesuffix("_dat") + "l.dat"  # icupkg wants icudt73l.dat
        full = work / "full" / package
        full.parent.mkdir()
        full.write_bytes(elf[offset : offset + size])
        items = _run(icupkg, "-l", str(full)).split()
        drop = [
            i
            for i in items
            if any(fnmatch.fnmatch(i, p) for p in LEFT_OUT) and i not in KEPT
        ]
        (work / "drop.txt").write_text("\n".join(drop) + "\n", encoding="ascii")
        small = work / package
        _run(icupkg, "-r", str(work / "drop.txt"), str(full), str(small))
        assembly = work / "data.S"
        assembly.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n'
            f'\t.balign 16\n{symbol}:\n\t.incbin "{small}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        dest.parent.mkdir(parents=True, exist_ok=True)
        _run(
            cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-Wl,-z,noexecstack",
            "-Wl,-s", "-o", str(dest), str(assembly),
        )  # fmt: skip
    return dest


def main(argv: list[str]) -> int:
    source, dest = Path(argv[0]), Path(argv[1])
    if trim(source, dest) is None:
        return 1
    print(f"{source}: {source.stat().st_size:,} bytes -> {dest}: {dest.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
