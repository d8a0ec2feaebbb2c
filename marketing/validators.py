"""Field validators for USPS 890.000 records, with messages fit for a person filling a form
(card and bank account numbers: `lib.payments`)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_DIGITS = re.compile(r"\D")


def digits_only(value: str) -> str:
    return _DIGITS.sub("", value or "")


def validate_sic(value: str) -> None:
    # Retrieval 2: "Standard Industry Code (SIC)": four digits.
    if not re.fullmatch(r"\d{4}", value or ""):
        raise ValidationError("Enter a SIC code: 4 digits.", code="sic")


def validate_naics(value: str) -> None:
    # Retrieval 2: "North American Industry Classification System" codes are 2 to 6 digits
    # (sector to national industry).
    if not re.fullmatch(r"\d{2,6}", value or ""):
        raise ValidationError("Enter a NAICS code: 2 to 6 digits.", code="naics")


def validate_duns(value: str) -> None:
    # Category 2: "D-U-N-S Numbers" are nine digits, often written 12-345-6789.
    if len(digits_only(value)) != 9 or not re.fullmatch(r"[\d\- ]+", value or ""):
        raise ValidationError("Enter a D-U-N-S Number: 9 digits.", code="duns")


def validate_meeting_id(value: str) -> None:
    # Retrieval 3: "meeting ID"; web-conference meeting IDs are 9 to 11 digits.
    if not re.fullmatch(r"\d{9,11}", value or ""):
        raise ValidationError("Enter a meeting ID: 9 to 11 digits.", code="meeting_id")


def validate_mac_address(value: str) -> None:
    if not re.fullmatch(r"[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}", value or ""):
        raise ValidationError("Enter a MAC address, e.g. 00:1A:2B:3C:4D:5E.", code="mac")
