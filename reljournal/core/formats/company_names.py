"""``company_key``: when two spellings name the same company.

"ACME, Inc.", "Acme Inc" and "acme" are one company; so are "Müller GmbH" and
"Muller". The key sets aside what ``text_key`` sets aside (case, punctuation, runs
of white space), the accents of Latin, Greek and Cyrillic letters (only there: in
other scripts the marks are part of the letter), a leading "the", and legal-form
suffixes at the end ("Inc.", "Ltd", "LLC", "GmbH", "S.A.", "Pty Ltd", "& Co. KG",
…). A name that is nothing but a suffix ("AG") keeps it.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from reljournal.core.model import text_key

# legal forms, as text_key leaves them (lower case, punctuation turned into spaces);
# multi-word forms are listed as they read after "S.A." → "s a"
_SUFFIXES: Final = frozenset(
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "companies",
        "ltd", "limited", "llc", "l l c", "llp", "l l p", "lp", "l p", "plc", "pllc", "pc",
        "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "ug", "ev", "e v", "se",
        "sa", "s a", "sas", "s a s", "sarl", "s a r l", "sca", "sl", "s l", "slu",
        "srl", "s r l", "spa", "s p a", "sapa", "snc",
        "bv", "b v", "nv", "n v", "vof", "cv",
        "ab", "as", "asa", "a s", "aps", "oy", "oyj", "hf", "ehf",
        "pty", "pty ltd", "pte", "pte ltd", "pvt", "pvt ltd", "private limited", "sdn bhd",
        "bhd", "kk", "k k", "kabushiki kaisha", "yk", "ooo", "zao", "oao", "pao",
        "sp z o o", "spzoo", "s r o", "sro", "kft", "zrt", "doo", "d o o",
        "ltda", "sa de cv", "s a de c v", "cia", "and co",
    }
)  # fmt: skip
_MAX_SUFFIX_WORDS: Final = max(len(s.split()) for s in _SUFFIXES)
_KEEP_MARKS_FROM: Final = 0x0530  # marks after letters below this (Latin, Greek, Cyrillic) go


def _fold_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to fold (most names)
    out: list[str] = []
    base = 0
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            if base >= _KEEP_MARKS_FROM:
                out.append(char)
            continue
        base = ord(char)
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _strip_suffixes(words: list[str]) -> list[str]:
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in range(min(_MAX_SUFFIX_WORDS, len(words) - 1), 0, -1):
            if " ".join(words[-size:]) in _SUFFIXES:
                words = words[:-size]
                changed = True
                break
    return words


def company_key(name: str) -> str:
    """The key under which two spellings of a company's name are the same."""
    key = text_key(_fold_accents(name))
    words = key.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    words = _strip_suffixes(words)
    return " ".join(words) if words else key
