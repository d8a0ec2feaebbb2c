"""Requests nobody verified: destroyed after UNVERIFIED_REQUEST_DAYS (issue 11, item 3).
An unverified request is never worked; what its sender typed is kept no longer than it
takes to click the link. Run daily by Celery beat from the database schedule."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from access_requests.models import PrivacyActRequest, RequestStatus
from audit.writes import record_bulk_change
from keystore.crypto import destroy_data_keys

SCHEDULE_NAME = "Destroy unverified Privacy Act requests"


@shared_task
def destroy_unverified_requests() -> int:
    """Delete the requests still awaiting verification after the configured days, with
    their history, then destroy their data keys (the key store is another database: its
    keys go once the rows are gone, so no row is left without its key). Returns how many
    were destroyed."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.UNVERIFIED_REQUEST_DAYS)
    with transaction.atomic():
        stale = PrivacyActRequest.objects.select_for_update().filter(
            status=RequestStatus.UNVERIFIED, received_at__lt=cutoff
        )
        found = list(stale.values_list("pk", "data_key_id"))
        if not found:
            return 0
        PrivacyActRequest.objects.filter(pk__in=[pk for pk, _ in found]).delete()
        record_bulk_change(
            "delete",
            PrivacyActRequest._meta.label,
            len(found),
            f"unverified for {settings.UNVERIFIED_REQUEST_DAYS} days",
        )
    destroy_data_keys(key for _, key in found if key is not None)
    return len(found)
