"""Requests nobody verified: destroyed after UNVERIFIED_REQUEST_DAYS (issue 11, item 3).
An unverified request is never worked; what its sender typed is kept no longer than it
takes to click the link. Run daily by Celery beat from the database schedule."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from access_requests import workflow
from access_requests.models import PrivacyActRequest, RequestStatus
from access_requests.services import refresh_candidates
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


REMIND_SCHEDULE_NAME = "Remind assignees of Privacy Act deadlines"


@shared_task
def remind_assignees() -> int:
    """Every morning: recompute open requests' deadlines (the holiday calendar may have
    changed), then e-mail each assignee the requests of theirs that are overdue or due
    within DUE_SOON_WORKING_DAYS working days — tracking numbers and dates only, never
    what a requester gave. Returns how many e-mails were sent."""
    workflow.recompute_due_dates()
    today = timezone.localdate()
    soon = workflow.due_soon_until(today)
    due = (
        PrivacyActRequest.objects.filter(
            status__in=workflow.OPEN, assignee__isnull=False, due_on__lte=soon
        )
        .select_related("assignee")
        .order_by("assignee_id", "due_on", "tracking_number")
    )
    by_assignee: dict = {}
    for request in due:
        by_assignee.setdefault(request.assignee, []).append(request)
    sent = 0
    for assignee, requests in by_assignee.items():
        if not assignee.email or not assignee.is_active:
            continue
        lines = [
            f"{r.tracking_number}  {r.get_kind_display()}  due {r.due_on:%B %-d, %Y}"
            + ("  OVERDUE" if r.due_on < today else "")
            for r in requests
        ]
        send_mail(
            f"Privacy Act requests due: {len(requests)}",
            "These requests assigned to you are overdue or due within "
            f"{workflow.DUE_SOON_WORKING_DAYS} working days:\n\n" + "\n".join(lines) + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [assignee.email],
        )
        sent += 1
    return sent


SEARCH_SCHEDULE_NAME = "Search the systems for new Privacy Act requests"
# Every few minutes: the records a new request may be about are frozen from purging as
# soon as its search finds their people (retention.eligibility freezes candidates too).
SEARCH_EVERY_MINUTES = 5


@shared_task
def search_new_requests() -> int:
    """Search the systems for every open request not searched yet (verified on the public
    form, typed in by staff, delivered by FOIA.gov), as the service: its candidates are
    then frozen until staff decide them, so no record a requester may have asked about is
    destroyed before anyone looked (5 U.S.C. 552a(d)). Returns how many were searched."""
    waiting = (
        PrivacyActRequest.objects.pending()
        .exclude(events__event="searched")
        .order_by("received_at")
        .values_list("pk", flat=True)
    )
    searched = 0
    for pk in list(waiting):
        try:
            refresh_candidates(PrivacyActRequest.objects.get(pk=pk), actor=None)
        except ValidationError:
            continue  # closed meanwhile: nothing to search for
        searched += 1
    return searched
