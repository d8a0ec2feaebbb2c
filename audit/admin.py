"""Audit records in the admin: auditors (and only they) browse, filter and export them;
nobody changes or deletes them."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpResponse

from audit.constants import AUDITOR_ROLES, DISCLOSURE_EDITOR_ROLES, DISCLOSURE_VIEWER_ROLES
from audit.models import (
    AccessEvent,
    AuditSeal,
    AuditTombstone,
    ChangeEntry,
    ExternalRecipient,
)
from audit.services import events_about_person, events_about_record
from lib.spreadsheet import write_csv
from sorn.constants import RetentionAnchor
from sorn.periods import retention_in_words
from sorn.roles import holds_role


class RoleRestrictedAdmin(admin.ModelAdmin):
    """An audit model in the admin: staff holding one of `viewer_roles` see it, those
    holding one of `editor_roles` add to it (and change it where `changeable`); nobody
    deletes an audit record."""

    viewer_roles: frozenset = frozenset()
    editor_roles: frozenset = frozenset()
    changeable = False
    list_per_page = 100
    show_full_result_count = False

    def _holds(self, request, roles: frozenset) -> bool:
        return holds_role(request.user, roles)

    def has_module_permission(self, request) -> bool:
        return self._holds(request, self.viewer_roles)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._holds(request, self.viewer_roles)

    def has_add_permission(self, request) -> bool:
        return self._holds(request, self.editor_roles)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.changeable and self._holds(request, self.editor_roles)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditorOnlyAdmin(RoleRestrictedAdmin):
    viewer_roles = AUDITOR_ROLES


@admin.action(description="Export selected as CSV")
def export_events(modeladmin, request, queryset) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-events.csv"'
    columns = [
        "id", "occurred_at", "username", "roles", "channel", "model", "record_ids", "fields",
        "remote_addr", "path", "purpose",
    ]  # fmt: skip
    # Purpose, path and user name are typed by users: formulas are neutralised (OWASP).
    rows = ([getattr(event, name) for name in columns] for event in queryset.order_by("id"))
    write_csv(response, columns, rows)
    return response


@admin.register(AccessEvent)
class AccessEventAdmin(AuditorOnlyAdmin):
    list_display = [
        "occurred_at",
        "username",
        "roles",
        "channel",
        "model",
        "records",
        "remote_addr",
    ]
    list_filter = ["channel", "model", "roles"]
    search_fields = ["=username", "=model", "=path"]
    search_help_text = (
        "A user name, a model (customers.Person) or a path; person:<customer #> for every "
        "read of a person's records; record:<app.Model>:<id> for every read of one record."
    )

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if term.startswith("person:") and term[7:].isdigit():
            return events_about_person(queryset, int(term[7:])), False
        parts = term.split(":")
        if len(parts) == 3 and parts[0] == "record" and parts[2].isdigit():
            return events_about_record(queryset, parts[1], int(parts[2])), False
        return super().get_search_results(request, queryset, search_term)

    date_hierarchy = "occurred_at"
    actions = [export_events]
    readonly_fields = [f.name for f in AccessEvent._meta.fields]

    @admin.display(description="records")
    def records(self, event: AccessEvent) -> int:
        return len(event.record_ids)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


# django-auditlog registers its own admin for the change log, open to any superuser and
# showing each entry's stored changes; the auditors' own replaces it. It shows who
# changed which record, when and how, never the values: the changes are sealed under
# the record's key, and reading them is reading the record, which the access layer
# gates field by field (a gated reading of them is not built yet).
if admin.site.is_registered(ChangeEntry):
    admin.site.unregister(ChangeEntry)


@admin.register(ChangeEntry)
class ChangeEntryAdmin(AuditorOnlyAdmin):
    list_display = ["timestamp", "action", "content_type", "object_pk", "actor", "remote_addr"]
    list_filter = ["action", "content_type"]
    fields = readonly_fields = [
        "timestamp", "action", "content_type", "object_pk", "object_repr", "actor",
        "remote_addr", "changed_fields",
    ]  # fmt: skip

    @admin.display(description="changed fields")
    def changed_fields(self, entry) -> str:
        changes = entry.changes or {}
        return "sealed with the record" if "sealed" in changes else ", ".join(sorted(changes))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(AuditSeal)
class AuditSealAdmin(AuditorOnlyAdmin):
    list_display = ["sequence", "first_id", "last_id", "row_count", "sealed_at", "digest"]
    exclude = ["manifest"]
    readonly_fields = [f.name for f in AuditSeal._meta.fields if f.name != "manifest"]


@admin.register(AuditTombstone)
class AuditTombstoneAdmin(AuditorOnlyAdmin):
    """Where the audit retention rule purged a stream's oldest seals (audit.retention)."""

    list_display = [
        "stream", "first_sequence", "last_sequence", "first_id", "last_id", "row_count",
        "rule_key", "as_of", "purged_at",
    ]  # fmt: skip
    list_filter = ["stream", "rule_key"]
    readonly_fields = [*(f.name for f in AuditTombstone._meta.fields), "kept"]

    @admin.display(description="kept")
    def kept(self, tombstone: AuditTombstone) -> str:
        # The audit's rule counts from each row's own date (sorn/catalogue/audit_records.py).
        return retention_in_words(tombstone.rule_period, RetentionAnchor.CREATED)


class PrivacyOfficerAdmin(RoleRestrictedAdmin):
    """Disclosure accounting is the privacy officer's (and the auditor's to review)."""

    viewer_roles = DISCLOSURE_VIEWER_ROLES
    editor_roles = DISCLOSURE_EDITOR_ROLES


# Registered by the access layer (access/disclosures_admin.py), whose add page finds the
# person through the gate's search.
class DisclosureAccountingAdmin(PrivacyOfficerAdmin):
    list_display = ["disclosed_at", "person_id", "system", "recipient_name", "routine_use"]
    list_filter = ["system", "recipient_name", "routine_use"]
    search_fields = ["=person_id", "recipient_name"]
    date_hierarchy = "disclosed_at"
    fields = [
        "disclosed_at", "person_id", "system", "nature_and_purpose", "routine_use",
        "recipient_name", "recipient_address", "records", "recorded_by",
    ]  # fmt: skip


@admin.register(ExternalRecipient)
class ExternalRecipientAdmin(PrivacyOfficerAdmin):
    list_display = ["name", "user", "routine_use"]
    raw_id_fields = ["user"]
    changeable = True
