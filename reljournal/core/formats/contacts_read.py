"""Read any contacts file a rep brings — a vCard file or a CSV export — into records.

``read_contact_records`` tells a vCard file from a CSV by its content (not its name),
refuses what is neither with one line saying what it is, recognises the CSV's source
by its header (``crm_sources.LAYOUTS``; ``--map`` overrides or replaces it) and
returns every record: people, and the records that are not people with the reason
(a deleted CRM record, an organisation-only row, a group card, a row with no name).
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts import (
    ADDRESS,
    EMAIL,
    NAME_PARTS,
    PHONE,
    ContactPoint,
    SourceRecord,
    bulk_objects,
    make_record,
)
from reljournal.core.formats.crm_columns import (
    KIND_CONTACTS,
    ColumnMapping,
    _ranked,
    check_mapping,
    detect_mapping,
    header_key,
    with_overrides,
)
from reljournal.core.formats.crm_sources import LAYOUTS, PREAMBLE_MAX_LINES, Layout, PointSpec
from reljournal.core.formats.csv_read import (
    CsvRow,
    CsvTable,
    LenientReadNeeded,
    decode_csv,
    parse_csv,
    stream_csv,
    unescape_cell,
)
from reljournal.core.formats.phones import phone_label, phone_point
from reljournal.core.formats.vcard import parse_vcards

PREVIEW_ROWS = 5  # rows a table keeps when its records were read with keep_rows=False
NULLS = frozenset({"null", "NULL", "Null", "(null)", "#N/A", "N/A"})
_TRUE = frozenset({"true", "1", "yes", "y"})
_STAR = re.compile(r"^\*\s*")


@dataclass
class ContactsFile:
    """What a contacts file holds, and what it was recognised as."""

    kind: str  # "contacts" or "accounts"
    format: str  # "vcard", a layout's key, or "spreadsheet" / "custom"
    label: str  # for people: "a Google Contacts export", "vCards (2.1, 3.0)"
    records: list[SourceRecord]
    table: CsvTable | None = None
    mapping: ColumnMapping | None = None
    warnings: list[str] = field(default_factory=list)
    point_columns: set[int] = field(default_factory=set)  # read as emails, phones, addresses
    row_count: int = 0  # the CSV's data rows
    # read with ``lazy``: the records not read yet, each made as it is asked for
    # (``row_count`` is known once they have all been read)
    pending: Iterator[SourceRecord] | None = None

    def each_record(self) -> Iterator[SourceRecord]:
        """Every record: those read, then (once) those still pending."""
        yield from self.records
        pending, self.pending = self.pending, None
        if pending is not None:
            yield from pending

    @property
    def people(self) -> list[SourceRecord]:
        return [r for r in self.records if not r.not_person and not r.problem]


def _binary_kind(raw: bytes) -> str:
    for magic, what in ((b"PK\x03\x04", "an Excel workbook (.xlsx, a ZIP archive)"),
                        (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)"),
                        (b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"),
                        (b"%PDF", "a PDF document")):  # fmt: skip
        if raw.startswith(magic):
            return what
    return ""


def is_vcard_bytes(raw: bytes) -> bool:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        head = raw[:4096].decode("utf-16", errors="replace").strip().upper().encode()
    return head.startswith(b"BEGIN:VCARD") or head.startswith(b"BEGIN: VCARD")


def read_contact_records(
    raw: bytes,
    filename: str,
    *,
    kind: str | None = None,
    overrides: list[str] | None = None,
    accounts_file: bytes | None = None,
    keep_rows: bool = True,
    lazy: bool = False,
) -> ContactsFile:
    """The records of a contacts file; ``ValidationError`` names what is wrong with it.
    Without ``keep_rows`` the CSV table keeps only its first rows (``row_count`` says how
    many it had): enough for a command that imports the records as read. With ``lazy``
    (and not ``keep_rows``) a CSV's records are made only as ``each_record`` is read
    (a large file's records are never all held: the command line's streamed import)."""
    if not raw:
        raise ValidationError("the file is empty (0 bytes)")
    vcard_name = filename.lower().endswith((".vcf", ".vcard"))
    if is_vcard_bytes(raw) or (vcard_name and not _binary_kind(raw) and b"," not in raw[:200]):
        records = parse_vcards(raw)
        return ContactsFile(KIND_CONTACTS, "vcard", "vCards", records)
    binary = _binary_kind(raw)
    if binary:
        what, save = ("a vCard", "vCard (.vcf)") if vcard_name else ("a CSV", "CSV")
        if "workbook" in binary:
            raise ValidationError(
                f"not {what}: {binary} named {filename}; save or export it as {save}"
            )
        raise ValidationError(f"not {what}: binary data ({binary}) in the file {filename}")
    text, encoding = decode_csv(raw, "CSV or vCard")
    header_row = _header_row(text)
    streamed: Iterator[CsvRow] | None = None
    if keep_rows:
        table = parse_csv(text, encoding=encoding, header_row=header_row)
    else:  # the rows become records as they are read (a large file is never held twice)
        try:
            table, streamed = stream_csv(text, encoding, header_row)
        except LenientReadNeeded:
            table = parse_csv(text, encoding=encoding, header_row=header_row)
    # a known export's header says what its rows are, whatever ``kind`` says
    layout = detect_layout(table.headers)
    if layout is not None:
        mapping = layout_mapping(layout, table.headers)
        if overrides:
            mapping = with_overrides(mapping, table.headers, overrides)
    else:
        mapping = with_overrides(
            detect_mapping(table.headers, kind or KIND_CONTACTS), table.headers, overrides or []
        )
    check_mapping(mapping, table.headers)
    if streamed is not None and layout is not None and layout.footer:
        table.rows, streamed = list(streamed), None  # a report's footer is found from the end
    if streamed is not None:
        first = next(streamed, None)
        if first is not None:
            table.rows = [first]
            streamed = itertools.chain([first], streamed)
    if not table.rows:
        label = layout.label if layout else "The CSV file"
        article = label[0].upper() + label[1:]
        raise ValidationError(f"{article} with its header and no rows: there is nothing to import")
    ids = account_ids_from_table(parse_csv(decode_csv(accounts_file)[0])) if accounts_file else {}
    if lazy and streamed is not None:
        label = layout.label if layout else ("your mapping" if overrides else "a spreadsheet")
        file = ContactsFile(
            mapping.kind, layout.key if layout else mapping.source, label, [], table, mapping
        )
        file.pending = _lazy_records(
            file, streamed, _Reread(text, encoding, header_row), layout, ids
        )
        _describe_points(file, layout, table)
        return file
    row_count = len(table.rows)
    with bulk_objects():
        try:
            records = list(
                records_from_rows(
                    table, mapping, layout, ids, consume=not keep_rows, source=streamed
                )
            )
        except LenientReadNeeded:
            table = parse_csv(text, encoding=encoding, header_row=header_row)
            row_count = len(table.rows)
            streamed = None
            records = list(records_from_rows(table, mapping, layout, ids, consume=True))
    if streamed is not None:
        row_count = len(records)
    label = layout.label if layout else ("your mapping" if overrides else "a spreadsheet")
    file = ContactsFile(
        mapping.kind, layout.key if layout else mapping.source, label, records, table, mapping
    )
    file.row_count = row_count
    _describe_points(file, layout, table)
    return file


def _describe_points(file: ContactsFile, layout: Layout | None, table: CsvTable) -> None:
    file.warnings.extend(table.warnings)
    if layout is not None:
        for spec in layout.points:
            for lines, label_index in _expand(spec, table.headers):
                file.point_columns.update(i for line in lines for i in line if i is not None)
                if label_index is not None:
                    file.point_columns.add(label_index)


@dataclass(frozen=True)
class _Reread:
    """What reading a CSV again leniently needs (a quote not doubled met midway)."""

    text: str
    encoding: str
    header_row: int


def _lazy_records(
    file: ContactsFile,
    streamed: Iterator[CsvRow],
    reread: _Reread,
    layout: Layout | None,
    ids: dict[str, str],
) -> Iterator[SourceRecord]:
    """The records of a streamed CSV, made one at a time. A quote that is not doubled
    met midway reads the file again leniently, going on after the last row given
    (the rows before it read the same either way)."""
    assert file.table is not None and file.mapping is not None
    count, last = 0, 0
    try:
        for record in records_from_rows(
            file.table, file.mapping, layout, ids, consume=True, source=streamed
        ):
            count, last = count + 1, record.number
            yield record
    except LenientReadNeeded:
        table = parse_csv(reread.text, encoding=reread.encoding, header_row=reread.header_row)
        file.warnings.extend(table.warnings)
        count = len(table.rows)
        for record in records_from_rows(table, file.mapping, layout, ids, consume=True):
            if record.number > last:
                yield record
    file.row_count = count


def _header_row(text: str) -> int:
    """The row of the header: the first whose cells match a known layout within the
    first lines (LinkedIn writes a "Notes:" preamble), else the first non-empty one."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text[:20000], newline=""))
    try:
        for index, cells in enumerate(reader):
            if index >= PREAMBLE_MAX_LINES:
                break
            if detect_layout(tuple(c.strip() for c in cells)) is not None:
                return index
    except csv.Error:
        return 0
    return 0


def detect_layout(headers: tuple[str, ...]) -> Layout | None:
    """The first layout whose required headers are all in ``headers``."""
    keys = {header_key(h) for h in headers}
    for layout in LAYOUTS:
        if all(header_key(h) in keys for h in layout.required):
            return layout
    return None


def _column(headers: tuple[str, ...], spec: str) -> int | None:
    """The first column named by one of ``spec``'s alternatives ("A|B")."""
    for name in spec.split("|"):
        key = header_key(name)
        for index, header in enumerate(headers):
            if header_key(header) == key:
                return index
    return None


def layout_mapping(layout: Layout, headers: tuple[str, ...]) -> ColumnMapping:
    """The layout's fields as a column mapping (points are read by ``_points``)."""
    fields: dict[int, str] = {}
    ranks: dict[int, int] = {}
    for name, specs in layout.fields.items():
        for rank, spec in enumerate(specs):
            index = _column(headers, spec)
            if index is not None and index not in fields:
                fields[index] = name
                ranks[index] = rank
    mapping = _ranked(layout.kind, headers, fields, layout.key)
    return ColumnMapping(mapping.kind, fields, layout.key, ranks)


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    value = cells[index].strip()
    return unescape_cell(value) if value[:1] == "'" else value


def _expand(
    spec: PointSpec, headers: tuple[str, ...]
) -> list[tuple[list[list[int | None]], int | None]]:
    """For each instance of the spec (``{n}`` = 1, 2, …): the value columns (each a
    line of parts) and the label column."""
    out = []
    numbers = range(1, 100) if "{n}" in spec.columns[0] else range(1, 2)
    for n in numbers:
        lines = [
            [_column(headers, part.replace("{n}", str(n))) for part in line.split("+")]
            for line in spec.columns
        ]
        if all(i is None for line in lines for i in line):
            if "{n}" in spec.columns[0]:
                break
            continue
        label = (
            _column(headers, spec.label_column.replace("{n}", str(n)))
            if spec.label_column
            else None
        )
        out.append((lines, label))
    return out


# one instance of a layout's point spec, as read from a row: the kind, the label when
# the source gives none, the columns (a line of parts each; one column for an email or
# phone) and the label's column
_PointColumns = tuple[str, str, tuple[tuple[int, ...], ...], int | None]


def _point_columns(
    plans: list[tuple[PointSpec, list[tuple[list[list[int | None]], int | None]]]],
) -> list[_PointColumns]:
    """The columns each point of a row is read from (worked out once per file)."""
    out: list[_PointColumns] = []
    for spec, instances in plans:
        for lines, label_index in instances:
            if spec.kind == ADDRESS:
                found = tuple(
                    t for t in (tuple(i for i in ln if i is not None) for ln in lines) if t
                )
                if found:
                    out.append((spec.kind, spec.label, found, label_index))
            elif lines[0][0] is not None:
                out.append((spec.kind, spec.label, ((lines[0][0],),), label_index))
    return out


def _points(cells: tuple[str, ...], columns: list[_PointColumns], multi: str) -> list[ContactPoint]:
    points: list[ContactPoint] = []
    width = len(cells)
    for kind, default_label, lines, label_index in columns:
        if kind == ADDRESS:
            if not any(i < width and cells[i] for line in lines for i in line):
                continue  # most rows leave most address columns empty
            found = []
            for line in lines:
                parts = [v for v in (_cell(cells, i) for i in line) if v]
                if parts:
                    found.append(" ".join(parts))
            if not found:
                continue
            text = "\n".join(found)
            values = text.split(" ::: ") if multi == " ::: " else [text]
        else:
            index = lines[0][0]
            if index >= width or not cells[index]:
                continue
            text = cells[index].strip()  # ``_cell``, inlined
            if not text:
                continue
            if text[0] == "'":
                text = unescape_cell(text)
            values = text.split(multi) if multi else [text]
        label, preferred = default_label, False
        if label_index is not None and label_index < width and cells[label_index]:
            labels = _cell(cells, label_index)
            if labels:
                first = labels.split(" ::: ", 1)[0]
                label = _label(first)
                preferred = first.startswith("*")
        if kind == PHONE:
            label = phone_label([label]) or label
        for value in values:
            value = value.strip()
            if not value:
                continue
            if kind == EMAIL:
                if "@" not in value:
                    continue  # an Exchange X.500 address or a name, not an email
                points.append(ContactPoint(EMAIL, value, label, preferred))
            elif kind == PHONE:
                points.append(phone_point(value, label, preferred))
            else:
                points.append(ContactPoint(ADDRESS, value, label, preferred))
    return points


@lru_cache(maxsize=1024)
def _label(text: str) -> str:
    """A label cell's label: lower case, without Google's "* " (preferred) mark."""
    return sys.intern(_STAR.sub("", text).strip().lower())


def _generic_points(values: dict[str, str]) -> list[ContactPoint]:
    """The email and phones of a spreadsheet mapped field by field (``--map``)."""
    points = []
    if values.get("email") and "@" in values["email"]:
        points.append(ContactPoint(EMAIL, values["email"], "work"))
    for name, label in (("phone", "work"), ("mobile", "mobile")):
        if values.get(name):
            points.append(phone_point(values[name], label))
    return points


def _person_name(values: dict[str, str]) -> str:
    if values.get("name"):
        return values["name"]
    parts = (
        values.get("given_name") or values.get("first_name", ""),
        values.get("middle_name", ""),
        values.get("family_name") or values.get("last_name", ""),
    )
    return " ".join(p.strip() for p in parts if p.strip())


def layout_by_key(key: str) -> Layout | None:
    return next((layout for layout in LAYOUTS if layout.key == key), None)


def records_from_table(
    table: CsvTable, mapping: ColumnMapping, account_ids: dict[str, str] | None = None
) -> Iterator[SourceRecord]:
    """Each data row as a record, by ``mapping`` (and its source's layout, if any)."""
    return records_from_rows(table, mapping, layout_by_key(mapping.source), account_ids or {})


def records_from_rows(
    table: CsvTable,
    mapping: ColumnMapping,
    layout: Layout | None,
    account_ids: dict[str, str],
    *,
    consume: bool = False,
    source: Iterator[CsvRow] | None = None,
) -> Iterator[SourceRecord]:
    """Each data row as a record, numbered as a spreadsheet numbers its rows (the
    header is row 1, or the row after a preamble)."""
    headers = table.headers
    width = len(headers)
    columns = {name: mapping.columns_for(name) for name in set(mapping.fields.values())}
    plans = _point_columns(
        [(spec, _expand(spec, headers)) for spec in (layout.points if layout else ())]
    )
    multi = layout.multi if layout else ""
    first_of = {
        index: sep
        for spec, sep in (layout.first_of.items() if layout else ())
        if (index := _column(headers, spec)) is not None
    }
    deleted = [
        i for h in (layout.deleted if layout else ()) if (i := _column(headers, h)) is not None
    ]
    rows = table.rows
    if layout is not None and layout.footer:
        rows = _without_footer(rows)
    nulls = layout is not None and layout.nulls
    every_row = source if source is not None else _rows(table, rows, consume)
    del rows  # with ``consume``, only the generator holds the rows not read yet
    for row in every_row:
        number, cells = row.number, row.cells
        if nulls:
            cells = tuple("" if c.strip() in NULLS else c for c in cells)
        problem = ""
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problem = (
                f"row {row.number} has {len(cells)} cells but the header has {width}; a "
                "delimiter or a quote in it is probably wrong"
            )
        values: dict[str, str] = {}
        cell_count = len(cells)
        for name, indexes in columns.items():
            for index in indexes:
                if index >= cell_count or not cells[index]:
                    continue  # most of a wide export's cells are empty
                value = _cell(cells, index)
                if index in first_of and value:
                    value = value.split(first_of[index])[0].strip()
                if multi == " ::: " and name != "notes" and multi in value:
                    value = value.split(multi)[0].strip()
                if value:
                    values[name] = value
                    break
        points = _points(cells, plans, multi) if layout else _generic_points(values)
        not_person = ""
        if any(_cell(cells, i).lower() in _TRUE for i in deleted):
            not_person = "deleted in the CRM (IsDeleted is true)"
        if mapping.kind == KIND_CONTACTS:
            values["name"] = _person_name(values)
            crm_id = values.get("account_id", "")
            if not values.get("account") and crm_id:
                found = account_ids.get(crm_id) or account_ids.get(crm_id[:15])
                if found:
                    values["account"] = found
                    values.pop("account_id")
            if not not_person and not values["name"]:
                not_person = _why_no_name(values, points)
        elif not values.get("name") and not not_person:
            not_person = "no account name"
        yield make_record(number, values, problem, points, not_person)


def _rows(table: CsvTable, rows: list[CsvRow], consume: bool) -> Iterator[CsvRow]:
    """The rows; with ``consume``, each is let go once read (a large file is not held
    twice, as rows and as records) and the table keeps the first few for a preview."""
    if not consume:
        yield from rows
        return
    table.rows = rows[:PREVIEW_ROWS]
    pending = rows[::-1]
    del rows
    while pending:
        yield pending.pop()


def _why_no_name(values: dict[str, str], points: list[ContactPoint]) -> str:
    if values.get("account"):
        return f"no person's name: a row for the organisation {values['account']} only"
    first = next((p.value for p in points), "")
    return f"no name (only {first})" if first else "no name and nothing else to import"


def _without_footer(rows: list) -> list:  # type: ignore[type-arg]
    """Rows without a report's footer: the trailing rows with one cell filled at most."""
    end = len(rows)
    while end and sum(1 for c in rows[end - 1].cells if c.strip()) <= 1:
        end -= 1
    return rows[:end]


def account_ids_from_table(table: CsvTable) -> dict[str, str]:
    """Salesforce ``Id`` → ``Name`` from an Account.csv, for a Contact.csv's AccountId."""
    id_col, name_col = _column(table.headers, "Id"), _column(table.headers, "Name")
    if id_col is None or name_col is None:
        raise ValidationError(
            'The accounts file needs the columns "Id" and "Name" (a Salesforce Account.csv).'
        )
    return {
        row.cells[id_col].strip(): row.cells[name_col].strip()
        for row in table.rows
        if len(row.cells) > max(id_col, name_col) and row.cells[id_col].strip()
    }


__all__ = ["NAME_PARTS", "ContactsFile", "detect_layout", "read_contact_records"]
