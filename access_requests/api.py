"""The request over the API (issue 12, item 9).

- `GET /api/v1/requests/<tracking number>/` with the status page's token in the
  `X-Status-Token` header: the requester's own tools read what the status page shows
  (kind, systems, status, received and due dates, what the office asks of them). No
  session and no API token: the status token is the credential. Every failure is the
  same 404 — an unknown number, a wrong, revoked or missing token, another request's
  token — so the endpoint tells nobody which tracking numbers exist; only the token's
  hash is looked up (never the number), so the answer takes the same time either way.
  Throttled per client address (the `anon` rate, API_ANON_RATE); never cached.
- `GET /api/v1/requests/?status=&due=overdue`: the open requests, for privacy officers
  (an agency's other case systems) — numbers, kinds, systems, statuses, assignees and due
  dates; no value the requester gave.
- `POST /api/v1/requests/<tracking number>/moves/<move>/`: a move of the lifecycle, through
  `workflow.make` and the roles it names (`workflow.may`), with the move's details as
  JSON (dates ISO 8601, `assignee` a username). 403 when the role may not make it;
  400 when the body is malformed (each field named); 409 Conflict, with the lifecycle's
  own message, when the lifecycle refuses it now (the request's status, identity not yet
  accepted, an extension not later than the current date...). Nothing changes on a refusal.
"""

from __future__ import annotations

import datetime
import secrets

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from access_requests import workflow
from access_requests.forms import move_form
from access_requests.models import PrivacyActRequest, RequestStatus
from access_requests.verification import request_by_status_token
from access_requests.views import _client_key
from lib import api as lib_api
from lib.api import BoundedCursorPagination, QueryParameterError, StrictQueryParameters
from lib.schema import ERROR as ERROR_SHAPE
from sorn.roles import holds_role

STATUS_TOKEN_HEADER = "X-Status-Token"  # noqa: S105 (a header's name)
OPEN_STATUSES = sorted(status.value for status in workflow.OPEN)
# Moves a staff role makes (not "verify", which is the requester's own).
STAFF_MOVES = sorted(name for name, move in workflow.MOVES.items() if move.roles)

# Every error is in the one shape (lib/api.py error_body), as the schema says.
ERROR = ERROR_SHAPE


class ClientAddressThrottle(AnonRateThrottle):
    """REST framework's anonymous throttle (scope `anon`), keyed on the client's address
    as the request form's rate limits find it: X-Forwarded-For believed only from
    TRUSTED_PROXIES, an IPv6 address by its /64."""

    def get_ident(self, request):
        return _client_key("api", request) or super().get_ident(request)


class Conflict(lib_api.Conflict):
    default_detail = "The request's state does not allow this now."


# The requester's view ---------------------------------------------------------------------


class RequestStatusSerializer(serializers.Serializer):
    tracking_number = serializers.CharField()
    kind = serializers.CharField()
    systems = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    received_on = serializers.SerializerMethodField()
    due_on = serializers.SerializerMethodField()
    asked_of_requester = serializers.CharField()

    @extend_schema_field(OpenApiTypes.DATE)
    def get_received_on(self, request: PrivacyActRequest) -> str:
        return timezone.localtime(request.received_at).date().isoformat()

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_due_on(self, request: PrivacyActRequest) -> str | None:
        """The next deadline, by the clocks the status page shows (none while the clock
        is stopped or the request is not open)."""
        due = workflow.next_due(request)
        return due.isoformat() if due else None


class RequestStatusView(StrictQueryParameters, APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle]

    @extend_schema(
        operation_id="requests_status",
        summary="A Privacy Act request, for its requester",
        description=(
            "What the request's private status page shows, for the requester's own tools. "
            "The status page's token is the credential. Every failure (unknown number, "
            "wrong, revoked or missing token, another request's token) is the same 404."
        ),
        auth=[],
        parameters=[
            OpenApiParameter(
                STATUS_TOKEN_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description="The token of the request's status page (the last part of its "
                "address).",
            )
        ],
        responses={
            200: RequestStatusSerializer,
            404: OpenApiResponse(ERROR, description="No request this token opens."),
            429: OpenApiResponse(ERROR, description="Too many requests from this address."),
        },
    )
    def get(self, request, tracking_number: str):
        found = request_by_status_token(request.headers.get(STATUS_TOKEN_HEADER, ""))
        if found is None or not secrets.compare_digest(
            found.tracking_number.encode(), tracking_number.encode()
        ):
            raise exceptions.NotFound
        return Response(RequestStatusSerializer(found).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


# Staff and other case systems -------------------------------------------------------------


class IsPrivacyOfficer(BasePermission):
    message = "Only a privacy officer works Privacy Act requests."

    def has_permission(self, request, view) -> bool:
        return holds_role(request.user, workflow.PRIVACY_OFFICERS)


class QueueSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PrivacyActRequest
        fields = ["tracking_number", "kind", "systems", "status", "status_label", "assignee",
                  "due_on"]  # fmt: skip


class QueuePagination(BoundedCursorPagination):
    """The queue's pages, next deadline first: a cursor positioned on a deadline (a
    request without one yet comes last)."""

    ordering = ("deadline", "received_at", "pk")

    def valid_position(self, position: str) -> bool:
        try:
            datetime.date.fromisoformat(position)
        except ValueError:
            return False
        return True


class RequestQueueView(StrictQueryParameters, ListAPIView):
    """The open requests, next deadline first (the admin's queue, as data)."""

    permission_classes = [IsAuthenticated, IsPrivacyOfficer]
    pagination_class = QueuePagination
    serializer_class = QueueSerializer
    query_parameters = ("status", "due")

    @extend_schema(
        operation_id="requests_list",
        summary="Open Privacy Act requests (privacy officers)",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=OPEN_STATUSES),
            OpenApiParameter(
                "due", OpenApiTypes.STR, enum=["overdue"], description="Past their deadline."
            ),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = PrivacyActRequest.objects.filter(status__in=workflow.OPEN)
        params = self.request.query_params
        problems = {}
        status = params.get("status")
        if status is not None:
            if status not in OPEN_STATUSES:
                problems["status"] = f"must be one of {', '.join(OPEN_STATUSES)}"
            queryset = queryset.filter(status=status)
        due = params.get("due")
        if due is not None:
            if due != "overdue":
                problems["due"] = "must be overdue"
            queryset = queryset.filter(due_on__lt=timezone.localdate())
        if problems:
            raise QueryParameterError(problems)
        deadline = Coalesce("due_on", Value(datetime.date.max))
        return queryset.select_related("assignee").annotate(deadline=deadline)


def _details_form(move: workflow.Move):
    """The move's details, checked as the admin's move page checks them, except that an
    assignee is named by username."""
    Form = move_form(move)
    if "assignee" in Form.base_fields:
        Form.base_fields["assignee"].to_field_name = "username"
    return Form


MOVE_DETAILS = inline_serializer(
    "MoveDetails",
    {
        "assignee": serializers.CharField(
            required=False, allow_null=True, help_text="assign: a privacy officer's username"
        ),
        "method": serializers.CharField(required=False, help_text="accept_identity"),
        "pause_reason": serializers.CharField(required=False, help_text="wait"),
        "asked_of_requester": serializers.CharField(required=False, help_text="wait"),
        "extended_to": serializers.DateField(required=False, help_text="extend"),
        "reason": serializers.CharField(required=False, help_text="extend, close"),
    },
)
MOVE_DONE = inline_serializer(
    "MoveDone",
    {
        "tracking_number": serializers.CharField(),
        "status": serializers.CharField(),
        "status_label": serializers.CharField(),
        "due_on": serializers.DateField(allow_null=True),
        "event": serializers.CharField(),
        "what": serializers.CharField(),
    },
)


class RequestMoveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="requests_move",
        summary="Make a move of the request's lifecycle",
        description=(
            "The same lifecycle and roles as the admin's move pages "
            "(access_requests/workflow.py). The body holds what the move needs."
        ),
        parameters=[
            OpenApiParameter("move", OpenApiTypes.STR, OpenApiParameter.PATH, enum=STAFF_MOVES)
        ],
        request=MOVE_DETAILS,
        responses={
            200: MOVE_DONE,
            400: OpenApiResponse(ERROR, description="A detail missing or malformed."),
            403: OpenApiResponse(ERROR, description="Your role may not make this move."),
            404: OpenApiResponse(ERROR, description="No such request or move."),
            409: OpenApiResponse(ERROR, description="The lifecycle refuses the move now."),
        },
    )
    def post(self, request, tracking_number: str, move: str):
        found_move = workflow.MOVES.get(move)
        if found_move is None or not found_move.roles:
            raise exceptions.NotFound("There is no such move.")
        # The role first: who may not make the move learns nothing about the request.
        if not workflow.may(request.user, found_move):
            raise exceptions.PermissionDenied(f"{found_move.label}: not for your role.")
        obj = PrivacyActRequest.objects.filter(tracking_number=tracking_number).first()
        if obj is None:
            raise exceptions.NotFound
        data = request.data
        if not hasattr(data, "keys"):
            raise exceptions.ValidationError({"detail": "Send the move's details as an object."})
        unknown = sorted(set(data.keys()) - set(found_move.needs))
        if unknown:
            raise exceptions.ValidationError(
                {name: [f"{found_move.label} takes no {name}."] for name in unknown}
            )
        # Each detail is text (a date in ISO 8601, a username) or null: a number, a list or
        # an object is no detail, not something for the form to guess at.
        not_text = sorted(n for n in data if not isinstance(data[n], str | None))
        if not_text:
            raise exceptions.ValidationError(
                {name: ["Give this as text (or null)."] for name in not_text}
            )
        form = _details_form(found_move)(data)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {field: list(errors) for field, errors in form.errors.items()}
            )
        try:
            event = workflow.make(obj, move, actor=request.user, **form.cleaned_data)
        except workflow.MoveRefused as refused:
            message = " ".join(refused.messages)
            if refused.code == "role":
                raise exceptions.PermissionDenied(message) from None
            raise Conflict(message) from None
        return Response(
            {
                "tracking_number": obj.tracking_number,
                "status": obj.status,
                "status_label": obj.get_status_display(),
                "due_on": obj.due_on.isoformat() if obj.due_on else None,
                "event": event.event,
                "what": event.what,
            }
        )
