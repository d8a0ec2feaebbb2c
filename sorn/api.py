"""The catalogue over the API: public and read-only (`/api/v1/systems/`)."""

from __future__ import annotations

from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from lib.api import StrictQueryParameters
from sorn.models import RecordCategory, RetentionRule, SystemOfRecords
from sorn.periods import describe_period


class PurposeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()


class RecordCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = RecordCategory
        fields = ["key", "number", "name", "description"]


class RecordKindSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField(help_text="Key of the record category it belongs to.")


class RetrievalPathSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    identifiers = serializers.ListField(child=serializers.CharField())


class RoutineUsesSerializer(serializers.Serializer):
    text = serializers.CharField()
    standard = serializers.ListField(child=serializers.IntegerField())
    specific = serializers.ListField(child=serializers.CharField())


class RetentionRuleSerializer(serializers.ModelSerializer):
    applies_to = serializers.ListField(child=serializers.CharField())
    period = serializers.CharField(
        allow_null=True, help_text="ISO 8601 duration; null where the notice gives none."
    )
    period_description = serializers.SerializerMethodField()
    has_disposition_authority = serializers.BooleanField(read_only=True)

    class Meta:
        model = RetentionRule
        fields = [
            "key",
            "applies_to",
            "period",
            "period_description",
            "anchor",
            "has_disposition_authority",
            "source_text",
        ]

    def get_period_description(self, rule: RetentionRule) -> str:
        return describe_period(rule.period)


class SystemSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:system-detail", lookup_field="slug")
    revision = serializers.IntegerField(source="current_revision.number")

    class Meta:
        model = SystemOfRecords
        fields = ["slug", "number", "name", "revision", "url"]


def _section(field_class, name: str, **kwargs):
    """A field read from the current revision's stored document."""
    return field_class(source=f"current_revision.document.{name}", read_only=True, **kwargs)


def _text(name: str):
    return _section(serializers.CharField, name, allow_blank=True)


def _paragraphs(name: str):
    return _section(serializers.ListField, name, child=serializers.CharField())


class SystemDetailSerializer(SystemSummarySerializer):
    """The current revision of one notice, every section."""

    revision_loaded_at = serializers.DateTimeField(source="current_revision.loaded_at")
    agency = _text("agency")
    security_classification = _text("security_classification")
    system_location = _text("system_location")
    system_managers = _paragraphs("system_managers")
    authority = _text("authority")
    purposes = PurposeSerializer(source="current_revision.document.purposes", many=True)
    categories_of_individuals = _paragraphs("categories_of_individuals")
    record_categories = RecordCategorySerializer(
        source="current_revision.record_categories", many=True
    )
    record_kinds = RecordKindSerializer(source="current_revision.document.record_kinds", many=True)
    record_source_categories = _text("record_source_categories")
    routine_uses = RoutineUsesSerializer(source="current_revision.document.routine_uses")
    storage = _text("storage")
    retrievability = RetrievalPathSerializer(
        source="current_revision.document.retrievability", many=True
    )
    safeguards = _paragraphs("safeguards")
    retention_rules = RetentionRuleSerializer(source="current_revision.retention_rules", many=True)
    disposal = _text("disposal")
    notification_procedure = _text("notification_procedure")
    record_access_procedure = _text("record_access_procedure")
    contesting_procedure = _text("contesting_procedure")
    exemptions = _text("exemptions")
    history = _paragraphs("history")
    editorial_notes = _paragraphs("editorial_notes")

    class Meta(SystemSummarySerializer.Meta):
        fields = [
            *SystemSummarySerializer.Meta.fields,
            "revision_loaded_at",
            "agency",
            "security_classification",
            "system_location",
            "system_managers",
            "authority",
            "purposes",
            "categories_of_individuals",
            "record_categories",
            "record_kinds",
            "record_source_categories",
            "routine_uses",
            "storage",
            "retrievability",
            "safeguards",
            "retention_rules",
            "disposal",
            "notification_procedure",
            "record_access_procedure",
            "contesting_procedure",
            "exemptions",
            "history",
            "editorial_notes",
        ]


class SystemOfRecordsViewSet(StrictQueryParameters, viewsets.ReadOnlyModelViewSet):
    """The published systems-of-records notices, as the catalogue holds them today.

    Public: a notice is published in the Federal Register for anyone to read. It takes no
    query parameters but `format` (others are refused, lib/api.py).
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return SystemOfRecords.objects.filter(current_revision__isnull=False).select_related(
            "current_revision"
        )

    def get_serializer_class(self):
        return SystemDetailSerializer if self.action == "retrieve" else SystemSummarySerializer
