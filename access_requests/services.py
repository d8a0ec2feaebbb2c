"""Recording Privacy Act requests and every change of them (the request's own history)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction

from access_requests.identifiers import requester_identifier_names
from access_requests.models import (
    PrivacyActRequest,
    RequestChannel,
    RequestEvent,
    RequestStatus,
    new_tracking_number,
)
from sorn.models import SystemOfRecords


def identifiers_of_systems(slugs: Iterable[str]) -> dict[str, list[str]]:
    """System slug → the identifiers (normalised names) a request to it must give, from
    each notice's retrievability as published."""
    systems = SystemOfRecords.objects.filter(
        slug__in=list(slugs), current_revision__isnull=False
    ).select_related("current_revision")
    return {
        system.slug: requester_identifier_names(system.current_revision.document["retrievability"])
        for system in systems
    }


def record_request(
    *, fields: Mapping[str, Any], identifiers: Mapping[str, str], actor=None
) -> PrivacyActRequest:
    """A new request with its first history event, in one transaction. `fields` are the
    model's own (kind, systems, channel, contact, declaration, received_at ...);
    `identifiers` the values given, by identifier name. A request typed in by staff
    from post, e-mail, fax or telephone is received at once; one from the web form
    waits for its e-mail to be verified."""
    request = PrivacyActRequest(**fields)
    request.identifiers = json.dumps(dict(identifiers), sort_keys=True)
    if request.channel == RequestChannel.WEB:
        request.status = RequestStatus.UNVERIFIED
    for _ in range(20):
        try:
            with transaction.atomic():
                request.save()
                RequestEvent.objects.create(
                    request=request,
                    actor=actor,
                    event="received",
                    what=f"Received by {request.get_channel_display().lower()}"
                    + (f", entered by {actor.get_username()}" if actor is not None else ""),
                )
                return request
        except IntegrityError:  # a tracking number drawn twice: draw again
            request.pk = None
            request.tracking_number = new_tracking_number()
    raise RuntimeError("no free tracking number after 20 draws")
