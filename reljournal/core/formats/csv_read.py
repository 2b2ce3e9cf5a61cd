"""Read CSV files as spreadsheets and CRMs write them.

``decode_csv`` finds the encoding (a BOM for UTF-8 or UTF-16, else strict UTF-8,
else Windows-1252, the encoding of Excel's plain "CSV" on Western Windows) and
refuses binary files. ``sniff_delimiter`` picks comma, semicolon or tab by
counting each outside quotes over the first records (``csv.Sniffer`` guesses
wrong on short or quote-heavy files). ``parse_csv`` returns the header and the
rows, each with the row number a spreadsheet shows (the header is row 1).

Formula safety: a cell that starts with ``=``, ``+``, ``-`` or ``@`` is only ever
kept as text. ``escape_cell`` prefixes such a cell with a single quote when it is
written into a CSV, so a spreadsheet never runs it; ``unescape_cell`` undoes that
prefix on import, so export → import gives back the same text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from reljournal.core.errors import ValidationError

MAX_BYTES: Final = 256 * 1024 * 1024
SNIFF_RECORDS: Final = 30
DELIMITERS: Final = (",", ";", "\t")
DELIMITER_NAMES: Final = {",": "comma", ";": "semicolon", "\t": "tab"}
FORMULA_START: Final = "=+-@\t\r"
_ESCAPED_NEXT: Final = FORMULA_START + "'"

csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class CsvRow:
    number: int  # the row as a spreadsheet numbers it (the header is row 1)
    cells: tuple[str, ...]


@dataclass
class CsvTable:
    headers: tuple[str, ...]
    rows: list[CsvRow]
    encoding: str = "utf-8"
    delimiter: str = ","
    warnings: list[str] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


# an international phone number: "+", then digits and the punctuation phone numbers use
_PHONE_NUMBER = re.compile(r"\+[0-9][0-9 ()./-]{4,40}")


def escape_cell(value: str) -> str:
    """The cell as written into a CSV: a would-be formula gets a leading single quote.
    A phone number ("+44 20 7946 0412") is written as it is: it calls no function and
    references no cell, and a quote before it would stay in other tools."""
    if value[:1] == "+" and _PHONE_NUMBER.fullmatch(value) and sum(c.isdigit() for c in value) >= 6:
        return value
    if value and (
        value[0] in FORMULA_START
        or (value[0] == "'" and len(value) > 1 and value[1] in _ESCAPED_NEXT)
    ):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo ``escape_cell``: a leading quote before a formula character (or a quote) goes."""
    if len(value) > 1 and value[0] == "'" and value[1] in _ESCAPED_NEXT:
        return value[1:]
    return value


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def _utf16_without_bom(raw: bytes) -> str | None:
    """Excel always writes a BOM, but some tools don't: mostly-ASCII UTF-16 has NULs
    in every other byte."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    evens, odds = sample[0::2], sample[1::2]
    if odds.count(0) > len(odds) * 0.6 and evens.count(0) < len(evens) * 0.1:
        return "utf-16-le"
    if evens.count(0) > len(evens) * 0.6 and odds.count(0) < len(odds) * 0.1:
        return "utf-16-be"
    return None


def decode_csv(raw: bytes, what: str = "CSV") -> tuple[str, str]:
    """The text of a CSV (or other text) file and the name of the encoding it was in."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(
            f"The file is {len(raw) / 1024**2:,.0f} MB; at most {MAX_BYTES // 1024**2} MB "
            "can be imported at once. Split it into smaller files."
        )
    if not raw.strip():
        raise ValidationError("The file is empty.")
    encoding: str | None = None
    body = raw
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            encoding, body = name, raw[len(bom) :]
            break
    if encoding is None:
        encoding = _utf16_without_bom(raw)
    if encoding is None and _looks_binary(raw):
        raise ValidationError(
            f"This is not a text ({what}) file; it looks like a binary file such as a "
            f"spreadsheet (.xlsx) or an image. Save it as {what} first."
        )
    if encoding is not None:
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as exc:
            raise ValidationError(
                f"The file starts like {encoding.upper()} text but has a bad byte at "
                f"position {exc.start:,}; it may be damaged."
            ) from exc
    else:
        try:
            text, encoding = body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = _guess_legacy_encoding(body)
            text = body.decode(encoding, errors="replace")
    if "\x00" in text:
        raise ValidationError(f"This is not a text ({what}) file: it contains NUL characters.")
    if not text.strip():
        raise ValidationError("The file is empty.")
    return text, encoding


# the legacy encodings spreadsheets and mail programs write CSV files in
_LEGACY: Final = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "mac_roman",
                  "shift_jis", "gb18030", "big5", "euc_kr")  # fmt: skip


def _guess_legacy_encoding(body: bytes) -> str:
    """The encoding of text that is not UTF-8, by ``charset-normalizer`` among the
    encodings office software writes (Windows-1252 when it cannot tell)."""
    from charset_normalizer import from_bytes

    sample = body[:262144]
    best = from_bytes(sample, cp_isolation=list(_LEGACY)).best()
    if best is None or best.encoding not in _LEGACY:
        return "cp1252"
    if best.encoding != "cp1252":
        # a Western file is read as Windows-1252 when that decodes it as well
        try:
            sample.decode("cp1252")
        except UnicodeDecodeError:
            return str(best.encoding)
        western = sum(1 for c in sample.decode("cp1252") if c in "äöüßéèêàçñåøæ€’“”–")
        other = sum(1 for c in str(best) if c.isalpha() and not c.isascii())
        if western >= other * 0.8:
            return "cp1252"
    return str(best.encoding)


def _records(text: str, limit: int) -> list[str]:
    """The first ``limit`` records' text, split at newlines outside quotes."""
    out: list[str] = []
    start, quoted = 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            out.append(text[start:index])
            start = index + 1
            if len(out) >= limit:
                return out
    if start < len(text):
        out.append(text[start:])
    return out


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one found, outside quotes, the same number of
    times on most of the first records (ties go to the one found more often)."""
    lines = [line for line in _records(text[:1_000_000], SNIFF_RECORDS) if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        if counts[0] == 0:
            continue  # the header must have it
        consistent = sum(1 for c in counts if c == counts[0])
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _excel_sep_hint(text: str) -> tuple[str | None, str]:
    """Excel's ``sep=;`` first line names the delimiter; drop it."""
    end = text.find("\n", 0, 4096)
    first = text[: end if end >= 0 else 4096]
    if not first.strip().lower().startswith("sep="):
        return None, text  # (no copy of a large text)
    first, _, rest = text.partition("\n")
    hint = first.strip().lower()
    if hint.startswith("sep=") and len(hint) in (5, 4):
        char = first.strip()[4:] or ","
        return (char if char in DELIMITERS or char == "|" else None), rest
    return None, text


def parse_csv(
    text: str, delimiter: str | None = None, encoding: str = "utf-8", header_row: int = 0
) -> CsvTable:
    """Header and rows of CSV text; raises ``ValidationError`` naming the row.
    ``header_row`` (counted from 0) skips a preamble before the header."""
    hint, text = _excel_sep_hint(text.lstrip("\ufeff"))
    if not delimiter and not hint and header_row:
        delimiter = sniff_delimiter(text.split("\n", header_row)[-1])
    delimiter = delimiter or hint or sniff_delimiter(text)
    warnings: list[str] = []
    rows = _read(text, delimiter, strict=True, warnings=warnings)
    header_index = next(
        (i for i, r in enumerate(rows) if i >= header_row and any(c.strip() for c in r.cells)),
        None,
    )
    if header_index is None:
        raise ValidationError("The file has no header row (it holds only empty lines).")
    raw_headers = rows[header_index].cells
    headers = tuple(
        h.strip().lstrip("\ufeff") or f"Column {i + 1}" for i, h in enumerate(raw_headers)
    )
    del rows[: header_index + 1]
    # the rows read are the table's rows (a large file's cells are not copied)
    rows[:] = [r for r in rows if any(c.strip() for c in r.cells)]
    return CsvTable(headers, rows, encoding, delimiter, warnings)


def _lines(text: str) -> Iterator[str]:
    """The text's lines, one at a time (``io.StringIO`` would copy a large text, four
    bytes a character). Lines end in LF or CR LF; a text with CR alone is read whole."""
    if "\n" not in text and "\r" in text:
        yield from io.StringIO(text, newline="")
        return
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


class LenientReadNeeded(Exception):
    """A streamed read met a quote that is not doubled: read the file with ``parse_csv``."""


def stream_csv(
    text: str, encoding: str = "utf-8", header_row: int = 0
) -> tuple[CsvTable, Iterator[CsvRow]]:
    """The header (a table with no rows) and the data rows one at a time, for a large
    import that turns each row into a record at once (the file's rows are never all held).
    Raises ``LenientReadNeeded`` (also while iterating) where ``parse_csv`` would have to
    read the file leniently."""
    hint, text = _excel_sep_hint(text.lstrip("\ufeff"))
    delimiter = hint
    if not delimiter and header_row:
        delimiter = sniff_delimiter(text.split("\n", header_row)[-1])
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    number = 0
    headers: tuple[str, ...] | None = None
    try:
        for cells in reader:
            number += 1
            if number > header_row and any(c.strip() for c in cells):
                headers = tuple(
                    h.strip().lstrip("\ufeff") or f"Column {i + 1}" for i, h in enumerate(cells)
                )
                break
    except csv.Error as exc:
        raise LenientReadNeeded() from exc
    if headers is None:
        raise ValidationError("The file has no header row (it holds only empty lines).")

    def rows() -> Iterator[CsvRow]:
        row = number
        try:
            for cells in reader:
                row += 1
                if any(c.strip() for c in cells):
                    yield CsvRow(row, tuple(cells))
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise ValidationError(
                    f"Row {row + 1}: a quoted cell is never closed, so the file seems cut off "
                    "in the middle of a row. Export it again; nothing was imported."
                ) from exc
            raise LenientReadNeeded() from exc

    return CsvTable(headers, [], encoding, delimiter, []), rows()


def _read(text: str, delimiter: str, *, strict: bool, warnings: list[str]) -> list[CsvRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    out: list[CsvRow] = []
    try:
        for cells in reader:
            out.append(CsvRow(len(out) + 1, tuple(cells)))
    except csv.Error as exc:
        row = len(out) + 1
        if "unexpected end of data" in str(exc):
            raise ValidationError(
                f"Row {row}: a quoted cell is never closed, so the file seems cut off "
                "in the middle of a row. Export it again; nothing was imported."
            ) from exc
        if not strict:
            raise ValidationError(f"Row {row}: this row cannot be read ({exc}).") from exc
        warnings.append(
            f"Row {row}: a quote inside a cell is not doubled; the file was read leniently, "
            "check that row after the import."
        )
        return _read(text, delimiter, strict=False, warnings=warnings)
    return out


def read_csv_bytes(raw: bytes, delimiter: str | None = None) -> CsvTable:
    """Decode and parse a CSV file's bytes."""
    text, encoding = decode_csv(raw)
    return parse_csv(text, delimiter, encoding)
