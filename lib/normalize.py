"""Normal forms of the identifiers the notices retrieve by, so that an exact-match lookup
through a blind index finds "J.Doe@Example.com " as "j.doe@example.com", "(202) 555-0100"
as "+12025550100" and "José  DOE" as "jose doe".

Each normaliser returns the normal form, or raises ValueError with a message fit for a
form field when the value is not one at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

DEFAULT_PHONE_REGION = "US"


def normalize_email(value: str) -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValueError("Enter a valid e-mail address.") from exc
    return value.casefold()


def normalize_phone(value: str) -> str:
    """E.164, e.g. +12025550100; US numbers may be written without the country code."""
    try:
        number = phonenumbers.parse((value or "").strip(), DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValueError("Enter a valid phone number.") from exc
    if not phonenumbers.is_possible_number(number):
        raise ValueError("Enter a valid phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return without_marks.casefold()


def normalize_name(value: str) -> str:
    """Case, accents, punctuation and spacing folded: "José  O'Neil-Doe" → "jose o neil doe"."""
    folded = re.sub(r"[^\w]+", " ", _fold(value)).strip()
    if not folded:
        raise ValueError("Enter a name.")
    return folded


def normalize_address(value: str) -> str:
    """A whole postal address as one line, folded like a name."""
    folded = re.sub(r"[^\w]+", " ", _fold(value)).strip()
    if not folded:
        raise ValueError("Enter an address.")
    return folded


def normalize_identifier(value: str) -> str:
    """Account-style identifiers (customer ID, order number, logon ID, tracking number):
    case, spaces and hyphens do not matter."""
    folded = re.sub(r"[\s\-]+", "", (value or "").strip()).upper()
    if not folded:
        raise ValueError("Enter an identifier.")
    return folded


NORMALIZERS: dict[str, Callable[[str], str]] = {
    "email": normalize_email,
    "phone": normalize_phone,
    "name": normalize_name,
    "address": normalize_address,
    "identifier": normalize_identifier,
}
