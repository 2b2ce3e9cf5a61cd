"""Which CSV column holds which journal field, for the files CRMs export.

Headers are compared by ``header_key`` (case, spaces and punctuation aside), so the
Salesforce API name ``FirstName`` and the report label ``First Name`` are the same
key. Where the names come from:

- Salesforce *Data Export* (Setup → Data Export: ``Account.csv``, ``Contact.csv``)
  and Data Loader / Bulk API files use the API field names of the Account and
  Contact objects (Salesforce Object Reference): ``Id``, ``Name``, ``Industry``,
  ``Website``, ``Description``; ``AccountId``, ``FirstName``, ``LastName``,
  ``Name``, ``Title``, ``Email``, ``Phone``, ``MobilePhone``, ``Description``.
  A Contact.csv names its account only by ``AccountId``; the Account.csv of the
  same export turns that id into a name.
- Salesforce *reports* exported as CSV ("Details Only") and the Data Import
  Wizard use the field labels: ``Account Name``, ``Account Description``,
  ``Website``, ``Industry``; ``First Name``, ``Last Name``, ``Contact Full Name``,
  ``Title``, ``Email``, ``Phone``/``Business Phone``, ``Mobile``,
  ``Contact Description``, and ``Role`` in contact-role reports.
- HubSpot exports (Contacts/Companies → Export) use the property labels:
  companies ``Record ID``, ``Company name``, ``Company Domain Name``,
  ``Website URL``, ``Industry``, ``Description``/``About Us``; contacts
  ``Record ID``, ``First Name``, ``Last Name``, ``Email``, ``Phone Number``,
  ``Mobile Phone Number``, ``Job Title``, ``Company Name``, ``Associated Company``
  and ``Buying Role``.
- A plain spreadsheet: the common English words (Company, Organisation, E-mail,
  Telephone, Position, Notes, Group…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from reljournal.core.errors import ValidationError

KIND_ACCOUNTS: Final = "accounts"
KIND_CONTACTS: Final = "contacts"
KINDS: Final = (KIND_ACCOUNTS, KIND_CONTACTS)

ACCOUNT_FIELDS: Final = ("name", "industry", "website", "domain", "notes")
CONTACT_FIELDS: Final = (
    "name",
    "first_name",
    "last_name",
    "account",
    "account_id",
    "group",
    "title",
    "role",
    "email",
    "phone",
    "mobile",
    "notes",
    # issue 13: the parts of a name, and the department
    "name_prefix",
    "given_name",
    "middle_name",
    "family_name",
    "name_suffix",
    "department",
)
FIELDS: Final = {KIND_ACCOUNTS: ACCOUNT_FIELDS, KIND_CONTACTS: CONTACT_FIELDS}
IGNORE: Final = ("", "-", "ignore", "none")

# field -> header keys, in priority order (the first non-empty column wins)
_ACCOUNT_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("accountname", "name", "companyname", "company", "account", "organisation",
             "organization", "organisationname", "organizationname", "customer",
             "customername", "firma", "firmenname", "raisonsociale", "entreprise"),
    "industry": ("industry", "sector", "branche", "secteur", "vertical"),
    "website": ("website", "websiteurl", "web", "url", "homepage", "site"),
    "domain": ("companydomainname", "domain", "domainname"),
    "notes": ("description", "accountdescription", "aboutus", "notes", "note", "comments",
              "comment", "remarks"),
}  # fmt: skip
_CONTACT_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("name", "fullname", "contactfullname", "contactname", "contact", "person"),
    "first_name": ("firstname", "givenname", "forename", "first", "vorname", "prenom"),
    "last_name": ("lastname", "surname", "familyname", "last", "nachname", "nom"),
    "account": ("accountname", "associatedcompany", "companyname", "company", "account",
                "organisation", "organization", "organisationname", "organizationname",
                "customer", "employer", "firma", "entreprise"),
    "account_id": ("accountid",),
    "group": ("group", "category", "categories", "stakeholdergroup"),
    "title": ("title", "jobtitle", "position", "jobposition", "job", "function", "poste",
              "fonction", "funktion"),
    "role": ("role", "buyingrole", "contactrole", "roles"),
    "email": ("email", "emailaddress", "email1", "mail", "workemail", "primaryemail",
              "businessemail", "courriel"),
    "phone": ("phone", "phonenumber", "businessphone", "telephone", "tel", "workphone",
              "officephone", "directphone", "telefon", "téléphone", "telefono", "teléfono"),
    "mobile": ("mobile", "mobilephone", "mobilephonenumber", "cell", "cellphone", "handy"),
    "notes": ("description", "contactdescription", "notes", "note", "comments", "comment",
              "remarks", "notizen", "bemerkungen", "remarques"),
}  # fmt: skip
_HEADERS: Final = {KIND_ACCOUNTS: _ACCOUNT_HEADERS, KIND_CONTACTS: _CONTACT_HEADERS}

# headers only one tool writes: they tell which tool a file came from
_SIGNATURES: Final[dict[str, frozenset[str]]] = {
    "salesforce": frozenset(
        {"accountid", "isdeleted", "masterrecordid", "accountowner", "contactowner",
         "billingcity", "billingcountry", "mailingcity", "mailingcountry",
         "contactid", "accountdescription", "contactdescription",
         "contactfullname", "ownerid", "createddate", "lastmodifieddate"}
    ),
    "hubspot": frozenset(
        {"recordid", "companydomainname", "associatedcompany", "lifecyclestage", "websiteurl",
         "mobilephonenumber", "createdate", "companyowner",
         "buyingrole", "leadstatus", "lastactivitydate", "countryregion", "stateregion",
         "associatedcompanyids"}
    ),
}  # fmt: skip

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def header_key(header: str) -> str:
    """A header compared with case, spaces and punctuation aside."""
    return _NOT_WORD.sub("", header.casefold())


@dataclass(frozen=True)
class ColumnMapping:
    kind: str
    fields: dict[int, str] = field(default_factory=dict)  # column index -> field
    source: str = "spreadsheet"  # "salesforce", "hubspot", "spreadsheet" or "custom"
    ranks: dict[int, int] = field(default_factory=dict)  # column index -> priority

    def columns_for(self, name: str) -> list[int]:
        """The columns mapped to ``name``, in priority order."""
        columns = [i for i, f in self.fields.items() if f == name]
        return sorted(columns, key=lambda i: (self.ranks.get(i, 99), i))

    def ignored(self, headers: tuple[str, ...]) -> list[str]:
        return [h for i, h in enumerate(headers) if i not in self.fields]


def _ranked(
    kind: str, headers: tuple[str, ...], fields: dict[int, str], source: str
) -> ColumnMapping:
    ranks: dict[int, int] = {}
    for index, name in fields.items():
        keys = _HEADERS[kind].get(name, ())
        key = header_key(headers[index]) if index < len(headers) else ""
        ranks[index] = keys.index(key) if key in keys else len(keys)
    return ColumnMapping(kind, fields, source, ranks)


def detect_source(headers: tuple[str, ...]) -> str:
    keys = {header_key(h) for h in headers}
    scores = {name: len(keys & sig) for name, sig in _SIGNATURES.items()}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] > 0 else "spreadsheet"


def detect_mapping(headers: tuple[str, ...], kind: str) -> ColumnMapping:
    """Map each known header to its field; unknown headers stay unmapped."""
    if kind not in KINDS:
        raise ValidationError(f'"{kind}" is not a kind of CSV import (accounts or contacts).')
    by_key = {key: name for name, keys in _HEADERS[kind].items() for key in keys}
    fields = {i: by_key[header_key(h)] for i, h in enumerate(headers) if header_key(h) in by_key}
    return _ranked(kind, headers, fields, detect_source(headers))


def _find_column(headers: tuple[str, ...], wanted: str) -> int:
    number = re.fullmatch(r"\s*#(\d+)\s*", wanted)
    if number:
        index = int(number.group(1)) - 1
        if not 0 <= index < len(headers):
            raise ValidationError(
                f"There is no column {wanted.strip()}; the file has {len(headers)}."
            )
        return index
    for matches in (
        [i for i, h in enumerate(headers) if h == wanted.strip()],
        [i for i, h in enumerate(headers) if header_key(h) == header_key(wanted)],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(
                f'The column "{wanted}" appears {len(matches)} times in the header (columns '
                f"{', '.join(str(i + 1) for i in matches)}); rename one in the file, or "
                f"name it by number (#{matches[0] + 1}=field)."
            )
    raise ValidationError(f'There is no column "{wanted}"; the columns are: {", ".join(headers)}.')


def with_overrides(
    mapping: ColumnMapping, headers: tuple[str, ...], overrides: list[str]
) -> ColumnMapping:
    """Apply ``Column=field`` overrides (``Column=`` or ``Column=ignore`` drops a column)."""
    fields = dict(mapping.fields)
    allowed = FIELDS[mapping.kind]
    for text in overrides:
        column, sep, name = text.rpartition("=")
        if not sep or not column.strip():
            raise ValidationError(f'"{text}" is not a mapping; write it as "Column=field".')
        name = (
            name.strip().lower().replace(" ", "_").replace("-", "_") if name.strip() != "-" else "-"
        )
        if name not in allowed and name not in IGNORE:
            raise ValidationError(
                f'"{name}" is not a field of {mapping.kind}; the fields are: '
                f"{', '.join(allowed)} (or ignore)."
            )
        index = _find_column(headers, column)
        if name in IGNORE:
            fields.pop(index, None)
        else:
            fields[index] = name
    return _ranked(mapping.kind, headers, fields, "custom" if overrides else mapping.source)


def check_mapping(mapping: ColumnMapping, headers: tuple[str, ...]) -> None:
    """Refuse a mapping the import cannot work with, saying what to map."""
    seen: dict[str, int] = {}
    for index in sorted(mapping.fields):
        label = headers[index]
        if label in seen:
            raise ValidationError(
                f'Row 1: the header "{label}" appears in columns {seen[label] + 1} and '
                f"{index + 1}; rename one so the import knows which to use, or leave one "
                "unmapped."
            )
        seen[label] = index
    names = set(mapping.fields.values())
    if mapping.kind == KIND_ACCOUNTS and "name" not in names:
        raise ValidationError(
            'No column holds the account\'s name (such as "Account Name", "Company name" '
            'or "Name"); map one with Column=name.'
        )
    if mapping.kind == KIND_CONTACTS and not names & {
        "name", "first_name", "last_name", "given_name", "family_name"
    }:  # fmt: skip
        raise ValidationError(
            'No column holds the person\'s name (such as "Name", "First Name" and "Last '
            'Name"); map one with Column=name.'
        )
