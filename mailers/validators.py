"""Field validators for USPS 820.100 records, with messages fit for a person filling a
form (card and bank account numbers: `lib.payments`). Each raises ValidationError and
never echoes the value (it may be personal)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError

from mailers.constants import IdentifierKind

_SSN_LAST_FOUR = re.compile(r"^\d{4}$")

# USPS 820.100, category 2: the shape of each identifier a mailer is known by.
IDENTIFIER_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    # Intelligent Mail barcode Mailer IDs are 6 or 9 digits.
    IdentifierKind.MAILER_ID: (re.compile(r"^(\d{6}|\d{9})$"), "a Mailer ID: 6 or 9 digits"),
    IdentifierKind.PERMIT_NUMBER: (re.compile(r"^\d{1,7}$"), "a permit number: 1 to 7 digits"),
    IdentifierKind.POSTAGE_METER: (
        re.compile(r"^[A-Z0-9]{6,20}$"),
        "a postage meter number: 6 to 20 letters or digits",
    ),
    IdentifierKind.DUNS: (re.compile(r"^\d{9}$"), "a D-U-N-S Number: 9 digits"),
    # POSTNET: ZIP (5), ZIP+4 (9) or ZIP+4 plus delivery point (11) digits.
    IdentifierKind.POSTNET: (
        re.compile(r"^(\d{5}|\d{9}|\d{11})$"),
        "a POSTNET code: 5, 9 or 11 digits",
    ),
    IdentifierKind.PUBLICATION: (
        re.compile(r"^[A-Z0-9]{3,12}$"),
        "a publication ID: 3 to 12 letters or digits",
    ),
}

DROP_SHIPMENT_SITE_KEYS = frozenset({"site", "code"})


def normalize_mailer_identifier(value: str) -> str:
    """Identifiers as staff type them: spaces and hyphens dropped, letters upper-cased."""
    return re.sub(r"[\s\-]+", "", value or "").upper()


def validate_mailer_identifier(kind: str, value: str) -> None:
    try:
        pattern, description = IDENTIFIER_PATTERNS[kind]
    except KeyError:
        raise ValidationError("Choose a kind of identifier.", code="identifier_kind") from None
    if not pattern.match(normalize_mailer_identifier(value)):
        raise ValidationError(f"Enter {description}.", code="identifier")


def validate_ssn_last_four(value: str) -> None:
    # USPS 820.100, category 2: the last four digits of the SSN, never the whole number;
    # 0000 is never issued as an SSN serial number.
    if not _SSN_LAST_FOUR.match(value or "") or value == "0000":
        raise ValidationError(
            "Enter exactly the last four digits of the Social Security Number.",
            code="ssn_last_four",
        )


def validate_drop_shipment_sites(value: Any) -> None:
    """USPS 820.100, category 3: "drop shipment sites and codes", a list of
    {"site": ..., "code": ...}; no other attribute is collected."""
    if not isinstance(value, list):
        raise ValidationError("Give the drop shipment sites as a list.", code="sites")
    for entry in value:
        if not isinstance(entry, dict):
            raise ValidationError("Each drop shipment site needs a site and a code.", code="sites")
        unknown = sorted(set(entry) - DROP_SHIPMENT_SITE_KEYS)
        if unknown:
            raise ValidationError(
                "Unknown drop shipment site attribute(s): %(keys)s.",
                code="unknown_key",
                params={"keys": ", ".join(unknown)},
            )
        if not all(isinstance(entry.get(k), str) and entry.get(k) for k in ("site", "code")):
            raise ValidationError("Each drop shipment site needs a site and a code.", code="sites")


def validate_appointment_times(value: Any) -> None:
    """USPS 820.100, category 3: "appointment times", a list of ISO 8601 date-times."""
    if not isinstance(value, list):
        raise ValidationError("Give the appointment times as a list.", code="appointments")
    for entry in value:
        try:
            datetime.datetime.fromisoformat(entry)
        except (TypeError, ValueError):
            raise ValidationError(
                "Enter each appointment time as a date and time (YYYY-MM-DDTHH:MM).",
                code="appointments",
            ) from None
