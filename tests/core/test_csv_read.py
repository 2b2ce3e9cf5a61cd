"""Reading CSV files: encodings, delimiters, row numbers, bad input, formula escaping."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reljournal.core.errors import ValidationError
from reljournal.core.formats.csv_read import (
    decode_csv,
    escape_cell,
    parse_csv,
    read_csv_bytes,
    sniff_delimiter,
    unescape_cell,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "csv"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("salesforce_Account.csv", "utf-8", ","),
        ("salesforce_contacts_report_cp1252.csv", "cp1252", ","),
        ("hubspot_companies.csv", "utf-8-sig", ","),
        ("excel_semicolon_cp1252.csv", "cp1252", ";"),
        ("excel_unicode_text_utf16.txt", "utf-16-le", "\t"),
        ("excel_utf16_be.csv", "utf-16-be", ","),
        ("spreadsheet_accounts.tsv", "utf-8", "\t"),
    ],
)
def test_sample_files_decode_and_split(name: str, encoding: str, delimiter: str) -> None:
    table = read_csv_bytes((DATA / name).read_bytes())
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.rows and all(len(r.cells) == len(table.headers) for r in table.rows)
    assert not any("\ufeff" in h for h in table.headers)


def test_accents_survive_cp1252_and_scripts_survive_utf16() -> None:
    report = read_csv_bytes((DATA / "salesforce_contacts_report_cp1252.csv").read_bytes())
    assert report.rows[0].cells[1:3] == ("Jürgen", "Müller")
    assert report.rows[2].cells[3] == "Buyer – Spares"  # en dash is cp1252 0x96
    excel = read_csv_bytes((DATA / "excel_unicode_text_utf16.txt").read_bytes())
    assert [r.cells[1] for r in excel.rows] == ["山田 太郎", "ليلى حداد", "José 🐧 Núñez"]


def test_row_numbers_count_records_not_lines() -> None:
    table = read_csv_bytes((DATA / "salesforce_Account.csv").read_bytes())
    # the first account's description spans two lines; the next is still row 3
    assert [r.number for r in table.rows] == [2, 3, 4]
    assert "Prefers email" in table.rows[0].cells[table.headers.index("Description")]


def test_quoted_delimiters_do_not_fool_the_sniffer() -> None:
    text = 'a;b;c\n"x, y, z";2;3\n"1,2,3,4";5;6\n'
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter('name\tcompany\nAnn\t"Acme, Inc."\n') == "\t"
    assert sniff_delimiter("single column\nvalue\n") == ","


def test_excel_sep_hint_line() -> None:
    table = parse_csv("sep=;\nName;Company\nAnn;Acme\n")
    assert table.headers == ("Name", "Company") and table.rows[0].cells == ("Ann", "Acme")


def test_utf16_without_bom_is_recognised() -> None:
    raw = "Name,Company\r\nAnn,Acme\r\n".encode("utf-16-le")
    assert decode_csv(raw)[1] == "utf-16-le"


@pytest.mark.parametrize("raw", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_files_are_refused(raw: bytes) -> None:
    with pytest.raises(ValidationError, match="empty"):
        read_csv_bytes(raw)


def test_binary_files_are_refused() -> None:
    xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4
    with pytest.raises(ValidationError, match="not a text"):
        read_csv_bytes(xlsx)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(ValidationError, match="not a text"):
        read_csv_bytes(png)


def test_truncated_file_names_the_row() -> None:
    with pytest.raises(ValidationError, match=r"Row 3: a quoted cell is never closed"):
        read_csv_bytes((DATA / "truncated.csv").read_bytes())


def test_stray_quote_is_read_leniently_with_a_warning() -> None:
    table = parse_csv('Name,Company\n"Ann" Able,Acme\nBen,Acme\n')
    assert len(table.rows) == 2 and table.warnings and "Row 2" in table.warnings[0]


def test_blank_lines_and_ragged_rows_are_kept_with_their_numbers() -> None:
    table = read_csv_bytes((DATA / "ragged.csv").read_bytes())
    assert [r.number for r in table.rows] == [2, 3, 4, 5]
    assert len(table.rows[1].cells) == 2 and len(table.rows[2].cells) == 5
    table = parse_csv("\n\nName,Company\n\nAnn,Acme\n")
    assert table.headers == ("Name", "Company") and table.rows[0].number == 5


def test_only_empty_lines_have_no_header() -> None:
    with pytest.raises(ValidationError, match="no header"):
        parse_csv(",,\n,,\n")


def test_blank_headers_get_a_column_name() -> None:
    assert parse_csv("Name,,Email\nAnn,x,a@b\n").headers == ("Name", "Column 2", "Email")


def test_a_100000_row_sheet_reads() -> None:
    lines = ["Name,Company,Email"] + [f"P{i},C{i % 500},p{i}@x.example" for i in range(100_000)]
    table = read_csv_bytes("\r\n".join(lines).encode())
    assert len(table.rows) == 100_000 and table.rows[-1].number == 100_001


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1 555 0100", "+1 555 0100"),  # a phone number runs nothing (issue 13)
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("'=already", "''=already"),
        ("'plain", "'plain"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_escape_cell(value: str, escaped: str) -> None:
    assert escape_cell(value) == escaped
    assert unescape_cell(escaped) == value


@given(st.text())
def test_escape_round_trip_and_never_starts_a_formula(value: str) -> None:
    escaped = escape_cell(value)
    assert unescape_cell(escaped) == value
    assert not escaped or escaped[0] not in "=+-@\t\r"
