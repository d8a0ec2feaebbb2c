"""Mailer services staff pages for USPS 820.100 records.

Change lists show clear identifiers, dates and statuses; encrypted values only masked.
Searching a change list matches the blind indexes (names, logon IDs) exactly and the clear
identifiers (application numbers, mailer IDs, permit numbers) as typed.
"""

from django.contrib import admin

from access.admin import RecordAdmin, RecordTabularInline
from mailers.models import (
    ACHRecord,
    ApplicationDecision,
    AuthorizedUser,
    ContractedParty,
    CustomerSignature,
    KeyContact,
    MailerAccount,
    MailerApplication,
    MailerIdentifier,
    MailerLogon,
    MailPractice,
    ProductUsage,
    SecurityAccess,
    SecurityPersonnel,
    TechnicalProfile,
)
from mailers.validators import normalize_mailer_identifier


class FiledRecordAdmin(RecordAdmin):
    """A record filed under a customer (100,000 of them): never a drop-down of people."""

    raw_id_fields = ["person"]
    list_select_related = ["person"]


class ApplicationRecordAdmin(FiledRecordAdmin):
    raw_id_fields = ["person", "application"]
    list_select_related = ["person", "application"]


class DecisionInline(RecordTabularInline):
    model = ApplicationDecision
    extra = 0
    fields = ["decision", "decided_at", "decided_by"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # decisions are made through mailers.workflow.decide_application


@admin.register(MailerApplication)
class MailerApplicationAdmin(FiledRecordAdmin):
    list_display = [
        "application_number",
        "person",
        "product",
        "status",
        "submitted_on",
        "company_name",
        "company_state",
        "industry",
        "payment_method",
        "card_last_four",
    ]
    list_filter = [
        "status",
        "product",
        "industry",
        "company_state",
        "payment_method",
        "referral_method",
    ]
    search_fields = ["=application_number"]
    date_hierarchy = "submitted_on"
    readonly_fields = ["status", "card_last_four"]
    inlines = [DecisionInline]


@admin.register(ApplicationDecision)
class ApplicationDecisionAdmin(FiledRecordAdmin):
    list_display = ["application", "decision", "decided_at", "decided_by"]
    list_filter = ["decision"]
    list_select_related = ["person", "application", "decided_by"]
    raw_id_fields = ["person", "application", "decided_by"]
    search_fields = ["=application__application_number"]
    date_hierarchy = "decided_at"

    # The trail is written by mailers.workflow.decide_application only.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(KeyContact)
class KeyContactAdmin(ApplicationRecordAdmin):
    list_display = [
        "application",
        "role",
        "name",
        "email",
        "phone",
        "added_on",
    ]
    list_filter = ["role"]


@admin.register(MailerIdentifier)
class MailerIdentifierAdmin(ApplicationRecordAdmin):
    list_display = ["kind", "value", "publication_name", "person", "assigned_on"]
    list_filter = ["kind"]
    search_fields = ["publication_name"]

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Identifiers are kept normalised; staff may type them with spaces or hyphens.
        normalized = normalize_mailer_identifier(search_term)
        if normalized:
            results = results | queryset.filter(value=normalized)
        return results, may_have_duplicates


@admin.register(AuthorizedUser)
class AuthorizedUserAdmin(ApplicationRecordAdmin):
    list_display = ["person", "name", "authorized_on", "revoked_on"]


@admin.register(CustomerSignature)
class CustomerSignatureAdmin(ApplicationRecordAdmin):
    list_display = [
        "application",
        "signer_name",
        "ssn_last_four",
        "signed_on",
        "usps_site",
    ]
    list_filter = ["usps_site"]


@admin.register(SecurityPersonnel)
class SecurityPersonnelAdmin(ApplicationRecordAdmin):
    list_display = [
        "application",
        "name",
        "phone",
        "ssn_last_four",
        "signed_on",
    ]


class ContractedPartyInline(RecordTabularInline):
    model = ContractedParty
    extra = 0
    raw_id_fields = ["person"]


@admin.register(MailPractice)
class MailPracticeAdmin(ApplicationRecordAdmin):
    list_display = [
        "person",
        "primary_mailing_type",
        "mailing_frequency",
        "mail_volume",
        "presort_option",
        "automation_compatible",
        "recorded_on",
    ]
    list_filter = [
        "primary_mailing_type",
        "mailing_frequency",
        "presort_option",
        "automation_compatible",
        "uses_contracted_mail_services",
    ]
    inlines = [ContractedPartyInline]


@admin.register(ContractedParty)
class ContractedPartyAdmin(FiledRecordAdmin):
    list_display = ["mail_practice", "kind", "name", "recorded_on"]
    list_filter = ["kind"]
    raw_id_fields = ["person", "mail_practice"]
    list_select_related = ["person", "mail_practice"]


@admin.register(TechnicalProfile)
class TechnicalProfileAdmin(ApplicationRecordAdmin):
    list_display = [
        "person",
        "software_name",
        "software_version",
        "equipment_type",
        "media_preference",
        "recorded_on",
    ]
    list_filter = ["media_preference", "equipment_type"]
    search_fields = ["software_name", "equipment_name"]


@admin.register(ProductUsage)
class ProductUsageAdmin(ApplicationRecordAdmin):
    list_display = [
        "person",
        "product_ordered",
        "quantity_ordered",
        "package_volume",
        "ordered_on",
        "usage_measured_on",
    ]
    list_filter = ["product_ordered"]


class SecurityAccessInline(RecordTabularInline):
    model = SecurityAccess
    extra = 0
    raw_id_fields = ["person"]


@admin.register(MailerAccount)
class MailerAccountAdmin(ApplicationRecordAdmin):
    list_display = ["__str__", "person", "role", "assigned_on", "closed_on"]
    list_filter = ["role"]
    # The password hash is never shown, not even masked.
    exclude = ["password_hash"]
    inlines = [SecurityAccessInline]


@admin.register(MailerLogon)
class MailerLogonAdmin(FiledRecordAdmin):
    list_display = [
        "logged_on_at",
        "account",
        "person",
        "outcome",
        "source_ip",
    ]
    list_filter = ["outcome"]
    raw_id_fields = ["person", "account"]
    list_select_related = ["person", "account"]
    date_hierarchy = "logged_on_at"

    # Logon records are written by the logon itself, never edited.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SecurityAccess)
class SecurityAccessAdmin(FiledRecordAdmin):
    list_display = ["account", "person", "resource", "access_level", "granted_on", "cancelled_on"]
    list_filter = ["resource", "access_level", ("cancelled_on", admin.EmptyFieldListFilter)]
    raw_id_fields = ["person", "account"]
    list_select_related = ["person", "account"]
    date_hierarchy = "granted_on"


@admin.register(ACHRecord)
class ACHRecordAdmin(ApplicationRecordAdmin):
    list_display = [
        "person",
        "kind",
        "account_number",
        "account_type",
        "amount",
        "recorded_on",
    ]
    list_filter = ["kind", "account_type"]
    date_hierarchy = "recorded_on"
