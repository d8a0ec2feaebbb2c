"""Retention over the API, for the roles its admin grants (issue 13, item 1: "legal
holds and retention plans (records officers)"):

- `/api/v1/legal-holds/`: records and privacy officers list and read holds (filtered by
  `state`, `scope`, `system`, `person_id`, `model_label`, `record_id`), place one
  (`POST`, the admin's form fields as JSON) and release one
  (`POST …/legal-holds/<id>/release/` with a `release_reason`). Both go through the
  admin's own form (retention/forms.py) and service (retention/services.py), so they
  are checked alike and audited alike: the hold's change entry (django-auditlog, the
  caller as its actor), in the request's transaction. A hold already released is 409,
  with the service's words.
- `/api/v1/purge-runs/` and `/api/v1/destruction-certificates/`: the runs with their
  plans, and the certificates (officers and auditors; read-only: a run is approved on
  the admin's approval screen).
- `/api/v1/retention-forecasts/`: the dashboard's stored forecasts (the dashboard's
  roles; read-only: a new one is asked for on the dashboard).

A service account holding a viewer role reads these; placing and releasing a hold are a
staff officer's decisions (the services refuse anyone else), so a service account gets
403 there whatever its roles.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.api import RoleRestrictedViewSet
from lib.api import BoundedJSONParser, Conflict, QueryFilters
from lib.schema import ERROR
from retention.forms import LegalHoldForm, ReleaseHoldForm
from retention.models import (
    DestructionCertificate,
    HoldScope,
    LegalHold,
    PurgeRun,
    RetentionForecast,
    RunStatus,
)
from retention.services import (
    DASHBOARD_ROLES,
    HOLD_ROLES,
    RUN_VIEWER_ROLES,
    DecisionRefused,
    place_legal_hold,
    release_legal_hold,
)
from retention.views import CERTIFICATE_DIGEST
from sorn.constants import SystemSlug

TAG = "Retention"


def checked_body(data, kinds: Mapping[str, type]) -> dict:
    """The body, checked for its shape before the admin's form sees it: an object of the
    fields named in `kinds`, no others, each of its kind or null. (A form turns whatever
    it is given into text: a list would become a reason.)"""
    if not isinstance(data, Mapping):
        raise exceptions.ValidationError({"detail": "Send a JSON object."})
    problems = {name: ["Unknown field."] for name in data if name not in kinds}
    for name, kind in kinds.items():
        value = data.get(name)
        if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
            continue
        words = {str: "text", int: "a whole number", dict: "a JSON object"}[kind]
        problems[name] = [f"Give this as {words} (or null)."]
    if problems:
        raise exceptions.ValidationError(dict(sorted(problems.items())))
    return {name: data[name] for name in kinds if data.get(name) is not None}


def form_errors(form) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {field: list(errors) for field, errors in form.errors.items()}
    )


# Legal holds -------------------------------------------------------------------------


class LegalHoldSerializer(serializers.ModelSerializer):
    active = serializers.BooleanField(source="is_active", read_only=True)
    placed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    released_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    query = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = LegalHold
        fields = ["id", "scope", "person_id", "system", "model_label", "record_id", "query",
                  "reason", "active", "placed_by", "placed_at", "released_by",
                  "released_at", "release_reason"]  # fmt: skip
        extra_kwargs = {"person_id": {"help_text": "For a person hold: the customer number."}}


# What a new hold is given: the admin's form fields (LegalHoldForm), as JSON.
PLACEMENT_KINDS = {
    "scope": str, "person_id": int, "system": str, "model_label": str, "record_id": int,
    "query": dict, "reason": str,
}  # fmt: skip


class LegalHoldPlacementSerializer(serializers.Serializer):
    """Described for the schema; checked by `checked_body` and LegalHoldForm."""

    scope = serializers.ChoiceField(choices=HoldScope.choices)
    person_id = serializers.IntegerField(
        required=False, allow_null=True, help_text="A person hold: the customer number."
    )
    system = serializers.ChoiceField(
        choices=SystemSlug.choices, required=False, allow_null=True, help_text="A system hold."
    )
    model_label = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="A record or query hold: a record type a retention rule governs, e.g. "
        '"orders.OfflineOrder".',
    )
    record_id = serializers.IntegerField(
        required=False, allow_null=True, help_text="A record hold: the record's number."
    )
    query = serializers.DictField(
        required=False,
        allow_null=True,
        help_text='A query hold: field lookups, e.g. {"placed_on__lt": "2020-01-01"}, on '
        "fields stored in clear that your roles read in clear.",
    )
    reason = serializers.CharField(help_text="Why the records must be kept (matter, docket).")


class LegalHoldReleaseSerializer(serializers.Serializer):
    release_reason = serializers.CharField(
        help_text="Why the hold is released: the matter closed, the audit finished."
    )


@extend_schema_view(
    list=extend_schema(
        summary="Legal holds (records and privacy officers)",
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=["active", "released"]),
            OpenApiParameter("scope", OpenApiTypes.STR, enum=HoldScope.values),
            OpenApiParameter("system", OpenApiTypes.STR, enum=SystemSlug.values),
            OpenApiParameter("person_id", OpenApiTypes.INT, description="A customer number."),
            OpenApiParameter("model_label", OpenApiTypes.STR, description="app_label.Model"),
            OpenApiParameter("record_id", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="One legal hold"),
    create=extend_schema(
        summary="Place a legal hold",
        description="Checked as the admin's form checks it (what each scope names, that "
        "the person or record exists, a query hold's lookups on fields your roles read in "
        "clear) and placed by the same service; 400 naming each field at fault, and "
        "nothing saved.",
        request=LegalHoldPlacementSerializer,
        responses={201: LegalHoldSerializer},
    ),
    release=extend_schema(
        summary="Release a legal hold",
        description="Its records follow their retention rules again from the next purge "
        "batch on. A hold is released once: 409 when it already was.",
        request=LegalHoldReleaseSerializer,
        responses={
            200: LegalHoldSerializer,
            409: OpenApiResponse(ERROR, description="The hold was already released."),
        },
    ),
)
@extend_schema(tags=[TAG])
class LegalHoldViewSet(RoleRestrictedViewSet):
    queryset = LegalHold.objects.select_related("placed_by", "released_by")
    serializer_class = LegalHoldSerializer
    viewer_roles = editor_roles = HOLD_ROLES
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [BoundedJSONParser]
    list_filters = ("state", "scope", "system", "person_id", "model_label", "record_id")

    def filter_list(self, queryset, given: QueryFilters):
        state = given.choice("state", ["active", "released"])
        scope = given.choice("scope", HoldScope.values)
        system = given.choice("system", SystemSlug.values)
        person_id = given.number("person_id")
        model_label = given.text("model_label", LegalHold._meta.get_field("model_label").max_length)
        record_id = given.number("record_id")
        if state is not None:
            queryset = queryset.filter(released_at__isnull=state == "active")
        exact = {
            "scope": scope,
            "system": system,
            "person_id": person_id,
            "model_label": model_label,
            "record_id": record_id,
        }
        return queryset.filter(**{k: v for k, v in exact.items() if v is not None})

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        given = checked_body(request.data, PLACEMENT_KINDS)
        if "query" in given:  # as the admin's form receives it: JSON text
            given["query"] = json.dumps(given["query"])
        form = LegalHoldForm.for_officer(request.user)(data=given)
        if not form.is_valid():
            raise form_errors(form)
        try:
            hold = place_legal_hold(form.save(commit=False), by=request.user)
        except DecisionRefused as refused:
            raise exceptions.ValidationError({"detail": str(refused)}) from None
        return Response(self.get_serializer(hold).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    @transaction.atomic
    def release(self, request, *args, **kwargs):
        hold = self.get_object()
        if not hold.is_active:  # as the admin's release page: the state first
            raise Conflict(f"{hold} was already released on {hold.released_at:%Y-%m-%d}.")
        form = ReleaseHoldForm(data=checked_body(request.data, {"release_reason": str}))
        if not form.is_valid():
            raise form_errors(form)
        try:
            hold = release_legal_hold(
                hold, by=request.user, reason=form.cleaned_data["release_reason"]
            )
        except DecisionRefused as refused:  # released meanwhile: the service's words
            raise Conflict(f"{str(refused)[:1].upper()}{str(refused)[1:]}.") from None
        return Response(self.get_serializer(hold).data)


# Purge runs, certificates, forecasts -------------------------------------------------


class PurgeRunSerializer(serializers.ModelSerializer):
    approved_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    rejected_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    revisions = serializers.DictField(
        help_text="The catalogue revision of each system whose rules the run applied."
    )
    plan = serializers.DictField(help_text="The plan as computed: counts and identifiers.")
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = PurgeRun
        fields = ["id", "as_of", "status", "triggered_by", "approved_by", "approved_at",
                  "rejected_by", "rejected_at", "rejection_reason", "revisions", "plan",
                  "batch_size", "created_at", "started_at", "finished_at",
                  "certificate"]  # fmt: skip

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_certificate(self, run: PurgeRun) -> int | None:
        certificate = getattr(run, "certificate", None)
        return None if certificate is None else certificate.pk


@extend_schema_view(
    list=extend_schema(
        summary="Purge runs and their plans (records and privacy officers, auditors)",
        parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=RunStatus.values)],
    ),
    retrieve=extend_schema(summary="One purge run and its plan"),
)
@extend_schema(tags=[TAG])
class PurgeRunViewSet(RoleRestrictedViewSet):
    queryset = PurgeRun.objects.select_related("approved_by", "rejected_by", "certificate")
    serializer_class = PurgeRunSerializer
    viewer_roles = RUN_VIEWER_ROLES
    list_filters = ("status",)

    def filter_list(self, queryset, given: QueryFilters):
        run_status = given.choice("status", RunStatus.values)
        return queryset if run_status is None else queryset.filter(status=run_status)


class CertificateLineSerializer(serializers.Serializer):
    system = serializers.CharField()
    rule = serializers.CharField()
    model = serializers.CharField()
    count = serializers.IntegerField()


class DestructionCertificateSerializer(serializers.ModelSerializer):
    revisions = serializers.DictField(
        help_text="The catalogue revision of each system whose rules the run applied."
    )
    lines = CertificateLineSerializer(many=True, help_text="In the order the run destroyed.")
    digest_method = serializers.SerializerMethodField()

    class Meta:
        model = DestructionCertificate
        fields = ["id", "run", "issued_at", "as_of", "started_at", "finished_at",
                  "authorised_by", "revisions", "lines", "total", "digest", "digest_method",
                  "complete"]  # fmt: skip

    def get_digest_method(self, certificate: DestructionCertificate) -> str:
        return CERTIFICATE_DIGEST


@extend_schema_view(
    list=extend_schema(
        summary="Certificates of destruction (records and privacy officers, auditors)",
        parameters=[
            OpenApiParameter("complete", OpenApiTypes.BOOL),
            OpenApiParameter("run", OpenApiTypes.INT, description="A purge run's number."),
        ],
    ),
    retrieve=extend_schema(summary="One certificate of destruction"),
)
@extend_schema(tags=[TAG])
class DestructionCertificateViewSet(RoleRestrictedViewSet):
    queryset = DestructionCertificate.objects.all()
    serializer_class = DestructionCertificateSerializer
    viewer_roles = RUN_VIEWER_ROLES
    list_filters = ("complete", "run")

    def filter_list(self, queryset, given: QueryFilters):
        complete, run = given.boolean("complete"), given.number("run")
        if complete is not None:
            queryset = queryset.filter(complete=complete)
        if run is not None:
            queryset = queryset.filter(run_id=run)
        return queryset


class RetentionForecastSerializer(serializers.ModelSerializer):
    figures = serializers.DictField(
        help_text="Per rule, the counts due, held and frozen at each horizon (days); "
        "empty until computed."
    )

    class Meta:
        model = RetentionForecast
        fields = ["id", "requested_at", "requested_by", "computed_at", "as_of", "seconds",
                  "figures"]  # fmt: skip


@extend_schema_view(
    list=extend_schema(summary="The retention dashboard's forecasts (records officers)"),
    retrieve=extend_schema(summary="One retention forecast"),
)
@extend_schema(tags=[TAG])
class RetentionForecastViewSet(RoleRestrictedViewSet):
    queryset = RetentionForecast.objects.all()
    serializer_class = RetentionForecastSerializer
    viewer_roles = DASHBOARD_ROLES


def register_retention_resources(router) -> None:
    router.register("legal-holds", LegalHoldViewSet, basename="legal-hold")
    router.register("purge-runs", PurgeRunViewSet, basename="purge-run")
    router.register(
        "destruction-certificates",
        DestructionCertificateViewSet,
        basename="destruction-certificate",
    )
    router.register("retention-forecasts", RetentionForecastViewSet, basename="retention-forecast")
