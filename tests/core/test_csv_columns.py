"""Header maps of Salesforce, HubSpot and spreadsheet exports; explicit mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reljournal.core.errors import ValidationError
from reljournal.core.formats.crm_columns import (
    check_mapping,
    detect_mapping,
    header_key,
    with_overrides,
)
from reljournal.core.formats.csv_read import read_csv_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "csv"


def _mapped(name: str, kind: str) -> tuple[str, dict[str, str]]:
    table = read_csv_bytes((DATA / name).read_bytes())
    mapping = detect_mapping(table.headers, kind)
    return mapping.source, {table.headers[i]: f for i, f in mapping.fields.items()}


def test_header_key_joins_api_names_and_labels() -> None:
    assert header_key("FirstName") == header_key("First Name") == header_key("first_name")
    assert header_key("Country/Region") == "countryregion"


def test_salesforce_data_export_accounts() -> None:
    source, fields = _mapped("salesforce_Account.csv", "accounts")
    assert source == "salesforce"
    assert fields == {
        "Name": "name",
        "Website": "website",
        "Industry": "industry",
        "Description": "notes",
    }


def test_salesforce_data_export_contacts_name_their_account_by_id() -> None:
    source, fields = _mapped("salesforce_Contact.csv", "contacts")
    assert source == "salesforce"
    assert fields["AccountId"] == "account_id"
    assert fields["FirstName"] == "first_name" and fields["LastName"] == "last_name"
    assert fields["MobilePhone"] == "mobile" and fields["Email"] == "email"


def test_salesforce_report_labels() -> None:
    source, fields = _mapped("salesforce_contacts_report_cp1252.csv", "contacts")
    assert source == "salesforce"
    assert fields["Account Name"] == "account" and fields["Mobile"] == "mobile"
    assert "Contact Owner" not in fields and "Mailing City" not in fields


def test_hubspot_exports() -> None:
    source, fields = _mapped("hubspot_companies.csv", "accounts")
    assert source == "hubspot"
    assert fields["Company name"] == "name" and fields["Company Domain Name"] == "domain"
    assert fields["Website URL"] == "website"
    source, fields = _mapped("hubspot_contacts.csv", "contacts")
    assert source == "hubspot"
    assert fields["Associated Company"] == fields["Company Name"] == "account"
    assert fields["Buying Role"] == "role" and fields["Job Title"] == "title"
    assert "Record ID" not in fields and "Lifecycle Stage" not in fields


def test_associated_company_wins_over_company_name() -> None:
    table = read_csv_bytes((DATA / "hubspot_contacts.csv").read_bytes())
    mapping = detect_mapping(table.headers, "contacts")
    first = mapping.columns_for("account")[0]
    assert table.headers[first] == "Associated Company"


def test_european_spreadsheet_headers() -> None:
    source, fields = _mapped("excel_semicolon_cp1252.csv", "contacts")
    assert source == "spreadsheet"
    assert fields == {
        "Firma": "account",
        "Name": "name",
        "Position": "title",
        "E-Mail": "email",
        "Telefon": "phone",
        "Notizen": "notes",
    }


def test_overrides_map_ignore_and_number_columns() -> None:
    headers = ("Who", "Org", "Email", "Email")
    mapping = detect_mapping(headers, "contacts")
    with pytest.raises(ValidationError, match='"Email" appears in columns 3 and 4'):
        check_mapping(mapping, headers)
    mapping = with_overrides(mapping, headers, ["Who=name", "org=account", "#4=ignore"])
    assert mapping.source == "custom"
    assert mapping.fields == {0: "name", 1: "account", 2: "email"}
    check_mapping(mapping, headers)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("Who", "not a mapping"),
        ("Who=shoe size", "not a field of contacts"),
        ("Nope=name", 'no column "Nope"'),
        ("Email=email", "appears 2 times"),
        ("#9=name", "no column #9"),
    ],
)
def test_bad_overrides_say_what_is_wrong(override: str, message: str) -> None:
    headers = ("Who", "Email", "Email")
    with pytest.raises(ValidationError, match=message):
        with_overrides(detect_mapping(headers, "contacts"), headers, [override])


def test_a_name_column_is_required() -> None:
    with pytest.raises(ValidationError, match="account's name"):
        check_mapping(detect_mapping(("Industry",), "accounts"), ("Industry",))
    with pytest.raises(ValidationError, match="person's name"):
        check_mapping(detect_mapping(("Email",), "contacts"), ("Email",))


def test_unknown_kind() -> None:
    with pytest.raises(ValidationError, match="not a kind"):
        detect_mapping(("Name",), "deals")
