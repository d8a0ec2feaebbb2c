"""Audit records in the admin: auditors (and only they) browse, filter and export them;
nobody changes or deletes them."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.http import HttpResponse

from audit.models import AccessEvent, AuditSeal, DisclosureAccounting, ExternalRecipient
from audit.services import events_about_person, events_about_record
from sorn.constants import Role
from sorn.policy import roles_of


class AuditorOnlyAdmin(admin.ModelAdmin):
    list_per_page = 100
    show_full_result_count = False

    def _is_auditor(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and Role.AUDITOR in roles_of(user)

    def has_module_permission(self, request) -> bool:
        return self._is_auditor(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._is_auditor(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.action(description="Export selected as CSV")
def export_events(modeladmin, request, queryset) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-events.csv"'
    writer = csv.writer(response)
    columns = [
        "id", "occurred_at", "username", "roles", "channel", "model", "record_ids", "fields",
        "remote_addr", "path", "purpose",
    ]  # fmt: skip
    writer.writerow(columns)
    for event in queryset.order_by("id"):
        writer.writerow([getattr(event, name) for name in columns])
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


@admin.register(AuditSeal)
class AuditSealAdmin(AuditorOnlyAdmin):
    list_display = ["sequence", "first_id", "last_id", "row_count", "sealed_at", "digest"]
    exclude = ["manifest"]
    readonly_fields = [f.name for f in AuditSeal._meta.fields if f.name != "manifest"]


class PrivacyOfficerAdmin(admin.ModelAdmin):
    """Disclosure accounting is the privacy officer's (and the auditor's to review)."""

    def _allowed(self, request) -> bool:
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and bool({Role.PRIVACY_OFFICER, Role.AUDITOR} & roles_of(user))
        )

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request) and Role.PRIVACY_OFFICER in roles_of(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DisclosureAccounting)
class DisclosureAccountingAdmin(PrivacyOfficerAdmin):
    list_display = ["disclosed_at", "person_id", "system", "recipient_name", "routine_use"]
    list_filter = ["system", "recipient_name", "routine_use"]
    search_fields = ["=person_id", "recipient_name"]
    date_hierarchy = "disclosed_at"
    fields = [
        "disclosed_at", "person_id", "system", "nature_and_purpose", "routine_use",
        "recipient_name", "recipient_address", "records", "recorded_by",
    ]  # fmt: skip

    def save_model(self, request, obj, form, change) -> None:
        obj.recorded_by = request.user.username
        super().save_model(request, obj, form, change)


@admin.register(ExternalRecipient)
class ExternalRecipientAdmin(PrivacyOfficerAdmin):
    list_display = ["name", "user", "routine_use"]
    raw_id_fields = ["user"]

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request) and Role.PRIVACY_OFFICER in roles_of(request.user)
