"""Field validators for payment, shipping and behavioural data, with messages fit for a
person filling a form. None of them repeats the value back (it may be a card number)."""

from __future__ import annotations

import datetime
import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.us import rtn

from lib.normalize import normalize_identifier
from orders.constants import DEVICE_SETTING_KEYS, CardBrand

_SEPARATORS = re.compile(r"[\s\-]+")
_S3_URI = re.compile(r"s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]/\S+")


def card_digits(value: str) -> str:
    """A card number as digits only ("4111 1111-1111 1111" → "4111111111111111")."""
    return _SEPARATORS.sub("", value or "")


def validate_card_number(value: str) -> None:
    digits = card_digits(value)
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise ValidationError("Enter a card number of 12 to 19 digits.", code="card_number")
    if not luhn.is_valid(digits):
        raise ValidationError(
            "This card number is not valid (check digit mismatch); please re-enter it.",
            code="card_luhn",
        )


def card_brand_of(digits: str) -> str:
    """The brand a card number's prefix (IIN) belongs to, or "" when not one we accept."""
    if digits.startswith("4"):
        return CardBrand.VISA
    if digits[:2] in {"34", "37"}:
        return CardBrand.AMEX
    if digits[:2] in {"51", "52", "53", "54", "55"} or 2221 <= int(digits[:4] or 0) <= 2720:
        return CardBrand.MASTERCARD
    if digits.startswith(("6011", "65")) or 644 <= int(digits[:3] or 0) <= 649:
        return CardBrand.DISCOVER
    return ""


def card_expired_before(month: int, year: int, on: datetime.date) -> bool:
    """A card is good through the last day of its expiry month."""
    return (year, month) < (on.year, on.month)


def validate_routing_number(value: str) -> None:
    """ABA routing transit number: 9 digits with its check digit (stdnum.us.rtn)."""
    try:
        rtn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "Enter a valid 9-digit bank routing number.", code="routing_number"
        ) from exc


def validate_bank_account_number(value: str) -> None:
    if not re.fullmatch(r"\d{4,17}", value or ""):
        raise ValidationError("Enter a bank account number of 4 to 17 digits.", code="account")


def validate_digits(value: str) -> None:
    if not re.fullmatch(r"\d{1,20}", value or ""):
        raise ValidationError("Enter digits only.", code="digits")


def validate_identifier(value: str) -> None:
    try:
        normalize_identifier(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="identifier") from exc


def validate_device_settings(value: str) -> None:
    """A JSON object whose keys are all published device-setting attributes."""
    try:
        settings = json.loads(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError("Device settings must be a JSON object.", code="json") from exc
    if not isinstance(settings, dict):
        raise ValidationError("Device settings must be a JSON object.", code="json")
    unknown = sorted(set(settings) - DEVICE_SETTING_KEYS)
    if unknown:
        raise ValidationError(
            "Unknown device setting(s): %(keys)s. Allowed: %(allowed)s.",
            code="unknown_key",
            params={"keys": ", ".join(unknown), "allowed": ", ".join(sorted(DEVICE_SETTING_KEYS))},
        )


def validate_recording_uri(value: str) -> None:
    """Where a call recording is kept: an https URL or an object-store URI (s3://bucket/key)."""
    if (value or "").startswith("s3://"):
        if not _S3_URI.fullmatch(value):
            raise ValidationError("Enter an s3://bucket/key URI.", code="invalid")
        return
    URLValidator(schemes=["https"])(value)


def validate_catalog_path(value: str) -> None:
    if not (value or "").startswith("/") or any(c.isspace() for c in value):
        raise ValidationError(
            "Enter the catalog page path, starting with / and without spaces.", code="path"
        )
