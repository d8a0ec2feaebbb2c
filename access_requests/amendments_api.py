"""Amendments over the API, for an agency's other case systems (issue 12, items 5 and 9):
the same service (access_requests.amendments) and the same role as the admin's pages.

- `GET /api/v1/requests/<tracking number>/amendments/`: the corrections asked for, with
  what each asks, its decision and the notices to prior recipients still to send.
- `POST` there: record one (`system`, `record_model`, `record_pk`, `field`, `requested`).
- `POST …/amendments/<id>/grant/`, `…/deny/` (`{"reasons": …}`): decide one.

403 for any role but privacy officer, before anything is looked up; 404 for an unknown
request or amendment; 400 naming each field that is missing, not text, unknown, or that
the service refuses as input (a field the notice does not publish, a record not the
requester's, a value the field cannot hold); 409 with the service's own message when the
request's state refuses the step (its kind or status, identity not accepted, already
decided). Nothing changes on any refusal.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from access_requests import amendments
from access_requests.amendments import AmendmentRefused
from access_requests.api import ERROR, Conflict, IsPrivacyOfficer
from access_requests.models import Amendment, PrivacyActRequest

# The service's refusals that are about the input (400); the others are about the
# request's state now (409).
INPUT_REFUSALS = {"system", "record_model", "field", "record", "value", "reasons"}


class AmendmentSerializer(serializers.ModelSerializer):
    requested = serializers.SerializerMethodField()
    notices_to_send = serializers.SerializerMethodField()

    class Meta:
        model = Amendment
        fields = ["id", "system", "record_model", "record_pk", "field", "requested",
                  "decision", "decided_at", "notices_to_send"]  # fmt: skip

    def get_requested(self, amendment: Amendment) -> str:
        return amendments.requested_value(amendment)

    def get_notices_to_send(self, amendment: Amendment) -> int:
        return amendment.notices.filter(sent_at__isnull=True).count()


class ProposalSerializer(serializers.Serializer):
    system = serializers.CharField(max_length=40)
    record_model = serializers.CharField(max_length=100)
    record_pk = serializers.IntegerField(min_value=1)
    field = serializers.CharField(max_length=100)
    requested = serializers.CharField(max_length=2000, allow_blank=True, trim_whitespace=True)


class DenialSerializer(serializers.Serializer):
    reasons = serializers.CharField(max_length=2000)


def _checked(serializer_class: type[serializers.Serializer], data) -> dict:
    """The body, checked strictly: an object of the serializer's fields, no others."""
    if not hasattr(data, "keys"):
        raise exceptions.ValidationError({"detail": "Send an object."})
    unknown = sorted(set(data.keys()) - set(serializer_class().fields))
    if unknown:
        raise exceptions.ValidationError({name: ["Unknown field."] for name in unknown})
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _refusal(refused: ValidationError) -> exceptions.APIException:
    message = " ".join(refused.messages)
    if refused.code == "role":
        return exceptions.PermissionDenied(message)
    if refused.code in INPUT_REFUSALS:
        return exceptions.ValidationError({"detail": message})
    return Conflict(message)


def _request(tracking_number: str) -> PrivacyActRequest:
    return get_object_or_404(PrivacyActRequest, tracking_number=tracking_number)


REFUSALS = {
    400: OpenApiResponse(ERROR, description="Malformed, or refused as input."),
    403: OpenApiResponse(ERROR, description="Only a privacy officer."),
    404: OpenApiResponse(ERROR, description="No such request or amendment."),
    409: OpenApiResponse(ERROR, description="The request's state refuses it now."),
}


class AmendmentListView(APIView):
    permission_classes = [IsAuthenticated, IsPrivacyOfficer]

    @extend_schema(
        operation_id="requests_amendments_list",
        summary="The amendments of a request",
        responses={200: AmendmentSerializer(many=True), **REFUSALS},
    )
    def get(self, request, tracking_number: str):
        found = _request(tracking_number)
        return Response(AmendmentSerializer(found.amendments.order_by("pk"), many=True).data)

    @extend_schema(
        operation_id="requests_amendments_create",
        summary="Record an amendment the requester asks for",
        request=ProposalSerializer,
        responses={201: AmendmentSerializer, **REFUSALS},
    )
    def post(self, request, tracking_number: str):
        found = _request(tracking_number)
        data = _checked(ProposalSerializer, request.data)
        try:
            amendment = amendments.propose(found, actor=request.user, **data)
        except AmendmentRefused as refused:
            raise _refusal(refused) from None
        return Response(AmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)


class AmendmentDecisionView(APIView):
    permission_classes = [IsAuthenticated, IsPrivacyOfficer]

    @extend_schema(
        operation_id="requests_amendments_decide",
        summary="Grant (the record corrected through the access layer) or deny an amendment",
        request=inline_serializer("AmendmentDecision", {"reasons": serializers.CharField(
            required=False, help_text="deny: the reasons the denial letter gives")}),
        responses={200: AmendmentSerializer, **REFUSALS},
    )  # fmt: skip
    def post(self, request, tracking_number: str, amendment_id: int, decision: str):
        found = _request(tracking_number)
        amendment = get_object_or_404(Amendment, pk=amendment_id, request=found)
        try:
            if decision == "grant":
                _checked(serializers.Serializer, request.data)  # no body expected
                amendments.grant(amendment, actor=request.user)
            else:
                reasons = _checked(DenialSerializer, request.data)["reasons"]
                amendments.deny(amendment, actor=request.user, reasons=reasons)
        except ValidationError as refused:  # AmendmentRefused, or MoveRefused (identity)
            raise _refusal(refused) from None
        amendment.refresh_from_db()
        return Response(AmendmentSerializer(amendment).data)
