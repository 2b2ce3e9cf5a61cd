"""Phone numbers through ``phonenumbers``: the text as written is kept, and E.164 is
added where the number says its country (``+44 …``, ``0044 …``, ``tel:+44…``) or a
region is given. A value that is not a number (a SIP address, an extension alone)
is kept as written with no E.164."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from reljournal.core.formats.contacts import PHONE, ContactPoint

# how sources label phones, and the label the journal keeps
_LABELS = {
    "cell": "mobile", "mobile": "mobile", "cellular": "mobile", "iphone": "mobile",
    "work": "work", "business": "work", "company": "work", "office": "work",
    "main": "main", "companymain": "main", "home": "home", "private": "home",
    "fax": "fax", "workfax": "fax", "homefax": "fax", "businessfax": "fax",
    "pager": "pager", "assistant": "assistant", "assistantphone": "assistant",
    "other": "other", "voice": "", "pref": "", "x-": "",
}  # fmt: skip
_ORDER = ("mobile", "fax", "pager", "assistant", "main", "work", "home", "other")


def phone_label(words: list[str]) -> str:
    """The journal's label for a phone typed with ``words`` (vCard TYPEs, CSV label)."""
    return _phone_label(tuple(words))


@lru_cache(maxsize=4096)
def _phone_label(words: tuple[str, ...]) -> str:
    found = set()
    for word in words:
        key = "".join(c for c in word.casefold() if c.isalpha())
        if key in _LABELS and _LABELS[key]:
            found.add(_LABELS[key])
        elif "fax" in key:
            found.add("fax")
        elif "mobile" in key or "cell" in key:
            found.add("mobile")
    return next((label for label in _ORDER if label in found), "")


_PLAIN_INTERNATIONAL = re.compile(r"\+[1-9][0-9 .\-]{6,24}")
_NOT_DIGIT = re.compile(r"[^0-9]")


@lru_cache(maxsize=4096)  # numbers met again (a switchboard); 65,536 held ~16 MB
def e164(text: str, region: str = "") -> str:
    """E.164 for ``text`` when its country is known and the number is possible; else ""."""
    value = text.strip()
    if value.lower().startswith("tel:"):
        value = value[4:]
    if value.startswith("00"):
        value = "+" + value[2:]
    if not value.startswith("+") and not region:
        return ""
    if value.startswith("+") and _PLAIN_INTERNATIONAL.fullmatch(value):
        # written in international form with nothing to interpret ("+44 20 7946 0412"):
        # E.164 is "+" and the digits (phonenumbers is for the rest: "(0)", extensions,
        # national numbers with a region); checked against phonenumbers in the tests
        digits = _NOT_DIGIT.sub("", value)
        if 8 <= len(digits) <= 15 and digits[0] != "0":
            return "+" + digits
    try:
        number = phonenumbers.parse(value, region.upper() or None)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def phone_point(
    value: str, label: str = "", preferred: bool = False, region: str = ""
) -> ContactPoint:
    """A phone as a contact point: ``tel:`` dropped from the text, E.164 worked out."""
    text = value.strip()
    if text[:4].lower() == "tel:":
        text = text[4:]
    return ContactPoint(
        PHONE, text, label, preferred, e164(text, region) if text[:1] in "+0" or region else ""
    )
