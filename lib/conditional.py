"""Conditional requests for the API (RFC 9110, section 13; RFC 6585, section 3): an
`ETag` on every answer that shows one resource, and `If-Match` required to change or
delete it, so that two services cannot silently overwrite each other's changes.

The entity tag is a digest of the representation the caller receives (what it sees, as
its roles show it), so it changes whenever anything the caller sees changes — nested
rows included — and a change the caller cannot see does not stale its copy. A write
evaluates the precondition against the representation as it is *now*, with the row
locked until the write commits, so two writers holding the same tag cannot both
succeed: the second gets 412.

Generic REST framework code (no app of the project): REST framework and drf-spectacular
offer no precondition handling, and django.views.decorators.http.condition works on
whole Django views, before REST framework has authenticated the caller whose view of
the record the tag describes.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = (
        "Send If-Match with the ETag of the record as you last read it: a change without it "
        "could overwrite someone else's."
    )


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_code = "precondition_failed"
    default_detail = (
        "The record changed since you read it (its ETag is no longer the one in If-Match). "
        "Read it again, then apply your change to what it holds now."
    )


def entity_tag(data) -> str:
    """A strong entity tag for a representation: the digest of its JSON."""
    return '"' + hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:40] + '"'


def _listed_tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def matches(header: str, current: str) -> bool:
    """If-Match's strong comparison: "*" or one listed tag equal to `current`; a weak
    tag (W/"…") never matches (RFC 9110, 13.1.1)."""
    tags = _listed_tags(header)
    return "*" in tags or current in tags


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the record as you last read it (from its GET).",
)
PRECONDITION_ANSWERS = {
    412: OpenApiResponse(description="The record changed since the ETag you sent."),
    428: OpenApiResponse(description="If-Match was not sent."),
}


class ConditionalWrites:
    """A viewset mixin: ETag on retrieve and on the answer to a write; If-Match required
    on update, partial update and destroy (428 without, 412 when stale)."""

    def retrieve(self, request, *args, **kwargs) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        return self._tagged(response)

    @extend_schema(parameters=[IF_MATCH], responses=PRECONDITION_ANSWERS)
    def update(self, request, *args, **kwargs) -> Response:
        with transaction.atomic():
            self._check_precondition(request)
            return self._tagged(super().update(request, *args, **kwargs))

    @extend_schema(parameters=[IF_MATCH], responses=PRECONDITION_ANSWERS)
    def partial_update(self, request, *args, **kwargs) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    @extend_schema(parameters=[IF_MATCH], responses=PRECONDITION_ANSWERS)
    def destroy(self, request, *args, **kwargs) -> Response:
        with transaction.atomic():
            self._check_precondition(request)
            return super().destroy(request, *args, **kwargs)

    def _check_precondition(self, request) -> None:
        header = request.headers.get("If-Match")
        if not header:
            raise PreconditionRequired()
        instance = self.get_object()
        # Locked until the write commits: a second writer with the same tag waits, then
        # finds the representation changed.
        manager = type(instance)._default_manager
        manager.select_for_update().values_list("pk", flat=True).get(pk=instance.pk)
        current = entity_tag(self.get_serializer(self.get_object()).data)
        if not matches(header, current):
            raise PreconditionFailed()

    def _tagged(self, response: Response) -> Response:
        if response.status_code == 200 and isinstance(response.data, dict):
            response["ETag"] = entity_tag(response.data)
        return response
