"""Argument types shared by management commands (retention_plan, purge_expired,
purge_audit)."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError


def as_of_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {text!r}") from None
