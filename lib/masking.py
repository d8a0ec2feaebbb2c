"""Masks that keep what a person needs to recognise a value and nothing more:
card and account numbers as "•••• 1234", e-mail as "j•••@example.com", phone as its last
four, a date of birth as its year, anything else as "•••"."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

DOTS = "•••"


def mask_account_number(value: Any) -> str:
    digits = re.sub(r"\D", "", str(value or ""))
    return f"•••• {digits[-4:]}" if len(digits) >= 4 else DOTS


def mask_email(value: Any) -> str:
    local, at, domain = str(value or "").partition("@")
    if not at or not local:
        return DOTS
    return f"{local[0]}{DOTS}@{domain}"


def mask_phone(value: Any) -> str:
    digits = re.sub(r"\D", "", str(value or ""))
    return f"{DOTS}-{digits[-4:]}" if len(digits) >= 4 else DOTS


def mask_date_to_year(value: Any) -> str:
    if isinstance(value, datetime.date):
        return str(value.year)
    text = str(value or "")
    return text[:4] if re.match(r"^\d{4}", text) else DOTS


def mask_fully(value: Any) -> str:
    return DOTS if value not in (None, "") else ""


MASKS: dict[str, Callable[[Any], str]] = {
    "account_number": mask_account_number,
    "email": mask_email,
    "phone": mask_phone,
    "date_to_year": mask_date_to_year,
    "full": mask_fully,
}


def mask(value: Any, how: str = "full") -> str:
    if value in (None, ""):
        return ""
    return MASKS[how](value)
