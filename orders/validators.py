"""Field validators for order, shipping and behavioural data, with messages fit for a
person filling a form (card and bank account numbers: `lib.payments`)."""

from __future__ import annotations

import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from lib.normalize import normalize_identifier
from orders.constants import DEVICE_SETTING_KEYS

_S3_URI = re.compile(r"s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]/\S+")


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
