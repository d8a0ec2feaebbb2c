"""The audit over the API, read-only, for the roles the audit's admin grants (issue 13,
item 1: "access events, seals and disclosures (auditors)"):

- `/api/v1/access-events/`: every read the gate let through (auditors only), filtered
  by `username`, `channel`, `model`, `person_id` (a customer number: the events that
  read a record about that person) and `occurred_after` / `occurred_before`;
- `/api/v1/audit-seals/`: the seals over the audit streams, without their manifests
  (auditors only; `manage.py verify_audit` checks them), filtered by `stream`;
- `/api/v1/disclosures/`: the accounting of disclosures, 5 U.S.C. 552a(c) (privacy
  officers and auditors), filtered by `person_id`, `system`, `recipient_name` and
  `disclosed_after` / `disclosed_before`. Entries as recorded, a correction beside the
  entry it corrects (`corrects`), as the admin lists them.

Newest first, by record number, in bounded cursor pages (lib/api.py); a query parameter
a list does not take is refused (400). Anyone else: 403; no credentials: 401.

Reading these is not itself recorded as an access event, as in the admin and on a
person's access-history page: access events record reads of the records the notices
govern (the classified record models, through the gate), and these rows are the audit's
own — who read which record numbers and fields, to whom a person's records went — never
the records' values; recording each review of the trail in the trail would make every
review grow what it reviews. So an external recipient's account reads none of them,
whatever roles it holds: everything it reads must be accounted for as a disclosure
(5 U.S.C. 552a(c)(1); audit/reads.py), and a read that is recorded nowhere cannot be.

`RoleRestrictedViewSet` is the base of the role-restricted resources (retention's too),
as `audit.admin.RoleRestrictedAdmin` is of the role-restricted admin pages.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import BasePermission, IsAuthenticated

from audit.constants import AUDITOR_ROLES, DISCLOSURE_VIEWER_ROLES, AccessChannel
from audit.models import AccessEvent, AuditSeal, DisclosureAccounting
from audit.reads import recipient_of
from audit.seals import STREAMS
from audit.services import events_about_person
from lib.api import NewestFirstPagination, QueryFilters, StrictQueryParameters
from sorn.roles import RoleRequired

TAG = "Audit"
# A record number the database can hold (as the record resources' lookups).
RECORD_NUMBER = "[0-9]{1,18}"


class NotAnExternalRecipient(BasePermission):
    """The caller is no external recipient's account: these reads are not recorded, so
    they could not be accounted for as the disclosures they would be."""

    message = "An external recipient's account reads no audit or retention resource."

    def has_permission(self, request, view) -> bool:
        return recipient_of(request.user) is None


class RoleRestrictedViewSet(
    StrictQueryParameters,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List and retrieve for the holders of `viewer_roles` (sorn.roles.RoleRequired:
    a staff user's, or a service account's); a write a subclass adds needs one of
    `editor_roles`, held by a staff user; an external recipient's account gets neither
    (`NotAnExternalRecipient`). The list takes the filters it names in
    `list_filters`, read by `filter_list`; every other resource's parameters, and any
    on a detail, are refused (lib/api.py StrictQueryParameters)."""

    permission_classes = [IsAuthenticated, RoleRequired, NotAnExternalRecipient]
    pagination_class = NewestFirstPagination
    lookup_value_regex = RECORD_NUMBER
    http_method_names = ["get", "head", "options"]
    viewer_roles: frozenset = frozenset()
    editor_roles: frozenset = frozenset()
    list_filters: tuple[str, ...] = ()

    def accepted_query_parameters(self) -> set[str]:
        accepted = super().accepted_query_parameters()
        if getattr(self, "action", None) == "list":
            accepted |= set(self.list_filters)
        return accepted

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        given = QueryFilters(self.request)
        queryset = self.filter_list(queryset, given)
        given.check()
        return queryset

    def filter_list(self, queryset, given: QueryFilters):
        return queryset


def moment_parameters(prefix: str, what: str) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            f"{prefix}_{side}",
            OpenApiTypes.DATETIME,
            description=f"{what} at or {side} this moment (ISO 8601; a date alone is its "
            "first moment in the service's time zone).",
        )
        for side in ("after", "before")
    ]


PERSON_PARAMETER = OpenApiParameter(
    "person_id",
    OpenApiTypes.INT,
    description="A customer number (the person's record number).",
)


# Access events -----------------------------------------------------------------------


class AccessEventSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    record_ids = serializers.ListField(
        child=serializers.IntegerField(), help_text="The numbers of the records read."
    )

    class Meta:
        model = AccessEvent
        fields = ["id", "occurred_at", "user_id", "username", "roles", "channel", "model",
                  "record_ids", "fields", "remote_addr", "path", "purpose"]  # fmt: skip

    def get_fields(self):
        found = super().get_fields()
        # Declared here: a serializer's own `fields` attribute is its fields.
        found["fields"] = serializers.ListField(
            child=serializers.CharField(), help_text="The fields let through (names only)."
        )
        return found

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_roles(self, event: AccessEvent) -> list[str]:
        return [role for role in event.roles.split(",") if role]


@extend_schema_view(
    list=extend_schema(
        summary="Reads the gate let through (auditors)",
        parameters=[
            OpenApiParameter("username", OpenApiTypes.STR, description="Who read."),
            OpenApiParameter("channel", OpenApiTypes.STR, enum=AccessChannel.values),
            OpenApiParameter("model", OpenApiTypes.STR, description="app_label.Model"),
            PERSON_PARAMETER,
            *moment_parameters("occurred", "Read"),
        ],
    ),
    retrieve=extend_schema(summary="One read the gate let through (auditors)"),
)
@extend_schema(tags=[TAG])
class AccessEventViewSet(RoleRestrictedViewSet):
    queryset = AccessEvent.objects.all()
    serializer_class = AccessEventSerializer
    viewer_roles = AUDITOR_ROLES
    list_filters = ("username", "channel", "model", "person_id", "occurred_after",
                    "occurred_before")  # fmt: skip

    def filter_list(self, queryset, given: QueryFilters):
        username = given.text("username", AccessEvent._meta.get_field("username").max_length)
        channel = given.choice("channel", AccessChannel.values)
        model = given.text("model", AccessEvent._meta.get_field("model").max_length)
        person_id = given.number("person_id")
        after, before = given.moment("occurred_after"), given.moment("occurred_before")
        if username is not None:
            queryset = queryset.filter(username=username)
        if channel is not None:
            queryset = queryset.filter(channel=channel)
        if model is not None:
            queryset = queryset.filter(model=model)
        if person_id is not None:
            queryset = events_about_person(queryset, person_id)
        if after is not None:
            queryset = queryset.filter(occurred_at__gte=after)
        if before is not None:
            queryset = queryset.filter(occurred_at__lte=before)
        return queryset


# Seals -------------------------------------------------------------------------------


class AuditSealSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditSeal
        # Not the manifest (bytes: a row hash per sealed row); verify_audit reads it.
        fields = ["id", "stream", "sequence", "first_id", "last_id", "row_count",
                  "previous_digest", "digest", "sealed_at"]  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary="Seals over the audit streams (auditors)",
        parameters=[
            OpenApiParameter("stream", OpenApiTypes.STR, enum=[s.name for s in STREAMS]),
        ],
    ),
    retrieve=extend_schema(summary="One seal over an audit stream (auditors)"),
)
@extend_schema(tags=[TAG])
class AuditSealViewSet(RoleRestrictedViewSet):
    queryset = AuditSeal.objects.all()
    serializer_class = AuditSealSerializer
    viewer_roles = AUDITOR_ROLES
    list_filters = ("stream",)

    def filter_list(self, queryset, given: QueryFilters):
        stream = given.choice("stream", [s.name for s in STREAMS])
        return queryset if stream is None else queryset.filter(stream=stream)


# The accounting of disclosures -------------------------------------------------------


class DisclosureSerializer(serializers.ModelSerializer):
    records = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text='The records disclosed: {"app_label.Model": [record numbers]}.',
    )

    class Meta:
        model = DisclosureAccounting
        fields = ["id", "disclosed_at", "person_id", "system", "nature_and_purpose",
                  "routine_use", "recipient_name", "recipient_address", "records",
                  "recorded_by", "law_enforcement", "corrects"]  # fmt: skip
        extra_kwargs = {
            "person_id": {"help_text": "The person's customer number."},
            "law_enforcement": {
                "help_text": "Under 5 U.S.C. 552a(b)(7): withheld from the accounting "
                "given to the person (552a(c)(3))."
            },
        }


@extend_schema_view(
    list=extend_schema(
        summary="The accounting of disclosures (privacy officers, auditors)",
        parameters=[
            PERSON_PARAMETER,
            OpenApiParameter("system", OpenApiTypes.STR, description="A system's slug."),
            OpenApiParameter("recipient_name", OpenApiTypes.STR),
            *moment_parameters("disclosed", "Disclosed"),
        ],
    ),
    retrieve=extend_schema(summary="One disclosure accounted for"),
)
@extend_schema(tags=[TAG])
class DisclosureViewSet(RoleRestrictedViewSet):
    queryset = DisclosureAccounting.objects.all()
    serializer_class = DisclosureSerializer
    viewer_roles = DISCLOSURE_VIEWER_ROLES
    list_filters = ("person_id", "system", "recipient_name", "disclosed_after",
                    "disclosed_before")  # fmt: skip

    def filter_list(self, queryset, given: QueryFilters):
        field = DisclosureAccounting._meta.get_field
        person_id = given.number("person_id")
        system = given.text("system", field("system").max_length)
        recipient = given.text("recipient_name", field("recipient_name").max_length)
        after, before = given.moment("disclosed_after"), given.moment("disclosed_before")
        if person_id is not None:
            queryset = queryset.filter(person_id=person_id)
        if system is not None:
            queryset = queryset.filter(system=system)
        if recipient is not None:
            queryset = queryset.filter(recipient_name=recipient)
        if after is not None:
            queryset = queryset.filter(disclosed_at__gte=after)
        if before is not None:
            queryset = queryset.filter(disclosed_at__lte=before)
        return queryset


def register_audit_resources(router) -> None:
    router.register("access-events", AccessEventViewSet, basename="access-event")
    router.register("audit-seals", AuditSealViewSet, basename="audit-seal")
    router.register("disclosures", DisclosureViewSet, basename="disclosure")
