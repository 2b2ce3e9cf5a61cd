"""The contact and account exports reps bring, recognised by their header: one table
per source, no code branch per product.

Each ``Layout`` says which headers a source always writes (``required``: all must be
there), which column holds which field (the first non-empty one wins), and where the
emails, phones and postal addresses are (``points``; ``{n}`` in a header stands for
1, 2, 3… as long as the file has that column). Headers are compared by ``header_key``
(case, blanks and punctuation aside). The layouts are tried in order and the first
whose required headers are all present wins, so a more specific layout comes before a
looser one (Zoho before a Salesforce report, whose labels Zoho shares).

Where the headers come from: the products' own exports as reproduced in their
documentation and in public code (see tests/data/contacts/SOURCES.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from reljournal.core.formats.crm_columns import KIND_ACCOUNTS, KIND_CONTACTS


@dataclass(frozen=True)
class PointSpec:
    kind: str  # "email", "phone" or "address"
    # one column, or the parts of an address (one line each; "A+B" puts two on one line);
    # "A|B" means column A, or B where the file has no A
    columns: tuple[str, ...]
    label: str = ""  # the label when the source gives none
    label_column: str = ""  # a column that holds the label (Google's "E-mail 1 - Label")


@dataclass(frozen=True)
class Layout:
    key: str
    label: str  # what the summary calls it: "a Google Contacts export"
    kind: str
    required: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    points: tuple[PointSpec, ...] = ()
    multi: str = ""  # what joins several values in one cell (Google's " ::: ")
    first_of: dict[str, str] = field(default_factory=dict)  # header -> list separator
    deleted: tuple[str, ...] = ()  # a true value in one of these: a deleted record
    preamble: bool = False  # lines before the header (LinkedIn's "Notes:")
    footer: bool = False  # lines after the rows (a Salesforce report's footer)
    nulls: bool = False  # the word "null" in a cell means an empty cell (HubSpot)


def _outlook_points(email_label: str = "") -> tuple[PointSpec, ...]:
    def address(prefix: str, label: str, country: str) -> PointSpec:
        return PointSpec("address", (f"{prefix} Street", f"{prefix} Street 2", f"{prefix} Street 3",
                                     f"{prefix} Address PO Box", f"{prefix} Postal Code+{prefix} City",
                                     f"{prefix} State", country), label)  # fmt: skip

    return (
        PointSpec("email", ("E-mail Address",), email_label),
        PointSpec("email", ("E-mail 2 Address",)),
        PointSpec("email", ("E-mail 3 Address",)),
        PointSpec("phone", ("Primary Phone",), "main"),
        PointSpec("phone", ("Business Phone",), "work"),
        PointSpec("phone", ("Business Phone 2",), "work"),
        PointSpec("phone", ("Company Main Phone",), "main"),
        PointSpec("phone", ("Mobile Phone",), "mobile"),
        PointSpec("phone", ("Home Phone",), "home"),
        PointSpec("phone", ("Home Phone 2",), "home"),
        PointSpec("phone", ("Other Phone",), "other"),
        PointSpec("phone", ("Car Phone",), "mobile"),
        PointSpec("phone", ("Business Fax",), "fax"),
        PointSpec("phone", ("Home Fax",), "fax"),
        PointSpec("phone", ("Other Fax",), "fax"),
        PointSpec("phone", ("Pager",), "pager"),
        PointSpec("phone", ("Assistant's Phone",), "assistant"),
        address("Business", "work", "Business Country/Region|Business Country"),
        address("Home", "home", "Home Country/Region|Home Country"),
        address("Other", "other", "Other Country/Region|Other Country"),
    )


_GOOGLE_POINTS: Final = (
    PointSpec("email", ("E-mail {n} - Value",), label_column="E-mail {n} - Label|E-mail {n} - Type"),
    PointSpec("phone", ("Phone {n} - Value",), label_column="Phone {n} - Label|Phone {n} - Type"),
    PointSpec("address", ("Address {n} - Formatted",),
              label_column="Address {n} - Label|Address {n} - Type"),
)  # fmt: skip

_SF_CONTACT_POINTS: Final = (
    PointSpec("email", ("Email",)),
    PointSpec("phone", ("Phone",), "work"),
    PointSpec("phone", ("MobilePhone|Mobile",), "mobile"),
    PointSpec("phone", ("HomePhone|Home Phone",), "home"),
    PointSpec("phone", ("OtherPhone|Other Phone",), "other"),
    PointSpec("phone", ("Fax",), "fax"),
    PointSpec("phone", ("AssistantPhone|Asst Phone",), "assistant"),
    PointSpec("address", ("MailingStreet|Mailing Street", "MailingPostalCode|Mailing Zip/Postal Code|"
                          "Mailing Zip", "MailingCity|Mailing City",
                          "MailingState|Mailing State/Province|Mailing State",
                          "MailingCountry|Mailing Country"), "work"),
    PointSpec("address", ("OtherStreet|Other Street", "OtherPostalCode|Other Zip",
                          "OtherCity|Other City", "OtherState|Other State",
                          "OtherCountry|Other Country"), "other"),
)  # fmt: skip

LAYOUTS: Final[tuple[Layout, ...]] = (
    Layout(
        "reljournal_contacts_csv",
        "a RelJournal contacts export",
        KIND_CONTACTS,
        ("Name", "Account Name", "Group", "Role", "Given Name", "Family Name"),
        {
            "name": ("Name",),
            "account": ("Account Name",),
            "group": ("Group",),
            "title": ("Title",),
            "role": ("Role",),
            "notes": ("Notes",),
            "name_prefix": ("Name Prefix",),
            "given_name": ("Given Name",),
            "middle_name": ("Middle Name",),
            "family_name": ("Family Name",),
            "name_suffix": ("Name Suffix",),
            "department": ("Department",),
        },
        (*_GOOGLE_POINTS, PointSpec("email", ("Email",)), PointSpec("phone", ("Phone",))),
    ),  # fmt: skip
    Layout(
        "google_contacts_csv",
        "a Google Contacts export",
        KIND_CONTACTS,
        ("First Name", "Last Name", "Organization Name", "E-mail 1 - Value"),
        {
            "given_name": ("First Name",),
            "middle_name": ("Middle Name",),
            "family_name": ("Last Name",),
            "name_prefix": ("Name Prefix",),
            "name_suffix": ("Name Suffix",),
            "account": ("Organization Name",),
            "title": ("Organization Title",),
            "department": ("Organization Department",),
            "notes": ("Notes",),
            "group": ("Labels",),
        },
        _GOOGLE_POINTS,
        multi=" ::: ",
    ),
    Layout(
        "google_contacts_csv",
        "a Google Contacts export (legacy Google CSV)",
        KIND_CONTACTS,
        ("Given Name", "Family Name", "Group Membership", "E-mail 1 - Value"),
        {
            "name": ("Name",),
            "given_name": ("Given Name",),
            "middle_name": ("Additional Name",),
            "family_name": ("Family Name",),
            "name_prefix": ("Name Prefix",),
            "name_suffix": ("Name Suffix",),
            "account": ("Organization 1 - Name",),
            "title": ("Organization 1 - Title",),
            "department": ("Organization 1 - Department",),
            "notes": ("Notes",),
            "group": ("Group Membership",),
        },
        _GOOGLE_POINTS,
        multi=" ::: ",
    ),
    Layout(
        "outlook_csv",
        "an Outlook export",
        KIND_CONTACTS,
        ("First Name", "Last Name", "E-mail Address", "Business Phone", "Job Title"),
        {
            "name_prefix": ("Title",),
            "given_name": ("First Name",),
            "middle_name": ("Middle Name",),
            "family_name": ("Last Name",),
            "name_suffix": ("Suffix",),
            "account": ("Company",),
            "department": ("Department",),
            "title": ("Job Title",),
            "notes": ("Notes",),
            "group": ("Categories",),
        },
        _outlook_points(),
    ),
    Layout(
        "linkedin_connections_csv",
        "LinkedIn connections",
        KIND_CONTACTS,
        ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"),
        {
            "given_name": ("First Name",),
            "family_name": ("Last Name",),
            "account": ("Company",),
            "title": ("Position",),
        },
        (PointSpec("email", ("Email Address",)),),
        preamble=True,
    ),
    Layout(
        "zoho_contacts_csv",
        "a Zoho CRM contacts export",
        KIND_CONTACTS,
        ("Record Id", "Contact Owner.id", "Last Name"),
        {
            "name": ("Contact Name",),
            "name_prefix": ("Salutation",),
            "given_name": ("First Name",),
            "family_name": ("Last Name",),
            "account": ("Account Name",),
            "title": ("Title",),
            "department": ("Department",),
            "notes": ("Description",),
        },
        (
            PointSpec("email", ("Email",)),
            PointSpec("email", ("Secondary Email",)),
            *_SF_CONTACT_POINTS[1:],
        ),
    ),
    Layout(
        "zoho_accounts_csv",
        "a Zoho CRM accounts export",
        KIND_ACCOUNTS,
        ("Record Id", "Account Owner.id", "Account Name"),
        {
            "name": ("Account Name",),
            "industry": ("Industry",),
            "website": ("Website",),
            "notes": ("Description",),
        },
        (
            PointSpec("phone", ("Phone",), "main"),
            PointSpec("phone", ("Fax",), "fax"),
            PointSpec(
                "address",
                (
                    "Billing Street",
                    "Billing Code",
                    "Billing City",
                    "Billing State",
                    "Billing Country",
                ),
                "work",
            ),
        ),
    ),  # fmt: skip
    Layout(
        "hubspot_contacts_csv",
        "a HubSpot contacts export",
        KIND_CONTACTS,
        ("Record ID", "First Name", "Last Name", "Email"),
        {
            "given_name": ("First Name",),
            "family_name": ("Last Name",),
            "account": ("Associated Company", "Company Name"),
            "title": ("Job Title",),
            "role": ("Buying Role",),
            "notes": ("Description",),
        },
        (
            PointSpec("email", ("Email",)),
            PointSpec("phone", ("Phone Number",), "work"),
            PointSpec("phone", ("Mobile Phone Number",), "mobile"),
        ),
        first_of={"Associated Company": ";"},
        nulls=True,
    ),
    Layout(
        "hubspot_companies_csv",
        "a HubSpot companies export",
        KIND_ACCOUNTS,
        ("Record ID", "Company name", "Company Domain Name"),
        {
            "name": ("Company name",),
            "industry": ("Industry",),
            "website": ("Website URL",),
            "domain": ("Company Domain Name",),
            "notes": ("Description", "About Us"),
        },
        (
            PointSpec("phone", ("Phone Number",), "main"),
            PointSpec(
                "address",
                ("Street Address", "Postal Code", "City", "State/Region", "Country/Region"),
                "work",
            ),
        ),
        nulls=True,
    ),
    Layout(
        "salesforce_contact_csv",
        "a Salesforce Contact export",
        KIND_CONTACTS,
        ("Id", "AccountId", "LastName", "FirstName"),
        {
            "name": ("Name",),
            "name_prefix": ("Salutation",),
            "given_name": ("FirstName",),
            "family_name": ("LastName",),
            "account_id": ("AccountId",),
            "title": ("Title",),
            "department": ("Department",),
            "notes": ("Description",),
        },
        _SF_CONTACT_POINTS,
        deleted=("IsDeleted",),
    ),
    Layout(
        "salesforce_account_csv",
        "a Salesforce Account export",
        KIND_ACCOUNTS,
        ("Id", "Name", "BillingCity", "OwnerId"),
        {
            "name": ("Name",),
            "industry": ("Industry",),
            "website": ("Website",),
            "notes": ("Description",),
        },
        (
            PointSpec("phone", ("Phone",), "main"),
            PointSpec("phone", ("Fax",), "fax"),
            PointSpec(
                "address",
                (
                    "BillingStreet",
                    "BillingPostalCode",
                    "BillingCity",
                    "BillingState",
                    "BillingCountry",
                ),
                "work",
            ),
        ),
        deleted=("IsDeleted",),
    ),  # fmt: skip
    Layout(
        "salesforce_report_csv",
        "a Salesforce report",
        KIND_CONTACTS,
        ("First Name", "Last Name", "Account Name", "Contact Owner"),
        {
            "name": ("Contact Full Name", "Full Name"),
            "name_prefix": ("Salutation",),
            "given_name": ("First Name",),
            "family_name": ("Last Name",),
            "account": ("Account Name",),
            "title": ("Title",),
            "department": ("Department",),
            "notes": ("Contact Description", "Description"),
        },
        _SF_CONTACT_POINTS,
        footer=True,
    ),
    Layout(
        "pipedrive_people_csv",
        "a Pipedrive people export",
        KIND_CONTACTS,
        ("Person - Name", "Person - Organization"),
        {
            "name": ("Person - Name",),
            "given_name": ("Person - First name",),
            "family_name": ("Person - Last name",),
            "account": ("Person - Organization",),
            "title": ("Person - Job title",),
            "notes": ("Person - Notes",),
        },
        (
            PointSpec("email", ("Person - Email - Work",), "work"),
            PointSpec("email", ("Person - Email - Home",), "home"),
            PointSpec("email", ("Person - Email - Other",), "other"),
            PointSpec("email", ("Person - Email",)),
            PointSpec("phone", ("Person - Phone - Work",), "work"),
            PointSpec("phone", ("Person - Phone - Mobile",), "mobile"),
            PointSpec("phone", ("Person - Phone - Home",), "home"),
            PointSpec("phone", ("Person - Phone - Other",), "other"),
            PointSpec("phone", ("Person - Phone",)),
        ),
        multi=", ",
    ),  # fmt: skip
    Layout(
        "pipedrive_organizations_csv",
        "a Pipedrive organizations export",
        KIND_ACCOUNTS,
        ("Organization - Name",),
        {
            "name": ("Organization - Name",),
            "website": ("Organization - Website",),
            "industry": ("Organization - Industry",),
            "notes": ("Organization - Notes",),
        },
        (
            PointSpec("address", ("Organization - Address",), "work"),
            PointSpec("phone", ("Organization - Phone",), "main"),
        ),
    ),  # fmt: skip
)

# the words of a preamble line that is not the header yet (LinkedIn's "Notes:")
PREAMBLE_MAX_LINES: Final = 10
