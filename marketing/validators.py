"""Field validators for USPS 890.000 records, with messages fit for a person filling a form."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.us import rtn

from marketing.constants import CardBrand

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


def validate_card_number(value: str) -> None:
    number = digits_only(value)
    if not re.fullmatch(r"[\d ]+", value or "") or not 12 <= len(number) <= 19:
        raise ValidationError("Enter a card number of 12 to 19 digits.", code="card_length")
    try:
        luhn.validate(number)
    except StdnumError as exc:
        raise ValidationError(
            "This card number is not valid (check digit).", code="card_luhn"
        ) from exc


def validate_routing_number(value: str) -> None:
    try:
        rtn.validate(value or "")
    except StdnumError as exc:
        raise ValidationError(
            "Enter a valid 9-digit ABA routing number.", code="routing_number"
        ) from exc


def validate_bank_account_number(value: str) -> None:
    if not re.fullmatch(r"\d{4,17}", value or ""):
        raise ValidationError("Enter a bank account number: 4 to 17 digits.", code="account")


def validate_meeting_id(value: str) -> None:
    # Retrieval 3: "meeting ID"; web-conference meeting IDs are 9 to 11 digits.
    if not re.fullmatch(r"\d{9,11}", value or ""):
        raise ValidationError("Enter a meeting ID: 9 to 11 digits.", code="meeting_id")


def validate_mac_address(value: str) -> None:
    if not re.fullmatch(r"[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}", value or ""):
        raise ValidationError("Enter a MAC address, e.g. 00:1A:2B:3C:4D:5E.", code="mac")


def card_brand(number: str) -> str:
    """The card type (category 6) from the number's leading digits."""
    digits = digits_only(number)
    if digits.startswith("4"):
        return CardBrand.VISA
    if digits[:2] in {"34", "37"}:
        return CardBrand.AMEX
    if digits[:2] in {"51", "52", "53", "54", "55"} or "2221" <= digits[:4] <= "2720":
        return CardBrand.MASTERCARD
    if digits.startswith(("6011", "65")) or "644" <= digits[:3] <= "649":
        return CardBrand.DISCOVER
    return CardBrand.OTHER
