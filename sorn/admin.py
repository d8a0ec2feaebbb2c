"""The catalogue in the admin: read-only, because the reviewable source in sorn/catalogue/
is the one place a notice's text is changed (then `load_catalogue` stores a revision)."""

from django.contrib import admin

from sorn.models import (
    NoticeRevision,
    PolicyGrant,
    RecordCategory,
    RetentionRule,
    SystemOfRecords,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RecordCategoryInline(ReadOnlyInline):
    model = RecordCategory
    fields = ["number", "key", "name", "description"]


class RetentionRuleInline(ReadOnlyInline):
    model = RetentionRule
    fields = ["key", "applies_to", "period", "anchor", "source_text"]


@admin.register(SystemOfRecords)
class SystemOfRecordsAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "current_revision"]
    search_fields = ["number", "name"]


@admin.register(NoticeRevision)
class NoticeRevisionAdmin(ReadOnlyAdmin):
    list_display = ["system", "number", "loaded_at", "content_digest"]
    list_filter = ["system"]
    exclude = ["document"]
    readonly_fields = ["system", "number", "loaded_at", "content_digest"]
    inlines = [RecordCategoryInline, RetentionRuleInline]


@admin.register(RetentionRule)
class RetentionRuleAdmin(ReadOnlyAdmin):
    list_display = ["key", "revision", "period", "anchor", "source_text"]
    list_filter = ["revision__system", "anchor"]


@admin.register(PolicyGrant)
class PolicyGrantAdmin(ReadOnlyAdmin):
    """The role policy, read-only: it is changed in sorn/policy.py, reviewed like code."""

    list_display = ["data_class", "role", "access", "reason"]
    list_filter = ["role", "access", "data_class"]
    search_fields = ["data_class", "role"]
    readonly_fields = ["data_class", "role", "access", "scope", "reason"]
    exclude = ["position"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff
