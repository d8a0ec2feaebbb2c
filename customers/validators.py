"""Field validators with messages fit for a person filling a form."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from lib.normalize import normalize_phone

_ZIP = re.compile(r"^\d{5}(-\d{4})?$")


def validate_phone(value: str) -> None:
    try:
        normalize_phone(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="invalid_phone") from exc


def validate_postal_code(value: str) -> None:
    if not _ZIP.match(value or ""):
        raise ValidationError("Enter a ZIP code: 5 digits, or ZIP+4 (12345-6789).", code="zip")


def validate_url_text(value: str) -> None:
    URLValidator(schemes=["http", "https"])(value)
