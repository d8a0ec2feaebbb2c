from django.contrib import admin

from customers.models import (
    Address,
    Credential,
    Person,
    PhoneNumber,
    PreferenceChange,
    Preferences,
    ProgramParticipation,
    SystemRelationship,
)
from lib.admin import RecordAdmin, RecordStackedInline, RecordTabularInline


class AddressInline(RecordStackedInline):
    model = Address
    extra = 0
    exclude = ["address_index"]


class PhoneInline(RecordTabularInline):
    model = PhoneNumber
    extra = 0
    exclude = ["number_index"]


class RelationshipInline(RecordTabularInline):
    model = SystemRelationship
    extra = 0


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    list_display = [
        "customer_id",
        "family_name",
        "email",
        "created_at",
    ]
    search_fields = ["customer_id"]
    search_help_text = (
        "Exact customer ID, name, e-mail or company name (names and e-mail are matched "
        "whole, ignoring case and accents)."
    )
    list_filter = ["relationships__system", "relationships__status"]
    inlines = [AddressInline, PhoneInline, RelationshipInline]


@admin.register(Address)
class AddressAdmin(RecordAdmin):
    list_display = ["person", "kind", "state", "postal_code"]
    list_filter = ["kind", "state"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(PhoneNumber)
class PhoneNumberAdmin(RecordAdmin):
    list_display = ["person", "kind", "number"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Credential)
class CredentialAdmin(RecordAdmin):
    list_display = ["person", "system", "verification_question"]
    list_filter = ["system"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]
    # Hashes are never shown, not even masked.
    exclude = ["password_hash", "verification_answer_hash"]


@admin.register(SystemRelationship)
class SystemRelationshipAdmin(RecordAdmin):
    list_display = ["person", "system", "system_customer_id", "status", "started_on", "ended_on"]
    list_filter = ["system", "status"]
    search_fields = ["system_customer_id"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]
    date_hierarchy = "ended_on"


@admin.register(ProgramParticipation)
class ProgramParticipationAdmin(RecordAdmin):
    list_display = ["person", "system", "program", "started_on", "ceased_on"]
    list_filter = ["system", "program"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Preferences)
class PreferencesAdmin(RecordAdmin):
    list_display = ["person", "system", "usps_marketing", "partner_marketing", "updated_at"]
    list_filter = ["system", "usps_marketing", "partner_marketing", "web_measurement_opt_in"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(PreferenceChange)
class PreferenceChangeAdmin(RecordAdmin):
    list_display = [
        "person",
        "system",
        "preference",
        "old_value",
        "new_value",
        "changed_at",
        "channel",
    ]
    list_filter = ["system", "preference", "channel"]
    list_select_related = ["person"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # history is written by customers.services.set_preference only

    def has_add_permission(self, request) -> bool:
        return False
