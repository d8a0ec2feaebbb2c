"""Audit events for what model signals do not see: bulk loads, key rotation, purges."""

from __future__ import annotations

from audit.models import BulkChange
from lib.process import process_identity


def record_bulk_change(
    operation: str, model_label: str, row_count: int, description: str = "", by: str = ""
) -> BulkChange:
    return BulkChange.objects.create(
        operation=operation,
        model=model_label,
        row_count=row_count,
        description=description[:300],
        performed_by=by or process_identity(),
    )


def record_key_rotation(sender, model_label: str, row_count: int, description: str, **kwargs):
    """keystore.signals.keys_rewrapped: a rotation rewrapped data keys in bulk."""
    record_bulk_change("rotate_keys", model_label, row_count, description)
