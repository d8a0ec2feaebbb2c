"""The catalogue in the admin: read-only, because the reviewable source in sorn/catalogue/
is the one place a notice's text is changed (then `load_catalogue` stores a revision)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sorn.constants import Role
from sorn.models import (
    NoticeRevision,
    RecordCategory,
    RetentionRule,
    SystemOfRecords,
)
from sorn.periods import retention_in_words
from sorn.roles import holds_role


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# Who reads the stored revisions in the admin besides holders of Django's view permission:
# the officers who approve or question a retention change, and the auditors.
CATALOGUE_READERS = frozenset({Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER, Role.AUDITOR})


def reads_catalogue(request) -> bool:
    return holds_role(request.user, CATALOGUE_READERS)


class CatalogueReaderMixin:
    def has_module_permission(self, request) -> bool:
        return super().has_module_permission(request) or reads_catalogue(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) or reads_catalogue(request)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RecordCategoryInline(CatalogueReaderMixin, ReadOnlyInline):
    model = RecordCategory
    fields = ["number", "key", "name", "description"]


@admin.display(description="kept")
def kept(rule: RetentionRule) -> str:
    """The period in words beside its ISO 8601 value (sorn.periods.retention_in_words)."""
    return retention_in_words(rule.period, rule.anchor)


class RetentionRuleInline(CatalogueReaderMixin, ReadOnlyInline):
    model = RetentionRule
    fields = ["key", "applies_to", kept, "period", "source_text"]
    readonly_fields = fields


@admin.register(SystemOfRecords)
class SystemOfRecordsAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "current_revision"]
    search_fields = ["number", "name"]


@admin.register(NoticeRevision)
class NoticeRevisionAdmin(CatalogueReaderMixin, ReadOnlyAdmin):
    """A revision that would destroy records sooner than the one before it governs
    retention only once a records officer approves it (issue 6; the approval screen is
    retention.views.approve_retention_change_view)."""

    list_display = [
        "system", "number", "loaded_at", "retention_approval_required", "retention_state",
        "content_digest",
    ]  # fmt: skip
    list_filter = ["system", "retention_approval_required"]
    list_select_related = ["system", "retention_approved_by"]
    exclude = ["document"]
    readonly_fields = [
        "system", "number", "loaded_at", "content_digest", "retention_approval_required",
        "retention_change_list", "retention_approved_by", "retention_approved_at",
        "retention_state",
    ]  # fmt: skip
    inlines = [RecordCategoryInline, RetentionRuleInline]

    @admin.display(description="retention changes")
    def retention_change_list(self, revision: NoticeRevision) -> str:
        if not revision.retention_changes:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((c,) for c in revision.retention_changes)),
        )

    @admin.display(description="retention rules")
    def retention_state(self, revision: NoticeRevision) -> str:
        if not revision.retention_approval_required:
            return "In effect (no shorter period)"
        if revision.retention_approved_at is not None:
            return f"Approved by {revision.retention_approved_by} on " + (
                f"{revision.retention_approved_at:%Y-%m-%d}"
            )
        url = reverse("admin:sorn_noticerevision_approve_retention", args=[revision.pk])
        return format_html('Awaiting a records officer\'s approval (<a href="{}">review</a>)', url)


@admin.register(RetentionRule)
class RetentionRuleAdmin(ReadOnlyAdmin):
    list_display = ["key", "revision", kept, "period", "source_text"]
    list_filter = ["revision__system", "anchor"]
