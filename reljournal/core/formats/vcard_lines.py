"""Make the vCards real programs write readable by ``vobject``.

vobject reads vCard 3.0 well but refuses, or misreads, what phones and mail programs
write every day. This module works on the file's bytes, one card at a time, and hands
vobject clean 3.0 text:

- line ends ``\\r\\n``, ``\\n``, a lone ``\\r`` and the iPhone's ``\\r\\r\\n`` are all one
  line end; empty lines are dropped; folded lines (a leading space or tab) are joined;
- vCard 2.1 (Android, Outlook, Nokia, Apple's 2.1 export): bare parameters
  (``TEL;WORK;VOICE``) become ``TYPE=``; ``ENCODING=QUOTED-PRINTABLE`` values are
  joined across their ``=`` soft line breaks *before* decoding (a multi-byte character
  may be split across two lines) and decoded with the property's ``CHARSET`` (UTF-8,
  else Windows-1252 when the bytes are not UTF-8) — one file may mix encodings;
- text is re-escaped for 3.0: commas that are not list separators (the Gmail ``FN``,
  every 2.1 value), line breaks; escapes that 3.0 does not have (the Mac's ``\\:``) are
  undone;
- properties vobject refuses or that a contact import never needs (``PROFILE``,
  ``NAME``, ``SOURCE`` of Lotus Notes; ``PHOTO``/``LOGO``/``SOUND`` data; property names
  with a space) are left out or renamed.

A card that is cut off or has no ``END:VCARD`` is reported with its number and the
lines of the *file* it spans.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from typing import Final

BEGIN: Final = re.compile(rb"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
END: Final = re.compile(rb"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_VERSION = re.compile(rb"^\s*VERSION\s*:\s*(\S+)", re.IGNORECASE)
_SOFT_BREAK = re.compile(rb"=(?:\r\n|\r|\n)")
_NAME_OK = re.compile(r"[^A-Za-z0-9.-]")
_DROPPED: Final = frozenset({"PROFILE", "NAME", "SOURCE", "MAILER", "PHOTO", "LOGO", "SOUND",
                             "KEY", "AGENT", "VERSION", "X-MS-OL-DESIGN", "BEGIN", "END"})  # fmt: skip
# properties whose value is one text (a comma is never a list separator in them)
_SINGLE_TEXT: Final = frozenset({"FN", "TITLE", "ROLE", "NOTE", "ORG", "LABEL", "NICKNAME"})
_STRUCTURED: Final = frozenset({"N", "ADR", "ORG"})
_KNOWN_ENCODINGS: Final = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


@dataclass
class Prop:
    """One property of a cleaned card: ``text`` is its value escaped as in vCard 3.0."""

    name: str  # upper case, without its group
    group: str  # "item1" of "item1.TEL", lower case; "" for none
    params: dict[str, list[str]]  # upper-case keys; TYPE values in lower case
    text: str

    def value(self) -> str:
        """The value as plain text (escapes undone)."""
        return unescape_text(self.text)

    def components(self) -> list[str]:
        """A structured value's parts (N, ADR, ORG), each as plain text."""
        return [unescape_text(p) for p in _COMPONENT.split(self.text)]

    def words(self) -> list[str]:
        """The TYPE words, and "pref" for a PREF parameter."""
        words = list(self.params.get("TYPE", ()))
        if "PREF" in self.params:
            words.append("pref")
        return words


_COMPONENT = re.compile(r"(?<!\\);")
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)


def unescape_text(text: str) -> str:
    """Undo 3.0 text escapes: ``\\n`` is a line break, ``\\,`` ``\\;`` ``\\\\`` the character."""
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


@dataclass
class RawCard:
    number: int  # the card's position in the file
    first_line: int  # the line of the file its BEGIN:VCARD is on
    last_line: int = 0
    version: str = ""
    text: str = ""  # clean vCard 3.0 text for vobject ("" when ``problem`` is set)
    props: list[Prop] = field(default_factory=list)  # the same, read
    problem: str = ""
    lines: list[bytes] = field(default_factory=list, repr=False)


def split_lines(raw: bytes) -> list[bytes]:
    """Physical lines, whatever ends them (``\\r\\r\\n`` counts as one end)."""
    text = raw.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n")
    # a lone CR ends a line too, except right after a soft break's "=" inside a
    # quoted-printable value, where the value's join below takes care of it
    return text.split(b"\n")


def split_cards(raw: bytes) -> list[RawCard]:
    """Every BEGIN:VCARD…END:VCARD of the file, with the file lines it spans; a card
    cut off, or whose END is missing, comes back with a ``problem``."""
    cards: list[RawCard] = []
    current: RawCard | None = None
    lines = split_lines(raw)
    for index, line in enumerate(lines, start=1):
        if BEGIN.match(line):
            if current is not None:
                current.last_line = index - 1
                current.problem = (
                    f"card {current.number} (from line {current.first_line}) has no END:VCARD: "
                    f"line {index} begins another card (BEGIN:VCARD) inside it"
                )
                cards.append(current)
            current = RawCard(len(cards) + 1, index)
            continue
        if current is None:
            continue
        if END.match(line):
            current.last_line = index
            cards.append(current)
            current = None
            continue
        current.lines.append(line)
    if current is not None:
        last = len(lines) if lines[-1].strip() else max(len(lines) - 1, current.first_line)
        current.last_line = last
        current.problem = (
            f"card {current.number} (from line {current.first_line}) is cut off: the file "
            f"ends on line {last} inside it, with no END:VCARD"
        )
        cards.append(current)
    return cards


def _logical_lines(lines: list[bytes]) -> tuple[list[bytes], list[int]]:
    """Unfold continuation lines (leading blank) and quoted-printable soft breaks; with
    each logical line, the index of its first physical line."""
    out: list[bytes] = []
    starts: list[int] = []
    in_qp = False
    for index, line in enumerate(lines):
        if in_qp and out:
            out[-1] += b"\n" + line
            in_qp = out[-1].rstrip(b"\r").endswith(b"=")
            continue
        if not line.strip(b"\r\t "):
            continue
        if line[:1] in (b" ", b"\t") and out:
            out[-1] += line[1:].rstrip(b"\r")
            continue
        out.append(line.rstrip(b"\r"))
        starts.append(index)
        head = out[-1].split(b":", 1)[0].upper()
        in_qp = b"QUOTED-PRINTABLE" in head and out[-1].rstrip(b"\r").endswith(b"=")
    return out, starts


def _split_property(line: bytes) -> tuple[str, list[str], bytes] | None:
    """(name, raw parameters, value bytes); None for a line that is not a property."""
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:  # a quoted parameter value may hold ":" and ";"
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        return None
    parts = head.decode("ascii", errors="replace").split(";")
    name = parts[0].strip()
    if not name:
        return None
    return name, [p.strip() for p in parts[1:] if p.strip()], value


def _decode(value: bytes, charset: str) -> str:
    for codec in (charset, "utf-8"):
        if not codec:
            continue
        try:
            return value.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return value.decode("cp1252", errors="replace")


def _unescape_3(text: str) -> str:
    """Undo 3.0/4.0 escapes, keeping ``\\;`` and ``\\,`` (vobject splits on them)."""

    def one(match: re.Match[str]) -> str:
        char = match.group(1)
        if char in "nN":
            return "\n"
        if char in ";,\\":
            return match.group(0)
        return char  # \: \" and the like are not escapes in 3.0: keep the character

    return _ESCAPE.sub(one, text)


def _escape(text: str, *, commas: bool) -> str:
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\\n")
    return text.replace(",", "\\,") if commas else text


def _escape_component(text: str, *, commas: bool) -> str:
    """Escape one ``;``-separated component (the ``;`` itself is the separator)."""
    return _escape(text, commas=commas).replace(";", "\\;")


def _escape_single_commas(value: str) -> str:
    """Escape commas not already escaped (a one-text property of a 3.0 card)."""
    return re.sub(r"(?<!\\),", r"\\,", re.sub(r"\\\\", "\x00", value)).replace("\x00", "\\\\")


def _parameters(raw: list[str]) -> tuple[list[str], str, str, dict[str, list[str]]]:
    """(3.0 parameters, encoding, charset, parameters by name) from 2.1 or 3.0 ones."""
    types: list[str] = []
    others: list[str] = []
    by_name: dict[str, list[str]] = {}
    encoding = charset = ""
    for param in raw:
        key, sep, value = param.partition("=")
        key_u = key.strip().upper()
        if not sep:
            if key_u in _KNOWN_ENCODINGS:
                encoding = key_u
            elif key_u:
                types.append(key.strip())
            continue
        value = value.strip()
        if key_u == "ENCODING":
            encoding = value.strip('"').upper()
        elif key_u == "CHARSET":
            charset = value.strip('"')
        elif key_u == "TYPE":
            types.extend(v for v in value.split(",") if v)
        elif key_u == "PREF":
            types.append("pref")
        elif re.fullmatch(r"[A-Za-z0-9-]+", key.strip()):
            by_name.setdefault(key_u, []).extend(value.strip('"').split(","))
            if value and not (value.startswith('"') and value.endswith('"')):
                value = f'"{value}"' if re.search(r'[;:,"]', value) else value
            others.append(key.strip() + "=" + value.replace('\\"', ""))
    if types:
        others.insert(0, "TYPE=" + ",".join(re.sub(r"[^A-Za-z0-9_$!<>.-]", "", t) for t in types))
        by_name["TYPE"] = [t.strip().strip('"').lower() for t in types]
    return others, encoding, charset, by_name


def clean_card(card: RawCard) -> None:
    """Fill ``card.text`` with vCard 3.0 text vobject reads (and ``card.version``)."""
    logical, starts = _logical_lines(card.lines)
    version = ""
    for line in logical:
        found = _VERSION.match(line)
        if found:
            version = found.group(1).decode("ascii", errors="replace")
            break
    card.version = version or "3.0"
    legacy = card.version.startswith("2")
    out = ["BEGIN:VCARD", "VERSION:3.0"]
    for line, start in zip(logical, starts, strict=True):
        split = _split_property(line)
        if split is None:
            shown = line[:40].decode("utf-8", errors="replace")
            card.problem = (
                f"card {card.number} (from line {card.first_line}): line "
                f'{card.first_line + 1 + start} is not a vCard property ("{shown}")'
            )
            return
        name, raw_params, value = split
        group, _, bare = name.rpartition(".")
        upper = bare.upper()
        if upper in _DROPPED:
            continue
        params, encoding, charset, by_name = _parameters(raw_params)
        if encoding == "QUOTED-PRINTABLE":
            value = quopri.decodestring(_SOFT_BREAK.sub(b"", value))
            qp_or_legacy = True
        else:
            qp_or_legacy = legacy
        if encoding in ("BASE64", "B"):
            continue  # binary data (a key, a sound): nothing a contact import keeps
        text = _decode(value, charset)
        if qp_or_legacy:
            # decoded quoted-printable and 2.1 values are plain text: escape for 3.0
            if upper in _STRUCTURED:
                parts = re.split(r"(?<!\\);", text)
                text = ";".join(
                    _escape_component(p.replace("\\;", ";"), commas=True) for p in parts
                )
            else:
                text = _escape(text, commas=True)
        else:
            text = _unescape_3(text)
            if upper in _SINGLE_TEXT and upper not in _STRUCTURED:
                text = _escape_single_commas(text)
            elif upper in _STRUCTURED:
                text = _escape_single_commas(text) if upper == "ORG" else text
        safe_name = _NAME_OK.sub("-", bare) or "X-UNNAMED"
        if safe_name[0].isdigit():
            safe_name = "X-" + safe_name
        if group:
            safe_name = f"{_NAME_OK.sub('-', group)}.{safe_name}"
        text = text.replace("\r", "").replace("\n", "\\n")
        out.append(";".join([safe_name, *params]) + ":" + text)
        card.props.append(Prop(upper if upper == bare.upper() and _NAME_OK.search(bare) is None
                               else safe_name.rpartition(".")[2].upper(), group.lower(), by_name,
                               text))  # fmt: skip
    out.append("END:VCARD")
    card.text = "\r\n".join(out) + "\r\n"
    card.lines = []
